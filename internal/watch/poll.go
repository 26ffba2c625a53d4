package watch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// poller is the source of changes that lists the tree at an interval and
// compares it with the previous listing. It serves network drives, where
// inotify sees only changes made by the machine itself.
type poller struct {
	root    string // absolute
	scope   scope
	warn    func(string)
	snap    map[string]entry // the previous listing, by slash path
	failing bool             // the previous listing failed, and was warned about
}

// entry is what a listing keeps of a path. A directory counts as changed only
// when it appears or goes: its modification time moves whenever an entry is
// added or removed, and those entries are reported themselves.
type entry struct {
	dir  bool
	size int64
	mod  time.Time
}

func (e entry) same(o entry) bool {
	return e.dir == o.dir && e.size == o.size && e.mod.Equal(o.mod)
}

func newPoller(root string, sc scope, warn func(string)) (*poller, error) {
	p := &poller{root: root, scope: sc, warn: warn}
	snap, err := p.scan()
	if err != nil {
		return nil, err
	}
	p.snap = snap
	return p, nil
}

// run polls until done is closed. Each listing is one batch: the interval
// already spaces changes out, so there is no debounce beyond it.
func (p *poller) run(done <-chan struct{}, batches chan<- Batch, interval time.Duration) {
	b := newBatcher(0, nil)
	defer b.stop()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		out, batch := b.out(batches)
		select {
		case <-done:
			return
		case <-tick.C:
			p.poll(b)
		case <-b.timer.C:
			b.fire()
		case out <- batch:
			b.sent()
		}
	}
}

// poll lists the tree and records what differs from the previous listing.
func (p *poller) poll(b *batcher) {
	cur, err := p.scan()
	if err != nil {
		// A network drive may be away for a while; one warning per outage
		// is enough, and the old listing stays so nothing is reported as
		// removed meanwhile.
		if !p.failing {
			p.failing = true
			p.warn(fmt.Sprintf("无法读取站点目录，修改将不会触发重建：%v", err))
		}
		return
	}
	p.failing = false
	for rel, e := range cur {
		if old, ok := p.snap[rel]; !ok || !old.same(e) {
			b.add(rel)
		}
	}
	for rel := range p.snap {
		if _, ok := cur[rel]; !ok {
			b.add(rel)
		}
	}
	p.snap = cur
}

// scan lists the files at the root and everything in the tree, under the
// same rules as the notifier.
func (p *poller) scan() (map[string]entry, error) {
	entries, err := os.ReadDir(p.root)
	if err != nil {
		return nil, fmt.Errorf("读取站点目录：%w", err)
	}
	snap := map[string]entry{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case ignored(name):
		case p.scope.dirs[name]:
			p.walk(name, snap)
		case !e.IsDir():
			record(snap, name, e)
		}
	}
	return snap, nil
}

// walk adds rel and everything under it to snap.
func (p *poller) walk(rel string, snap map[string]entry) {
	_ = filepath.WalkDir(filepath.Join(p.root, rel), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// Gone or unreadable: what cannot be listed counts as absent.
			return nil
		}
		r, err := filepath.Rel(p.root, path)
		if err != nil {
			return nil
		}
		r = filepath.ToSlash(r)
		if ignored(r) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		record(snap, r, d)
		return nil
	})
}

func record(snap map[string]entry, rel string, d fs.DirEntry) {
	if d.IsDir() {
		snap[rel] = entry{dir: true}
		return
	}
	info, err := d.Info()
	if err != nil {
		return // removed since it was listed
	}
	snap[rel] = entry{size: info.Size(), mod: info.ModTime()}
}
