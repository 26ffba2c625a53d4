//go:build unix

package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFile: writeFile writes, replaces, gives 0644 (less the umask)
// and refuses to write through a symbolic link.
func TestWriteFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	name := filepath.Join(dir, "a.html")
	big := bytes.Repeat([]byte("公开"), 1<<20)
	for _, data := range [][]byte{big, []byte("短"), nil} {
		if err := writeFile(name, data); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %d bytes (%v), want %d", len(got), err, len(data))
		}
	}
	if info, err := os.Stat(name); err != nil || info.Mode().Perm()&^0o644 != 0 || info.Mode().Perm()&0o600 != 0o600 {
		t.Errorf("mode %v (%v), want 0644 less the umask", info.Mode(), err)
	}
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("外面"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.html")
	if err := os.Symlink(outside, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	// ELOOP on Linux and macOS, EMLINK on FreeBSD.
	if err := writeFile(link, []byte("覆盖")); err == nil {
		t.Error("writing through a link gives no error")
	}
	if got, _ := os.ReadFile(outside); string(got) != "外面" {
		t.Errorf("the link's target now holds %q", got)
	}
	if err := writeFile(filepath.Join(dir, "missing", "a.html"), nil); err == nil {
		t.Error("writing into a missing folder gives no error")
	}
}
