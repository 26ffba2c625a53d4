package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManifestHostile runs import --manifest on lists no one should write:
// each gives a message that names the list (and the row), never a panic.
func TestManifestHostile(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("长", 10<<20/3) // a 10 MB cell
	tests := []struct {
		name, csv string
		code      int
		want      string // in stdout or stderr
	}{
		{"empty", "", ExitError, "是空文件"},
		{"header only", "file,org_id\n", ExitError, "没有要导入的行"},
		{"no org_id column", "file,year\na.txt,2024\n", ExitError, "缺少列 org_id"},
		{"a column twice", "file,org_id,文件\na.txt,a,b\n", ExitError, "列 file 出现了两次"},
		{"a broken quote", "file,org_id\n\"a.txt,x\n", ExitError, "units.csv:2: 这一行不是正确的 CSV：引号不成对"},
		{"a bare quote", "file,org_id\na\"b.txt,x\n", ExitError, "units.csv:2: 这一行不是正确的 CSV"},
		{"short rows", "file,year,org,org_id\na.txt\n", ExitError, "units.csv:2: a.txt：org_id 列为空"},
		{"an empty file cell", "file,org_id\n,x\n", ExitError, "units.csv:2: file 列为空"},
		{"a ten-megabyte line", "file,org_id\n" + long + ".txt,x\n", ExitError, "units.csv:2: "},
		{"a bad slug", "file,org_id,slug\na.txt,x,../up\n", ExitError, `slug "../up" 会成为网址的一部分`},
		{"a bad year", "file,org_id,year\na.txt,x,20x4\n", ExitError, `year "20x4" 应为四位数字`},
		{"a path out of the folder", "file,org_id\n../elsewhere.txt,x\n", ExitError, "elsewhere.txt：无法读取"},
		{"an old Word file", "file,org_id\nold.doc,x\n", ExitError, "暂不支持 .doc 文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			site := filepath.Join(dir, "site")
			if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"测试\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			list := filepath.Join(dir, "units.csv")
			if err := os.WriteFile(list, []byte(tt.csv), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "old.doc"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := Main([]string{"import", "--manifest", list, "--src", site}, &stdout, &stderr)
			out := strings.ReplaceAll(stdout.String()+stderr.String(), dir+string(filepath.Separator), "")
			if code != tt.code || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, want %d; output does not say %q:\n%.2000s", code, tt.code, tt.want, out)
			}
			if len(out) > 20000 {
				t.Errorf("output is %d bytes: a long cell should be shortened", len(out))
			}
		})
	}
}

// BenchmarkManifest imports 100 copies of the importer's LibreOffice
// fixture report.docx with one manifest into a new site, and checks them.
func BenchmarkManifest(b *testing.B) {
	data, err := os.ReadFile("../importer/testdata/report.docx")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	list := "file,org_id\n"
	for i := range 100 {
		name := fmt.Sprintf("u%03d.docx", i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
		list += fmt.Sprintf("%s,unit-%03d\n", name, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "units.csv"), []byte(list), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		site := filepath.Join(dir, fmt.Sprint("site", i))
		if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"测试\"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if code := Main([]string{"import", "--manifest", filepath.Join(dir, "units.csv"), "--src", site}, &out, &out); code != ExitOK {
			b.Fatalf("exit %d:\n%s", code, out.String())
		}
	}
}
