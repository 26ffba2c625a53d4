package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a small site in a new folder and returns its path.
func site(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	for _, name := range []string{"content/2023/unit/index.md", "site.toml", "layouts/page.html", "static/logo.png"} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// TestCheckPlacement checks which outputs a site may be built into.
func TestCheckPlacement(t *testing.T) {
	t.Parallel()
	src := site(t)
	root := filepath.Dir(src)
	if err := os.Symlink(src, filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		src, out string
		err      string // empty when the output is fine
	}{
		{src, filepath.Join(src, "public"), ""},
		{src, filepath.Join(src, "dist", "site"), ""},
		{src, filepath.Join(root, "out"), ""},
		{src, filepath.Join(root, "real"), ""},
		{src, src, "就是源目录"},
		{src, src + "/.", "就是源目录"},
		{src, filepath.Join(root, "alias"), "是符号链接"},
		{src, filepath.Join(src, "content"), "在源目录的 content/ 之内"},
		{src, filepath.Join(src, "content", "2023", "unit"), "在源目录的 content/ 之内"},
		{src, filepath.Join(src, "content", "new"), "在源目录的 content/ 之内"},
		{src, filepath.Join(src, "layouts"), "在源目录的 layouts/ 之内"},
		{src, filepath.Join(src, "static", "a", "b"), "在源目录的 static/ 之内"},
		{src, filepath.Join(root, "alias", "content", "x"), "在源目录的 content/ 之内"},
		{filepath.Join(root, "alias"), filepath.Join(src, "static"), "在源目录的 static/ 之内"},
		{src, root, "在输出目录 " + root + " 之内"},
		{src, filepath.Join(root, "link"), "输出目录 " + filepath.Join(root, "link") + " 是符号链接（指向 real）"},
	}
	for _, c := range cases {
		err := CheckPlacement(c.src, c.out)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("CheckPlacement(%s, %s): %v", c.src, c.out, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("CheckPlacement(%s, %s) = %v, want an error containing %q", c.src, c.out, err, c.err)
		}
	}
	for _, name := range []string{"out", "nosuch", "real/public", "site/public", "site/dist", "site/content/new"} {
		if _, err := os.Lstat(filepath.Join(root, name)); !os.IsNotExist(err) {
			t.Errorf("CheckPlacement made %s", name)
		}
	}
}
