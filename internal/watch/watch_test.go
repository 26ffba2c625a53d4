package watch

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// timeout is how long a test waits for a change it expects: far longer than
// any debounce or poll interval, so that only a missing change fails.
const timeout = 10 * time.Second

// settle is how long a test listens for changes it does not expect, after a
// change made later has already arrived.
const settle = 300 * time.Millisecond

// modes are the two sources of changes; every behaviour is tested with both.
var modes = []struct {
	name string
	poll bool
}{
	{"notify", false},
	{"poll", true},
}

// fixture is a site in a temporary directory with a Watcher on it.
type fixture struct {
	t    *testing.T
	root string
	w    *Watcher
}

// start writes files (slash path → content) under a new root and watches
// content, layouts and static there.
func start(t *testing.T, poll bool, files map[string]string) *fixture {
	t.Helper()
	return startWith(t, poll, files, 50*time.Millisecond)
}

// startWith is start with a debounce of its own; 0 is the default's.
func startWith(t *testing.T, poll bool, files map[string]string, debounce time.Duration) *fixture {
	t.Helper()
	f := &fixture{t: t, root: t.TempDir()}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		f.write(rel, files[rel])
	}
	w, err := New(f.root, Options{
		Dirs:         []string{"content", "layouts", "static"},
		Poll:         poll,
		PollInterval: 20 * time.Millisecond,
		Debounce:     debounce,
	})
	if err != nil {
		t.Fatal(err)
	}
	f.w = w
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return f
}

func (f *fixture) path(rel string) string { return filepath.Join(f.root, filepath.FromSlash(rel)) }

// write writes a file, making its directories.
func (f *fixture) write(rel, content string) {
	f.t.Helper()
	if err := os.MkdirAll(filepath.Dir(f.path(rel)), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(f.path(rel), []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) rename(from, to string) {
	f.t.Helper()
	if err := os.Rename(f.path(from), f.path(to)); err != nil {
		f.t.Fatal(err)
	}
}

// next returns the next batch, checking its paths are sorted and unique;
// ok is false if none arrives within d.
func (f *fixture) next(d time.Duration) (b Batch, ok bool) {
	f.t.Helper()
	select {
	case b, ok := <-f.w.Batches():
		if !ok {
			f.t.Fatal("Batches closed before Close")
		}
		if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
			f.t.Errorf("paths not sorted and unique: %q", b.Paths)
		}
		f.t.Logf("batch %q overflow=%v", b.Paths, b.Overflow)
		return b, true
	case <-time.After(d):
		return Batch{}, false
	}
}

// waitFor receives batches until together they hold every path in want, and
// returns their union and how many batches it took.
func (f *fixture) waitFor(want ...string) (union map[string]bool, batches int) {
	f.t.Helper()
	union = map[string]bool{}
	deadline := time.Now().Add(timeout)
	for {
		missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool { return union[p] })
		if len(missing) == 0 {
			return union, batches
		}
		b, ok := f.next(time.Until(deadline))
		if !ok {
			f.t.Fatalf("no change to %q within %v; got %q", missing, timeout, slices.Sorted(maps.Keys(union)))
		}
		batches++
		for _, p := range b.Paths {
			union[p] = true
		}
	}
}

// only fails if union holds a path outside allowed.
func (f *fixture) only(union map[string]bool, allowed ...string) {
	f.t.Helper()
	for p := range union {
		if !slices.Contains(allowed, p) {
			f.t.Errorf("unexpected change to %q; want only %q", p, allowed)
		}
	}
}

// quiet listens for settle and fails on any batch with a path outside
// allowed. A change already reported may come again, split across batches
// by a slow machine; that is no error.
func (f *fixture) quiet(allowed ...string) {
	f.t.Helper()
	deadline := time.Now().Add(settle)
	for {
		b, ok := f.next(time.Until(deadline))
		if !ok {
			return
		}
		union := map[string]bool{}
		for _, p := range b.Paths {
			union[p] = true
		}
		f.only(union, allowed...)
	}
}

func TestWrite(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"content/_index.md": "home"})
			f.write("content/_index.md", "home, edited")
			f.waitFor("content/_index.md")
			f.write("layouts/base.html", "<html>")
			f.waitFor("layouts/base.html")
		})
	}
}

