package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadAttachmentKinds checks that only regular files of a sane size are
// published as attachments: a FIFO would publish an empty file (or hang
// a reader), and a file of gigabytes would be held in memory.
func TestLoadAttachmentKinds(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeTree(t, site, goodSite())
	dir := filepath.Join(site, "content/2023/some-unit")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.pdf"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(site, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(site, "static", "pipe.css"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "static", "a\\b.css"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: no disk is used for the size.
	if err := big.Truncate(MaxAttachmentSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	fsys, err := Dir(site)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(fsys)
	if err == nil {
		t.Fatal("Load succeeded")
	}
	for _, want := range []string{
		"content/2023/some-unit/big.pdf: 附件过大（268435457 字节，上限 268435456 字节，即 256 MiB）",
		"content/2023/some-unit/pipe.pdf: 附件不是普通文件",
		"static/pipe.css: 不是普通文件",
		"文件名 \"a\\b.css\" 不能含反斜杠",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors:\n%v\nwant one with %q", err, want)
		}
	}
}
