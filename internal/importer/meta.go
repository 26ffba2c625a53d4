package importer

import (
	"fmt"
	"regexp"
	"strconv"
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

// yearEnd is the end of a fiscal year as a report states its figures:
// "截至2024年12月31日", "截止2024年12月31日".
var yearEnd = regexp.MustCompile(`截[至止]\s*((?:19|20)[0-9]{2})\s*年\s*12\s*月\s*31\s*日`)

// FindYear is the fiscal year a report is about: the one its title names,
// else the year whose end its text states figures at, else the year before
// its publication date (published YYYY-MM-DD), since a year's report comes
// out in the next. how says, for the import report, where a year not from
// the title came from; year is "" when nothing gives one.
func FindYear(title, body, published string) (year, how string) {
	if y := TitleYear(title); y != "" {
		return y, ""
	}
	if m := yearEnd.FindStringSubmatch(body); m != nil {
		return m[1], fmt.Sprintf("标题中没有年度，按正文“%s”定为 %s 年度，请核对", m[0], m[1])
	}
	if y, err := strconv.Atoi(strings.SplitN(published, "-", 2)[0]); err == nil && y > 1900 {
		year = strconv.Itoa(y - 1)
		return year, fmt.Sprintf("标题和正文都没有年度，按发布日期 %s 推定为 %s 年度（发布年份减一），请核对", published, year)
	}
	return "", ""
}
