package render

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai"
	"gongkai/internal/source"
	"gongkai/internal/theme"
)

const fenceIndex = `+++
title = "2023年度某单位整体支出绩效自评报告"
year = 2023
org = "某单位"
org_id = "unit"
unit = "万元"
+++
`

const fenceBudgets = `+++
title = "二、一般公共预算支出情况"
[[budget]]
id = "initial"
title = "年初预算"
total = 100
  [[budget.items]]
  name = "公共安全支出"
  amount = 90
[[budget]]
id = "final"
title = "决算"
total = 120
  [[budget.items]]
  name = "公共安全支出"
  amount = 60
[[counts]]
id = "cases"
title = "办理案件"
unit = "起"
  [[counts.items]]
  name = "甲"
  value = 3
[[metrics]]
id = "deaths"
name = "死亡人数"
value = 9
+++

正文。
`

func fenceSite(section string) fstest.MapFS {
	return fstest.MapFS{
		"site.toml":                      {Data: []byte("title = \"站\"\n")},
		"content/2023/unit/index.md":     {Data: []byte(fenceIndex)},
		"content/2023/unit/01-text.md":   {Data: []byte(section)},
		"content/2023/unit/02-budget.md": {Data: []byte(fenceBudgets)},
	}
}

func renderFences(t *testing.T, section string) (map[string]string, error) {
	t.Helper()
	fsys := fenceSite(section)
	r := newRenderer(t, nil)
	w := newMemWriter()
	err := r.Job(Options{Charts: true}).Site(loadSite(t, fsys), fsys, theme.New(nil, gongkai.Static()), w)
	files := map[string]string{}
	for name, data := range w.files {
		files[name] = string(data)
	}
	return files, err
}

var chartBox = regexp.MustCompile(`<div class="chart chart-(\w+)" id="([^"]+)"`)

func TestFencePlacesChart(t *testing.T) {
	t.Parallel()
	files, err := renderFences(t, "+++\ntitle = \"一、情况\"\n+++\n\n前文。\n\n```chart\ndata = \"final\"\ntype = \"bar\"\ntitle = \"决算（柱状）\"\n```\n\n后文。\n")
	if err != nil {
		t.Fatal(err)
	}
	page := files["2023/unit/index.html"]
	text := element(t, page, "01-text", "section")
	before, after, ok := strings.Cut(text, `id="data-final"`)
	if !ok || !strings.Contains(before, "前文。") || !strings.Contains(after, "后文。") {
		t.Fatalf("the fence's figure is not between the paragraphs:\n%s", text)
	}
	if !strings.Contains(text, `<div class="chart chart-bar" id="chart-2023-unit-final"`) || !strings.Contains(text, "<figcaption>决算（柱状）</figcaption>") {
		t.Errorf("placed chart is not a bar titled by the fence:\n%s", text)
	}
	// The placed block is not repeated at the end of its own section, but the
	// blocks no fence placed are there, with the comparison after the final
	// accounts' place.
	budget := element(t, page, "02-budget", "section")
	if strings.Contains(budget, `id="data-final"`) {
		t.Error("the placed block is shown again in its section")
	}
	var boxes []string
	for _, m := range chartBox.FindAllStringSubmatch(budget, -1) {
		boxes = append(boxes, m[1]+" "+m[2])
	}
	want := []string{"pie chart-2023-unit-initial", "bar chart-2023-unit-cases"}
	if strings.Join(boxes, ",") != strings.Join(want, ",") {
		t.Errorf("charts in the budget section = %v, want %v", boxes, want)
	}
	// charts.js fetches ECharts after the first paint, from where this
	// attribute says.
	if !strings.Contains(page, `<script src="../../assets/charts.js" data-echarts="../../assets/echarts.min.js" defer></script>`) {
		t.Error("a page with charts does not load ECharts")
	}
	for _, csv := range []string{"2023/unit/data/final.csv", "2023/unit/data/initial.csv", "2023/unit/data/cases.csv"} {
		if !strings.HasPrefix(files[csv], "\uFEFF数据块ID") {
			t.Errorf("%s missing or not a CSV", csv)
		}
	}
	if !strings.Contains(files["2023/unit/data/final.csv"], "final,决算") || strings.Contains(files["2023/unit/data/final.csv"], "initial,") {
		t.Errorf("final.csv holds other blocks:\n%s", files["2023/unit/data/final.csv"])
	}
}

