package check

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai/internal/markdown"
	"gongkai/internal/report"
	"gongkai/internal/sample"
	"gongkai/internal/source"
)

// textIndex is the index.md of the reports the tests load.
const textIndex = "+++\ntitle = \"2023年度某单位整体支出绩效自评报告\"\nyear = 2023\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n"

// textReport loads content/2023/u from files named in that folder, so that
// bodies and lines are what the loader makes of real files. A missing
// index.md is textIndex.
func textReport(t *testing.T, files map[string]string) *report.Report {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys["content/2023/u/"+name] = &fstest.MapFile{Data: []byte(s)}
	}
	if _, ok := files["index.md"]; !ok {
		fsys["content/2023/u/index.md"] = &fstest.MapFile{Data: []byte(textIndex)}
	}
	r, err := source.LoadReport(fsys, "content/2023/u")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// textSection is a section file with a title and a body.
func textSection(title, body string) string {
	return "+++\ntitle = \"" + title + "\"\n+++\n" + body
}

// textRun runs one rule and lists its findings as "pos code message",
// checking what every finding of these rules has in common.
func textRun(t *testing.T, rule func(*report.Report, report.SiteCheck, func(Finding)), r *report.Report, cfg report.SiteCheck) []string {
	t.Helper()
	var out []string
	rule(r, cfg, func(f Finding) {
		if f.Severity != Warning || f.Report != r.Dir || f.Block != "" || f.Hint == "" {
			t.Errorf("finding %s: severity %v, report %q, block %q, hint %q", f.Code, f.Severity, f.Report, f.Block, f.Hint)
		}
		out = append(out, f.Pos.String()+" "+f.Code+" "+f.Message)
	})
	return out
}

func TestTitleKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ title, want string }{
		{"一、基本情况", "基本情况"},
		{"（一） 部门（单位）基本情况。", "部门单位基本情况"},
		{"一般公共预算支出情况", "一般公共预算支出情况"}, // 一 is a word here, not a number
		{"一、一般公共预算支出情况", "一般公共预算支出情况"},
		{"十一、其他", "其他"},
		{"第一部分　一、基本情况", "基本情况"},
		{"１．基本情况", "基本情况"},
		{"2023年度基本情况", "2023年度基本情况"}, // a year is not a number in front
		{"一、", "一"}, // nothing but a number: kept
		{"Ａbc 情况", "abc情况"},
	}
	for _, tt := range tests {
		if got := titleKey(tt.title); got != tt.want {
			t.Errorf("titleKey(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestSectionTitleMatch runs the rule on a report with one section that has
// text, and one required title: the title is met when nothing is missing.
func TestSectionTitleMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		section, required string
		want              bool
	}{
		{"一、基本情况", "基本情况", true},
		{"（一）基本情况", "基本情况", true},
		{"(一)基本情况", "基本情况", true},
		{"(一) 基本情况", "基本情况", true},
		{"（1）基本情况", "基本情况", true},
		{"(1)基本情况", "基本情况", true},
		{"1、基本情况", "基本情况", true},
		{"1、 基本情况", "基本情况", true},
		{"1.基本情况", "基本情况", true},
		{"1．基本情况", "基本情况", true},
		{"１．基本情况", "基本情况", true},
		{"1)基本情况", "基本情况", true},
		{"1.1 基本情况", "基本情况", true},
		{"⑴基本情况", "基本情况", true},
		{"①基本情况", "基本情况", true},
		{"㈠基本情况", "基本情况", true},
		{"Ⅰ、基本情况", "基本情况", true},
		{"第一部分 基本情况", "基本情况", true},
		{"第一部分　一、基本情况", "基本情况", true},
		{"一、　基本情况", "基本情况", true}, // ideographic space
		{"一、基本情况。", "基本情况", true},
		{"基本情况", "基本情况", true},
		{"八、下一步改进措施", "下一步改进措施", true},
		{"8、 下一步改进措施", "下一步改进措施", true},
		{"十、其他需要说明的情况", "其他需要说明的情况", true},
		{"（三）政府性基金预算支出情况", "三、政府性基金预算支出情况", true},
		{"一、一般公共预算支出情况", "一般公共预算支出情况", true},
		{"“四本预算”：一般公共预算支出情况", "一般公共预算支出情况", true},
		// The section may say more than the required title, not less.
		{"一、部门（单位）基本情况", "基本情况", true},
		{"部门基本情况", "基本情况", true},
		{"二、一般公共预算支出情况", "政府性基金预算支出情况", false},
		{"三、政府性基金预算支出情况", "一般公共预算支出情况", false},
		{"一、情况", "基本情况", false},
		{"（一）基本支出情况", "基本情况", false},
		{"二、一般公共预算支出", "一般公共预算支出情况", false},
		{"九、绩效自评结果拟应用和公开情况", "绩效自评结果及其他需要说明的情况", false},
		{"一、", "基本情况", false},
	}
	for _, tt := range tests {
		r := &report.Report{Dir: "d", Pos: report.Pos{Path: "d/index.md"}, Sections: []*report.Section{
			{Title: tt.section, Pos: report.Pos{Path: "d/01.md"}, Body: report.Text{Source: []byte("正文")}},
		}}
		got := textRun(t, sections, r, report.SiteCheck{RequiredSections: []string{tt.required}})
		if matched := len(got) == 0; matched != tt.want {
			t.Errorf("section %q, required %q: matched %v, want %v (%v)", tt.section, tt.required, matched, tt.want, got)
		}
	}
}

// standardFiles is a report with the standard nine sections, each with text.
func standardFiles() map[string]string {
	files := map[string]string{}
	for i, title := range standardSections {
		files[string(rune('1'+i))+"-s.md"] = textSection(numberedTitle(i, title), "\n本单位"+title+"如下。\n")
	}
	return files
}

func TestSectionsMissingAndEmpty(t *testing.T) {
	t.Parallel()
	files := standardFiles()
	delete(files, "3-s.md")
	files["4-s.md"] = textSection("四、国有资本经营预算支出情况", "\n  \n\t\n")
	// Only a data block, or only indicator rows: not empty.
	files["5-s.md"] = "+++\ntitle = \"五、社会保险基金预算支出情况\"\n[[metrics]]\nid = \"m\"\nname = \"支出\"\nvalue = 1\n+++\n"
	files["9-s.md"] = "+++\ntitle = \"九、绩效自评结果及其他需要说明的情况\"\n[[indicators]]\nname = \"指标\"\nweight = 100\nscore = 90\n+++\n"
	// Nothing but front matter.
	files["8-s.md"] = "+++\ntitle = \"8、 下一步改进措施\"\n+++\n"
	r := textReport(t, files)
	got := textRun(t, sections, r, report.SiteCheck{})
	want := []string{
		"content/2023/u/index.md SECTION-MISSING 缺少必备章节“三、政府性基金预算支出情况”",
		"content/2023/u/4-s.md:1 SECTION-EMPTY 必备章节“四、国有资本经营预算支出情况”没有内容",
		"content/2023/u/8-s.md:1 SECTION-EMPTY 必备章节“8、 下一步改进措施”没有内容",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSectionsHints(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"3-s.md": textSection("三、政府性基金预算支出情况", ""),
		"9-s.md": textSection("九、绩效自评结果及其他需要说明的情况", ""),
		"7-s.md": textSection("七、存在的问题及原因分析", ""),
	}
	r := textReport(t, files)
	hints := map[string]string{}
	sections(r, report.SiteCheck{}, func(f Finding) {
		if f.Code == "SECTION-EMPTY" {
			hints[f.Pos.Path[len("content/2023/u/"):]] = f.Hint
		}
	})
	for file, want := range map[string]string{
		"3-s.md": "如本单位无此项预算，请写明“本单位无政府性基金预算支出”",
		"9-s.md": "[[indicators]]",
		"7-s.md": "请写明“无”及原因",
	} {
		if !strings.Contains(hints[file], want) {
			t.Errorf("%s: hint %q does not say %q", file, hints[file], want)
		}
	}
}

func TestSectionsSeveralMatches(t *testing.T) {
	t.Parallel()
	cfg := report.SiteCheck{RequiredSections: []string{"基本情况"}}
	// One of two sections that meet the title has text: the title is met.
	r := textReport(t, map[string]string{
		"1-a.md": textSection("一、基本情况", ""),
		"2-b.md": textSection("（二）部门基本情况", "\n正文\n"),
	})
	if got := textRun(t, sections, r, cfg); len(got) != 0 {
		t.Errorf("findings %v, want none", got)
	}
	// Both empty: one finding, at the section with the very title.
	r = textReport(t, map[string]string{
		"1-a.md": textSection("部门基本情况", ""),
		"2-b.md": textSection("一、基本情况", ""),
	})
	want := []string{"content/2023/u/2-b.md:1 SECTION-EMPTY 必备章节“一、基本情况”没有内容"}
	if got := textRun(t, sections, r, cfg); !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

func TestSectionsConfigured(t *testing.T) {
	t.Parallel()
	r := textReport(t, map[string]string{"1-a.md": textSection("一、基本情况", "正文")})
	// A configured list replaces the standard nine.
	got := textRun(t, sections, r, report.SiteCheck{RequiredSections: []string{"基本情况", "（二）附件说明", "  "}})
	// A title with its own number keeps it; a blank title is no title.
	want := []string{"content/2023/u/index.md SECTION-MISSING 缺少必备章节“（二）附件说明”"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	// An empty list requires nothing; nil requires the standard nine.
	if got := textRun(t, sections, r, report.SiteCheck{RequiredSections: []string{}}); len(got) != 0 {
		t.Errorf("empty list: findings %v", got)
	}
	if got := textRun(t, sections, r, report.SiteCheck{}); len(got) != 8 || !strings.HasSuffix(got[7], "缺少必备章节“九、绩效自评结果及其他需要说明的情况”") {
		t.Errorf("standard list: %d findings, last %q", len(got), got[len(got)-1])
	}
}

func TestChineseNumeral(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "100"} {
		if got := chineseNumeral(n); got != want {
			t.Errorf("chineseNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}

// templateFindings runs Text.Check on a report whose one section has the
// body, and returns the findings' positions and messages.
func templateFindings(t *testing.T, body string, cfg report.SiteCheck) []string {
	t.Helper()
	r := textReport(t, map[string]string{"1-a.md": textSection("一、基本情况", body)})
	return textRun(t, textCheckWith, r, cfg)
}

// TestTemplatePatternsFire shows every default pattern in a sentence where it
// is template text, and what the finding quotes.
func TestTemplatePatternsFire(t *testing.T) {
	t.Parallel()
	sentences := map[string]struct{ line, quote string }{
		"××":       {"一、××单位基本情况", "××"},
		"XX年":      {"截至XX年底，共完成项目3个。", "XX年"},
		"xx年":      {"20xx年部门整体支出绩效目标完成情况。", "xx年"},
		"×年":       {"填报日期：×年×月×日", "×年"},
		"(参考提纲)":   {"部门整体支出绩效自评报告（参考提纲）", "（参考提纲）"},
		"(100字以内)": {"年度绩效目标（100字以内）：", "（100字以内）"},
		"(200字以内)": {"年度主要任务完成情况（200字以内）：", "（200字以内）"},
		"每个专项一行":   {"专项资金使用情况（每个专项一行）", "每个专项一行"},
		"(公章)":     {"填报单位（公章）：", "（公章）"},
		"(盖章)":     {"部门名称（盖章）：", "（盖章）"},
		"(单位公章)":   {"（单位公章）", "（单位公章）"},
		"(单位盖章)":   {"审核意见：同意。（单位盖章）", "（单位盖章）"},
		"(签章)":     {"单位负责人（签章）：", "（签章）"},
		"(签字)":     {"审核人（签字）：", "（签字）"},
		"(签字盖章)":   {"法定代表人（签字盖章）：", "（签字盖章）"},
		"此处填写":     {"此处填写本单位年度整体支出绩效目标。", "此处填写"},
		"请填写":      {"本年度项目支出（请填写具体金额）万元。", "请填写"},
		"根据实际情况填写": {"其他支出（根据实际情况填写，无则不填）。", "根据实际情况填写"},
		"总结归纳本部门":  {"总结归纳本部门“四本预算”支出的绩效目标完成情况。", "总结归纳本部门"},
		"衡量部门整体及核心业务实施效果": {"从运行成本、管理效率等方面，衡量部门整体及核心业务实施效果。", "衡量部门整体及核心业务实施效果"},
		"两方面：一是":          {"两方面：一是2023年度专项资金安排和使用管理情况。", "两方面：一是"},
		"及以上专项资金的要分别总结":   {"有2个及以上专项资金的要分别总结基本情况。", "及以上专项资金的要分别总结"},
		"主要反映各种预算支出":      {"主要反映各种预算支出执行偏离绩效目标的情况，并分析其原因。", "主要反映各种预算支出"},
		"主要反映部门":          {"主要反映部门（单位）基本支出的总量和结构。", "主要反映部门"},
	}
	for _, p := range templatePatterns {
		s, ok := sentences[p]
		if !ok {
			t.Errorf("pattern %q has no sentence in this test", p)
			continue
		}
		got := templateFindings(t, "\n"+s.line+"\n", report.SiteCheck{})
		want := " TEMPLATE-TEXT 疑似未删除的模板文字“" + s.quote + "”："
		if len(got) != 1 || !strings.HasPrefix(got[0], "content/2023/u/1-a.md:5:") || !strings.Contains(got[0], want) {
			t.Errorf("pattern %q in %q: findings %q, want one on line 5 quoting %q", p, s.line, got, s.quote)
		}
	}
}

func TestTemplateTextVariants(t *testing.T) {
	t.Parallel()
	tests := []struct{ line, quote string }{
		// Full-width and ASCII forms are the same text.
		{"部门整体支出绩效自评报告(参考提纲)", "(参考提纲)"},
		{"两方面:一是2023年度专项资金", "两方面:一是"},
		{"两方面： 一是2023年度专项资金", "两方面： 一是"},
		{"填报单位(盖章)：", "(盖章)"},
		{"截至２０ＸＸ年底", "ＸＸ年"},
		{"截至20××年底", "××年"},
		{"ＸＸ局", "ＸＸ"},
		// × and X are one placeholder, however many.
		{"×××单位基本情况", "×××"},
		{"第XX届运动会", "XX"},
		{"XX", "XX"},
		{"(XX)", "XX"},
		// A name hidden as ××: not a placeholder, but a name has no place
		// in this report either, and a warning is cheap to dismiss.
		{"驾驶员李××酒后驾驶", "××"},
	}
	for _, tt := range tests {
		got := templateFindings(t, tt.line, report.SiteCheck{})
		if len(got) != 1 || !strings.Contains(got[0], "模板文字“"+tt.quote+"”：") {
			t.Errorf("%q: findings %q, want one quoting %q", tt.line, got, tt.quote)
		}
	}
	// A configured pattern is folded as the text is.
	got := templateFindings(t, "两方面：一是加强管理", report.SiteCheck{TemplatePatterns: []string{"两方面:一是"}})
	if len(got) != 1 {
		t.Errorf("ASCII pattern, full-width text: findings %q", got)
	}
}

// TestTemplateTextNearMisses are sentences of ordinary report prose close to
// a pattern: a finding on any of them is a bug.
func TestTemplateTextNearMisses(t *testing.T) {
	t.Parallel()
	lines := []string{
		"本年度专项资金两方面的情况均已说明。",
		"主要从两方面开展工作：一是加强管理，二是强化监督。",
		"数据主要反映了本年度交通事故的变化。",
		"该项目主要反映出预算执行中的问题。",
		"以上指标主要反映本单位履职情况。",
		"湘BXX123号车辆已依法处理。",
		"XX123",
		"配发XXL号执勤服。",
		"Exxon 石油公司",
		"设置3×4米宣传栏，每年×2次。",
		"2023年度部门整体支出绩效目标完成情况良好。",
		"总结本部门经验，归纳存在的问题。",
		"请于5月底前报送材料。",
		"文件已加盖公章后报送。",
		"摘要控制在100字以内。",
		"各专项资金均单独核算。",
		"（一）基本支出情况",
		"一是强势推进“百日行动”。",
	}
	for _, l := range lines {
		if got := templateFindings(t, l, report.SiteCheck{}); len(got) != 0 {
			t.Errorf("%q: findings %q, want none", l, got)
		}
	}
}

func TestTemplateTextPosition(t *testing.T) {
	t.Parallel()
	// The body starts after four lines of front matter; the match is the
	// eighth character of the line, and far beyond its eighth byte.
	body := "\n正文。\n\n　　根据要求，两方面：一是加强管理；（参考提纲）\n"
	got := templateFindings(t, body, report.SiteCheck{})
	want := []string{"content/2023/u/1-a.md:7:8 TEMPLATE-TEXT 疑似未删除的模板文字“两方面：一是”、“（参考提纲）”：两方面：一是加强管理；（参考提纲）"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q\nwant %q", got, want)
	}
	// A long line is quoted up to 20 characters after the first match.
	got = templateFindings(t, "××年度专项资金安排和使用管理情况，有2个及以上专项资金的要分别总结。", report.SiteCheck{})
	want = []string{"content/2023/u/1-a.md:4:1 TEMPLATE-TEXT 疑似未删除的模板文字“××年”、“及以上专项资金的要分别总结”：××年度专项资金安排和使用管理情况，有2个及以…"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q\nwant %q", got, want)
	}
}

func TestTemplateTextFences(t *testing.T) {
	t.Parallel()
	body := strings.Join([]string{
		"",              // 4
		"```chart",      // 5
		"data = \"××\"", // 6
		"```",           // 7
		"````text",      // 8
		"两方面：一是",        // 9
		"```",           // 10: too short to close
		"请填写",           // 11
		"````",          // 12
		"~~~",           // 13
		"此处填写",          // 14
		"~~~",           // 15
		"请填写金额",         // 16: prose
		"   ```",        // 17: indented by three, still a fence
		"（参考提纲）",        // 18
		"   ```",        // 19
		"行内的 ``` 不是围栏：（参考提纲）", // 20: not a fence
		"``` `x`", // 21: a backtick in the info string: not a fence
		"请填写",     // 22: prose
		"~~~",     // 23: never closed
		"××年",     // 24
	}, "\n")
	r := textReport(t, map[string]string{"1-a.md": textSection("一、基本情况", body)})
	want := []string{
		"content/2023/u/1-a.md:16:1 TEMPLATE-TEXT 疑似未删除的模板文字“请填写”：请填写金额",
		"content/2023/u/1-a.md:22:1 TEMPLATE-TEXT 疑似未删除的模板文字“请填写”：请填写",
	}
	if got := textRun(t, textCheckWith, r, report.SiteCheck{}); !slices.Equal(got, want) {
		t.Errorf("Text.Check findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The ``` of line 20 opens a code span that the first ``` of line
	// 21 closes, so the page shows 不是围栏：（参考提纲） as code, and it
	// is no finding; a scanner that knows only fences took it for prose.
}

func TestTemplateTextTitlesAndPreface(t *testing.T) {
	t.Parallel()
	r := textReport(t, map[string]string{
		"index.md": strings.Replace(textIndex, "2023年度某单位", "20XX年度××单位", 1) + "\n前言：此处填写。\n",
		"1-a.md":   textSection("二、××年度一般公共预算支出情况", "正文"),
	})
	want := []string{
		"content/2023/u/index.md:1 TEMPLATE-TEXT 标题“20XX年度××单位整体支出绩效自评报告”中疑似未删除的模板文字“XX年”、“××”",
		"content/2023/u/index.md:9:4 TEMPLATE-TEXT 疑似未删除的模板文字“此处填写”：此处填写。",
		"content/2023/u/1-a.md:1 TEMPLATE-TEXT 标题“二、××年度一般公共预算支出情况”中疑似未删除的模板文字“××年”",
	}
	for name, rule := range templateRules {
		if got := textRun(t, rule, r, report.SiteCheck{}); !slices.Equal(got, want) {
			t.Errorf("%s: findings:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestTemplateTextConfigured(t *testing.T) {
	t.Parallel()
	body := "\n两方面：一是加强管理。\n内容待补充。\n"
	got := templateFindings(t, body, report.SiteCheck{TemplatePatterns: []string{"待补充", " "}})
	want := []string{"content/2023/u/1-a.md:6:3 TEMPLATE-TEXT 疑似未删除的模板文字“待补充”：待补充。"}
	if !slices.Equal(got, want) {
		t.Errorf("configured list: findings %q, want %q", got, want)
	}
	if got := templateFindings(t, body, report.SiteCheck{TemplatePatterns: []string{}}); len(got) != 0 {
		t.Errorf("empty list: findings %q, want none", got)
	}
}

// TestTextSeed checks the sample site, the seed report: the four sections
// the original left empty, and the three lines of the template it kept.
func TestTextSeed(t *testing.T) {
	t.Parallel()
	site := sample.Site(t)
	for name, text := range templateRules {
		var got []string
		for _, r := range site.Reports() {
			for _, rule := range []func(*report.Report, report.SiteCheck, func(Finding)){sections, text} {
				for _, f := range textRun(t, rule, r, site.Config.Check) {
					code, _, _ := strings.Cut(f, "疑似")
					got = append(got, strings.TrimSpace(code))
				}
			}
		}
		slices.Sort(got)
		if want := seedFindings(); !slices.Equal(got, want) {
			t.Errorf("%s: findings:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// seedFindings are the findings of sections and template text in the seed.
func seedFindings() []string {
	const dir = "content/2023/yanling-traffic-police/"
	want := []string{
		dir + "02-general-budget.md:83:1 TEMPLATE-TEXT",
		dir + "03-government-funds.md:1 SECTION-EMPTY 必备章节“三、政府性基金预算支出情况”没有内容",
		dir + "04-state-capital.md:1 SECTION-EMPTY 必备章节“四、国有资本经营预算支出情况”没有内容",
		dir + "05-social-insurance.md:1 SECTION-EMPTY 必备章节“五、社会保险基金预算支出情况”没有内容",
		dir + "06-performance.md:346:1 TEMPLATE-TEXT",
		dir + "07-problems.md:5:1 TEMPLATE-TEXT",
		dir + "09-self-evaluation.md:1 SECTION-EMPTY 必备章节“九、绩效自评结果及其他需要说明的情况”没有内容",
	}
	return want
}

// TestTextSeedMessages pins what the seed's template findings say.
func TestTextSeedMessages(t *testing.T) {
	t.Parallel()
	site := sample.Site(t)
	const dir = "content/2023/yanling-traffic-police/"
	want := []string{
		dir + "02-general-budget.md:83:1 TEMPLATE-TEXT 疑似未删除的模板文字“两方面：一是”、“××年”、“及以上专项资金的要分别总结”：两方面：一是××年度专项资金安排和使用管理情况，有2…",
		dir + "06-performance.md:346:1 TEMPLATE-TEXT 疑似未删除的模板文字“总结归纳本部门”、“衡量部门整体及核心业务实施效果”：总结归纳本部门“四本预算”支出的绩效目标完成情况，实现…",
		dir + "07-problems.md:5:1 TEMPLATE-TEXT 疑似未删除的模板文字“主要反映各种预算支出”：主要反映各种预算支出执行偏离绩效目标的情况，并分析其原因。（…",
	}
	for name, rule := range templateRules {
		var got []string
		for _, r := range site.Reports() {
			got = append(got, textRun(t, rule, r, site.Config.Check)...)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: findings:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// templateRules is the way of finding template text in a report: the
// titles, and the prose of the texts read off their parse.
var templateRules = map[string]func(*report.Report, report.SiteCheck, func(Finding)){
	"Text.Check": textCheckWith,
}

// textCheckWith checks a report's titles and texts in file order, reading
// the texts' prose off their facts, as render hands them over.
func textCheckWith(r *report.Report, cfg report.SiteCheck, add func(Finding)) {
	md := markdown.New()
	tc := NewText(cfg)
	check := func(tx report.Text) {
		facts := md.Inspect(tx.Source)
		tc.Check(r, tx, &facts, add)
	}
	m := siteMatcher(cfg)
	templateTitle(r, m, r.Pos.Path, r.Title, add)
	check(r.Preface)
	for _, s := range r.Sections {
		templateTitle(r, m, s.Pos.Path, s.Title, add)
		check(s.Body)
	}
}

// TestTextCheckCode puts template text where goldmark parses code, or
// what the page omits: it is never prose. old records whether the scanner
// of fences that check used before took it for prose: a false positive.
func TestTextCheckCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		old        bool // the old scanner gave a finding
	}{
		{"fence in a blockquote", "> 引述：\n>\n> ```\n> ××年度\n> ```\n", true},
		{"four-backtick fence in a blockquote", "> ````text\n> ```\n> 请填写\n> ````\n", true},
		{"indented code in a list item", "- 项目说明\n\n      ××年度专项资金\n", true},
		{"tilde fence in a nested list", "- 甲\n  - 乙\n\n    ~~~\n    此处填写\n    ~~~\n", true},
		{"code span", "示例：`××年度`，见附件。\n", true},
		{"code span over two lines", "示例：`两方面：一是\n加强`。\n", true},
		{"indented code block", "正文。\n\n    ××年度\n", true},
		{"raw HTML block", "<div>\n××年度\n</div>\n", true},
		{"chart fence in a blockquote", "> ```chart\n> data = \"××\"\n> ```\n", true},
		{"chart fence in a list item", "1. 甲\n\n   ```chart\n   data = \"××\"\n   ```\n", false},
		{"fence at top level", "```\n××年度\n```\n", false},
	}
	for _, tt := range tests {
		r := textReport(t, map[string]string{"1-a.md": textSection("一、基本情况", tt.body)})
		if got := textRun(t, textCheckWith, r, report.SiteCheck{}); len(got) != 0 {
			t.Errorf("%s: Text.Check findings %q, want none", tt.name, got)
		}
	}
}

// TestTextCheckProse puts template text in each kind of prose: one finding
// each, at the line and the character column in the file. The body starts
// on the file's fourth line.
func TestTextCheckProse(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body, want string }{
		{"heading", "## 一、××单位基本情况\n", "4:6 疑似未删除的模板文字“××”：××单位基本情况"},
		{"setext heading", "正文。\n\n××单位\n===\n", "6:1 疑似未删除的模板文字“××”：××单位"},
		{"table cell", "| 项目 | 说明 |\n|---|---|\n| 预算 | ××年度预算 |\n", "6:8 疑似未删除的模板文字“××年”：××年度预算"},
		{"table cell, not across the border", "| 20×× | 年 |\n|---|---|\n", "4:5 疑似未删除的模板文字“××”：××"},
		{"list item", "- 一是××年度\n", "4:5 疑似未删除的模板文字“××年”：××年度"},
		{"nested list in a blockquote", "> - 甲\n>   - 乙：此处填写\n", "5:9 疑似未删除的模板文字“此处填写”：此处填写"},
		{"blockquote", "> 引用：××年度\n", "4:6 疑似未删除的模板文字“××年”：××年度"},
		{"after bold, quoted without markup", "**说明**：××年度**重点**工作\n", "4:8 疑似未删除的模板文字“××年”：××年度重点工作"},
		{"across emphasis", "**两方面**：一是加强管理\n", "4:3 疑似未删除的模板文字“两方面：一是”：两方面：一是加强管理"},
		{"footnote definition", "正文[^1]。\n\n[^1]: 注：××年度数据\n", "6:9 疑似未删除的模板文字“××年”：××年度数据"},
		{"link text", "详见[××年度报告](a.pdf)。\n", "4:4 疑似未删除的模板文字“××年”：××年度报告。"},
		{"context ends at a code span", "××年度`code`其他\n", "4:1 疑似未删除的模板文字“××年”：××年度"},
		{"second line of a paragraph", "第一行\n　　两方面：一是\n", "5:3 疑似未删除的模板文字“两方面：一是”：两方面：一是"},
	}
	for _, tt := range tests {
		r := textReport(t, map[string]string{"1-a.md": textSection("一、基本情况", tt.body)})
		got := textRun(t, textCheckWith, r, report.SiteCheck{})
		want := "content/2023/u/1-a.md:" + strings.Replace(tt.want, " ", " TEMPLATE-TEXT ", 1)
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: findings %q\nwant %q", tt.name, got, want)
		}
	}
}

// TestTextCheckOffset checks that a finding's line counts from the line
// the text starts on, and that the report's path stands in for a text
// without one.
func TestTextCheckOffset(t *testing.T) {
	t.Parallel()
	r := &report.Report{Dir: "d", Pos: report.Pos{Path: "d/index.md"}}
	tx := report.Text{Pos: report.Pos{Line: 10}, Source: []byte("正文\n\n请填写\n")}
	facts := markdown.New().Inspect(tx.Source)
	var got []string
	NewText(report.SiteCheck{}).Check(r, tx, &facts, func(f Finding) { got = append(got, f.Pos.String()) })
	if want := []string{"d/index.md:12:1"}; !slices.Equal(got, want) {
		t.Errorf("positions %q, want %q", got, want)
	}
	// No facts, nothing to check.
	NewText(report.SiteCheck{}).Check(r, tx, nil, func(f Finding) { t.Errorf("finding without facts: %v", f) })
}

func TestTextTitles(t *testing.T) {
	t.Parallel()
	r := textReport(t, map[string]string{
		"index.md": strings.Replace(textIndex, "2023年度某单位", "20XX年度某单位", 1) + "\n前言：此处填写。\n",
		"1-a.md":   textSection("一、基本情况", "正文"),
		"2-b.md":   textSection("二、××年度一般公共预算支出情况", "请填写"),
	})
	got := textRun(t, func(r *report.Report, cfg report.SiteCheck, add func(Finding)) { NewText(cfg).Titles(r, add) }, r, report.SiteCheck{})
	want := []string{
		"content/2023/u/index.md:1 TEMPLATE-TEXT 标题“20XX年度某单位整体支出绩效自评报告”中疑似未删除的模板文字“XX年”",
		"content/2023/u/2-b.md:1 TEMPLATE-TEXT 标题“二、××年度一般公共预算支出情况”中疑似未删除的模板文字“××年”",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTextCheckConcurrent shares one Text between goroutines, for the race
// detector: each call must take its own matcher.
func TestTextCheckConcurrent(t *testing.T) {
	t.Parallel()
	md := markdown.New()
	tc := NewText(report.SiteCheck{})
	r := &report.Report{Dir: "d", Pos: report.Pos{Path: "d/index.md"}}
	bodies := []string{"一是××年度\n", "| a | 请填写 |\n|---|---|\n", "> 两方面：一是加强\n"}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			tx := report.Text{Pos: report.Pos{Path: "d/1.md", Line: 1}, Source: []byte(bodies[i%len(bodies)])}
			facts := md.Inspect(tx.Source)
			n := 0
			for range 50 {
				tc.Check(r, tx, &facts, func(Finding) { n++ })
				tc.Titles(r, func(Finding) { n++ })
			}
			if n != 50 {
				t.Errorf("%q: %d findings in 50 checks", tx.Source, n)
			}
		})
	}
	wg.Wait()
}
