package render

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai"
	"gongkai/internal/benchcorpus"
	"gongkai/internal/check"
	"gongkai/internal/markdown"
)

// blockSite has a block of every kind with every optional part, figures
// that differ from their recomputation, and names holding each character
// html/template escapes.
func blockSite() fstest.MapFS {
	const bad = `甲+乙&丙<丁>戊\"己'庚` // as a TOML string holds it
	return fstest.MapFS{
		"site.toml": {Data: []byte("title = \"站\"\n")},
		"content/2023/unit/index.md": {Data: []byte(`+++
title = "2023年度某单位整体支出绩效自评报告"
year = 2023
org = "某单位"
org_id = "unit"
unit = "万元"
[[budget]]
id = "initial"
title = "年初预算` + bad + `"
total = 10.00
note = "说明` + bad + `"
  [[budget.items]]
  code = "204"
  name = "公共安全支出` + bad + `"
  amount = 6.00
  share = 61.00
  [[budget.items]]
  name = "教育支出"
  amount = 3.00
[[budget]]
id = "final"
title = "决算"
total = 9.00
  [[budget.items]]
  code = "204"
  name = "公共安全支出` + bad + `"
  amount = 5.00
  share = 55.56
  [[budget.items]]
  code = "205"
  name = "教育支出"
  amount = 4.00
  share = 44.44
[[counts]]
id = "cases"
title = "案件` + bad + `"
unit = "件"
as_of = 2023-11-30
exhaustive = true
total = 12
note = "注` + bad + `"
  [[counts.items]]
  name = "甲类` + bad + `"
  value = 5
  [[counts.items]]
  name = "乙类"
  value = 6
  approx = true
[[counts]]
id = "part"
title = "其中"
total = 100
  [[counts.items]]
  name = "甲类"
  value = 5
  approx = true
[[metrics]]
id = "rate"
name = "结案率` + bad + `"
unit = "%"
value = 95.5
previous = 90
change = 6.2
of = 200
rate = 47.70
as_of = 2023-12-31
note = "备注` + bad + `"
[[metrics]]
id = "count"
name = "办结数"
value = 2
[[indicators]]
level1 = "产出` + bad + `"
level2 = "数量"
name = "指标` + bad + `"
target = "≥90%"
actual = "95%"
weight = 60
score = 58.5
note = "原因` + bad + `"
[[indicators]]
name = "乙"
+++
`)},
		"content/2023/unit/01-text.md": {Data: []byte("+++\ntitle = \"一、概况\"\n+++\n正文。\n\n```chart\ndata = \"cases\"\ntype = \"bar\"\ntitle = \"图" + bad + "\"\n```\n")},
	}
}

