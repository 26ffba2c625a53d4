//go:build unix

package archive

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestVerifyDirFIFO checks that a named pipe in the folder is named, and
// not opened: opening it would block until a writer came.
func TestVerifyDirFIFO(t *testing.T) {
	t.Parallel()
	dir := writeDir(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "2023", "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	p, err := Verify(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "不是普通文件：2023/pipe（命名管道）\n"; p.String() != want {
		t.Errorf("Verify found:\n%s\nwant:\n%s", p, want)
	}
}
