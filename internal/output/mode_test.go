package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// umasked is what the process umask leaves of perm, found by making a
// directory rather than by setting the umask, which is process-wide.
func umasked(t *testing.T, perm fs.FileMode) fs.FileMode {
	t.Helper()
	p := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(p, 0o777); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return perm & st.Mode().Perm()
}

// modes returns the permission bits of every entry under dir, the root as
// ".", by slash path.
func modes(t *testing.T, dir string) map[string]fs.FileMode {
	t.Helper()
	got := map[string]fs.FileMode{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = info.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeDir)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// checkModes checks that every folder under dir is dirMode and every file
// fileMode; the root may be given its own mode.
func checkModes(t *testing.T, dir string, root, dirMode, fileMode fs.FileMode) {
	t.Helper()
	for name, m := range modes(t, dir) {
		want := fileMode
		switch {
		case name == ".":
			want = fs.ModeDir | root
		case m&fs.ModeDir != 0:
			want = fs.ModeDir | dirMode
		}
		if m != want {
			t.Errorf("%s: mode %v, want %v", name, m, want)
		}
	}
}

// TestModes checks that a new output is readable by a web server: folders
// 0755 and files 0644, less the umask (os.MkdirTemp would make 0700).
func TestModes(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "public")
	write(t, target, first)
	dir, file := umasked(t, 0o755), umasked(t, 0o644)
	checkModes(t, target, dir, dir, file)
	// A rebuild keeps them.
	write(t, target, second)
	checkModes(t, target, dir, dir, file)
}

// TestKeepMode checks that an existing output's mode is kept on the
// directory that replaces it, on both swap paths, while what is inside it
// gets the usual modes.
func TestKeepMode(t *testing.T) {
	t.Parallel()
	for _, mode := range []fs.FileMode{0o750, 0o711, 0o775 | fs.ModeSetgid} {
		for _, noExchange := range []bool{false, true} {
			target := filepath.Join(t.TempDir(), "public")
			write(t, target, first)
			if err := os.Chmod(target, mode); err != nil {
				t.Fatal(err)
			}
			d, err := createMarked(target, options{noExchange: noExchange})
			if err != nil {
				t.Fatal(err)
			}
			if err := d.WriteFile("index.html", []byte("x")); err != nil {
				t.Fatal(err)
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			checkModes(t, target, mode, umasked(t, 0o755), umasked(t, 0o644))
		}
	}
}

// TestKeepModeOfEmptyTarget checks that an empty folder made for the
// output, say by an administrator for the web server, keeps its mode.
func TestKeepModeOfEmptyTarget(t *testing.T) {
	t.Parallel()
	target := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(target, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o751); err != nil {
		t.Fatal(err)
	}
	write(t, target, second)
	checkModes(t, target, 0o751, umasked(t, 0o755), umasked(t, 0o644))
}
