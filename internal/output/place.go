package output

import (
	"errors"
	"fmt"
	"gongkai/internal/source"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckPlacement checks, before a build, that the output directory out
// can be replaced whole without losing any of the site in src: it is not a symbolic link, not the source root, not inside
// content/, layouts/ or static/ (the next build would read it as source), and
// does not contain the source. Any other folder of the site, such as the
// default public/, is fine. Paths are compared after resolving symbolic links
// in their existing parts, so that two names for one folder are caught.
func CheckPlacement(src, out string) error {
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
		for _, d := range []string{source.ContentDir, source.LayoutsDir, source.StaticDir} {
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
