package check

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/report"
	"gongkai/internal/sample"
	"gongkai/internal/source"
)

// TestCoverTextFlagged puts each kind of cover-page field left blank in a
// line of its own: one COVER-TEXT finding, at the first blank field's
// column, quoting each blank field as written. The body starts on the
// file's fourth line.
func TestCoverTextFlagged(t *testing.T) {
	t.Parallel()
	tests := []struct{ body, want string }{
		{"审核意见：", "4:1 “审核意见：”"},
		{"审核意见:", "4:1 “审核意见:”"},
		{"审核意见：　　　　", "4:1 “审核意见：”"},
		{"**审核意见**：", "4:3 “审核意见：”"},
		{"填报日期：", "4:1 “填报日期：”"},
		{"填报日期：    年  月  日", "4:1 “填报日期：”"},
		{"填报日期：________", "4:1 “填报日期：”"},
		{"填报日期：＿＿年＿＿月＿＿日", "4:1 “填报日期：”"},
		{"填报人：", "4:1 “填报人：”"},
		{"填 报 人：", "4:1 “填 报 人：”"},
		{"联系电话：", "4:1 “联系电话：”"},
		{"联系电话：——", "4:1 “联系电话：”"},
		{"评价类型：", "4:1 “评价类型：”"},
		{"　　评价类型：", "4:3 “评价类型：”"},
		{"单位负责人：", "4:1 “单位负责人：”"},
		// Several fields on one line: the blank ones, the first one's column.
		{"填报人：　　　　联系电话：", "4:1 “填报人：”、“联系电话：”"},
		{"填报人：张三　　联系电话：", "4:9 “联系电话：”"},
		{"填报人：张三　联系电话：　填报日期：2024年4月30日", "4:8 “联系电话：”"},
		// After the stamp of a printed form: the stamp is TEMPLATE-TEXT's.
		{"填报单位（公章）：　　填报日期：", "4:12 “填报日期：”"},
		// A table cell starts a field too.
		{"| 审核意见： |\n|---|\n", "4:3 “审核意见：”"},
		{"| 填报人 | 王五 | 审核意见： | |\n|---|---|---|---|\n", "4:14 “审核意见：”"},
		{"- 审核意见：", "4:3 “审核意见：”"},
		{"> 审核意见：", "4:3 “审核意见：”"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range templateFindings(t, tt.body, report.SiteCheck{}) {
			if _, rest, ok := strings.Cut(f, " COVER-TEXT 疑似未填写的封面或审核栏栏目"); ok {
				pos := strings.TrimPrefix(strings.Fields(f)[0], "content/2023/u/1-a.md:")
				got = append(got, pos+" "+rest)
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: COVER-TEXT findings %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestCoverTextFilled is cover-page material with content, and prose near
// a field: none of it is a COVER-TEXT finding. A field with content is the
// unit's own statement.
func TestCoverTextFilled(t *testing.T) {
	t.Parallel()
	lines := []string{
		"填报日期：2024年4月30日",
		"填报日期：2024-04-30",
		"填报日期：　　年　月　1日",
		"审核意见：同意。",
		"审核意见：经审核，报告内容属实。",
		"填报人：张三",
		"联系电话：0731-12345678",
		"评价类型：部门整体支出绩效自评",
		"评价类型：（二）项目支出",
		"| 审核意见： | 同意 |\n|---|---|\n",
		"| 填报人 | 联系电话 |\n|---|---|\n",
		// Prose that uses the words of a field.
		"本次审核意见：",
		"主要评价类型：",
		"对审核意见的落实情况如下：",
		"审核意见",
		"联系电话：见附件。",
		"填报日期",
		"评价类型、评价方法和评价标准：",
		"`审核意见：`",
	}
	for _, l := range lines {
		for _, f := range templateFindings(t, l, report.SiteCheck{}) {
			t.Errorf("%q: finding %q, want none", l, f)
		}
	}
}

// TestCoverTextWithoutPatterns shows that a site with its own (empty) list
// of template patterns still has its blank cover fields found.
func TestCoverTextWithoutPatterns(t *testing.T) {
	t.Parallel()
	got := templateFindings(t, "审核意见：", report.SiteCheck{TemplatePatterns: []string{}})
	if want := []string{"content/2023/u/1-a.md:4:1 COVER-TEXT 疑似未填写的封面或审核栏栏目“审核意见：”"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// coverPatterns are the template patterns of the cover page: the outline
// marker of the template's title and the stamp placeholders.
var coverPatterns = []string{"(参考提纲)", "(公章)", "(盖章)", "(单位公章)", "(单位盖章)", "(签章)", "(签字)", "(签字盖章)"}

// TestCoverPatternsAreDefaults keeps coverPatterns, which the tests of no
// false positives use, among the defaults.
func TestCoverPatternsAreDefaults(t *testing.T) {
	t.Parallel()
	for _, p := range coverPatterns {
		if !slices.Contains(templatePatterns, p) {
			t.Errorf("%q is not a default template pattern", p)
		}
	}
}

// TestCoverRulesNoFalsePositives runs the cover-page rules, and only them,
// on the sample site and on a generated corpus: real and realistic report
// text, with no cover page in it. Any finding is a false positive.
func TestCoverRulesNoFalsePositives(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: 50, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	generated, err := source.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	cfg := report.SiteCheck{TemplatePatterns: coverPatterns}
	for name, site := range map[string]*report.Site{"sample": sample.Site(t), "generated": generated} {
		n := 0
		for _, r := range site.Reports() {
			n++
			for _, f := range textRun(t, textCheckWith, r, cfg) {
				t.Errorf("%s: %s", name, f)
			}
		}
		if n == 0 {
			t.Errorf("%s: no reports", name)
		}
	}
}
