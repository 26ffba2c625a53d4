package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai"
	"gongkai/internal/markdown"
	"gongkai/internal/report"
)

// TestReportHTMLMatchesTemplate compares reportHTML with report.html's
// "main" on pages that take every branch of the template, their strings
// full of what html/template escapes; and pages whose links would need the
// template's URL escaping are left to the template.
func TestReportHTMLMatchesTemplate(t *testing.T) {
	t.Parallel()
	r, err := parseLayouts(gongkai.Layouts(), markdown.New(), true)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := r.pages["report"]
	if tmpl.Lookup("main-template") == nil {
		t.Fatal("the built-in report.html does not take reportHTML")
	}
	const hostile = `甲+乙&丙<丁>戊"己'庚`
	page := func(variant int) *Page {
		rep := &report.Report{Year: 2023, Slug: "unit", OrgID: "unit", Org: "单位" + hostile, Title: "报告" + hostile, Unit: "万元" + hostile}
		other := &report.Report{Year: 2022, Slug: "old", OrgID: "unit", Title: "旧报告" + hostile}
		p := &Page{Report: rep, Root: "../../", Preface: "<p>前言</p>\n"}
		block := &Block{ID: "data-x", Metrics: []MetricRow{{Metric: &report.Metric{ID: "m", Name: "指标" + hostile}, RowID: "m-1"}}}
		p.Sections = []*Section{
			{Section: &report.Section{Title: "一、" + hostile}, Anchor: "s-1", HTML: "<p>正文</p>\n", Blocks: []*Block{block}},
			{Section: &report.Section{Title: "二、空"}, Anchor: "s-2", Empty: true},
		}
		switch variant {
		case 1:
			rep.Region = "地区" + hostile
			rep.Published = report.Date{Year: 2024, Month: 4, Day: 30}
			rep.Withdrawn = &report.Withdrawal{Date: report.Date{Year: 2024, Month: 5, Day: 1}, Reason: "原因" + hostile}
			rep.SupersededBy = "2023/new"
			p.Replacement = &report.Report{Year: 2023, Slug: "new", Title: "新报告" + hostile}
			p.Supersedes = []*report.Report{other, other}
			p.Blocks = []*Block{block, block}
			rep.Attachments = []string{"a.pdf", "b/c.xlsx"}
		case 2:
			rep.SupersededBy = "2023/new" + hostile
			p.Archive = &Archive{Year: 2023}
			p.Preface = ""
		case 3:
			rep.SupersededBy = "2023/new"
			p.Sections = nil
		}
		return p
	}
	for variant := range 4 {
		p := page(variant)
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, "main-template", p); err != nil {
			t.Fatal(err)
		}
		got := string(reportHTML(p))
		if got == "" {
			t.Errorf("variant %d: left to the template", variant)
		} else if got != want.String() {
			t.Errorf("variant %d:\n%s", variant, firstDiff(want.String(), got))
		}
	}
	for name, odd := range map[string]func(*Page){
		"attachment":   func(p *Page) { p.Report.Attachments = []string{"附件 1.pdf"} },
		"anchor":       func(p *Page) { p.Sections[0].Anchor = "s/1" },
		"root":         func(p *Page) { p.Root = "https://example.org/" },
		"no report":    func(p *Page) { p.Report = nil },
		"chart":        func(p *Page) { p.Sections[0].Blocks[0].Charts = []Chart{{CSV: "data/a b.csv"}} },
		"replacement":  func(p *Page) { p.Replacement.Slug = "new one" },
		"a replaced":   func(p *Page) { p.Supersedes[0] = &report.Report{Year: 2021, Slug: "x?y"} },
		"unit address": func(p *Page) { p.Report.OrgID = "单位" },
	} {
		p := page(1)
		odd(p)
		if got := reportHTML(p); got != "" {
			t.Errorf("%s: written by reportHTML: %.80s", name, got)
		}
	}
}

