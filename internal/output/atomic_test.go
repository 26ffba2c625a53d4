package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileAtomic checks that a file is written whole with the usual
// mode, replaces an existing one, and leaves no temporary file.
func TestWriteFileAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	name := filepath.Join(dir, "a.zip")
	for _, data := range []string{"first", "second"} {
		if err := WriteFileAtomic(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != data {
			t.Errorf("read back %q, %v; want %q", got, err, data)
		}
	}
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := umasked(t, 0o644); st.Mode() != want {
		t.Errorf("mode %v, want %v", st.Mode(), want)
	}
	if s := siblings(t, dir, "a.zip"); len(s) != 0 {
		t.Errorf("left beside the file: %q", s)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "nosuch", "b.zip"), []byte("x")); err == nil {
		t.Error("WriteFileAtomic into a missing folder succeeded")
	}
}