func TestBurst(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"content/_index.md": "home"})
			var want []string
			for i := range 20 {
				rel := "content/p" + string(rune('a'+i)) + ".md"
				f.write(rel, "x")
				want = append(want, rel)
			}
			_, n := f.waitFor(want...)
			// Twenty writes in a row take far less than one debounce or poll
			// interval, so even a slow machine needs only a few batches.
			if n > 5 {
				t.Errorf("20 writes came in %d batches, want a few", n)
			}
		})
	}
}

func TestNewTree(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"content/_index.md": "home"})
			// Like "mkdir -p content/2024/x/y && cp …": the files exist before
			// any watch on their directories can.
			if err := os.MkdirAll(f.path("content/2024/x/y"), 0o755); err != nil {
				t.Fatal(err)
			}
			f.write("content/2024/_index.md", "year")
			f.write("content/2024/x/index.md", "report")
			f.write("content/2024/x/y/data.csv", "a,b")
			f.waitFor("content/2024", "content/2024/x", "content/2024/x/y",
				"content/2024/_index.md", "content/2024/x/index.md", "content/2024/x/y/data.csv")

			f.write("content/2024/x/y/later.md", "later")
			f.waitFor("content/2024/x/y/later.md")
		})
	}
}

func TestMissingDir(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			// No layouts directory at the start.
			f := start(t, m.poll, map[string]string{"content/_index.md": "home"})
			f.write("layouts/partials/head.html", "<head>")
			f.write("layouts/base.html", "<html>")
			f.waitFor("layouts", "layouts/partials/head.html", "layouts/base.html")

			f.write("layouts/partials/foot.html", "<footer>")
			f.waitFor("layouts/partials/foot.html")
		})
	}
}

func TestRenameDir(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{
				"content/2023/a/index.md": "a",
				"content/2023/b/index.md": "b",
			})
			f.rename("content/2023", "content/2024")
			f.waitFor("content/2023", "content/2024", "content/2024/a/index.md", "content/2024/b/index.md")

			// The watches of the subdirectories must follow the new name.
			f.write("content/2024/a/index.md", "a, edited")
			f.write("content/2024/b/new.md", "new")
			union, _ := f.waitFor("content/2024/a/index.md", "content/2024/b/new.md")
			for p := range union {
				if strings.HasPrefix(p, "content/2023/") {
					t.Errorf("change reported under the old name: %q", p)
				}
			}

			// And again, from a directory that was itself renamed.
			f.rename("content/2024", "content/2025")
			f.waitFor("content/2024", "content/2025")
			f.write("content/2025/a/index.md", "a, edited again")
			union, _ = f.waitFor("content/2025/a/index.md")
			for p := range union {
				if strings.HasPrefix(p, "content/2023/") || strings.HasPrefix(p, "content/2024/") {
					t.Errorf("change reported under an old name: %q", p)
				}
			}
		})
	}
}

func TestRenameTopDir(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"static/site.css": "body{}"})
			f.rename("static", "static.bak")
			f.waitFor("static")

			f.write("static.bak/site.css", "outside the tree now")
			f.write("static/site.css", "p{}")
			union, _ := f.waitFor("static/site.css")
			f.only(union, "static", "static/site.css")
			f.quiet("static", "static/site.css")
		})
	}
}

func TestRemoveDir(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{
				"content/2023/a/index.md": "a",
				"content/2023/_index.md":  "year",
			})
			if err := os.RemoveAll(f.path("content/2023")); err != nil {
				t.Fatal(err)
			}
			f.waitFor("content/2023")

			// The same name again is a new directory, and watched afresh.
			f.write("content/2023/c/index.md", "c")
			f.waitFor("content/2023", "content/2023/c/index.md")
			f.write("content/2023/c/index.md", "c, edited")
			f.waitFor("content/2023/c/index.md")
		})
	}
}

func TestTempFiles(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"content/index.md": "x"})
			for _, name := range []string{".index.md.swp", ".index.md.swx", ".index.md.swpx", "index.md~",
				"4913", ".#index.md", "#index.md#", "index.md.tmp"} {
				f.write("content/"+name, "temp")
			}
			if err := os.Remove(f.path("content/4913")); err != nil {
				t.Fatal(err)
			}
			// The real file is written last; once it is reported, the
			// temporary files would have been too.
			f.write("content/index.md", "saved")
			union, _ := f.waitFor("content/index.md")
			f.only(union, "content/index.md")
			f.quiet("content/index.md")
		})
	}
}

