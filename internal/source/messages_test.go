package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadCRLineEndings checks that a file saved with the classic Mac OS's
// line endings, CR alone, is told as such, not as a file without front
// matter or with a TOML error.
func TestLoadCRLineEndings(t *testing.T) {
	t.Parallel()
	const (
		sec = "content/2023/u/01-a.md"
		fix = "，gongkai 只认 LF（\\n）或 CRLF（\\r\\n）：请在编辑器中另存为 LF 或 CRLF（如“Unix”或“Windows”换行格式）"
	)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "section",
			files: map[string]string{sec: "+++\rtitle = \"一\"\r+++\r正文\r"},
			want:  []string{sec + ": 文件使用 CR（\\r）作为换行符（旧版 Mac 格式）" + fix},
		},
		{
			name:  "index.md and site.toml",
			files: map[string]string{"site.toml": "title = \"站点\"\r", "content/2023/u/index.md": strings.ReplaceAll(baseIndex, "\n", "\r")},
			want: []string{
				"content/2023/u/index.md: 文件使用 CR（\\r）作为换行符（旧版 Mac 格式）" + fix,
				"site.toml: 文件使用 CR（\\r）作为换行符（旧版 Mac 格式）" + fix,
			},
		},
		{
			name:  "one lone CR among LFs",
			files: map[string]string{sec: "+++\r\ntitle = \"一\"\r\n+++\n第一行\n第二行\r第三行\n"},
			want:  []string{sec + ":5:4: 这一行以单独的 CR（\\r）结束" + fix},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := loadErrors(t, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// denied is a file system that refuses to read some paths, as a folder or
// file without read permission does, whoever runs the test.
type denied struct {
	fstest.MapFS
	paths map[string]bool
}

func (d denied) Open(name string) (fs.File, error) {
	if d.paths[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d denied) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.paths[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

// TestLoadPermissionDenied checks that what cannot be read for want of
// permission says so, not that it is missing.
func TestLoadPermissionDenied(t *testing.T) {
	t.Parallel()
	const perm = "权限不足（请检查文件和目录的读取权限）"
	tests := []struct {
		name string
		deny []string
		want []string
	}{
		{"report folder", []string{"content/2023/u"}, []string{"content/2023/u: 无法读取目录：" + perm}},
		{"index.md", []string{"content/2023/u/index.md"}, []string{"content/2023/u/index.md: 无法读取：" + perm}},
		{"section", []string{"content/2023/u/01-a.md"}, []string{"content/2023/u/01-a.md: 无法读取：" + perm}},
		{"year folder", []string{"content/2023"}, []string{"content/2023: 无法读取年份目录：" + perm}},
		{"year page", []string{"content/2023/_index.md"}, []string{"content/2023/_index.md: 无法读取：" + perm}},
		{"content", []string{"content"}, []string{"content: 无法读取内容目录：" + perm}},
		{"site.toml", []string{"site.toml"}, []string{"site.toml: 无法读取：" + perm}},
		{"static", []string{"static"}, []string{"static: 无法读取目录：" + perm}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := base()
			files["content/2023/u/01-a.md"] = "+++\ntitle = \"一\"\n+++\n"
			files["content/2023/_index.md"] = "概况\n"
			files["static/a.css"] = ""
			fsys := denied{MapFS: tree(files), paths: map[string]bool{}}
			for _, p := range tt.deny {
				fsys.paths[p] = true
			}
			_, err := Load(fsys)
			if err == nil || err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("Load = %v\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadPermissionDeniedOnDisk takes the read permission of a report
// folder on disk. Root reads it anyway, so the test needs another user.
func TestLoadPermissionDeniedOnDisk(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root reads a folder of mode 000; TestLoadPermissionDenied simulates it")
	}
	site := t.TempDir()
	writeTree(t, site, base())
	dir := filepath.Join(site, "content/2023/u")
	if err := os.Chmod(dir, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	want := "content/2023/u: 无法读取目录：权限不足（请检查文件和目录的读取权限）"
	dirFS, err := Dir(site)
	if err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fs.FS{"os.DirFS": os.DirFS(site), "Dir": dirFS} {
		if _, err := Load(fsys); err == nil || err.Error() != want {
			t.Errorf("%s: Load = %v\nwant %s", name, err, want)
		}
	}
}
