package output

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// crashBuild builds files into target and stops it, as a kill would, at its
// k-th change to the file system (from 0); k < 0 never stops it. It returns
// whether the build was stopped.
func crashBuild(t *testing.T, target string, files map[string]string, noExchange bool, k int) bool {
	t.Helper()
	n := 0
	opt := options{noExchange: noExchange, crash: func(string) bool { n++; return n-1 == k }}
	d, err := createMarked(target, opt)
	if errors.Is(err, errCrash) {
		return true
	}
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := d.WriteFile(name, []byte(files[name])); err != nil {
			t.Fatalf("WriteFile(%q): %v", name, err)
		}
	}
	if err := d.Commit(); errors.Is(err, errCrash) {
		return true
	} else if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return false
}

// whole reports which of trees target holds, by index, or -1 when it is
// missing; anything else, a partial tree say, fails the test.
func whole(t *testing.T, what, target string, trees ...map[string]string) int {
	t.Helper()
	if _, err := os.Lstat(target); os.IsNotExist(err) {
		return -1
	}
	got := readTree(t, target)
	for i, tree := range trees {
		if maps.Equal(got, withMarker(tree)) {
			return i
		}
	}
	t.Fatalf("%s: the target holds neither a whole old nor a whole new tree: %q", what, slices.Sorted(maps.Keys(got)))
	return 0
}

// The trees of the crash tests are small, since they are built some
// thousand times.
var (
	treeA = map[string]string{"index.html": "a", "2023/index.html": "a"}
	treeB = map[string]string{"index.html": "b"}
	treeC = map[string]string{"index.html": "c", "2024/index.html": "c"}
)

// TestCrash kills a build at every step of Create and Commit, on both swap
// paths, then kills the next build at every step, and checks after each that
// the target holds a whole tree, old or new, and that a last build recovers
// and succeeds. Only the two-rename path may leave the target missing,
// between its renames, and then the next Create must put the old tree back.
func TestCrash(t *testing.T) {
	t.Parallel()
	for _, noExchange := range []bool{false, true} {
		// The first build to be killed replaces a clean target, so its
		// steps are those of a whole build, counted here.
		steps := 0
		target := filepath.Join(t.TempDir(), "public")
		write(t, target, treeA)
		d, err := createMarked(target, options{noExchange: noExchange, crash: func(string) bool { steps++; return false }})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for k := range steps {
			t.Run(fmt.Sprintf("noExchange=%v/k=%d", noExchange, k), func(t *testing.T) {
				t.Parallel()
				for j := 0; ; j++ {
					if !crashTwice(t, noExchange, k, j) {
						break
					}
				}
			})
		}
	}
}

// crashTwice kills one build at step k and the next at step j, and checks
// the target after each and after a last build. It reports whether the
// second build was stopped, that is, whether j was a step of it.
func crashTwice(t *testing.T, noExchange bool, k, j int) bool {
	t.Helper()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, treeA)

	if !crashBuild(t, target, treeB, noExchange, k) {
		t.Fatalf("k=%d: the build was not stopped", k)
	}
	if whole(t, fmt.Sprintf("k=%d: after the kill", k), target, treeA, treeB) < 0 && !noExchange {
		t.Fatalf("k=%d: the target is missing after a kill though the swap is one exchange", k)
	}
	again := crashBuild(t, target, treeC, noExchange, j)
	if whole(t, fmt.Sprintf("k=%d, j=%d: after the second kill", k, j), target, treeA, treeB, treeC) < 0 && !noExchange {
		t.Fatalf("k=%d, j=%d: the target is missing after the second kill", k, j)
	}

	d, err := Create(target)
	if err != nil {
		t.Fatalf("k=%d, j=%d: Create after the kills: %v", k, j, err)
	}
	if whole(t, fmt.Sprintf("k=%d, j=%d: once the next build has started", k, j), target, treeA, treeB, treeC) < 0 {
		t.Fatalf("k=%d, j=%d: the next build did not put the previous output back", k, j)
	}
	if err := d.WriteFile("index.html", []byte("last")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatalf("k=%d, j=%d: Commit after the kills: %v", k, j, err)
	}
	equalTrees(t, fmt.Sprintf("k=%d, j=%d: the last build", k, j), readTree(t, target), withMarker(map[string]string{"index.html": "last"}))
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("k=%d, j=%d: left beside the target: %q", k, j, s)
	}
	return again
}

// TestCrashBetweenRenames checks the worst instant of the two-rename swap:
// the target is missing, and the next build puts the old tree back rather
// than deleting it, even when it is itself refused or fails.
func TestCrashBetweenRenames(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)
	stop := options{noExchange: true, crash: func(step string) bool { return step == "rename tmp to target" }}
	d, err := createMarked(target, stop)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); !errors.Is(err, errCrash) {
		t.Fatalf("Commit: %v, want the simulated crash", err)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Fatalf("the test stopped at the wrong step: the target is there (%v)", err)
	}
	d, err = Create(target)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	equalTrees(t, "after an aborted build", readTree(t, target), withMarker(first))
}

// TestRecoverLegacy checks that the previous output parked by a build before
// this version, in .NAME.gongkai-old-RANDOM/NAME, is put back too.
func TestRecoverLegacy(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)
	if err := os.Mkdir(filepath.Join(parent, ".public.gongkai-old-123"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(target, filepath.Join(parent, ".public.gongkai-old-123", "public")); err != nil {
		t.Fatal(err)
	}
	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	equalTrees(t, "while the next build runs", readTree(t, target), withMarker(first))
	d.Abort()
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target: %q", s)
	}
}
