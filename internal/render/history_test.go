package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	gongkai "gongkai"
	"gongkai/internal/check"
	"gongkai/internal/theme"
)

// historySite is a made-up site (every unit is fictional) over 2020–2023:
// 虚构单位甲 reports in 2020 (万元), 2022 (元) and 2023 (万元), not 2021;
// 虚构单位乙 only in 2023; and 21 more fictional units in 2023, so that the
// year has more units than its chart shows.
func historySite() fstest.MapFS {
	report := func(year int, org, id, unit, data string) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, "+++\ntitle = \"%d年度%s整体支出绩效自评报告\"\nyear = %d\norg = \"%s\"\norg_id = \"%s\"\nunit = \"%s\"\n%s+++\n",
			year, org, year, org, id, unit, data)}
	}
	budget := func(id, title, total string, items ...string) string {
		s := fmt.Sprintf("[[budget]]\nid = \"%s\"\ntitle = \"%s\"\ntotal = %s\n", id, title, total)
		for _, it := range items {
			code, rest, _ := strings.Cut(it, ":")
			name, amount, _ := strings.Cut(rest, "=")
			s += fmt.Sprintf("[[budget.items]]\ncode = \"%s\"\nname = \"%s\"\namount = %s\n", code, name, amount)
		}
		return s
	}
	counts := func(total int) string {
		return fmt.Sprintf("[[counts]]\nid = \"cases\"\ntitle = \"办理案件\"\nunit = \"件\"\ntotal = %d\n[[counts.items]]\nname = \"案件\"\nvalue = %d\n", total, total)
	}
	fs := fstest.MapFS{
		"site.toml":         {Data: []byte("title = \"虚构示例站\"\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"首页\"\n+++\n本站单位均为虚构，仅作示例。\n")},
		"content/2020/alpha/index.md": report(2020, "虚构单位甲", "alpha", "万元",
			budget("initial", "年初预算", "100", "201:一般公共服务支出=60", "205:教育支出=40")+budget("final", "决算", "90", "201:一般公共服务支出=90")+counts(10)),
		"content/2022/alpha/index.md": report(2022, "虚构单位甲", "alpha", "元",
			budget("initial", "年初预算", "1200000", "205:教育支出=1200000")+budget("final", "决算", "1100000.5", "205:教育支出=1100000.5")+counts(12)+
				"[[metrics]]\nid = \"visits\"\nname = \"接待来访\"\nunit = \"人次\"\nvalue = 30\n"),
		"content/2023/alpha/index.md": report(2023, "虚构单位甲", "alpha", "万元",
			budget("initial", "年初预算", "150", "205:教育支出=150")+budget("final", "决算", "120", "205:教育支出=120")+
				"[[metrics]]\nid = \"visits\"\nname = \"接待来访\"\nunit = \"人次\"\nvalue = 45\n"),
		"content/2023/beta/index.md": report(2023, "虚构单位乙", "beta", "万元", budget("initial", "年初预算", "5", "201:一般公共服务支出=5")),
	}
	for i := range 21 {
		id := fmt.Sprintf("extra-%02d", i)
		fs["content/2023/"+id+"/index.md"] = report(2023, fmt.Sprintf("虚构单位%02d", i), id, "万元",
			budget("final", "决算", fmt.Sprint(10+i), "201:一般公共服务支出="+fmt.Sprint(10+i)))
	}
	return fs
}

// buildHistory renders historySite with charts on and, for 虚构单位甲's
// 2023 report, two errors, a warning and an info.
func buildHistory(t *testing.T) map[string]string {
	t.Helper()
	fsys := historySite()
	dir := "content/2023/alpha"
	findings := []check.Finding{
		{Report: dir, Severity: check.Error}, {Report: dir, Severity: check.Error},
		{Report: dir, Severity: check.Warning}, {Report: dir, Severity: check.Info},
	}
	w := newMemWriter()
	job := newRenderer(t, nil).Job(Options{Charts: true, Findings: findings})
	if err := job.Site(loadSite(t, fsys), fsys, theme.New(nil, gongkai.Static()), w); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name, data := range w.files {
		out[name] = string(data)
	}
	return out
}

