package render

import (
	"html/template"

	"gongkai/internal/report"
	"gongkai/internal/route"
)

// yearHTML is what the "main" template of year.html writes for p, or ""
// for a page it leaves to the template: one with a link that needs the
// template's URL escaping (addresses come from checked names, so none
// does).
func yearHTML(p *Page) template.HTML { return bodyHTML(yearBody, p) }

// yearBody writes the body of year pages (see body).
func yearBody(p *Page) (func(*markup), bool) { return func(w *markup) { w.year(p) }, yearPlain(p) }

// yearPlain reports whether yearHTML writes p.
func yearPlain(p *Page) bool {
	if p.Year == nil || !plainURL(p.Root) {
		return false
	}
	if s := p.Summary; s != nil {
		for _, r := range s.Rows {
			if !listedPlain(r.Report) || !plainURL(route.Org(r.Report.OrgID)) || !plainCell(r.Initial) || !plainCell(r.Final) {
				return false
			}
		}
	}
	return true
}

// listedPlain reports whether html/template would write the link to r's
// page as it is.
func listedPlain(r *report.Report) bool { return r != nil && plainURL(reportURL(r)) }

func (w *markup) year(p *Page) {
	root := p.Root
	w.s("<h1>")
	w.e(p.Title)
	w.s("</h1>\n")
	if p.Body != "" {
		w.s(`<div class="prose">`+"\n", string(p.Body), "</div>\n")
	}
	s := p.Summary
	if s == nil {
		return
	}
	w.s(`<figure class="data-block`)
	w.when(s.Chart != nil, " has-chart")
	w.s(`" id="year-summary">` + "\n")
	if c := s.Chart; c != nil {
		w.s("<figcaption>")
		w.e(c.Title)
		w.s("（单位：")
		w.e(s.Money)
		w.s("）</figcaption>\n")
		w.chartBox(*c)
	}
	for _, n := range s.Notes {
		w.s("\n" + `<p class="note">`)
		w.e(n)
		w.s("</p>")
	}
	w.s("\n" + `<div class="table-wrap">` + "\n" + `<table class="summary">` + "\n<caption>")
	w.int(p.Year.Year)
	w.s("年度公开的报告（")
	w.int(len(s.Rows))
	w.s(" 份）</caption>\n<thead>\n" +
		`<tr><th scope="col">报告</th><th scope="col">单位</th><th scope="col" class="num">年初预算</th><th scope="col" class="num">决算</th><th scope="col" class="num">决算占年初预算</th><th scope="col" class="num">错误</th><th scope="col" class="num">警告</th><th scope="col">发布日期</th></tr>` +
		"\n</thead>\n<tbody>")
	for _, row := range s.Rows {
		r := row.Report
		w.s("\n<tr>\n"+`<th scope="row"><a href="`, root, reportURL(r), `">`)
		w.e(r.Title)
		w.s("</a>")
		w.status(r)
		w.s("</th>\n"+`<td data-label="单位"><a href="`, root, route.Org(r.OrgID), `">`)
		w.e(r.Org)
		w.s("</a></td>\n" + `<td class="num" data-label="年初预算">`)
		w.cell(root, row.Initial)
		w.s("</td>\n" + `<td class="num" data-label="决算">`)
		w.cell(root, row.Final)
		w.s("</td>\n" + `<td class="num" data-label="决算占年初预算">`)
		w.e(row.Ratio)
		w.s("</td>\n" + `<td class="num" data-label="错误">`)
		w.int(row.Errors)
		w.s("</td>\n" + `<td class="num" data-label="警告">`)
		w.int(row.Warnings)
		w.s("</td>\n" + `<td data-label="发布日期">`)
		w.published(r)
		w.s("</td>\n</tr>")
	}
	w.s("\n</tbody>\n</table>\n</div>\n</figure>")
}

// orgHTML is what the "main" template of org.html writes for p, or "" for
// a page it leaves to the template: one with a link that needs the
// template's URL escaping.
func orgHTML(p *Page) template.HTML { return bodyHTML(orgBody, p) }

// orgBody writes the body of unit pages (see body).
func orgBody(p *Page) (func(*markup), bool) { return func(w *markup) { w.org(p) }, orgPlain(p) }