func TestChmod(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"content/a.md": "a"})
			if err := os.Chmod(f.path("content/a.md"), 0o600); err != nil {
				t.Fatal(err)
			}
			f.write("content/marker.md", "m")
			union, _ := f.waitFor("content/marker.md")
			f.only(union, "content/marker.md")
			f.quiet("content/marker.md")
		})
	}
}

func TestRoot(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{
				"site.toml":       `title = "x"`,
				"dist/index.html": "old build",
			})
			// Directories beside the tree are not part of the site, and an
			// output directory that a build swaps out must not trigger the
			// next build.
			f.write("public/index.html", "build")
			f.write("drafts/x.md", "draft")
			f.rename("dist", "dist.old")
			f.write("dist/index.html", "new build")
			f.write("site.toml", `title = "y"`)
			union, _ := f.waitFor("site.toml")
			f.only(union, "site.toml")
			f.quiet("site.toml")

			if err := os.Remove(f.path("site.toml")); err != nil {
				t.Fatal(err)
			}
			f.waitFor("site.toml")
		})
	}
}

func TestIgnoredDirs(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{
				".git/HEAD":                      "ref",
				"node_modules/echarts/index.js":  "x",
				"content/.git/HEAD":              "ref",
				"content/2023/.cache/x.md":       "x",
				"static/node_modules/pkg/a.js":   "x",
				"content/2023/a/index.md":        "a",
				"content/2023/a/node_modules/.k": "x",
				"layouts/base.html":              "<html>",
			})
			f.write(".git/index", "changed")
			f.write("node_modules/echarts/index.js", "changed")
			f.write("content/.git/HEAD", "changed")
			f.write("content/2023/.cache/x.md", "changed")
			f.write("static/node_modules/pkg/a.js", "changed")
			f.write("content/2023/node_modules/new/b.js", "new")
			f.write("layouts/.hidden/x.html", "new")
			f.write("content/marker.md", "m")
			union, _ := f.waitFor("content/marker.md")
			f.only(union, "content/marker.md")
			f.quiet("content/marker.md")

			if n := f.w.notify; n != nil {
				for p := range n.watched {
					if ignored(p) {
						t.Errorf("watching ignored directory %q", p)
					}
				}
			}
		})
	}
}

func TestOverflow(t *testing.T) {
	t.Parallel()
	f := start(t, false, map[string]string{"content/_index.md": "home"})
	// The kernel overflows its queue only under a flood of events; fsnotify
	// reports that on its Errors channel, where the test puts it directly.
	f.w.notify.fsw.Errors <- fsnotify.ErrEventOverflow
	deadline := time.Now().Add(timeout)
	for {
		b, ok := f.next(time.Until(deadline))
		if !ok {
			t.Fatal("no overflow batch")
		}
		if b.Overflow {
			break
		}
	}
	// The watches were rebuilt; changes are still seen.
	f.write("content/2024/x/index.md", "x")
	f.waitFor("content/2024/x/index.md")
	f.write("content/2024/x/index.md", "x, edited")
	f.waitFor("content/2024/x/index.md")
}

func TestClose(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := start(t, m.poll, map[string]string{"content/_index.md": "home"})
			// A change nobody receives must not hold Close up.
			f.write("content/_index.md", "edited")
			closed := make(chan error, 1)
			go func() { closed <- f.w.Close() }()
			select {
			case err := <-closed:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(timeout):
				t.Fatal("Close did not return")
			}
			if err := f.w.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			for range f.w.Batches() {
				// A batch made before Close may be delivered; the loop
				// ends when the channel is closed.
			}
			for range f.w.Warnings() {
			}
		})
	}
}

func TestWarningsNeverBlock(t *testing.T) {
	t.Parallel()
	f := start(t, false, nil)
	for range 3 * warningBuffer {
		f.w.warn("警告")
	}
	if n := len(f.w.Warnings()); n != warningBuffer {
		t.Errorf("%d warnings buffered, want %d", n, warningBuffer)
	}
}