func TestFenceCompare(t *testing.T) {
	t.Parallel()
	files, err := renderFences(t, "+++\ntitle = \"一、情况\"\n+++\n\n```chart\ndata = \"budget-compare\"\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	page := files["2023/unit/index.html"]
	if !strings.Contains(element(t, page, "01-text", "section"), `id="chart-2023-unit-budget-compare"`) {
		t.Error("the comparison is not where the fence put it")
	}
	if n := strings.Count(page, `id="data-budget-compare"`); n != 1 {
		t.Errorf("comparison shown %d times", n)
	}
	csv := files["2023/unit/data/budget-compare.csv"]
	if !strings.Contains(csv, "initial,年初预算") || !strings.Contains(csv, "final,决算") {
		t.Errorf("budget-compare.csv:\n%s", csv)
	}
}

func TestFenceErrors(t *testing.T) {
	t.Parallel()
	const path = "content/2023/unit/01-text.md"
	section := "+++\ntitle = \"一、情况\"\n+++\n\n" +
		"```chart\ndata = \"nope\"\n```\n\n" + // line 5
		"```chart\ndata = \"final\"\ntype = \"radar\"\n```\n\n" + // line 9
		"```chart\ndata = \"cases\"\ntype = \"pie\"\n```\n\n" + // line 14
		"```chart\ndata = \"deaths\"\n```\n\n" + // line 19
		"```chart\nDATA = \"final\"\n```\n\n" + // line 23
		"```chart\ntype = \"bar\"\n```\n\n" + // line 27
		"```chart\ndata = \"final\"\ntitle = \"未闭合\n```\n" // line 31; the syntax error is on line 33
	_, err := renderFences(t, section)
	var list source.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a source.List", err)
	}
	want := []string{
		path + `:5: 图表引用的数据块 "nope" 不存在；本报告的数据块：initial、final、cases、deaths、budget-compare`,
		path + `:9: 未知的图表类型 "radar"，可用：pie、bar、hbar、line`,
		path + `:14: 数量数据块 "cases" 不宜画饼图（“其中”各项不是总数的完整分解），请用 bar、hbar 或 line`,
		path + `:19: 数据块 "deaths" 没有可画的图表（如指标没有上年数）`,
		path + `:23: 图表块中未知的键 "DATA"；可用的键：data、type、title`,
		path + `:27: 图表块缺少 data：写明要画的数据块 id，如 data = "initial"`,
		path + `:33: 图表块的 TOML 语法错误：strings cannot contain newlines`,
	}
	if got := strings.Split(list.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestChartsOff(t *testing.T) {
	t.Parallel()
	fsys := fenceSite("+++\ntitle = \"一、情况\"\n+++\n\n```chart\ndata = \"final\"\n```\n")
	files := build(t, fsys, nil, nil)
	page := files["2023/unit/index.html"]
	if strings.Contains(page, `class="chart `) || strings.Contains(page, "echarts.min.js") || strings.Contains(page, "charts.js") {
		t.Error("charts drawn although ECharts is not installed")
	}
	// The fence still places the table.
	if !strings.Contains(element(t, page, "01-text", "section"), `id="data-final"`) {
		t.Error("without charts the fence does not place the table")
	}
}

func TestFenceOutsideReport(t *testing.T) {
	t.Parallel()
	fsys := fenceSite("+++\ntitle = \"一\"\n+++\n")
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"首页\"\n+++\n\n```chart\ndata = \"final\"\n```\n")}
	_, err := renderFences(t, "+++\ntitle = \"一\"\n+++\n")
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, nil)
	err = r.Job(Options{}).Site(loadSite(t, fsys), fsys, theme.New(nil, gongkai.Static()), newMemWriter())
	if err == nil || err.Error() != "content/_index.md:5: 图表块只能用在报告的章节中" {
		t.Errorf("err = %v", err)
	}
}

// TestSiteNamesListAndReportErrors: errors in the texts of the list pages
// and of reports come back together, in the order of their places.
func TestSiteNamesListAndReportErrors(t *testing.T) {
	t.Parallel()
	fsys := fenceSite("+++\ntitle = \"一\"\n+++\n\n```chart\ndata = \"missing\"\n```\n")
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"首页\"\n+++\n\n```chart\ndata = \"final\"\n```\n")}
	r := newRenderer(t, nil)
	err := r.Job(Options{}).Site(loadSite(t, fsys), fsys, theme.New(nil, gongkai.Static()), newMemWriter())
	var list source.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want the home page's error and the report's", err)
	}
	if list[0].Pos.Path != "content/2023/unit/01-text.md" || list[1].Pos.Path != "content/_index.md" {
		t.Errorf("errors at %s and %s, want the report's then the home page's", list[0].Pos.Path, list[1].Pos.Path)
	}
}
