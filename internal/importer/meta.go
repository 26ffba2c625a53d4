package importer

import (
	"regexp"
	"strings"
)

// Meta is what the report's index.md says about it.
type Meta struct {
	Year  string
	Org   string
	OrgID string
	Slug  string
	Unit  string // 万元 or 元; the text's when not given
	// Published is the publication date (YYYY-MM-DD): a web page's 发布日期.
	Published string
}

var (
	titleYear = regexp.MustCompile(`[（(]?\s*((?:19|20)[0-9]{2})\s*年度?\s*[）)]?`)
	// orgEnd are the words that follow the unit's name in a title.
	orgEnd = []string{"部门整体支出", "单位整体支出", "整体支出绩效", "绩效自评报告", "整体支出"}
)

// TitleYear is the year a title names ("2023年度", "（2023年度）"), or "".
func TitleYear(title string) string {
	if m := titleYear.FindStringSubmatch(title); m != nil {
		return m[1]
	}
	return ""
}

// TitleOrg is the unit's name in a title: what precedes the words of the
// report's kind, without the year; "" when the title has no such words.
func TitleOrg(title string) string {
	end := -1
	for _, w := range orgEnd {
		if i := strings.Index(title, w); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if end < 0 {
		return ""
	}
	org := titleYear.ReplaceAllString(title[:end], "")
	org = strings.TrimPrefix(strings.TrimSpace(org), "关于")
	return strings.TrimSpace(org)
}

// TextUnit is the money unit a text uses: 万元 when it names it at all,
// else 元 when it names that, else "".
func TextUnit(text string) string {
	switch {
	case strings.Contains(text, "万元"):
		return "万元"
	case strings.Contains(text, "元"):
		return "元"
	}
	return ""
}
