package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// limitWarning tells the user how to raise the inotify watch limit, the usual
// reason a watch cannot be added on Linux.
const limitWarning = "inotify 监视数已达上限，部分目录的修改将不会触发重建：请运行 sudo sysctl fs.inotify.max_user_watches=524288"

// notifier is the source of changes that uses the operating system's
// notifications through fsnotify.
//
// fsnotify watches one directory at a time, so the notifier watches every
// directory of the tree itself and keeps the set right as directories come
// and go. All of its state belongs to the goroutine running run, except
// during newNotifier, before that goroutine starts.
type notifier struct {
	root  string // absolute
	scope scope
	warn  func(string)
	fsw   *fsnotify.Watcher

	watched     map[string]bool // directories of the tree with a watch, by slash path
	rootDirs    map[string]bool // directories at the root outside the tree
	limitWarned bool

	// overflow carries ErrEventOverflow from the goroutine that drains
	// fsw.Errors; one pending signal is as good as many.
	overflow chan struct{}
	// errsDone is closed when that goroutine has ended.
	errsDone chan struct{}
}

func newNotifier(root string, sc scope, warn func(string)) (*notifier, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) {
			return nil, fmt.Errorf("启动文件监视：%w（inotify 实例数已达上限：请运行 sudo sysctl fs.inotify.max_user_instances=1024，或改用轮询）", err)
		}
		return nil, fmt.Errorf("启动文件监视：%w", err)
	}
	n := &notifier{
		root:     root,
		scope:    sc,
		warn:     warn,
		fsw:      fsw,
		watched:  map[string]bool{},
		rootDirs: map[string]bool{},
		overflow: make(chan struct{}, 1),
		errsDone: make(chan struct{}),
	}
	// fsnotify reports errors on an unbuffered channel and, in places, while
	// holding the lock that Add and Remove take. Draining it in a goroutine
	// of its own, which never waits for the loop, means the loop can never
	// deadlock against fsnotify.
	go n.drainErrors()

	if err := fsw.Add(root); err != nil && !errors.Is(err, syscall.ENOSPC) {
		n.close()
		return nil, fmt.Errorf("监视站点目录：%w", err)
	} else if err != nil {
		n.failed(".", err)
	}
	// The root is watched before it is read, so a directory made meanwhile
	// is either read here or reported by the watch.
	if err := n.scanRoot(); err != nil {
		n.close()
		return nil, err
	}
	return n, nil
}

func (n *notifier) drainErrors() {
	defer close(n.errsDone)
	for err := range n.fsw.Errors {
		if errors.Is(err, fsnotify.ErrEventOverflow) {
			select {
			case n.overflow <- struct{}{}:
			default:
			}
			continue
		}
		n.warn(fmt.Sprintf("文件监视出错，部分修改可能不会触发重建：%v", err))
	}
}

// close releases fsnotify and waits for drainErrors, which ends when fsnotify
// closes its Errors channel.
func (n *notifier) close() error {
	err := n.fsw.Close()
	<-n.errsDone
	if err != nil {
		return fmt.Errorf("关闭文件监视：%w", err)
	}
	return nil
}

// run turns notifications into batches until done is closed.
func (n *notifier) run(done <-chan struct{}, batches chan<- Batch, debounce time.Duration) error {
	b := newBatcher(debounce, func(rel string) (stamp, bool) {
		st, err := os.Lstat(n.abs(rel))
		if err != nil {
			return stamp{}, false
		}
		return stamp{size: st.Size(), modTime: st.ModTime(), regular: st.Mode().IsRegular()}, true
	})
	defer b.stop()
	for {
		out, batch := b.out(batches)
		select {
		case <-done:
			return n.close()
		case ev := <-n.fsw.Events:
			// Events is closed only by n.close, so every value is an event.
			n.handle(ev, b)
		case <-n.overflow:
			// The kernel dropped events, among them perhaps the creation or
			// renaming of directories, so the watches are rebuilt from the
			// tree as it is now; the batch asks for a full rebuild anyway.
			n.resync()
			b.lose()
		case <-b.timer.C:
			b.fire()
		case out <- batch:
			b.sent()
		}
	}
}

// handle records one notification and keeps the watches in step with it.
func (n *notifier) handle(ev fsnotify.Event, b *batcher) {
	if ev.Name == n.root && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		n.warn("站点目录已被移动或删除，之后的修改将不会触发重建：请重新运行 gongkai serve")
		return
	}
	rel, ok := n.rel(ev.Name)
	// A pure Chmod changes no content: editors, backup tools and indexers
	// touch attributes all the time, and Linux sends one before a Remove.
	if !ok || ev.Op&^fsnotify.Chmod == 0 || ignored(rel) {
		return
	}
	if !n.scope.tree(rel) {
		// Only the root's watch reports paths outside the tree.
		n.handleRoot(rel, ev, b)
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// On Linux a watch follows its directory, not its path: after
		// content/2023 becomes content/2024, the watches of its
		// subdirectories would go on reporting under content/2023/…, and
		// fsnotify would hand back those stale watches when the new paths
		// are added. So they are dropped here, before the Create of the new
		// name, which the kernel always queues after this Rename, adds them
		// again under the right paths.
		n.unwatch(rel)
		b.add(rel)
	}
	if ev.Has(fsnotify.Create) {
		b.add(rel)
		// A directory found already watched was reached by the walk of a
		// parent created just before it, and is complete.
		if n.isDir(rel) && !n.watched[rel] {
			n.watchTree(rel, b.add)
		}
	}
	if ev.Has(fsnotify.Write) {
		b.add(rel)
	}
}

