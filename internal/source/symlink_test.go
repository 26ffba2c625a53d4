package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/theme"
)

// linkMsg is the message about a symbolic link to target.
func linkMsg(target string) string {
	return "不能使用符号链接（指向 \"" + target + "\"）：gongkai 不跟随符号链接，以免发布源目录以外的文件；请换成文件或目录本身"
}

// TestLoadSymlinks puts a symbolic link in each place of a site, in memory,
// and checks that Load refuses it there, saying so, and publishes nothing.
func TestLoadSymlinks(t *testing.T) {
	t.Parallel()
	const rep = "content/2023/u"
	tests := []struct {
		name       string
		link       string // where the link is
		target     string
		moveTarget bool // the base file at link moves to target
		want       []string
	}{
		{name: "password file as an attachment", link: rep + "/passwd.txt", target: "/etc/passwd"},
		{name: "attachment in a subfolder", link: rep + "/img/a.png", target: "../../../../static/a.png"},
		{name: "a file of the site as an attachment", link: rep + "/copy.toml", target: "../../../site.toml"},
		{name: "section", link: rep + "/01-a.md", target: "/tmp/01-a.md"},
		{name: "index.md", link: rep + "/index.md", target: "/tmp/index.md", moveTarget: true},
		{name: "report folder", link: "content/2023/v", target: "u"},
		{name: "year folder", link: "content/2024", target: "2023"},
		{name: "content folder", link: "content", target: "/srv/other/content", moveTarget: true,
			want: []string{"content: " + linkMsg("/srv/other/content")}},
		{name: "home page", link: "content/_index.md", target: "/etc/motd"},
		{name: "year page", link: "content/2023/_index.md", target: "/etc/motd"},
		{name: "site.toml", link: "site.toml", target: "/etc/gongkai.toml", moveTarget: true},
		{name: "layouts file", link: "layouts/report.html", target: "/etc/passwd"},
		{name: "layouts folder", link: "layouts", target: "/etc"},
		{name: "static file", link: "static/css/site.css", target: "/etc/passwd"},
		{name: "static folder", link: "static", target: "/etc"},
		{name: "static file in a hidden folder", link: "static/.well-known/security.txt", target: "/etc/passwd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := tree(base())
			fsys["static/a.png"] = &fstest.MapFile{Data: []byte("png")}
			if tt.moveTarget {
				// The link replaces a file or folder of the base site.
				for p, f := range fsys {
					if p == tt.link || strings.HasPrefix(p, tt.link+"/") {
						delete(fsys, p)
						if !path0Abs(tt.target) {
							fsys[tt.target+strings.TrimPrefix(p, tt.link)] = f
						}
					}
				}
			}
			fsys[tt.link] = &fstest.MapFile{Data: []byte(tt.target), Mode: fs.ModeSymlink}
			site, err := Load(fsys)
			if err == nil || site != nil {
				t.Fatalf("Load succeeded with the link %s → %s", tt.link, tt.target)
			}
			want := tt.want
			if want == nil {
				want = []string{tt.link + ": " + linkMsg(tt.target)}
			}
			if err.Error() != strings.Join(want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
			}
		})
	}
}

func path0Abs(p string) bool { return strings.HasPrefix(p, "/") }

// TestLoadIgnoresHiddenLinks checks that a hidden link is not an error:
// editors make them (Emacs locks a file it edits with a dangling link
// .#name), and hidden files are never read or published.
func TestLoadIgnoresHiddenLinks(t *testing.T) {
	t.Parallel()
	fsys := tree(base())
	for _, p := range []string{"content/2023/u/.#01-a.md", "content/.#_index.md", "static/.#site.css", "layouts/.#report.html"} {
		fsys[p] = &fstest.MapFile{Data: []byte("root@host.1234:1700000000"), Mode: fs.ModeSymlink}
	}
	if _, err := Load(fsys); err != nil {
		t.Fatalf("Load: %v", err)
	}
}

// writeTree writes files under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
}

