package cli

import (
	"fmt"
	"io"
	"strings"

	"gongkai/internal/scaffold"
)

const (
	newSiteUsage   = "gongkai new site 目录 [--title 网站名称]"
	newSiteAbout   = "新建站点：site.toml（每项都有说明）、content/_index.md 和 .gitignore；目录须不存在或为空"
	newReportUsage = "gongkai new report --year 年份 --org 单位名称 --org-id 单位标识 [--slug 目录名] [--src 目录]"
	newReportAbout = "在站点中新建一份报告：content/年份/目录名/ 下的 index.md 和九个标准章节，目录名默认为单位标识"
)

// runNew starts a site or a report: the kind comes first, as the usage
// shows; for a site, the folder follows it, and flags may come after.
func runNew(e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "site":
			return runNewSite(e, args[1:])
		case "report":
			return runNewReport(e, args[1:])
		case "-h", "-help", "--help":
			runNewSite(e, args[:1])
			fmt.Fprintln(e.stdout)
			return runNewReport(e, args[:1])
		}
	}
	newUsage(e.stderr)
	return ExitUsage
}

func newUsage(w io.Writer) {
	fmt.Fprintf(w, "用法：\n  %s\n      %s\n", newSiteUsage, newSiteAbout)
	fmt.Fprintf(w, "  %s\n      %s\n", newReportUsage, newReportAbout)
}

func runNewSite(e *env, args []string) int {
	fs := e.flags("new site")
	title := fs.String("title", scaffold.DefaultTitle, "网站名称，写入 site.toml（以后可改）")
	// The folder comes first; flags may stand before or after it.
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	rest := fs.Args()
	if dir == "" && len(rest) > 0 {
		dir, rest = rest[0], rest[1:]
	}
	if dir == "" || len(rest) > 0 {
		fmt.Fprintf(e.stderr, "用法：%s\n", newSiteUsage)
		return ExitUsage
	}
	if err := scaffold.NewSite(dir, *title); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "已新建站点 %s。下一步：\n  gongkai new report --src %s --year 年份 --org 单位名称 --org-id 单位标识\n  gongkai serve --src %s\n", dir, dir, dir)
	return ExitOK
}

func runNewReport(e *env, args []string) int {
	fs := e.flags("new report")
	src := srcFlag(fs)
	var r scaffold.Report
	fs.StringVar(&r.Year, "year", "", "报告年度，四位数字，如 2024（必填）")
	fs.StringVar(&r.Org, "org", "", "报告单位的全称（必填）")
	fs.StringVar(&r.OrgID, "org-id", "", "单位标识：小写英文字母、数字和连字符，各年度相同（必填）")
	fs.StringVar(&r.Slug, "slug", "", "报告目录名，会成为网址的一部分（默认为单位标识）")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	var missing []string
	for _, m := range []struct{ flag, value string }{{"--year", r.Year}, {"--org", r.Org}, {"--org-id", r.OrgID}} {
		if m.value == "" {
			missing = append(missing, m.flag)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(e.stderr, "gongkai new report: 缺少 %s\n用法：%s\n", strings.Join(missing, "、"), newReportUsage)
		return ExitUsage
	}
	dir, err := scaffold.NewReport(*src, r)
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "已新建报告 %s：在 01-…md 至 09-…md 中填写各章正文，gongkai check --src %s 会列出尚未填写的章节\n", dir, *src)
	return ExitOK
}
