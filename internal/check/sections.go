package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"gongkai/internal/report"
)

// standardSections are the nine sections of a 部门整体支出绩效自评报告, in
// order, without their numbering: the titles every report must have when
// site.toml does not list its own (required_sections).
var standardSections = []string{
	"基本情况",
	"一般公共预算支出情况",
	"政府性基金预算支出情况",
	"国有资本经营预算支出情况",
	"社会保险基金预算支出情况",
	"部门整体支出绩效情况",
	"存在的问题及原因分析",
	"下一步改进措施",
	"绩效自评结果及其他需要说明的情况",
}

// sections checks that the required sections are there and not empty.
//
// A section meets a required title when their keys (see titleKey) are
// equal, or when the section's key contains the required one: "部门（单位）
// 基本情况" is the 基本情况, but a section titled "情况" is not. A required
// section is empty when every section that meets it has neither text nor
// data: a section with only a chart's data says something.
func sections(r *report.Report, cfg report.SiteCheck, add func(Finding)) {
	required, wants := standardSections, standardKeys()
	if cfg.RequiredSections != nil {
		required = cfg.RequiredSections
		wants = titleKeys(required)
	}
	keys := make([]string, len(r.Sections))
	for i, s := range r.Sections {
		keys[i] = titleKey(s.Title)
	}
	for i, title := range required {
		want := wants[i]
		if want == "" {
			continue
		}
		// Sections with the very title come first: they are the one to point at.
		var exact, near []*report.Section
		for j, s := range r.Sections {
			switch {
			case keys[j] == want:
				exact = append(exact, s)
			case strings.Contains(keys[j], want):
				near = append(near, s)
			}
		}
		found := append(exact, near...)
		if len(found) == 0 {
			add(Finding{Code: "SECTION-MISSING", Severity: Warning, Pos: r.Pos, Report: r.Dir,
				Message: fmt.Sprintf("缺少必备章节“%s”", numberedTitle(i, title)),
				Hint:    "补上这一章；本单位没有相应内容的，也应保留这一章并写明“无”及原因"})
			continue
		}
		if slices.ContainsFunc(found, sectionHasContent) {
			continue
		}
		s := found[0]
		add(Finding{Code: "SECTION-EMPTY", Severity: Warning, Pos: report.Pos{Path: s.Pos.Path, Line: 1}, Report: r.Dir,
			Message: fmt.Sprintf("必备章节“%s”没有内容", s.Title),
			Hint:    emptySectionHint(title)})
	}
}

// sectionHasContent reports whether a section says anything: text, or a
// data block or indicator row shown with it.
func sectionHasContent(s *report.Section) bool {
	return !s.Body.IsBlank() || len(s.Blocks()) > 0 || len(s.Indicators) > 0
}

// emptySectionHint says what an empty section should say, by what it is about.
func emptySectionHint(title string) string {
	bare := strings.TrimSpace(stripNumbering(foldFullWidth(title)))
	switch {
	case strings.HasSuffix(bare, "预算支出情况"):
		return fmt.Sprintf("补写这一章；如本单位无此项预算，请写明“本单位无%s”", strings.TrimSuffix(bare, "情况"))
	case strings.Contains(bare, "自评结果"):
		return "写明自评得分和等级，或在 front matter 中录入绩效自评表 [[indicators]]；没有其他需要说明的情况，请写明“无”"
	}
	return "补写这一章；确无内容的，请写明“无”及原因"
}

// numberedTitle is a required title as the reader knows it: with its
// number in the list ("三、政府性基金预算支出情况") unless it has its own.
func numberedTitle(i int, title string) string {
	if f := foldFullWidth(title); stripNumbering(f) != f {
		return title
	}
	return chineseNumeral(i+1) + "、" + title
}

// chineseNumeral writes 1 to 99 as Chinese numerals: 一, 十, 十一, 二十一.
func chineseNumeral(n int) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return string(d[n])
	}
	s := "十"
	if n/10 > 1 {
		s = string(d[n/10]) + s
	}
	if n%10 > 0 {
		s += string(d[n%10])
	}
	return s
}

// headingNumber is the number in front of a heading in its common forms,
// once full-width forms are folded to ASCII: 一、 (一) 1、 1. 1.2 1) ⑴ ① ㈠ Ⅰ
// 第一部分 第二章 — and what separates it from the title.
var headingNumber = regexp.MustCompile(`^\s*(?:` +
	`第[一二三四五六七八九十百零〇0-9]+(?:部分|章|节|篇)` +
	`|[(（][一二三四五六七八九十百零〇0-9]{1,3}[)）]` +
	`|[0-9]{1,3}(?:\.[0-9]{1,3})+` +
	`|[0-9]{1,3}(?:[、.:)]|\s)` +
	`|[一二三四五六七八九十百零〇]{1,3}(?:[、.:]|\s)` +
	`|[\x{2460}-\x{249B}\x{3220}-\x{3229}\x{2160}-\x{217F}]` +
	`)[\s、.:,，]*`)

// stripNumbering removes the numbers in front of a folded title, however
// many: "第一部分 一、基本情况" is "基本情况". A number that is the whole
// title stays.
func stripNumbering(s string) string {
	for {
		loc := headingNumber.FindStringIndex(s)
		if loc == nil || loc[1] == len(s) {
			return s
		}
		s = s[loc[1]:]
	}
}

// standardKeys are the keys of the standard titles, which every report of
// most sites is checked against.
var standardKeys = sync.OnceValue(func() []string { return titleKeys(standardSections) })

// titleKeys are the keys of titles.
func titleKeys(titles []string) []string {
	keys := make([]string, len(titles))
	for i, t := range titles {
		keys[i] = titleKey(t)
	}
	return keys
}

// titleKey is what section titles are compared by: the title with
// full-width forms folded to ASCII, its numbering removed, and without white
// space or punctuation, in lower case. "（一） 部门（单位）基本情况。" has
// the key "部门单位基本情况".
func titleKey(title string) string {
	var b strings.Builder
	for _, r := range stripNumbering(foldFullWidth(title)) {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldFullWidth maps the full-width forms of ASCII (U+FF01–U+FF5E) to
// ASCII and the ideographic space to a space.
func foldFullWidth(s string) string {
	return strings.Map(fullWidthToASCII, s)
}

func fullWidthToASCII(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == '\u3000':
		return ' '
	}
	return r
}

// TitleKey is titleKey for other packages: gongkai import compares a
// document's headings with the standard titles by it, as check does.
func TitleKey(title string) string { return titleKey(title) }
