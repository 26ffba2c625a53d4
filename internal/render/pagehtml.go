package render

import (
	"html/template"
	"strconv"
	"sync"

	"gongkai/internal/route"
)

// reportHTML is what the "main" template of report.html writes for p, or ""
// for a page it leaves to the template: one with a link that needs the
// template's URL escaping, or a data block blockHTML leaves to it. It
// writes the body of a page whose frame a site's own base.html writes.
func reportHTML(p *Page) template.HTML { return bodyHTML(reportBody, p) }

// reportBody writes the body of report pages (see body).
func reportBody(p *Page) (func(*markup), bool) {
	m, ok := reportParts(p)
	return func(w *markup) { w.report(m) }, ok
}

// body is the writer in Go of a layout's "main" for p, or false for a
// page it leaves to the template: reportBody, yearBody or orgBody.
type body func(p *Page) (func(*markup), bool)

// bodyHTML is what b writes for p, as a copy, or "" for a page it leaves
// to the template.
func bodyHTML(b body, p *Page) template.HTML {
	write, ok := b(p)
	if !ok {
		return ""
	}
	return written(write, func(w *markup, write func(*markup)) { write(w) })
}

// reportParts is p as reportHTML writes it, once every link and every
// block is checked; false for a page left to the template.
func reportParts(p *Page) (reportMain, bool) {
	r := p.Report
	if r == nil || !plainURL(p.Root) || !plainURL(route.Org(r.OrgID)) {
		return reportMain{}, false
	}
	if p.Replacement != nil && !plainURL(reportURL(p.Replacement)) {
		return reportMain{}, false
	}
	for _, old := range p.Supersedes {
		if !plainURL(reportURL(old)) {
			return reportMain{}, false
		}
	}
	for _, s := range p.Sections {
		if !plainName(s.Anchor) {
			return reportMain{}, false
		}
		for _, b := range s.Blocks {
			if !blockPlain(b) {
				return reportMain{}, false
			}
		}
	}
	for _, b := range p.Blocks {
		if !blockPlain(b) {
			return reportMain{}, false
		}
	}
	attachments := p.Attachments()
	for _, a := range attachments {
		if !plainURL(a.Href) {
			return reportMain{}, false
		}
	}
	return reportMain{p, attachments}, true
}

// reportMain is a report page as reportHTML writes it.
type reportMain struct {
	*Page
	attachments []Attachment
}

