package render

import (
	"html/template"
	"path"
	"strconv"
	"strings"
	"sync"

	"gongkai"
	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// The built-in partials/blocks.html is the specification of a data block's
// HTML, and what a site that overrides it gets. Executing it cost a fifth
// of a build's CPU (reflection on every field of every row), so a page
// whose block templates are exactly the built-in ones writes the same bytes
// with blockHTML instead. The same holds for the history tables of
// partials/history.html (historyTableHTML), most of a unit page's work,
// for the bodies of report, year and unit pages, the "main" of
// report.html, year.html and org.html (reportHTML, yearHTML, orgHTML),
// and for the whole of such a page, with base.html's frame, when both are
// built in (writePage).
// TestBlockHTMLMatchesTemplate renders sites with both and compares every
// file.

// writers are the templates written in Go: the files that define each and
// the templates it calls, which must all be built in, and the function
// that writes what it would, or "" for a value it leaves to the template;
// needs, when set, is a writer that must be in use in the same page's
// templates: the function writes what that one would too.
// A layout's "main" writer has body too: what writePage puts in the frame.
var writers = []struct {
	files []string
	name  string
	fn    any
	needs string
	body  body
}{
	{[]string{"partials/blocks.html"}, "block", blockHTML, "", nil},
	{[]string{"partials/history.html"}, "history-table", historyTableHTML, "", nil},
	{[]string{"report.html"}, "main", reportHTML, "block", reportBody},
	{[]string{"year.html", "partials/history.html", "partials/lists.html"}, "main", yearHTML, "", yearBody},
	{[]string{"org.html", "partials/history.html", "partials/lists.html"}, "main", orgHTML, "history-table", orgBody},
}

// frameFile defines the frame of every page, which writePage writes for a
// report page whose body reportHTML writes.
const frameFile = "base.html"

// builtinTrees are the names a built-in file of writers, or frameFile,
// defines, with their parse trees as the file gives them.
var builtinTrees = sync.OnceValues(func() (map[string]map[string]string, error) {
	files := map[string]map[string]string{}
	names := []string{frameFile}
	for _, wr := range writers {
		names = append(names, wr.files...)
	}
	for _, file := range names {
		if files[file] != nil {
			continue
		}
		t, err := template.New("").Funcs(funcs).ParseFS(gongkai.Layouts(), file)
		if err != nil {
			return nil, err
		}
		trees := map[string]string{}
		for _, d := range t.Templates() {
			if d.Tree != nil && d.Tree.Root != nil && d.Name() != "" && d.Name() != path.Base(file) {
				trees[d.Name()] = d.Tree.Root.String()
			}
		}
		files[file] = trees
	}
	return files, nil
})

// builtinAll reports whether each of the built-in files is (builtin).
func builtinAll(t *template.Template, trees map[string]map[string]string, files []string) bool {
	for _, file := range files {
		if !builtin(t, trees, file) {
			return false
		}
	}
	return true
}

// builtin reports whether every template the built-in file defines is
// defined in t as it is there: no layout of the site redefines one.
func builtin(t *template.Template, files map[string]map[string]string, file string) bool {
	for name, tree := range files[file] {
		if d := t.Lookup(name); d == nil || d.Tree == nil || d.Tree.Root.String() != tree {
			return false
		}
	}
	return true
}

// useWriters makes each template of writers write with its function in t
// when its file is builtin in t. The template stays, as "NAME-template",
// for a value the function does not take. It returns the body writePage
// writes t's pages with, nil unless the layout's "main" is written in Go
// and the frame is the built-in one.
func useWriters(t *template.Template, layout string) (direct body, err error) {
	files, err := builtinTrees()
	if err != nil {
		return nil, err
	}
	// Which files are built in is decided first: a writer put in place
	// replaces a template its file defines.
	fits := make([]bool, len(writers))
	for i, wr := range writers {
		fits[i] = t.Lookup(wr.name+"-template") == nil && // else a name of the site's own
			(wr.name != "main" || wr.files[0] == layout+".html") && // else the body of another layout's pages
			builtinAll(t, files, wr.files)
	}
	used := map[string]bool{}
	var main body
	for i, wr := range writers {
		if !fits[i] || wr.needs != "" && !used[wr.needs] {
			continue
		}
		kept := wr.name + "-template"
		if _, err := t.AddParseTree(kept, t.Lookup(wr.name).Tree.Copy()); err != nil {
			return nil, err
		}
		fn := strings.ReplaceAll(wr.name, "-", "") + "HTML"
		_, err = t.New(wr.name).Funcs(template.FuncMap{fn: wr.fn}).
			Parse(`{{with ` + fn + ` .}}{{.}}{{else}}{{template "` + kept + `" .}}{{end}}`)
		if err != nil {
			return nil, err
		}
		used[wr.name] = true
		if wr.body != nil {
			main = wr.body
		}
	}
	if !builtin(t, files, frameFile) {
		return nil, nil
	}
	return main, nil
}

// blockHTML is what the "block" template of blocks.html writes for b, or ""
// for a block it leaves to the template: one with a chart whose file name
// needs the template's URL escaping (names are checked ids, so none does).
func blockHTML(b *Block) template.HTML {
	if !blockPlain(b) {
		return ""
	}
	return written(b, (*markup).block)
}

// blockPlain reports whether blockHTML writes b.
func blockPlain(b *Block) bool {
	if b == nil {
		return false
	}
	for _, c := range b.Charts {
		if !plainURL(c.CSV) {
			return false
		}
	}
	return true
}

// written is what write appends for v to a pooled markup, as a copy.
func written[T any](v T, write func(*markup, T)) template.HTML {
	return usingMarkup(func(w *markup) template.HTML {
		write(w, v)
		return template.HTML(w.b)
	})
}

// usingMarkup calls f with a markup of markupPool, empty, and gives it
// back empty. What f returns must not hold the buffer.
func usingMarkup[T any](f func(*markup) T) T { return using(&markupPool, f) }

// using calls f with a markup of pool, empty, and gives it back empty: the
// one place the pools' buffers are taken.
func using[T any](pool *sync.Pool, f func(*markup) T) T {
	w := pool.Get().(*markup)
	defer func() {
		w.b = w.b[:0]
		pool.Put(w)
	}()
	return f(w)
}

// markupPool keeps the buffers of the HTML and JSON written in Go, empty
// (usingMarkup).
var markupPool = sync.Pool{New: func() any { return &markup{b: make([]byte, 0, 8192)} }}

// plainURL reports whether html/template would write s in an href as it
// is: a relative path of letters, digits and "-_./".
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	return s != ""
}