// TestPageHTMLMatchesTemplate compares writePage with base.html's "base"
// on report pages that take every branch of it, the site's strings full
// of what html/template escapes; a crumb whose link needs the template's
// escaping leaves the page to the template, and a site that defines its
// own "head" gets the template.
func TestPageHTMLMatchesTemplate(t *testing.T) {
	t.Parallel()
	r, err := parseLayouts(gongkai.Layouts(), markdown.New(), true)
	if err != nil {
		t.Fatal(err)
	}
	// The templates alone, with no writer in Go, are what is compared with.
	slow, err := parseLayouts(gongkai.Layouts(), markdown.New(), false)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := slow.pages["report"]
	for _, name := range []string{"report", "year", "org"} {
		if r.direct[name] == nil {
			t.Fatalf("%s pages are not written by writePage", name)
		}
	}
	for _, name := range []string{"home", "search", "404"} {
		if r.direct[name] != nil {
			t.Errorf("writePage writes the %s page, whose body has no writer in Go", name)
		}
	}
	write := func(p *Page) (string, bool) {
		t.Helper()
		mem := NewMemory(map[string][]byte{})
		ok, err := writePage(mem, reportBody, "page.html", p)
		if err != nil {
			t.Fatal(err)
		}
		return string(mem.Files["page.html"]), ok
	}
	const hostile = `甲+乙&丙<丁>戊"己'庚`
	page := func(full bool) *Page {
		site := &report.Site{}
		site.Config.Title = "站" + hostile
		rep := &report.Report{Year: 2023, Slug: "unit", OrgID: "unit", Org: "单位", Title: "报告"}
		p := &Page{Site: site, Report: rep, Root: "../../", Title: "报告" + hostile,
			Crumbs: []Crumb{{Text: "首页" + hostile, Href: "index.html"}, {Text: "报告" + hostile}}}
		if full {
			site.Config.Language = "zh-Hans" + hostile
			site.Config.Description = "说明" + hostile
			site.Config.Footer = report.Footer{Sponsor: "主办" + hostile, ICP: "湘ICP备" + hostile}
			p.HasCharts = true
			p.Archive = &Archive{Year: 2023, Made: "2024-01-01" + hostile, Version: "v1" + hostile}
			p.URL = "https://example.org/a?b=1&c=2+3"
		} else {
			p.Title = ""
		}
		return p
	}
	for _, full := range []bool{true, false} {
		p := page(full)
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, "base", p); err != nil {
			t.Fatal(err)
		}
		got, ok := write(p)
		if !ok {
			t.Errorf("full %v: left to the template", full)
		} else if got != want.String() {
			t.Errorf("full %v:\n%s", full, firstDiff(want.String(), got))
		}
	}
	odd := page(true)
	odd.Crumbs[0].Href = "年/index.html"
	if got, ok := write(odd); ok {
		t.Errorf("a crumb's link with Chinese is written by writePage: %.80s", got)
	}
	own := newRenderer(t, fstest.MapFS{"partials/head.html": {Data: []byte(`{{define "head"}}<meta name="x" content="自己的">{{end}}`)}})
	if own.direct["report"] != nil {
		t.Error("writePage replaces a base whose head the site defines")
	}
	// A layout's body is written in Go only by its own writer: a year
	// page laid out as the built-in unit page is not a year page.
	orgHTMLFile, err := fs.ReadFile(gongkai.Layouts(), "org.html")
	if err != nil {
		t.Fatal(err)
	}
	swapped := newRenderer(t, fstest.MapFS{"year.html": {Data: orgHTMLFile}})
	if swapped.direct["year"] != nil || swapped.pages["year"].Lookup("main-template") != nil {
		t.Error("a year.html that is the built-in org.html is written by a writer in Go")
	}
	if swapped.direct["org"] == nil {
		t.Error("a site's own year.html stops the unit pages being written in Go")
	}
}
