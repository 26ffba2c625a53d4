package render

import (
	"strings"
	"testing"

	"gongkai"
	"gongkai/internal/chart"
	"gongkai/internal/decimal"
	"gongkai/internal/history"
	"gongkai/internal/markdown"
	"gongkai/internal/report"
)

// TestListHTMLMatchesTemplate compares yearHTML and orgHTML with the
// "main" templates of year.html and org.html on pages that take every
// branch of them, their strings full of what html/template escapes; and
// pages whose links would need the template's URL escaping are left to
// the template.
func TestListHTMLMatchesTemplate(t *testing.T) {
	t.Parallel()
	slow, err := parseLayouts(gongkai.Layouts(), markdown.New(), false)
	if err != nil {
		t.Fatal(err)
	}
	const hostile = `甲+乙&丙<丁>戊"己'庚`
	total := decimal.New(12345, 1)
	reports := func() []*report.Report {
		a := &report.Report{Year: 2023, Slug: "unit", OrgID: "unit", Org: "单位" + hostile, Title: "报告" + hostile, Unit: "万元" + hostile,
			Published: report.Date{Year: 2024, Month: 4, Day: 30},
			Withdrawn: &report.Withdrawal{Reason: "原因"}, SupersededBy: "2023/new"}
		a.Budgets = []*report.Budget{{ID: "final", Total: &total}}
		b := &report.Report{Year: 2022, Slug: "old", OrgID: "unit", Org: "单位", Title: "旧" + hostile, Unit: "元"}
		b.Budgets = []*report.Budget{{ID: "x", Title: "决算" + hostile, Sum: decimal.FromInt(-7)}}
		c := &report.Report{Year: 2021, Slug: "older", OrgID: "unit", Title: "更旧"}
		return []*report.Report{a, b, c}
	}
	box := func(title string) Chart {
		return Chart{Chart: &chart.Chart{ID: "c-1", Title: title + hostile, Type: chart.Bar, Options: []byte(`{"a":"\u003c"}`)}}
	}
	table := func() *HistoryTable {
		return &HistoryTable{Root: "../../", Caption: "表" + hostile, Head: "项目" + hostile, Units: true,
			Years: []HistoryYear{{Year: 2022, Title: "旧" + hostile, Href: "2022/old/index.html"}, {Year: 2023}},
			Rows: []HistoryRow{{Name: "名" + hostile, Code: "201" + hostile, Unit: "次" + hostile,
				Cells: []Cell{{Text: "1" + hostile, Href: "2022/old/index.html#data-x"}, {Text: "—"}}}}}
	}
	year := func(variant int) *Page {
		reps := reports()
		p := &Page{Year: &report.Year{Year: 2023}, Root: "../", Title: "年" + hostile, Body: "<p>前言</p>\n",
			Summary: &Summary{Year: &history.Year{Money: "万元" + hostile, Notes: []string{"注一" + hostile, "注二"}}}}
		for i, r := range reps {
			row := SummaryRow{Report: r, Initial: Cell{Text: "—"}, Final: Cell{Text: "9 万元" + hostile, Href: "2023/unit/index.html#data-final"},
				Ratio: "12.5%" + hostile, Errors: i, Warnings: 10 * i}
			p.Summary.Rows = append(p.Summary.Rows, row)
		}
		switch variant {
		case 1:
			c := box("图")
			p.Summary.Chart = &c
			p.Body = ""
		case 2:
			p.Summary = nil
		case 3:
			p.Summary.Rows, p.Summary.Notes = nil, nil
		}
		return p
	}
	org := func(variant int) *Page {
		o := &report.Org{ID: "unit", Name: "单位" + hostile, Reports: reports()}
		p := &Page{Org: o, Root: "../../", Title: o.Name,
			History: &History{Unit: &history.Unit{Money: "万元" + hostile, Notes: []string{"换算" + hostile}},
				Budget: []*HistoryTable{table(), table()}, Figures: table(), CSV: "history.csv",
				Charts: []Chart{box("总额"), box("分类")}, LineCharts: []Chart{box("线")}}}
		switch variant {
		case 1:
			p.History.Charts, p.History.LineCharts, p.History.Notes = nil, nil, nil
		case 2:
			p.History.Figures = nil
		case 3:
			p.History = nil
		}
		return p
	}
	check := func(layout string, p *Page, fn func(*Page) string, variant int) {
		t.Helper()
		var want strings.Builder
		if err := slow.pages[layout].ExecuteTemplate(&want, "main", p); err != nil {
			t.Fatal(err)
		}
		if got := fn(p); got == "" {
			t.Errorf("%s %d: left to the template", layout, variant)
		} else if got != want.String() {
			t.Errorf("%s %d:\n%s", layout, variant, firstDiff(want.String(), got))
		}
	}
	yearFn := func(p *Page) string { return string(yearHTML(p)) }
	orgFn := func(p *Page) string { return string(orgHTML(p)) }
	for variant := range 4 {
		check("year", year(variant), yearFn, variant)
		check("org", org(variant), orgFn, variant)
	}
	for name, odd := range map[string]func(*Page){
		"report":   func(p *Page) { p.Summary.Rows[0].Report.Slug = "一" },
		"unit":     func(p *Page) { p.Summary.Rows[0].Report.OrgID = "单位" },
		"figure":   func(p *Page) { p.Summary.Rows[1].Final.Href = "2023/unit/index.html#数" },
		"root":     func(p *Page) { p.Root = "https://example.org/" },
		"not year": func(p *Page) { p.Year = nil },
	} {
		p := year(0)
		odd(p)
		if got := yearHTML(p); got != "" {
			t.Errorf("year, %s: written by yearHTML: %.80s", name, got)
		}
	}
	for name, odd := range map[string]func(*Page){
		"report":  func(p *Page) { p.Org.Reports[2].Slug = "a b" },
		"csv":     func(p *Page) { p.History.CSV = "历年.csv" },
		"table":   func(p *Page) { p.History.Budget[1].Rows[0].Cells[0].Href = "x?y" },
		"figures": func(p *Page) { p.History.Figures.Years[0].Href = "a#b#c" },
		"not org": func(p *Page) { p.Org = nil },
	} {
		p := org(0)
		odd(p)
		if got := orgHTML(p); got != "" {
			t.Errorf("org, %s: written by orgHTML: %.80s", name, got)
		}
	}
}