// TestLoadSymlinksOnDisk makes real links in a site on disk and loads it
// both through os.DirFS, as the commands did, and through Dir: each refuses
// the link with the same message.
func TestLoadSymlinksOnDisk(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		make func(t *testing.T, site, outside string)
		want []string
	}{
		{
			name: "ln -s /etc/passwd as an attachment",
			make: func(t *testing.T, site, _ string) {
				symlink(t, "/etc/passwd", filepath.Join(site, "content/2023/u/passwd.txt"))
			},
			want: []string{"content/2023/u/passwd.txt: " + linkMsg("/etc/passwd")},
		},
		{
			name: "a report folder linked from elsewhere",
			make: func(t *testing.T, site, outside string) {
				writeTree(t, outside, map[string]string{"v/index.md": strings.Replace(baseIndex, `org_id = "u"`, `org_id = "v"`, 1)})
				symlink(t, filepath.Join(outside, "v"), filepath.Join(site, "content/2023/v"))
			},
			want: []string{"content/2023/v: " + linkMsg("OUTSIDE/v")},
		},
		{
			name: "the content folder linked from elsewhere",
			make: func(t *testing.T, site, outside string) {
				if err := os.Rename(filepath.Join(site, "content"), filepath.Join(outside, "content")); err != nil {
					t.Fatal(err)
				}
				symlink(t, filepath.Join(outside, "content"), filepath.Join(site, "content"))
			},
			want: []string{"content: " + linkMsg("OUTSIDE/content")},
		},
		{
			name: "a link to a file inside the site",
			make: func(t *testing.T, site, _ string) {
				symlink(t, "../../../site.toml", filepath.Join(site, "content/2023/u/site.txt"))
			},
			want: []string{"content/2023/u/site.txt: " + linkMsg("../../../site.toml")},
		},
		{
			name: "a static file and a layout",
			make: func(t *testing.T, site, _ string) {
				symlink(t, "/etc/passwd", filepath.Join(site, "static/passwd.txt"))
				symlink(t, "/etc/hostname", filepath.Join(site, "layouts/report.html"))
			},
			want: []string{
				"layouts/report.html: " + linkMsg("/etc/hostname"),
				"static/passwd.txt: " + linkMsg("/etc/passwd"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			site, outside := t.TempDir(), t.TempDir()
			writeTree(t, site, base())
			tt.make(t, site, outside)
			want := strings.ReplaceAll(strings.Join(tt.want, "\n"), "OUTSIDE", outside)
			fsyses := dirs(t, site)
			fsyses["os.DirFS"] = os.DirFS(site)
			for name, fsys := range fsyses {
				s, err := Load(fsys)
				if err == nil || s != nil {
					t.Errorf("%s: Load succeeded", name)
					continue
				}
				if err.Error() != want {
					t.Errorf("%s: errors:\n%s\nwant:\n%s", name, err, want)
				}
			}
		})
	}
}

// TestDirRefusesSymlinks checks the second line of defence: whatever reads
// the site through Dir after Load, such as the theme overlay over layouts/
// and static/, cannot follow a link, at any depth of the path.
func TestDirRefusesSymlinks(t *testing.T) {
	t.Parallel()
	site, outside := t.TempDir(), t.TempDir()
	writeTree(t, site, map[string]string{
		"site.toml":           "title = \"站点\"\n",
		"static/css/site.css": "body{}",
		"layouts/base.html":   "{{.}}",
	})
	writeTree(t, outside, map[string]string{"secret/key.txt": "secret"})
	symlink(t, "/etc/passwd", filepath.Join(site, "static/passwd.txt"))
	symlink(t, "/etc/passwd", filepath.Join(site, "layouts/report.html"))
	symlink(t, filepath.Join(outside, "secret"), filepath.Join(site, "static/secret"))
	symlink(t, "css", filepath.Join(site, "static/style"))           // inside the site
	symlink(t, "../site.toml", filepath.Join(site, "static/s.toml")) // inside the site
	for kind, fsys := range dirs(t, site) {
		t.Run(kind, func(t *testing.T) { dirRefusesSymlinks(t, fsys) })
	}
}

// dirs is Dir of site, and, where Dir asks the kernel, rootFS too.
func dirs(t *testing.T, site string) map[string]fs.FS {
	t.Helper()
	out := map[string]fs.FS{}
	for kind, kernel := range map[string]bool{"Dir": true, "rootFS": false} {
		fsys, err := openDir(site, kernel)
		if err != nil {
			t.Fatal(err)
		}
		out[kind+fmt.Sprintf("(%T)", fsys)] = fsys
	}
	return out
}