func TestOrgHistory(t *testing.T) {
	t.Parallel()
	files := buildHistory(t)
	page := files["orgs/alpha/index.html"]
	for _, want := range []string{
		// The charts, with their options, and ECharts to draw them.
		`id="chart-history-totals" data-chart="chart-history-totals-options"`,
		`id="chart-history-classes"`,
		`id="chart-history-counts-cases"`,
		`id="chart-history-metrics-visits"`,
		// Each chart is named above it, as its box's label names it.
		`<p class="chart-title">接待来访</p>`,
		`<script src="../../assets/charts.js" data-echarts="../../assets/echarts.min.js" defer></script>`,
		// 2021 is a column, a gap; the other years link to their reports.
		`<th scope="col" class="num">2021年</th>`,
		`<th scope="col" class="num"><a href="../../2022/alpha/index.html" title="2022年度虚构单位甲整体支出绩效自评报告">2022年</a></th>`,
		// Each figure links to where its report states it; 元 became 万元.
		`<tr><th scope="row">年初预算</th><td class="num"><a href="../../2020/alpha/index.html#data-initial">100</a></td><td class="num">—</td><td class="num"><a href="../../2022/alpha/index.html#data-initial">120.0000</a></td><td class="num"><a href="../../2023/alpha/index.html#data-initial">150</a></td></tr>`,
		`<tr><th scope="row">决算</th><td class="num"><a href="../../2020/alpha/index.html#data-final">90</a></td><td class="num">—</td><td class="num"><a href="../../2022/alpha/index.html#data-final">110.00005</a></td>`,
		`<tr><th scope="row"><span class="code">201</span> 一般公共服务支出</th><td class="num"><a href="../../2020/alpha/index.html#data-initial">60</a></td><td class="num">—</td><td class="num">—</td><td class="num">—</td></tr>`,
		`<tr><th scope="row">办理案件</th><td>件</td><td class="num"><a href="../../2020/alpha/index.html#data-cases">10</a></td><td class="num">—</td><td class="num"><a href="../../2022/alpha/index.html#data-cases">12</a></td><td class="num">—</td></tr>`,
		`<tr><th scope="row">接待来访</th><td>人次</td><td class="num">—</td><td class="num">—</td><td class="num"><a href="../../2022/alpha/index.html#data-visits">30</a></td>`,
		"2022年度报告的金额单位为“元”，已精确换算为“万元”。",
		`<a href="history.csv" download>下载历年数据（CSV）</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("unit page lacks %s", want)
		}
	}
	// The gaps are null in the charts, not 0.
	if !strings.Contains(page, `&#34;data&#34;:[100,null,120.0000,150]`) && !strings.Contains(page, `"data":[100,null,120.0000,150]`) {
		t.Errorf("the totals chart does not leave 2021 out:\n%s", page)
	}
	checkLinks(t, files, "orgs/alpha/index.html", page)

	csv := files["orgs/alpha/history.csv"]
	for _, want := range []string{
		"\uFEFF年度,报告,报告路径,数据,科目编码,项目,数值,单位,原文数值,原文单位\r\n",
		"2020,2020年度虚构单位甲整体支出绩效自评报告,2020/alpha,年初预算,,合计,100,万元,100,万元\r\n",
		"2022,2022年度虚构单位甲整体支出绩效自评报告,2022/alpha,决算,,合计,110.00005,万元,1100000.5,元\r\n",
		"2022,2022年度虚构单位甲整体支出绩效自评报告,2022/alpha,年初预算（按功能分类）,205,教育支出,120.0000,万元,1200000,元\r\n",
		"2023,2023年度虚构单位甲整体支出绩效自评报告,2023/alpha,visits,,接待来访,45,人次,45,人次\r\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("history.csv lacks %q:\n%s", want, csv)
		}
	}
	if strings.Contains(csv, "2021,") {
		t.Error("history.csv has a row for 2021, which has no report")
	}
}

