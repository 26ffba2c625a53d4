//go:build unix

package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadOnDisk reads odd source files on disk through the file systems
// Dir gives (on Linux the kernel's openat2 with its own reading, and
// rootFS): each gives the message os.DirFS gives, a named pipe is refused
// without blocking (os.DirFS would block on it), a file over the limit is
// never read.
func TestReadOnDisk(t *testing.T) {
	t.Parallel()
	const sec = "content/2023/u/01-a.md"
	big := tooLargeSection()
	tests := []struct {
		name  string
		make  func(t *testing.T, site string)
		want  string
		dirFS bool // os.DirFS can read it too
	}{
		{"a named pipe", func(t *testing.T, site string) {
			if err := syscall.Mkfifo(filepath.Join(site, sec), 0o644); err != nil {
				t.Skipf("cannot make a named pipe: %v", err)
			}
		}, sec + ": 不是普通文件，无法作为源文件读取", false},
		{"too large", func(t *testing.T, site string) {
			writeTree(t, site, map[string]string{sec: big})
		}, fmt.Sprintf("%s: 文件过大（%d 字节，上限 4194304 字节，即 4 MiB）：源文件应是报告的文字和数据，请拆分或删减", sec, len(big)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			site := t.TempDir()
			writeTree(t, site, base())
			tt.make(t, site)
			fsyses := dirs(t, site)
			if tt.dirFS {
				fsyses["os.DirFS"] = os.DirFS(site)
			}
			for name, fsys := range fsyses {
				s, err := Load(fsys)
				if err == nil || s != nil || err.Error() != tt.want {
					t.Errorf("%s: Load = %v, want:\n%s", name, err, tt.want)
				}
			}
		})
	}
}

// TestRereadOnDisk: reading a report's files again on disk gives back what
// the load read, and refuses a section that has become a link since (to a
// file with the same text) or gone.
func TestRereadOnDisk(t *testing.T) {
	t.Parallel()
	for _, change := range []string{"none", "link", "gone"} {
		site, outside := t.TempDir(), t.TempDir()
		files := map[string]string{}
		for name, f := range rereadSite() {
			files[name] = string(f.Data)
		}
		writeTree(t, site, files)
		for name, fsys := range dirs(t, site) {
			r := loadOne(t, fsys)
			want := string(r.Sections[1].Body.Source)
			r.DropTexts()
			r.Shed()
			sec := filepath.Join(site, "content/2023/u/09-self.md")
			switch change {
			case "link":
				moved := filepath.Join(outside, name+".md")
				if err := os.Rename(sec, moved); err != nil {
					t.Fatal(err)
				}
				symlink(t, moved, sec)
			case "gone":
				if err := os.Rename(sec, filepath.Join(outside, name+".md")); err != nil {
					t.Fatal(err)
				}
			}
			again, err := Reread(fsys, r, nil)
			if change == "none" {
				if err != nil || string(again.Sections[1].Body.Source) != want {
					t.Fatalf("%s: Reread = %v; want the section back", name, err)
				}
				if _, ok := r.Restore(again); !ok || len(r.Indicators()) != 2 {
					t.Errorf("%s: Restore = %v, %d rows; want the report whole", name, ok, len(r.Indicators()))
				}
				continue
			}
			if err == nil || !strings.Contains(err.Error(), "content/2023/u/09-self.md") {
				t.Errorf("%s, %s: Reread = %v; want an error naming the section", name, change, err)
			}
			// The next file system of the loop finds the section in place.
			os.Remove(sec)
			writeTree(t, site, map[string]string{"content/2023/u/09-self.md": files["content/2023/u/09-self.md"]})
		}
	}
}