// markup appends HTML: s as it is, e escaped as html/template escapes text
// and quoted attribute values.
type markup struct{ b []byte }

// s writes its parts as they are: parts, not a sum, which would make
// a string only to copy it.
func (w *markup) s(parts ...string) {
	for _, s := range parts {
		w.b = append(w.b, s...)
	}
}

func (w *markup) e(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		w.b = append(append(w.b, s[last:i]...), r...)
		last = i + 1
	}
	w.b = append(w.b, s[last:]...)
}

func (w *markup) dec(d decimal.Dec) { w.e(d.String()) }

// opt writes *d, or "—" when there is none.
func (w *markup) opt(d *decimal.Dec) {
	if d == nil {
		w.s("—")
		return
	}
	w.dec(*d)
}

// when writes s if cond.
func (w *markup) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// cell is a figure of a table of several reports' figures, linked to its
// place in its report when it has one.
func (w *markup) cell(root string, c Cell) {
	if c.Href == "" {
		w.e(c.Text)
		return
	}
	w.s(`<a href="`, root, c.Href, `">`)
	w.e(c.Text)
	w.s("</a>")
}

func (w *markup) when(cond bool, s string) {
	if cond {
		w.s(s)
	}
}

// with writes pre, s escaped and post if s is not empty: {{with}}.
func (w *markup) with(pre, s, post string) {
	if s != "" {
		w.s(pre)
		w.e(s)
		w.s(post)
	}
}

