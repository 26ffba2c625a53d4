package scaffold

import (
	"errors"
	"fmt"
	"strings"
)

// DefaultTitle is a new site's title when none is given.
const DefaultTitle = "预决算及绩效信息公开"

// siteFiles are the files of a new site.
var siteFiles = []file{
	{".gitignore", "gitignore"},
	{"content/_index.md", "home.md"},
	{"site.toml", "site.toml"},
}

// NewSite writes a new site into dir: site.toml, content/_index.md and
// .gitignore. dir must be missing or empty; it is made if missing, with its
// parents. A title of "" is DefaultTitle.
func NewSite(dir, title string) error {
	title = strings.TrimSpace(title)
	if title == "" {
		title = DefaultTitle
	}
	if err := checkText("网站名称", title); err != nil {
		return err
	}
	files, err := render(siteFiles, struct{ Title string }{title})
	if err != nil {
		return err
	}
	err = create(dir, files, true)
	if errors.Is(err, ErrTaken) {
		return fmt.Errorf("%s 已存在且不是空目录：gongkai new site 不会改动其中的文件；请另选一个新目录名（会自动创建），或先清空它", dir)
	}
	return err
}
