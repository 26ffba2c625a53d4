//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestUmask checks that the umask is respected. It sets the process-wide
// umask, so it is not parallel: parallel tests start only once it is done.
func TestUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)
	checkModes(t, target, 0o750, 0o750, 0o640)
	zip := filepath.Join(parent, "a.zip")
	if err := WriteFileAtomic(zip, []byte("zip")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(zip); err != nil || st.Mode() != 0o640 {
		t.Errorf("WriteFileAtomic: mode %v, %v; want 0640", st.Mode(), err)
	}
}

// TestKeepOwner checks that, run as root, the owner and group of an
// existing output are kept on the directory that replaces it.
func TestKeepOwner(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("only root can give a directory to another owner")
	}
	target := filepath.Join(t.TempDir(), "public")
	write(t, target, first)
	if err := os.Chown(target, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	write(t, target, second)
	st, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	if sys.Uid != 1234 || sys.Gid != 5678 {
		t.Errorf("owner %d:%d, want 1234:5678", sys.Uid, sys.Gid)
	}
}