func (w *markup) block(b *Block) {
	w.s(`<figure class="data-block`)
	w.when(len(b.Charts) > 0, " has-chart")
	w.when(b.Counts != nil || len(b.Compare) > 0, " narrow-table")
	w.s(`"`)
	w.with(` id="`, b.ID, `"`)
	w.s(">\n")
	for _, d := range b.Drafts() {
		w.s(`<p class="draft-note">导入数据，待核对`)
		w.with("：", d.Name, "")
		w.with("（来源：", d.Source, "）")
		w.s("</p>\n")
	}
	if len(b.Charts) > 0 {
		w.s("<figcaption>")
		for i, c := range b.Charts {
			if i > 0 {
				w.s("；")
			}
			w.e(c.Title)
		}
		w.s("</figcaption>\n")
		for _, c := range b.Charts {
			w.chart(c)
		}
	}
	switch {
	case b.Budget != nil:
		w.budget(b.Budget, b.Unit)
	case b.Counts != nil:
		w.counts(b.Counts)
	case len(b.Metrics) > 0:
		w.metrics(b)
	case len(b.Rows) > 0:
		w.indicators(b)
	case len(b.Compare) > 0:
		w.compare(b)
	}
	w.s("\n")
	if len(b.Findings) > 0 {
		w.s(`<ul class="findings" aria-label="核查结果">`)
		for _, f := range b.Findings {
			w.s("\n<li class=\"finding-")
			w.e(f.Severity.String())
			w.s(`"><span class="severity">`)
			w.e(f.Severity.Chinese())
			w.s("</span>")
			w.e(f.Message)
			w.s("</li>")
		}
		w.s("\n</ul>\n")
	}
	w.s("</figure>")
}

func (w *markup) chart(c Chart) {
	w.chartBox(c)
	w.s("<p class=\"chart-csv\"><a href=\"")
	w.s(c.CSV) // plainURL
	w.s("\" download>下载图表数据（CSV）</a></p>\n")
}

// chartBox is the "history-chart" template, the chart without its CSV.
func (w *markup) chartBox(c Chart) {
	w.s(`<div class="chart chart-`)
	w.e(string(c.Type))
	w.s(`" id="`)
	w.e(c.ID)
	w.s(`" data-chart="`)
	w.e(c.ID)
	w.s(`-options" role="img" aria-label="`)
	w.e(c.Title)
	w.s("（图表，数据见下表）\"></div>\n<script type=\"application/json\" id=\"")
	w.e(c.ID)
	w.s(`-options">`)
	w.b = append(w.b, c.Options...) // c.JSON(), template.JS: as it is
	w.s("</script>\n")
}

// figure is the "figure" template: a stated figure and, where it differs,
// the recomputed one.
func (w *markup) figure(f report.Figure) {
	switch {
	case f.Differs():
		w.s(`<span class="vs"><span class="stated">`)
		w.dec(f.Stated)
		w.s(`</span> <mark class="mismatch"><span class="fig"><span class="label">核算</span> `)
		w.dec(f.Computed)
		w.s("</span>")
		w.delta(f)
		w.s("</mark></span>")
	case f.HasStated:
		w.dec(f.Stated)
	case f.HasComputed:
		w.s(`<span class="computed">`)
		w.dec(f.Computed)
		w.s("</span>")
	default:
		w.s("—")
	}
}

func (w *markup) delta(f report.Figure) {
	w.s(`<span class="delta">（原文`)
	if f.Over() {
		w.s("多")
	} else {
		w.s("少")
	}
	w.s(" ")
	w.dec(f.Gap())
	w.s("）</span>")
}

// computed is a share's computed figure, marked with the gap where the
// stated one differs.
func (w *markup) computed(f report.Figure) {
	if !f.Differs() {
		w.dec(f.Computed)
		return
	}
	w.s(`<mark class="mismatch"><span class="fig">`)
	w.dec(f.Computed)
	w.s("</span>")
	w.delta(f)
	w.s("</mark>")
}

