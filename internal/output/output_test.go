package output

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// readTree returns every file under dir by slash path, with its content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// write builds an output for target from files, and commits it.
func write(t *testing.T, target string, files map[string]string) {
	t.Helper()
	d, err := Create(target)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := d.WriteFile(name, []byte(files[name])); err != nil {
			t.Fatalf("WriteFile(%q): %v", name, err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
}

// withMarker is files plus the marker, as the target holds them after a build.
func withMarker(files map[string]string) map[string]string {
	m := maps.Clone(files)
	m[Marker] = markerText
	return m
}

// siblings lists the entries of dir that are not name itself.
func siblings(t *testing.T, dir, name string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != name {
			out = append(out, e.Name())
		}
	}
	return out
}

// equalTrees reports each file missing from, extra in or different in got.
func equalTrees(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, name)
		case g != want[name]:
			t.Errorf("%s: %s = %q, want %q", what, name, g, want[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: unexpected %s", what, name)
		}
	}
}

var first = map[string]string{
	"index.html":                     "<p>首页</p>",
	"2023/index.html":                "<p>2023</p>",
	"2023/unit/index.html":           "<p>报告</p>",
	"2023/unit/data.csv":             "\uFEFFa,b\r\n",
	"only-in-first/old.html":         "old",
	"assets/site.css":                "body{}",
	"2023/unit/scans/deep/page1.png": "\x89PNG",
}

var second = map[string]string{
	"index.html":           "<p>新首页</p>",
	"2023/index.html":      "<p>2023</p>",
	"2023/unit/index.html": "<p>新报告</p>",
	"assets/site.css":      "body{color:#000}",
}

// TestCommit checks that a build writes its tree and that the next build
// replaces it whole, leaving nothing beside the target.
func TestCommit(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)
	equalTrees(t, "first build", readTree(t, target), withMarker(first))
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target after Commit: %q", s)
	}

	write(t, target, second)
	equalTrees(t, "second build", readTree(t, target), withMarker(second))
	if _, err := os.Stat(filepath.Join(target, "only-in-first")); !os.IsNotExist(err) {
		t.Errorf("a directory only the first build wrote survives: %v", err)
	}
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target after the second Commit: %q", s)
	}
}

// TestCreateParents checks that a target in directories that do not exist
// yet is made.
func TestCreateParents(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "a", "b", "public")
	write(t, target, second)
	equalTrees(t, "build", readTree(t, target), withMarker(second))
}

// TestAbort checks that an aborted build leaves the previous output as it
// was and removes its own files.
func TestAbort(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)
	before := readTree(t, target)

	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range second {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if s := siblings(t, parent, "public"); !slices.Equal(s, []string{".public.gongkai-lock", ".public.gongkai-tmp"}) {
		t.Errorf("while building, beside the target: %q, want the lock and the temporary directory", s)
	}
	d.Abort()
	equalTrees(t, "target after Abort", readTree(t, target), before)
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target after Abort: %q", s)
	}
}