// handleRoot records a change to an entry of the root outside the tree.
// Files there, like site.toml, are part of the site; directories are not,
// and are tracked only so that their renaming and removal, which leave
// nothing to look at, are not taken for changes to files. That matters for
// an output directory other than public, which a build renames on every run.
func (n *notifier) handleRoot(rel string, ev fsnotify.Event, b *batcher) {
	if strings.Contains(rel, "/") {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if n.rootDirs[rel] {
			delete(n.rootDirs, rel)
		} else {
			b.add(rel)
		}
	}
	if ev.Has(fsnotify.Create) {
		if n.isDir(rel) {
			n.rootDirs[rel] = true
		} else {
			b.add(rel)
		}
	}
	if ev.Has(fsnotify.Write) {
		b.add(rel)
	}
}

// scanRoot reads the root: it watches the trees that exist and remembers the
// other directories.
func (n *notifier) scanRoot() error {
	entries, err := os.ReadDir(n.root)
	if err != nil {
		return fmt.Errorf("读取站点目录：%w", err)
	}
	clear(n.rootDirs)
	for _, e := range entries {
		name := e.Name()
		switch {
		case ignored(name):
		case n.scope.dirs[name]:
			n.watchTree(name, nil)
		case e.IsDir():
			n.rootDirs[name] = true
		}
	}
	return nil
}

// watchTree watches every directory under rel, which is in the tree. When
// report is not nil it is also given every file and directory found below
// rel: they were made before their directory's watch existed, as with
// "mkdir -p content/2024/x && cp … content/2024/x/", and no event will ever
// tell of them.
func (n *notifier) watchTree(rel string, report func(string)) {
	start := n.abs(rel)
	// WalkDir calls the function for a directory before reading it, so the
	// watch is in place first: an entry made meanwhile is either read or
	// reported by the watch, and perhaps both.
	_ = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		r, ok := n.rel(p)
		if !ok {
			return nil
		}
		if err != nil {
			// A directory removed during the walk is reported by its parent.
			if !errors.Is(err, fs.ErrNotExist) {
				n.warn(fmt.Sprintf("无法读取 %s，其中的修改将不会触发重建：%v", r, err))
			}
			return nil
		}
		if ignored(r) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if report != nil && p != start {
			report(r)
		}
		if d.IsDir() && !n.watched[r] {
			n.add(r)
		}
		return nil
	})
}

// add watches the directory rel.
func (n *notifier) add(rel string) {
	if err := n.fsw.Add(n.abs(rel)); err != nil {
		n.failed(rel, err)
		return
	}
	n.watched[rel] = true
}

// failed reports a watch on rel that could not be added, and goes on: the
// rest of the tree is still worth watching.
func (n *notifier) failed(rel string, err error) {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		// Once the limit is reached every further directory fails the same
		// way; one warning says it all.
		if !n.limitWarned {
			n.limitWarned = true
			n.warn(limitWarning)
		}
	case errors.Is(err, fs.ErrNotExist):
		// The directory went again before it could be watched; its parent
		// reports the removal.
	default:
		n.warn(fmt.Sprintf("无法监视目录 %s，其中的修改将不会触发重建：%v", rel, err))
	}
}

// unwatch drops the watches of rel and of every directory under it.
func (n *notifier) unwatch(rel string) {
	prefix := rel + "/"
	for p := range n.watched {
		if p == rel || strings.HasPrefix(p, prefix) {
			// The error is of no interest: the kernel drops the watch of a
			// removed directory by itself, and fsnotify that of a renamed
			// one it was asked to watch.
			_ = n.fsw.Remove(n.abs(p))
			delete(n.watched, p)
		}
	}
}

// resync drops every watch but the root's and watches the tree afresh.
func (n *notifier) resync() {
	for p := range n.watched {
		_ = n.fsw.Remove(n.abs(p))
	}
	clear(n.watched)
	if err := n.scanRoot(); err != nil {
		n.warn(fmt.Sprintf("无法重新读取站点目录，修改可能不会触发重建：%v", err))
	}
}

func (n *notifier) isDir(rel string) bool {
	st, err := os.Lstat(n.abs(rel))
	return err == nil && st.IsDir()
}

func (n *notifier) abs(rel string) string { return filepath.Join(n.root, filepath.FromSlash(rel)) }

// rel turns a path from fsnotify into a slash path relative to the root; it
// reports false for the root itself and for paths outside it.
func (n *notifier) rel(name string) (string, bool) {
	r, err := filepath.Rel(n.root, name)
	if err != nil || r == "." || !filepath.IsLocal(r) {
		return "", false
	}
	return filepath.ToSlash(r), true
}
