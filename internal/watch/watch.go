// Package watch reports changes to a site's source tree, in batches.
//
// A Watcher watches the site's root directory (for site.toml and other files
// beside it) and a few directories under it, such as content, layouts and
// static, with everything inside them. Changes are collected until the tree
// has been quiet for a few milliseconds (and a file an editor is saving by
// rename is back), then sent as one Batch, so that saving twenty files
// costs one rebuild rather than twenty, and a rebuild starts as soon as a
// save is complete.
//
// Two sources of changes are offered. The default uses the operating system's
// notifications (inotify on Linux) through fsnotify; as those do not cover
// subdirectories, the watcher walks the tree, watches every directory, and
// keeps the set of watches right as directories are created, renamed and
// removed. The other polls: it lists the tree at a fixed interval and compares
// sizes and modification times, for network drives where no notifications
// arrive.
//
// Both sources skip what a build never reads or writes itself: editor
// temporary files, hidden files and directories (such as .git), node_modules,
// and the output directory public at the root.
package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Batch is the changes of one quiet period.
type Batch struct {
	// Paths are slash-separated, relative to the root, sorted and unique:
	// the files and directories that were created, written, removed or
	// renamed. A directory that was renamed or removed may stand for
	// everything that was inside it.
	Paths []string
	// Overflow means events were lost: rebuild everything.
	Overflow bool
}

// Options are the choices of one Watcher.
type Options struct {
	// Dirs are the directories under the root to watch recursively, such
	// as {"content", "layouts", "static"}. Each is a single name directly
	// under the root, and need not exist yet. The root itself is always
	// watched, without its subdirectories, for site.toml.
	Dirs []string
	// Poll polls instead of using inotify, for network drives where inotify
	// delivers nothing.
	Poll bool
	// PollInterval is how often to poll; the default is 500ms.
	PollInterval time.Duration
	// Debounce is the quiet period before a batch is sent; the default is
	// 4ms: one save's events come within a millisecond, and a
	// rebuild should follow the save, not a fixed wait. A path that is
	// missing (mid-way through a save by rename) holds the batch up to
	// 50ms more. Polling ignores it: the interval already spaces changes
	// out.
	Debounce time.Duration
}

const (
	defaultPollInterval = 500 * time.Millisecond
	defaultDebounce     = 4 * time.Millisecond
	// warningBuffer is how many warnings wait for a reader before more are
	// dropped; a few are enough to tell the user what is wrong.
	warningBuffer = 16
)

// Watcher reports changes under one root directory.
type Watcher struct {
	batches  chan Batch
	warnings chan string
	done     chan struct{} // closed by Close to stop the goroutines
	finished chan struct{} // closed when everything has stopped
	once     sync.Once
	err      error // from releasing the notifications; read after finished

	// notify is the notification source, or nil when polling. The loop owns
	// it; the Watcher keeps it only so that tests in this package can feed
	// its fsnotify watcher errors the kernel will not produce on demand.
	notify *notifier
}

// New starts watching root. Changes made after New returns are reported.
func New(root string, opt Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("站点目录 %s：%w", root, err)
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("站点目录：%w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("站点目录 %s 不是目录", root)
	}
	sc, err := newScope(opt.Dirs)
	if err != nil {
		return nil, err
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = defaultPollInterval
	}
	if opt.Debounce <= 0 {
		opt.Debounce = defaultDebounce
	}

	w := &Watcher{
		batches:  make(chan Batch),
		warnings: make(chan string, warningBuffer),
		done:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	// Each source takes its first look at the tree here, before New returns,
	// so that a change made right after New is never mistaken for the
	// starting state.
	var loop func() error
	if opt.Poll {
		p, err := newPoller(abs, sc, w.warn)
		if err != nil {
			return nil, err
		}
		loop = func() error { p.run(w.done, w.batches, opt.PollInterval); return nil }
	} else {
		n, err := newNotifier(abs, sc, w.warn)
		if err != nil {
			return nil, err
		}
		w.notify = n
		loop = func() error { return n.run(w.done, w.batches, opt.Debounce) }
	}
	go func() {
		w.err = loop()
		close(w.batches)
		close(w.warnings)
		close(w.finished)
	}()
	return w, nil
}

// Batches returns the channel of batches. It is closed by Close.
//
// While nobody receives, changes keep being collected into the next batch,
// so a slow rebuild never makes the watcher miss anything.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Warnings returns human messages, in Chinese, about changes that may go
// unreported, such as reaching the inotify watch limit. A warning nobody
// reads in time is dropped rather than holding up the watcher. The channel
// is closed by Close.
func (w *Watcher) Warnings() <-chan string { return w.warnings }

// Close stops the watcher and waits for its goroutines to end. It is safe to
// call more than once; every call returns the same error.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	<-w.finished
	return w.err
}

// warn sends a warning unless the channel is full: a warning is worth less
// than a watcher that keeps watching.
func (w *Watcher) warn(msg string) {
	select {
	case w.warnings <- msg:
	default:
	}
}

// scope decides which paths under the root belong to the watched tree.
type scope struct {
	dirs map[string]bool
}

func newScope(dirs []string) (scope, error) {
	sc := scope{dirs: map[string]bool{}}
	for _, d := range dirs {
		// Only top-level names are accepted: the root's own watch is what
		// notices such a directory appear, and nested ones would need watches
		// on every directory between.
		if d == "" || !filepath.IsLocal(d) || strings.ContainsAny(d, `/\`) || ignored(d) {
			return scope{}, fmt.Errorf("监视目录 %q 无效：只能是站点根目录下一级的目录名", d)
		}
		sc.dirs[d] = true
	}
	return sc, nil
}

// tree reports whether rel is one of the watched directories or inside one.
func (sc scope) tree(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return sc.dirs[top]
}