func TestOrgOneYearHasNoHistory(t *testing.T) {
	t.Parallel()
	files := buildHistory(t)
	page := files["orgs/beta/index.html"]
	if strings.Contains(page, "chart-history") || strings.Contains(page, "历年数据") || strings.Contains(page, "echarts.min.js") {
		t.Errorf("a one-year unit has a history:\n%s", page)
	}
	if _, ok := files["orgs/beta/history.csv"]; ok {
		t.Error("a one-year unit has history.csv")
	}
}

func TestYearSummary(t *testing.T) {
	t.Parallel()
	files := buildHistory(t)
	page := files["2023/index.html"]
	row := regexp.MustCompile(`(?s)<tr>\n<th scope="row"><a href="../2023/alpha/index.html">.*?</tr>`).FindString(page)
	for _, want := range []string{
		`<td class="num" data-label="年初预算"><a href="../2023/alpha/index.html#data-initial">150 万元</a></td>`,
		`<td class="num" data-label="决算"><a href="../2023/alpha/index.html#data-final">120 万元</a></td>`,
		`<td class="num" data-label="决算占年初预算">80.00%</td>`,
		`<td class="num" data-label="错误">2</td>`,
		`<td class="num" data-label="警告">1</td>`,
	} {
		if !strings.Contains(row, want) {
			t.Errorf("row of 虚构单位甲 lacks %s:\n%s", want, row)
		}
	}
	if n := strings.Count(page, "<tr>\n<th scope=\"row\">"); n != 23 {
		t.Errorf("%d rows, want 23", n)
	}
	// 虚构单位乙 has no 决算: no ratio.
	beta := regexp.MustCompile(`(?s)<tr>\n<th scope="row"><a href="../2023/beta/index.html">.*?</tr>`).FindString(page)
	if !strings.Contains(beta, `data-label="决算">—</td>`) || !strings.Contains(beta, `data-label="决算占年初预算">—</td>`) {
		t.Errorf("row of 虚构单位乙:\n%s", beta)
	}
	for _, want := range []string{
		`<figcaption>2023年度决算总计最大的20个单位（单位：万元）</figcaption>`,
		`id="chart-year-2023-totals" data-chart="chart-year-2023-totals-options"`,
		`<script src="../assets/charts.js" data-echarts="../assets/echarts.min.js" defer></script>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("year page lacks %s", want)
		}
	}
	// 23 units, 22 with totals: the two smallest are not on the chart.
	opts := regexp.MustCompile(`(?s)<script type="application/json" id="chart-year-2023-totals-options">(.*?)</script>`).FindStringSubmatch(page)
	if opts == nil || strings.Contains(opts[1], "虚构单位乙") || strings.Contains(opts[1], "虚构单位00") || !strings.Contains(opts[1], "虚构单位甲") {
		t.Errorf("chart options: %v", opts)
	}
	checkLinks(t, files, "2023/index.html", page)

	// Fewer units than the chart may show: all of them, no "largest".
	if y := files["2022/index.html"]; !strings.Contains(y, "<figcaption>2022年度各单位年初预算与决算总计（单位：元）</figcaption>") {
		t.Errorf("2022 page:\n%s", y)
	}
	// The home page counts each year's reports.
	home := files["index.html"]
	for _, want := range []string{
		`<a href="2023/index.html">2023年度</a> <span class="count">23 份报告</span>`,
		`<a href="2022/index.html">2022年度</a> <span class="count">1 份报告</span>`,
		`<a href="2020/index.html">2020年度</a> <span class="count">1 份报告</span>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
}