// TestAbortWithoutTarget checks that aborting the first build leaves no
// target and no temporary directory.
func TestAbortWithoutTarget(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	d, err := Create(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if s := siblings(t, parent, ""); len(s) != 0 {
		t.Errorf("left after Abort: %q", s)
	}
}

// TestStale checks that the temporary directories of a killed build are
// removed by the next Create, and those of another target are not.
func TestStale(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)
	stale := []string{
		".public.gongkai-tmp-123456",
		".public.gongkai-old-654321/public",
	}
	for _, s := range stale {
		if err := os.MkdirAll(filepath.Join(parent, s, "2023"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, s, "2023", "index.html"), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(parent, ".other.gongkai-tmp-1")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}

	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{".public.gongkai-tmp-123456", ".public.gongkai-old-654321"} {
		if _, err := os.Stat(filepath.Join(parent, s)); !os.IsNotExist(err) {
			t.Errorf("stale %s not removed by Create: %v", s, err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another target's temporary directory was removed: %v", err)
	}
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	equalTrees(t, "after the next build", readTree(t, target), withMarker(map[string]string{"index.html": "new"}))
	if s := siblings(t, parent, "public"); !slices.Equal(s, []string{".other.gongkai-tmp-1"}) {
		t.Errorf("beside the target: %q", s)
	}
}

// TestRefuse checks that a directory gongkai did not make is never
// replaced, and nothing is written beside it.
func TestRefuse(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "mine")
	mine := map[string]string{"keep.txt": "the user's own file", "sub/notes.md": "笔记"}
	for name, data := range mine {
		p := filepath.Join(target, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Create(target)
	if err == nil {
		d.Abort()
		t.Fatal("Create accepted a non-empty directory without the marker")
	}
	if !strings.Contains(err.Error(), "拒绝覆盖") || !strings.Contains(err.Error(), Marker) {
		t.Errorf("error %q does not say it refuses, and why", err)
	}
	equalTrees(t, "refused directory", readTree(t, target), mine)
	if s := siblings(t, parent, "mine"); len(s) != 0 {
		t.Errorf("written beside a refused target: %q", s)
	}
}

// TestEmptyTarget checks that an existing empty directory is accepted.
func TestEmptyTarget(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, target, second)
	equalTrees(t, "build into an empty directory", readTree(t, target), withMarker(second))
}

// TestFileTarget checks that a target that is a file is refused and kept.
func TestFileTarget(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	if err := os.WriteFile(target, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Create(target)
	if err == nil {
		d.Abort()
		t.Fatal("Create accepted a file as the target")
	}
	if !strings.Contains(err.Error(), "不是目录") {
		t.Errorf("error %q does not say the target is not a directory", err)
	}
	if data, err := os.ReadFile(target); err != nil || string(data) != "a file" {
		t.Errorf("the file target changed: %q, %v", data, err)
	}
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("written beside a refused target: %q", s)
	}
}

// TestInvalidNames checks that WriteFile takes only slash-separated paths
// inside the output.
func TestInvalidNames(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/abs", ".", "", "a/../../x", "a/./b", "a//b", "a/", "..", "x/.."} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) accepted", name)
		}
	}
	if _, err := os.Stat(filepath.Join(parent, "x")); !os.IsNotExist(err) {
		t.Errorf("a file was written outside the output: %v", err)
	}
	if err := d.WriteFile("a/b.html", []byte("ok")); err != nil {
		t.Errorf("WriteFile of a valid name: %v", err)
	}
}

// TestNameClash: a folder whose name a file took, or a file whose name a
// folder took, is an error for every file written there, not a panic, and
// the rest of the output is written.
func TestNameClash(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "public")
	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"a", "c/d/e.html"} {
		if err := d.WriteFile(name, []byte("x")); err != nil {
			t.Fatalf("WriteFile(%q): %v", name, err)
		}
	}
	for _, name := range []string{"a/b.html", "a/b/c.html", "a/b.html", "c/d"} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) accepted where the name is taken", name)
		}
	}
	if err := d.WriteFile("c/f.html", []byte("x")); err != nil {
		t.Errorf("WriteFile beside the clash: %v", err)
	}
}

// TestConcurrentWrites writes many files from many goroutines, many of them
// into the same new directories at once (run with -race).
func TestConcurrentWrites(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "public")
	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for dir := range 40 {
		for f := range 8 {
			name := fmt.Sprintf("d%02d/sub/f%d.html", dir, f)
			want[name] = "content of " + name
		}
	}
	start := make(chan struct{})
	errs := make(chan error, len(want))
	var wg sync.WaitGroup
	for name, data := range want {
		wg.Go(func() {
			<-start
			if err := d.WriteFile(name, []byte(data)); err != nil {
				errs <- err
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("WriteFile: %v", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	equalTrees(t, "concurrent build", readTree(t, target), withMarker(want))
}

// TestSymlinkTarget checks that Create refuses a target that is a symbolic
// link, leaving the link and the directory it points to as they are.
func TestSymlinkTarget(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	real := filepath.Join(parent, "real")
	write(t, real, first)
	link := filepath.Join(parent, "public")
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	for _, create := range []func(string) (*Dir, error){Create, func(s string) (*Dir, error) { return CreateOwned(s, Marker) }} {
		d, err := create(link)
		if err == nil {
			d.Abort()
			t.Fatal("Create accepted a symbolic link as the target")
		}
		if want := "输出目录 " + link + " 是符号链接"; !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if dest, err := os.Readlink(link); err != nil || dest != "real" {
		t.Errorf("the link changed: %q, %v", dest, err)
	}
	equalTrees(t, "the linked directory", readTree(t, real), withMarker(first))
	if s := siblings(t, parent, "real"); len(s) != 1 {
		t.Errorf("beside the link: %q", s)
	}
}