func (w *markup) budget(b *report.Budget, unit string) {
	w.s("<div class=\"table-wrap\">\n<table class=\"data budget\">\n<caption>")
	w.e(b.Title)
	w.s(`<span class="unit">（单位：`)
	w.e(unit)
	w.s("）</span></caption>\n<thead>\n" +
		`<tr><th scope="col" class="code">科目编码</th><th scope="col">科目名称</th><th scope="col" class="num">金额</th><th scope="col" class="num">占比（原文，%）</th><th scope="col" class="num">占比（核算，%）</th></tr>` +
		"\n</thead>\n<tbody>")
	for _, it := range b.Items {
		w.s("\n<tr")
		w.when(it.ShareFig.Differs(), ` class="differs"`)
		w.s(">\n<td class=\"code\">")
		w.e(it.Code)
		w.s("</td>\n<th scope=\"row\">")
		w.e(it.Name)
		w.s("</th>\n<td class=\"num\" data-label=\"金额\">")
		w.dec(it.Amount)
		w.s("</td>\n<td class=\"num")
		w.when(it.Share == nil, " none")
		w.s(`" data-label="占比（原文，%）">`)
		w.opt(it.Share)
		w.s("</td>\n<td class=\"num\" data-label=\"占比（核算，%）\">")
		w.computed(it.ShareFig)
		w.s("</td>\n</tr>")
	}
	if b.Unlisted.Sign() != 0 {
		w.s("\n<tr class=\"unlisted differs\">\n<td class=\"code\"></td>\n<th scope=\"row\">未列明</th>\n<td class=\"num\" data-label=\"金额\"><mark class=\"mismatch\">")
		w.dec(b.Unlisted)
		w.s("</mark></td>\n<td class=\"num none\" data-label=\"占比（原文，%）\">—</td>\n<td class=\"num none\" data-label=\"占比（核算，%）\">—</td>\n</tr>")
	}
	w.s("\n</tbody>\n<tfoot>\n<tr")
	w.when(b.TotalFig.Differs(), ` class="differs"`)
	w.s(">\n<td class=\"code\"></td>\n<th scope=\"row\">合计</th>\n<td class=\"num\" data-label=\"金额\">")
	w.figure(b.TotalFig)
	w.s("</td>\n<td class=\"num")
	w.when(!b.ShareSum.HasStated, " none")
	w.s(`" data-label="占比（原文，%）">`)
	if b.ShareSum.HasStated {
		w.dec(b.ShareSum.Stated)
	} else {
		w.s("—")
	}
	w.s("</td>\n<td class=\"num\" data-label=\"占比（核算，%）\">")
	w.computed(b.ShareSum)
	w.s("</td>\n</tr>\n</tfoot>\n</table>\n</div>")
	w.note(b.Note)
}

func (w *markup) note(note string) {
	w.with("\n<p class=\"note\">", note, "</p>")
}

func (w *markup) counts(c *report.Counts) {
	w.s("<div class=\"table-wrap\">\n<table class=\"data counts\">\n<caption>")
	w.e(c.Title)
	w.with(`<span class="unit">（单位：`, c.Unit, "）</span>")
	w.with(`<span class="as-of">截至`, c.AsOf.Chinese(), "</span>")
	w.s("</caption>\n<thead>\n<tr><th scope=\"col\">项目</th><th scope=\"col\" class=\"num\">数量</th></tr>\n</thead>\n<tbody>")
	for _, it := range c.Items {
		w.s("\n<tr><th scope=\"row\">")
		w.e(it.Name)
		w.s(`</th><td class="num">`)
		w.b = strconv.AppendInt(w.b, it.Value, 10)
		w.when(it.Approx, `<span class="approx">余</span>`)
		w.s("</td></tr>")
	}
	w.s("\n</tbody>\n<tfoot>")
	if c.Exhaustive {
		w.s("\n<tr")
		w.when(c.TotalFig.Differs(), ` class="differs"`)
		w.s(`><th scope="row">合计</th><td class="num">`)
		if c.TotalFig.HasStated {
			w.figure(c.TotalFig)
		} else {
			w.s(`<span class="computed">`)
			w.dec(c.Sum)
			w.s("</span>")
		}
		w.s("</td></tr>")
	} else {
		w.s("\n<tr><th scope=\"row\">所列各项之和</th><td class=\"num\"><span class=\"computed\">")
		w.dec(c.Sum)
		w.s("</span>")
		w.when(c.HasApprox(), `<span class="approx">余</span>`)
		w.s("</td></tr>")
		if c.Total != nil {
			w.s("\n<tr><th scope=\"row\">总数（原文）</th><td class=\"num\">")
			w.b = strconv.AppendInt(w.b, *c.Total, 10)
			w.s("</td></tr>")
		}
	}
	w.s("\n</tfoot>\n</table>\n</div>")
	w.when(!c.Exhaustive && c.Total != nil, "\n<p class=\"note\">上表为“其中”所列部分项目，不是总数的完整分解。</p>")
	w.note(c.Note)
}