// TestBlockHTMLMatchesTemplate renders sites with the data blocks written
// by blockHTML and by the built-in templates alone, and wants every file
// the same, byte for byte.
func TestBlockHTMLMatchesTemplate(t *testing.T) {
	t.Parallel()
	corpus := t.TempDir()
	if err := benchcorpus.Generate(corpus, benchcorpus.Options{Reports: 40, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	sites := map[string]fs.FS{
		"sample":    testFiles(t),
		"blocks":    blockSite(),
		"drafts":    draftSite(),
		"fences":    fenceSite("+++\ntitle = \"一、情况\"\n+++\n\n```chart\ndata = \"final\"\ntype = \"bar\"\n```\n\n```chart\ndata = \"budget-compare\"\n```\n"),
		"history":   historySite(),
		"corpus":    os.DirFS(corpus),
		"withdrawn": noticeSite(),
	}
	fast, err := parseLayouts(gongkai.Layouts(), markdown.New(), true)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := parseLayouts(gongkai.Layouts(), markdown.New(), false)
	if err != nil {
		t.Fatal(err)
	}
	if fast.pages["report"].Lookup("block-template") == nil || fast.pages["org"].Lookup("history-table-template") == nil {
		t.Fatal("the built-in layouts do not take blockHTML and historyTableHTML")
	}
	for layout, b := range map[string]body{"report": reportBody, "year": yearBody, "org": orgBody} {
		if fast.pages[layout].Lookup("main-template") == nil || fast.direct[layout] == nil ||
			reflect.ValueOf(fast.direct[layout]).Pointer() != reflect.ValueOf(b).Pointer() {
			t.Fatalf("the built-in %s pages are not written in Go by their own writer", layout)
		}
	}
	for name, fsys := range sites {
		site := loadSite(t, fsys)
		findings := check.Reports(site, site.Reports())
		for _, charts := range []bool{true, false} {
			opt := Options{Charts: charts, Findings: findings}
			want := renderWith(t, slow, opt, fsys, nil)
			got := renderWith(t, fast, opt, fsys, nil)
			blocks, histories := 0, 0
			for file, w := range want {
				blocks += strings.Count(w, `<figure class="data-block`)
				histories += strings.Count(w, `<table class="data history">`)
				if g, ok := got[file]; !ok || g != w {
					t.Errorf("%s (charts %v): %s differs from the template's:\n%s", name, charts, file, firstDiff(w, g))
				}
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d files, the template's %d", name, len(got), len(want))
			}
			if blocks == 0 && name != "withdrawn" {
				t.Errorf("%s: no data block rendered", name)
			}
			if histories == 0 && (name == "history" || name == "corpus") {
				t.Errorf("%s: no history table rendered", name)
			}
		}
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-200, 0)
	return "template: …" + a[lo:min(len(a), i+200)] + "\nblockHTML: …" + b[lo:min(len(b), i+200)]
}

// TestBlockHTMLOnlyForBuiltin checks that a site's own block templates are
// used: whether it overrides blocks.html or redefines one of its templates
// in another file.
func TestBlockHTMLOnlyForBuiltin(t *testing.T) {
	t.Parallel()
	for name, layouts := range map[string]fstest.MapFS{
		"blocks.html": {"partials/blocks.html": {Data: []byte(`{{define "block"}}<p>自己的</p>{{end}}`)}},
		"figure":      {"partials/mine.html": {Data: []byte(`{{define "figure"}}<b>自己的</b>{{end}}`)}},
		"page":        {"report.html": {Data: []byte(`{{define "main"}}{{range .Blocks}}{{template "block" .}}{{end}}{{end}}{{define "delta"}}<i>自己的</i>{{end}}`)}},
	} {
		r := newRenderer(t, layouts)
		if r.pages["report"].Lookup("block-template") != nil {
			t.Errorf("%s: blockHTML replaces the site's templates", name)
		}
		// reportHTML and writePage write blocks with blockHTML: they stand
		// aside too.
		if r.pages["report"].Lookup("main-template") != nil || r.direct["report"] != nil {
			t.Errorf("%s: reportHTML or writePage writes the page without the site's templates", name)
		}
		files := build(t, blockSite(), layouts, nil)
		page := files["2023/unit/index.html"]
		if !strings.Contains(page, "自己的") {
			t.Errorf("%s: the site's template is not used", name)
		}
		if name == "blocks.html" && strings.Contains(page, `<figure class="data-block`) {
			t.Errorf("%s: a block is written as the built-in template writes it", name)
		}
	}
	// The same for the history tables, and an override of history.html
	// keeps blockHTML.
	for name, layouts := range map[string]fstest.MapFS{
		"history.html": {"partials/history.html": {Data: []byte(`{{define "history-table"}}<p>自己的</p>{{end}}{{define "history-chart"}}{{end}}`)}},
		"elsewhere":    {"partials/mine.html": {Data: []byte(`{{define "history-table"}}<b>自己的</b>{{end}}`)}},
	} {
		r := newRenderer(t, layouts)
		if r.pages["org"].Lookup("history-table-template") != nil {
			t.Errorf("%s: historyTableHTML replaces the site's templates", name)
		}
		if r.pages["report"].Lookup("block-template") == nil {
			t.Errorf("%s: an override of the history templates stops blockHTML", name)
		}
		files := build(t, historySite(), layouts, nil)
		if !strings.Contains(files["orgs/alpha/index.html"], "自己的") {
			t.Errorf("%s: the site's template is not used", name)
		}
	}
}

// TestHistoryTableHTMLEscapes compares historyTableHTML with the template
// on a table whose every string holds characters html/template escapes,
// with and without the units column and with gaps; and a table whose link
// would need the template's URL escaping is left to the template.
func TestHistoryTableHTMLEscapes(t *testing.T) {
	t.Parallel()
	r, err := parseLayouts(gongkai.Layouts(), markdown.New(), true)
	if err != nil {
		t.Fatal(err)
	}
	org := r.pages["org"]
	const hostile = `甲+乙&丙<丁>戊"己'庚`
	table := func(units bool) *HistoryTable {
		return &HistoryTable{
			Root: "../../", Caption: "历年" + hostile, Head: "项目" + hostile, Units: units,
			Years: []HistoryYear{{Year: 2022}, {Year: 2023, Title: "报告" + hostile, Href: "2023/unit-a/index.html"}},
			Rows: []HistoryRow{
				{Name: "名称" + hostile, Code: "201" + hostile, Unit: "万元" + hostile, Cells: []Cell{{Text: "—"}, {Text: "1+2", Href: "2023/unit-a/index.html#data-final"}}},
				{Name: "无编码", Cells: []Cell{{Text: "<3>"}, {Text: "4", Href: "2023/unit-a/index.html"}}},
			},
		}
	}
	for _, units := range []bool{true, false} {
		tab := table(units)
		var want strings.Builder
		if err := org.ExecuteTemplate(&want, "history-table-template", tab); err != nil {
			t.Fatal(err)
		}
		if got := string(historyTableHTML(tab)); got != want.String() {
			t.Errorf("units %v:\n%s", units, firstDiff(want.String(), got))
		}
	}
	odd := table(true)
	odd.Rows[0].Cells[1].Href = "2023/unit a/index.html"
	if got := historyTableHTML(odd); got != "" {
		t.Errorf("a link with a space is written by historyTableHTML: %.80s", got)
	}
}