func dirRefusesSymlinks(t *testing.T, fsys fs.FS) {
	refused := func(t *testing.T, what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrSymlink) {
			t.Errorf("%s: error %v, want one wrapping ErrSymlink", what, err)
		}
	}
	for _, p := range []string{"static/passwd.txt", "layouts/report.html", "static/secret/key.txt", "static/style/site.css", "static/s.toml", "static/secret"} {
		_, err := fsys.Open(p)
		refused(t, "Open "+p, err)
		_, err = fs.ReadFile(fsys, p)
		refused(t, "ReadFile "+p, err)
		_, err = fs.Stat(fsys, p)
		refused(t, "Stat "+p, err)
	}
	for _, p := range []string{"static/secret", "static/style"} {
		_, err := fs.ReadDir(fsys, p)
		refused(t, "ReadDir "+p, err)
	}
	// The error names the link, not the file asked for.
	if _, err := fsys.Open("static/secret/key.txt"); err == nil || !strings.Contains(err.Error(), "static/secret:") {
		t.Errorf("error %v does not name the link static/secret", err)
	}

	// The theme overlay reads layouts/ and static/ of the site through
	// fs.Sub, over the built-in theme: a link in the site's folder is an
	// error, not a fall-through to the built-in file or the link's target.
	for _, dir := range []string{"static", "layouts"} {
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		over := theme.New(sub, fstest.MapFS{"passwd.txt": {Data: []byte("built-in")}, "report.html": {Data: []byte("built-in")}})
		name := map[string]string{"static": "passwd.txt", "layouts": "report.html"}[dir]
		data, err := fs.ReadFile(over, name)
		refused(t, "overlay "+dir+"/"+name, err)
		if data != nil {
			t.Errorf("overlay %s/%s read %q", dir, name, data)
		}
	}

	// What is no link reads as usual; Lstat shows a link, for Load.
	if data, err := fs.ReadFile(fsys, "static/css/site.css"); err != nil || string(data) != "body{}" {
		t.Errorf("ReadFile static/css/site.css = %q, %v", data, err)
	}
	if info, err := fs.Lstat(fsys, "static/passwd.txt"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat static/passwd.txt = %v, %v; want a link", info, err)
	}
	if target, err := fs.ReadLink(fsys, "static/passwd.txt"); err != nil || target != "/etc/passwd" {
		t.Errorf("ReadLink = %q, %v", target, err)
	}
	_, err := fs.Lstat(fsys, "static/secret/key.txt")
	refused(t, "Lstat through a linked folder", err)
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"css", "passwd.txt", "s.toml", "secret", "style"}; !slices.Equal(names, want) {
		t.Errorf("ReadDir static = %v, want %v (sorted, links listed)", names, want)
	}
}

// TestDirFS checks Dir against the fs.FS contract on a tree without links.
func TestDirFS(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	files := goodSite()
	writeTree(t, site, files)
	for kind, fsys := range dirs(t, site) {
		t.Run(kind, func(t *testing.T) { dirFS(t, fsys, files) })
	}
}

func dirFS(t *testing.T, fsys fs.FS, files map[string]string) {
	var names []string
	for p := range files {
		names = append(names, p)
	}
	if err := fstest.TestFS(fsys, names...); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(fsys); err != nil {
		t.Fatalf("Load through Dir: %v", err)
	}
	if _, err := fsys.Open("../x"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Open ../x: %v, want ErrInvalid", err)
	}
}

func TestDirErrors(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	file := filepath.Join(tmp, "site.toml")
	writeTree(t, tmp, map[string]string{"site.toml": ""})
	missing := filepath.Join(tmp, "nowhere")
	for _, tt := range []struct{ dir, want string }{
		{missing, "源目录 " + missing + " 不存在"},
		{file, "源目录 " + file + " 不是目录"},
	} {
		fsys, err := Dir(tt.dir)
		if err == nil || fsys != nil {
			t.Errorf("Dir(%s) succeeded", tt.dir)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Dir(%s) = %q, want %q", tt.dir, err, tt.want)
		}
	}
	if _, err := Dir(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Dir(missing) = %v, want one wrapping fs.ErrNotExist", err)
	}
	// The directory itself may be a link: the user named it.
	link := filepath.Join(tmp, "link")
	symlink(t, tmp, link)
	if _, err := Dir(link); err != nil {
		t.Errorf("Dir(a link to a directory) = %v", err)
	}
}

// TestLoadReportSymlink checks the rebuild of one report, which names its
// folder: a linked folder, or a linked year above it, is refused.
func TestLoadReportSymlink(t *testing.T) {
	t.Parallel()
	fsys := tree(base())
	fsys["content/2023/v"] = &fstest.MapFile{Data: []byte("u"), Mode: fs.ModeSymlink}
	fsys["content/2024"] = &fstest.MapFile{Data: []byte("2023"), Mode: fs.ModeSymlink}
	for dir, want := range map[string]string{
		"content/2023/v": "content/2023/v: " + linkMsg("u"),
		"content/2024/u": "content/2024: " + linkMsg("2023"),
	} {
		r, err := LoadReport(fsys, dir)
		if err == nil || r != nil || err.Error() != want {
			t.Errorf("LoadReport(%s) = %v\nwant %s", dir, err, want)
		}
	}
	if _, err := LoadReport(fsys, "content/2023/u"); err != nil {
		t.Errorf("LoadReport(content/2023/u) = %v", err)
	}
}