// none is the class a cell of a figure takes when it has neither.
func none(f report.Figure) bool { return !f.HasStated && !f.HasComputed }

func (w *markup) metrics(b *Block) {
	w.s("<div class=\"table-wrap\">\n<table class=\"data metrics\">\n<caption>")
	w.e(b.Caption)
	w.s("</caption>\n<thead>\n" +
		`<tr><th scope="col">指标</th><th scope="col" class="num">数值</th><th scope="col" class="num">上年同期</th><th scope="col" class="num">同比变化（%）</th><th scope="col" class="num">基数</th><th scope="col" class="num">比率（%）</th><th scope="col">说明</th></tr>` +
		"\n</thead>\n<tbody>")
	for _, row := range b.Metrics {
		m := row.Metric
		if m == nil {
			continue
		}
		w.s("\n<tr id=\"")
		w.e(row.RowID)
		w.s(`"`)
		w.when(m.ChangeFig.Differs() || m.RateFig.Differs(), ` class="differs"`)
		w.s(">\n<th scope=\"row\">")
		w.e(m.Name)
		w.with(`<span class="as-of">截至`, m.AsOf.Chinese(), "</span>")
		w.s("</th>\n<td class=\"num\" data-label=\"数值\">")
		w.dec(m.Value)
		w.with(" ", m.Unit, "")
		w.s("</td>\n<td class=\"num")
		w.when(m.Previous == nil, " none")
		w.s(`" data-label="上年同期">`)
		w.opt(m.Previous)
		w.s("</td>\n<td class=\"num")
		w.when(none(m.ChangeFig), " none")
		w.s(`" data-label="同比变化（%）">`)
		w.figure(m.ChangeFig)
		w.s("</td>\n<td class=\"num")
		w.when(m.Of == nil, " none")
		w.s(`" data-label="基数">`)
		w.opt(m.Of)
		w.s("</td>\n<td class=\"num")
		w.when(none(m.RateFig), " none")
		w.s(`" data-label="比率（%）">`)
		w.figure(m.RateFig)
		w.s("</td>\n<td class=\"text\" data-label=\"说明\">")
		w.e(m.Note)
		w.s("</td>\n</tr>")
	}
	w.s("\n</tbody>\n</table>\n</div>")
}

func (w *markup) indicators(b *Block) {
	w.s("<div class=\"table-wrap\">\n<table class=\"data indicators\">\n<caption>绩效自评表</caption>\n<thead>\n" +
		`<tr><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">年度指标值</th><th scope="col">实际完成值</th><th scope="col" class="num">分值</th><th scope="col" class="num">得分</th><th scope="col">偏差原因及改进措施</th></tr>` +
		"\n</thead>\n<tbody>")
	for _, r := range b.Rows {
		w.s("\n<tr>\n<td data-label=\"一级指标\">")
		w.e(r.Level1)
		w.s(`</td><td data-label="二级指标">`)
		w.e(r.Level2)
		w.s(`</td><th scope="row">`)
		w.e(r.Name)
		w.s(`</th><td data-label="年度指标值">`)
		w.e(r.Target)
		w.s(`</td><td data-label="实际完成值">`)
		w.e(r.Actual)
		w.s("</td>\n<td class=\"num\" data-label=\"分值\">")
		w.opt(r.Weight)
		w.s(`</td><td class="num" data-label="得分">`)
		w.opt(r.Score)
		w.s(`</td><td class="text" data-label="偏差原因及改进措施">`)
		w.e(r.Note)
		w.s("</td>\n</tr>")
	}
	w.s("\n</tbody>\n<tfoot>\n<tr><th scope=\"row\" colspan=\"5\">合计（评价等级：")
	w.e(b.Scores.Grade)
	w.s(`）</th><td class="num" data-label="分值">`)
	w.dec(b.Scores.Weight)
	w.s(`</td><td class="num" data-label="得分">`)
	w.dec(b.Scores.Score)
	w.s("</td><td class=\"text\"></td></tr>\n</tfoot>\n</table>\n</div>")
}

