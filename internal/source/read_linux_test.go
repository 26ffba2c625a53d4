package source

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestFDReaderReadsToTheEnd: a regular file read through its descriptor
// comes back whole whatever size it stated — its own, less (it grew since)
// or more (it shrank) — and no further than the limit; a file of the size
// it stated is read in one call.
func TestFDReaderReadsToTheEnd(t *testing.T) {
	t.Parallel()
	data := bytes.Repeat([]byte("部门整体支出绩效自评报告\n"), 1000) // 37,000 bytes
	name := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	n := int64(len(data))
	for _, tt := range []struct {
		stated, limit int64
		want          []byte
	}{
		{n, n + 1, data},
		{0, n + 1, data},
		{n / 3, n + 1, data},
		{n + 100, n + 1, data},
		{n, n / 2, data[:n/2]},
		{0, 10, data[:10]},
	} {
		fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		reads := 0
		got, err := readAtMost(countReads{fdReader(fd), &reads}, tt.stated, tt.limit, nil)
		unix.Close(fd)
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("stated %d, limit %d: read %d bytes (%v), want %d", tt.stated, tt.limit, len(got), err, len(tt.want))
		}
		if tt.stated == n && tt.limit > n && reads != 1 {
			t.Errorf("stated %d, its size: %d reads, want 1", tt.stated, reads)
		}
	}
}

// countReads counts the calls of Read.
type countReads struct {
	r interface{ Read([]byte) (int, error) }
	n *int
}

func (c countReads) Read(p []byte) (int, error) {
	*c.n++
	return c.r.Read(p)
}