func TestWatchLimit(t *testing.T) {
	t.Parallel()
	var got []string
	n := &notifier{warn: func(s string) { got = append(got, s) }}
	for _, dir := range []string{"content/2023", "content/2024"} {
		n.failed(dir, &os.SyscallError{Syscall: "inotify_add_watch", Err: syscall.ENOSPC})
	}
	if len(got) != 1 || !strings.Contains(got[0], "fs.inotify.max_user_watches") {
		t.Errorf("warnings %q, want one naming fs.inotify.max_user_watches", got)
	}
	n.failed("content/2025", os.ErrPermission)
	if len(got) != 2 || !strings.Contains(got[1], "content/2025") {
		t.Errorf("warnings %q, want a second naming content/2025", got)
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	file := filepath.Join(root, "site.toml")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		root string
		dirs []string
	}{
		{"missing root", filepath.Join(root, "missing"), nil},
		{"root is a file", file, nil},
		{"nested dir", root, []string{"themes/default"}},
		{"parent dir", root, []string{".."}},
		{"empty dir", root, []string{""}},
		{"hidden dir", root, []string{".git"}},
		{"output dir", root, []string{"public"}},
	} {
		for _, m := range modes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				t.Parallel()
				w, err := New(tc.root, Options{Dirs: tc.dirs, Poll: m.poll})
				if err == nil {
					w.Close()
					t.Fatal("New succeeded")
				}
				t.Log(err)
			})
		}
	}
}

func TestRootRemoved(t *testing.T) {
	t.Parallel()
	f := start(t, false, map[string]string{"content/_index.md": "home"})
	if err := os.RemoveAll(f.root); err != nil {
		t.Fatal(err)
	}
	select {
	case msg := <-f.w.Warnings():
		if !strings.Contains(msg, "站点目录") {
			t.Errorf("warning %q does not name the site directory", msg)
		}
	case <-time.After(timeout):
		t.Fatal("no warning that the root went away")
	}
}

// TestSaveByRename saves a file the way editors that save by rename do,
// with a pause longer than the default quiet period (4ms) but within the
// grace for a missing file (50ms) between the steps, as a busy machine
// makes; the cases run one after another, so that the pauses stay what
// they are: vim renames the file to a backup and writes a new
// one under its name; others write a temporary file and rename it over.
// Each save is one batch, sent when the file is back with its new text:
// never a batch that finds it missing and a second one after.
func TestSaveByRename(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		save func(f *fixture)
	}{
		{"vim", func(f *fixture) {
			f.rename("content/a.md", "content/a.md~")
			time.Sleep(15 * time.Millisecond)
			f.write("content/a.md", "new")
			time.Sleep(5 * time.Millisecond)
			if err := os.Remove(f.path("content/a.md~")); err != nil {
				f.t.Fatal(err)
			}
		}},
		{"rename over", func(f *fixture) {
			f.write("content/a.md.tmp", "new")
			time.Sleep(15 * time.Millisecond)
			f.rename("content/a.md.tmp", "content/a.md")
		}},
		{"remove, then write", func(f *fixture) {
			if err := os.Remove(f.path("content/a.md")); err != nil {
				f.t.Fatal(err)
			}
			time.Sleep(15 * time.Millisecond)
			f.write("content/a.md", "new")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := startWith(t, false, map[string]string{"content/a.md": "old"}, 0)
			tc.save(f)
			b, ok := f.next(timeout)
			if !ok || !slices.Contains(b.Paths, "content/a.md") {
				t.Fatalf("batch %+v, want one with content/a.md", b)
			}
			if data, err := os.ReadFile(f.path("content/a.md")); err != nil || string(data) != "new" {
				t.Fatalf("when the batch came, content/a.md read %q, %v", data, err)
			}
			if b, ok := f.next(settle); ok {
				t.Errorf("a second batch %q for one save", b.Paths)
			}
		})
	}
}

// BenchmarkSaveToBatch measures how soon a batch follows a plain save
// with the default quiet period (the target: a rebuild starts with
// the first event, not a fixed 80ms later).
func BenchmarkSaveToBatch(b *testing.B) {
	root := b.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(root, "content", "a.md")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		b.Fatal(err)
	}
	w, err := New(root, Options{Dirs: []string{"content"}})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := os.WriteFile(name, []byte("new"), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-w.Batches():
		case <-time.After(timeout):
			b.Fatal("no batch")
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
}