func (w *markup) compare(b *Block) {
	w.s("<div class=\"table-wrap\">\n<table class=\"data compare\">\n<caption>")
	w.e(b.Caption)
	w.s(`<span class="unit">（单位：`)
	w.e(b.Unit)
	w.s("）</span></caption>\n<thead>\n" +
		`<tr><th scope="col">科目名称</th><th scope="col" class="num">年初预算</th><th scope="col" class="num">决算</th></tr>` +
		"\n</thead>\n<tbody>")
	for _, r := range b.Compare {
		w.s("\n<tr><th scope=\"row\">")
		w.e(r.Name)
		w.s(`</th><td class="num">`)
		w.e(r.Initial)
		w.s(`</td><td class="num">`)
		w.e(r.Final)
		w.s("</td></tr>")
	}
	w.s("\n</tbody>\n</table>\n</div>")
}

// historyTableHTML is what the "history-table" template of history.html
// writes for t, or "" for a table it leaves to the template: one whose
// links would need html/template's URL escaping (paths and anchors come
// from checked ids, so none does).
func historyTableHTML(t *HistoryTable) template.HTML {
	if !historyTablePlain(t) {
		return ""
	}
	return written(t, (*markup).historyTable)
}

// historyTablePlain reports whether historyTableHTML writes t.
func historyTablePlain(t *HistoryTable) bool {
	if t == nil || !plainURL(t.Root) {
		return false
	}
	for _, y := range t.Years {
		if y.Href != "" && !anchoredURL(y.Href) {
			return false
		}
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if !plainCell(c) {
				return false
			}
		}
	}
	return true
}

// plainCell reports whether html/template would write c's link as it is.
func plainCell(c Cell) bool { return c.Href == "" || anchoredURL(c.Href) }

func (w *markup) historyTable(t *HistoryTable) {
	w.s(`<div class="table-wrap">` + "\n" + `<table class="data history">` + "\n<caption>")
	w.e(t.Caption)
	w.s("</caption>\n<thead>\n" + `<tr><th scope="col">`)
	w.e(t.Head)
	w.s(`</th>`)
	w.when(t.Units, `<th scope="col">单位</th>`)
	for _, y := range t.Years {
		w.s(`<th scope="col" class="num">`)
		if y.Href != "" {
			w.s(`<a href="`, t.Root, y.Href, `" title="`)
			w.e(y.Title)
			w.s(`">`)
			w.int(y.Year)
			w.s(`年</a>`)
		} else {
			w.int(y.Year)
			w.s(`年`)
		}
		w.s(`</th>`)
	}
	w.s("</tr>\n</thead>\n<tbody>")
	for _, r := range t.Rows {
		w.s("\n" + `<tr><th scope="row">`)
		w.with(`<span class="code">`, r.Code, `</span> `)
		w.e(r.Name)
		w.s(`</th>`)
		if t.Units {
			w.s(`<td>`)
			w.e(r.Unit)
			w.s(`</td>`)
		}
		for _, c := range r.Cells {
			w.s(`<td class="num">`)
			w.cell(t.Root, c)
			w.s(`</td>`)
		}
		w.s(`</tr>`)
	}
	w.s("\n</tbody>\n</table>\n</div>")
}

// anchoredURL reports whether html/template would write s in an href as
// it is: a plainURL, with at most an anchor of the same characters.
func anchoredURL(s string) bool {
	p, anchor, found := strings.Cut(s, "#")
	return plainURL(p) && (!found || plainURL(anchor))
}