func (w *markup) report(p reportMain) {
	r := p.Report
	w.s(`<article class="report">` + "\n" + `<header class="report-head">` + "\n")
	if wd := r.Withdrawn; wd != nil {
		w.s(`<div class="notice notice-withdrawn" role="alert"><strong>本报告已于`)
		w.e(wd.Date.Chinese())
		w.s(`撤回。</strong>撤回原因：`)
		w.e(wd.Reason)
		w.s("。原文保留于此，供查阅。</div>\n")
	}
	if r.SupersededBy != "" {
		w.s(`<div class="notice notice-superseded" role="note"><strong>本报告已被替代：</strong>`)
		if by := p.Replacement; by != nil {
			w.s(`请以<a href="`, p.Root, reportURL(by), `">《`)
			w.e(by.Title)
			w.s(`》</a>为准。`)
		} else {
			w.s(`替代报告（`)
			w.e(r.SupersededBy)
			w.s(`）不在本站`)
			if p.Archive != nil {
				w.s(`的 ` + strconv.Itoa(p.Archive.Year) + ` 年度归档`)
			}
			w.s(`中。`)
		}
		w.s("</div>\n")
	}
	if len(p.Supersedes) > 0 {
		w.s(`<div class="notice" role="note">本报告替代了`)
		for i, old := range p.Supersedes {
			w.when(i > 0, "、")
			w.s(`<a href="`, p.Root, reportURL(old), `">《`)
			w.e(old.Title)
			w.s(`》</a>`)
		}
		w.s("。</div>\n")
	}
	w.s("<h1>")
	w.e(r.Title)
	w.s("</h1>\n", `<dl class="meta">`, "\n", `<div><dt>单位</dt><dd><a href="`, p.Root, route.Org(r.OrgID), `">`)
	w.e(r.Org)
	w.s("</a></dd></div>\n")
	w.with(`<div><dt>地区</dt><dd>`, r.Region, "</dd></div>\n")
	w.s(`<div><dt>年度</dt><dd>` + strconv.Itoa(r.Year) + "年度</dd></div>\n<div><dt>发布日期</dt><dd>")
	if d := r.Published.Chinese(); d != "" {
		w.e(d)
	} else {
		w.s("未注明")
	}
	w.s("</dd></div>\n<div><dt>金额单位</dt><dd>")
	w.e(r.Unit)
	w.s("</dd></div>\n" + `<div><dt>数据下载</dt><dd><a href="data.csv" download>data.csv</a>（表格） · <a href="data.json">data.json</a></dd></div>` + "\n</dl>\n")
	if len(p.attachments) > 0 {
		w.s(`<p class="attachments">附件：`)
		for i, a := range p.attachments {
			w.when(i > 0, "、")
			w.s(`<a href="`, a.Href, `">`)
			w.e(a.Name)
			w.s("</a>")
		}
		w.s("</p>\n")
	}
	w.s("</header>\n" + `<nav class="toc" aria-labelledby="toc-title">` + "\n" + `<h2 id="toc-title">目录</h2>` + "\n<ol>")
	for _, s := range p.Sections {
		w.s("\n", `<li><a href="#`, s.Anchor, `">`)
		w.e(s.Title)
		w.s("</a>")
		w.when(s.Empty, ` <span class="empty-note">（原文无内容）</span>`)
		w.s("</li>")
	}
	w.when(len(p.Blocks) > 0, "\n"+`<li><a href="#report-data">报告数据</a></li>`)
	w.s("\n</ol>\n</nav>\n")
	if p.Preface != "" {
		w.s(`<div class="prose preface">`+"\n", string(p.Preface), "</div>\n")
	}
	for _, s := range p.Sections {
		w.s(`<section class="section" id="`, s.Anchor, `" aria-labelledby="`, s.Anchor, `-h">`, "\n", `<h2 id="`, s.Anchor, `-h">`)
		w.e(s.Title)
		w.s("</h2>\n")
		if s.Empty {
			w.s(`<p class="empty-note">（原文此节无内容）</p>` + "\n")
		} else {
			w.s(`<div class="prose">`+"\n", string(s.HTML), "</div>\n")
		}
		for _, b := range s.Blocks {
			w.block(b)
		}
		w.s("</section>\n")
	}
	if len(p.Blocks) > 0 {
		w.s(`<section class="section" id="report-data" aria-labelledby="report-data-h">` + "\n" + `<h2 id="report-data-h">报告数据</h2>` + "\n")
		for _, b := range p.Blocks {
			w.block(b)
		}
		w.s("</section>\n")
	}
	w.s("</article>")
}

// plainName reports whether html/template would write s as it is after
// the "#" of an href, and in an attribute: letters, digits and "-_.".
func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return s != ""
}

// framePlain reports whether html/template would write the links of p's
// frame as they are.
func framePlain(p *Page) bool {
	if p.Site == nil || !plainURL(p.Root) {
		return false
	}
	for _, c := range p.Crumbs {
		if c.Href != "" && !plainURL(c.Href) {
			return false
		}
	}
	return true
}

// writePage writes p to w as name, as base.html's "base" writes it around
// the "main" that b writes, with no template and no copy; false for a page
// left to the template. The template's reflection on every field of every
// section cost more than a tenth of a build's processor time.
func writePage(w Writer, b body, name string, p *Page) (bool, error) {
	if !framePlain(p) {
		return false, nil
	}
	main, ok := b(p)
	if !ok {
		return false, nil
	}
	// The writer keeps no reference (see Writer).
	return true, using(&pagePool, func(mk *markup) error {
		mk.page(p, main)
		return w.WriteFile(name, mk.b)
	})
}

// pagePool keeps the buffers of writePage, empty: a page is some 60 KB,
// which a buffer shared with smaller writes grew to a piece at a time.
var pagePool = sync.Pool{New: func() any { return &markup{b: make([]byte, 0, 128<<10)} }}