// orgPlain reports whether orgHTML writes p.
func orgPlain(p *Page) bool {
	if p.Org == nil || !plainURL(p.Root) {
		return false
	}
	for _, r := range p.Org.Reports {
		if !listedPlain(r) || !plainURL(route.Year(r.Year)) {
			return false
		}
	}
	if h := p.History; h != nil {
		if !plainURL(h.CSV) || h.Figures != nil && !historyTablePlain(h.Figures) {
			return false
		}
		for _, t := range h.Budget {
			if !historyTablePlain(t) {
				return false
			}
		}
	}
	return true
}

func (w *markup) org(p *Page) {
	o, root := p.Org, p.Root
	w.s("<h1>")
	w.e(o.Name)
	w.s("</h1>\n" + `<div class="table-wrap">` + "\n" + `<table class="summary">` + "\n<caption>")
	w.e(o.Name)
	w.s("历年公开的报告（")
	w.int(len(o.Reports))
	w.s(" 份）</caption>\n<thead>\n" +
		`<tr><th scope="col">年度</th><th scope="col">报告</th><th scope="col" class="num">决算总计</th><th scope="col">发布日期</th></tr>` +
		"\n</thead>\n<tbody>")
	for _, r := range o.Reports {
		w.s("\n<tr>\n"+`<td data-label="年度"><a href="`, root, route.Year(r.Year), `">`)
		w.int(r.Year)
		w.s("年度</a></td>\n"+`<th scope="row"><a href="`, root, reportURL(r), `">`)
		w.e(r.Title)
		w.s("</a>")
		w.status(r)
		w.s("</th>\n" + `<td class="num" data-label="决算总计">`)
		if b := r.FinalBudget(); b != nil {
			if b.Total != nil {
				w.dec(*b.Total)
			} else {
				w.dec(b.Sum)
			}
			w.s(" ")
			w.e(r.Unit)
		} else {
			w.s("—")
		}
		w.s("</td>\n" + `<td data-label="发布日期">`)
		w.published(r)
		w.s("</td>\n</tr>")
	}
	w.s("\n</tbody>\n</table>\n</div>")
	h := p.History
	if h == nil {
		return
	}
	w.s("\n" + `<section class="history" aria-labelledby="history">` + "\n" +
		`<h2 id="history">历年数据</h2>` + "\n" + `<p class="note">金额单位：`)
	w.e(h.Money)
	w.s("。表中“—”表示该年度没有公开报告或报告中没有这项数据，不是零；每个数字链接到它所在的报告。</p>")
	for _, n := range h.Notes {
		w.s("\n" + `<p class="note">`)
		w.e(n)
		w.s("</p>")
	}
	w.s("\n"+`<p class="chart-csv"><a href="`, h.CSV, `" download>下载历年数据（CSV）</a></p>`+"\n"+`<figure class="data-block`)
	w.when(len(h.Charts) > 0, " has-chart")
	w.s(`" id="history-budget">` + "\n<figcaption>历年年初预算与决算</figcaption>\n")
	w.titledCharts(h.Charts)
	for _, t := range h.Budget {
		w.historyTable(t)
		w.s("\n")
	}
	w.s("</figure>")
	if h.Figures != nil {
		w.s("\n" + `<figure class="data-block`)
		w.when(len(h.LineCharts) > 0, " has-chart")
		w.s(`" id="history-figures">` + "\n<figcaption>历年业务数据与指标</figcaption>\n")
		w.titledCharts(h.LineCharts)
		w.historyTable(h.Figures)
		w.s("\n</figure>")
	}
	w.s("\n</section>")
}

// titledCharts are charts of a unit's page, each under its title.
func (w *markup) titledCharts(charts []Chart) {
	for _, c := range charts {
		w.s(`<p class="chart-title">`)
		w.e(c.Title)
		w.s("</p>\n")
		w.chartBox(c)
	}
}

// status is the "report-status" template of lists.html.
func (w *markup) status(r *report.Report) {
	w.when(r.Withdrawn != nil, ` <span class="status status-withdrawn">（已撤回）</span>`)
	w.when(r.SupersededBy != "", ` <span class="status status-superseded">（已被替代）</span>`)
}

// published is a report's publication date in a list, or — without one.
func (w *markup) published(r *report.Report) {
	if d := r.Published.Chinese(); d != "" {
		w.e(d)
	} else {
		w.s("—")
	}
}
