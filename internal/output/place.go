package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// sourceDirs are the folders of a site that a build reads.
var sourceDirs = []string{"content", "layouts", "static"}

// CheckSource checks that src is a site before anything is built from it or
// written beside it: it exists, is a directory, and holds site.toml or
// content/. A site missing only one of them gets the loader's own error,
// which names the file.
func CheckSource(src string) error {
	st, err := os.Stat(src)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("源目录 %s 不存在", src)
	}
	if err != nil {
		return fmt.Errorf("读取源目录：%w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("源目录 %s 不是目录", src)
	}
	for _, name := range []string{"site.toml", "content"} {
		if _, err := os.Stat(filepath.Join(src, name)); !errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	return fmt.Errorf("%s 不是 gongkai 站点：缺少 site.toml 和 content/；可用 gongkai new site 创建", src)
}

// CheckPlacement checks, before a build, that src is a site (CheckSource)
// and that the output directory out can be replaced whole without losing
// source: it is not a symbolic link, not the source root, not inside
// content/, layouts/ or static/ (the next build would read it as source), and
// does not contain the source. Any other folder of the site, such as the
// default public/, is fine. Paths are compared after resolving symbolic links
// in their existing parts, so that two names for one folder are caught.
func CheckPlacement(src, out string) error {
	if err := CheckSource(src); err != nil {
		return err
	}
	if st, err := os.Lstat(out); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return symlinkError(out)
	}
	s, err := realPath(src)
	if err != nil {
		return err
	}
	o, err := realPath(out)
	if err != nil {
		return err
	}
	if s == o {
		return fmt.Errorf("输出目录 %s 就是源目录：构建会整个替换输出目录，源文件会丢失；请用默认的 %s，或源目录之外的目录", out, filepath.Join(src, "public"))
	}
	if within(o, s) {
		return fmt.Errorf("源目录 %s 在输出目录 %s 之内：构建会整个替换输出目录，源文件会丢失；请换一个 --out 目录", src, out)
	}
	if within(s, o) {
		rel, _ := filepath.Rel(s, o)
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		for _, d := range sourceDirs {
			if first == d {
				return fmt.Errorf("输出目录 %s 在源目录的 %s/ 之内：下次构建会把输出当作源文件读入；请用默认的 %s，或源目录之外的目录", out, d, filepath.Join(src, "public"))
			}
		}
	}
	return nil
}

// within reports whether path is strictly inside dir; both are clean and
// absolute.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath is p made absolute with the symbolic links in its longest
// existing prefix resolved; the rest, not made yet, is kept as written.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		r, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(dir) == dir {
			return "", err
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}