func (w *markup) page(p *Page, main func(*markup)) {
	cfg, root := &p.Site.Config, p.Root
	w.s("<!DOCTYPE html>\n" + `<html lang="`)
	if cfg.Language != "" {
		w.e(cfg.Language)
	} else {
		w.s("zh-CN")
	}
	w.s(`">` + "\n<head>\n" + `<meta charset="utf-8">` + "\n" +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n" +
		`<meta http-equiv="Content-Security-Policy" content="default-src 'self'">` + "\n<title>")
	w.with("", p.Title, " - ")
	w.e(cfg.Title)
	w.s("</title>\n")
	w.with(`<meta name="description" content="`, cfg.Description, `">`+"\n")
	w.s(`<meta name="generator" content="gongkai">`, "\n"+
		`<link rel="icon" href="`, root, `assets/favicon.svg" type="image/svg+xml">`, "\n"+
		`<link rel="stylesheet" href="`, root, `assets/site.css">`, "\n"+
		`<link rel="alternate" type="application/atom+xml" title="`)
	w.e(cfg.Title)
	w.s(`" href="`, root, `feed.xml">`, "\n", `<script src="`, root, `assets/site.js" defer></script>`, "\n")
	if p.HasCharts {
		w.s(`<script src="`, root, `assets/charts.js" data-echarts="`)
		w.e(root)
		w.s(`assets/echarts.min.js" defer></script>` + "\n")
	}
	w.s("</head>\n<body>\n", `<a class="skip" href="#main">跳到正文</a>`, "\n"+
		`<header class="masthead">`, "\n", `<div class="wrap">`, "\n", `<a class="site-title" href="`, root, `index.html">`)
	w.e(cfg.Title)
	w.s("</a>\n", `<form class="site-search" role="search" action="`, root, `search/index.html" method="get">`, "\n"+
		`<label for="site-search-q">站内搜索</label>`, "\n"+
		`<input id="site-search-q" name="q" type="search" size="16" placeholder="标题、单位、正文">`, "\n"+
		`<button type="submit">搜索</button>`, "\n</form>\n", `<nav class="tools" aria-label="阅读辅助">`, "\n"+
		`<button type="button" class="text-size" id="text-size" aria-pressed="false" hidden>大字版</button>`, "\n</nav>\n</div>\n</header>\n")
	if len(p.Crumbs) > 0 {
		w.s(`<nav class="crumbs wrap" aria-label="当前位置">` + "\n<ol>")
		for _, c := range p.Crumbs {
			w.s("\n<li>")
			if c.Href != "" {
				w.s(`<a href="`, root, c.Href, `">`)
				w.e(c.Text)
				w.s("</a>")
			} else {
				w.s(`<span aria-current="page">`)
				w.e(c.Text)
				w.s("</span>")
			}
			w.s("</li>")
		}
		w.s("\n</ol>\n</nav>\n")
	}
	if a := p.Archive; a != nil {
		w.s(`<div class="archive-banner" role="note"><div class="wrap">本页是 ` + strconv.Itoa(a.Year) + ` 年度预决算及绩效信息的<strong>归档副本</strong>，制作于 `)
		w.e(a.Made)
		w.s(`，由 gongkai `)
		w.e(a.Version)
		w.s(" 生成。归档后内容不再更新，可用其中的 MANIFEST.sha256 校验是否被改动。</div></div>\n")
	}
	w.s(`<main id="main" class="wrap">` + "\n")
	main(w)
	w.s("\n</main>\n" + `<footer class="site-footer">` + "\n" + `<div class="wrap">` + "\n")
	if f := cfg.Footer; !f.IsZero() {
		w.s("<ul>\n")
		w.with("<li>主办单位：", f.Sponsor, "</li>\n")
		w.with("<li>网站标识码：", f.SiteCode, "</li>\n")
		w.with("<li>ICP备案号：", f.ICP, "</li>\n")
		w.with("<li>公安机关备案号：", f.Police, "</li>\n")
		w.s("</ul>")
	}
	w.s("\n" + `<p class="page-url"`)
	w.when(p.URL == "", " hidden")
	w.s(`>本页网址：<span data-page-url>`)
	w.e(p.URL)
	w.s("</span></p>\n" + `<p class="generator">本站由 gongkai 生成，文中数据照录原文，核算值由程序按原文数据重新计算。</p>` + "\n</div>\n</footer>\n</body>\n</html>\n")
}
