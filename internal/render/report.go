package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/chart"
	"gongkai/internal/check"
	"gongkai/internal/markdown"
	"gongkai/internal/report"
	"gongkai/internal/route"
	"gongkai/internal/source"
)

// Section is a report section ready for its layout.
type Section struct {
	*report.Section
	Anchor string
	HTML   template.HTML
	Empty  bool // no text and no data: the original left it blank
	Blocks []*Block
}

// Block is one figure of a report: a budget, a counts block, a run of
// consecutive metrics shown as one table, the indicator table, or the
// comparison of the initial budget with the final accounts. Exactly one of
// Budget, Counts, Metrics, Rows and Compare is set. Charts are drawn above the
// table, which carries the same figures for readers without the chart.
type Block struct {
	ID      string // element id of the figure; none for metrics, whose rows have ids
	Unit    string // the report's money unit
	Budget  *report.Budget
	Counts  *report.Counts
	Metrics []MetricRow
	Caption string
	Rows    []*report.Indicator
	Scores  report.Scores // of Rows
	Compare []CompareRow
	Charts  []Chart
	// Findings are what the checks found about these figures.
	Findings []check.Finding
}

// MetricRow is a metric as a row of a metrics table, with the row's element
// id: "data-" and the metric's id, or that made unique when a fence places
// the metric again.
type MetricRow struct {
	*report.Metric
	RowID string
}

// Chart is a chart of a figure with the file its figures download from.
type Chart struct {
	*chart.Chart
	CSV string // relative to the page
}

// JSON is the chart's options for a <script type="application/json">. They
// are JSON with <, > and & escaped, so no value can end the element.
func (c Chart) JSON() template.JS { return template.JS(c.Options) }

// Attachment is a file of the report as its page links it.
type Attachment struct {
	Name string // the file's path beside the page, as the author named it
	Href string // the link to it
}

// Attachments are the report page's links to the report's attachments.
func (p *Page) Attachments() []Attachment {
	if p.Report == nil {
		return nil
	}
	out := make([]Attachment, 0, len(p.Report.Attachments))
	for _, a := range p.Report.Attachments {
		out = append(out, Attachment{Name: a, Href: attachmentHref(a)})
	}
	return out
}

// attachmentHref is the link to an attachment beside the page: "./" and its
// path, each element percent-encoded. Written as it is, a name such as
// "附件1:绩效自评表.pdf" reads as a URL scheme, which html/template
// replaces with "#ZgotmplZ", and '#', '?' or '%' in a name would end or
// bend the path; the leading "./" keeps even an encoded name from looking
// like a scheme, from file:// and under any sub-path.
func attachmentHref(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "./" + strings.Join(parts, "/")
}

// CompareRow is one functional class in the initial and final budgets.
type CompareRow struct {
	Name, Initial, Final string
}

// reportPage renders one report page. It is also the markdown.ChartRenderer
// of the page's text: a chart fence places a block's figure where it stands.
type reportPage struct {
	j      *Job
	rep    *report.Report
	page   *Page
	ids    *markdown.IDs
	path   string          // the file being converted, for errors
	placed map[string]bool // blocks a fence has placed
	used   map[string]bool // element ids of figures already on the page
	csv    map[string]bool // block ids whose CSV the page links
	errs   source.List
	found  map[string][]check.Finding // the checks' findings by block id
}

// compareID is the pseudo block id of the initial-versus-final comparison.
const compareID = "budget-compare"

// report renders one report.
func (j *Job) report(site *report.Site, rep *report.Report, src fs.FS, w Writer) (source.List, error) {
	name := reportURL(rep)
	p := &Page{Site: site, Report: rep, Title: rep.Title,
		Crumbs: []Crumb{
			{Text: "首页", Href: "index.html"},
			{Text: strconv.Itoa(rep.Year) + "年度", Href: route.Year(rep.Year)},
			{Text: rep.Org},
		},
	}
	p.Replacement, p.Supersedes = site.Replacement(rep), site.Supersedes(rep)
	rp := &reportPage{j: j, rep: rep, page: p, ids: pageIDs(route.ReportIDs()...),
		placed: map[string]bool{}, used: map[string]bool{}, csv: map[string]bool{}, found: map[string][]check.Finding{}}
	for _, f := range j.found[rep.Dir] {
		if f.Block != "" {
			rp.found[f.Block] = append(rp.found[f.Block], f)
		}
	}
	// Every id the page gives its own elements is taken before any heading
	// is given one, so that a heading whose text makes the same id (a
	// chart's, whose script would then find the heading instead and draw
	// nothing) is the one numbered aside. First the figures': a block's
	// table or metric row, its chart and the chart's options.
	for _, id := range append(blockIDs(rep), compareID) {
		c := chart.ID(rep, id)
		for _, id := range []string{route.BlockAnchor(id), c, c + "-options"} {
			rp.ids.Reserve(id)
		}
	}
	// Then the sections', with their headings and indicator tables.
	anchors := route.SectionAnchors(rep.SectionIDs())
	for i, s := range rep.Sections {
		sv := &Section{Section: s, Anchor: anchors[i]}
		for _, suffix := range route.SectionSuffixes() {
			rp.ids.Reserve(sv.Anchor + suffix)
		}
		p.Sections = append(p.Sections, sv)
	}
	// Text first: its chart fences decide which blocks still need a place
	// at the end of their section.
	var err error
	rp.path = rep.Preface.Pos.Path
	if p.Preface, err = j.text(rp, rep.Preface, "preface-"); err != nil {
		return nil, err
	}
	for i, sv := range p.Sections {
		rp.path = sv.Body.Pos.Path
		if sv.HTML, err = j.text(rp, sv.Body, fmt.Sprintf("s%d-", i+1)); err != nil {
			return nil, err
		}
	}
	p.Blocks = rp.blocks(&rep.Data, "report")
	for _, sv := range p.Sections {
		sv.Blocks = rp.blocks(&sv.Data, sv.Anchor)
		sv.Empty = sv.HTML == "" && len(sv.Blocks) == 0
	}
	if len(rp.errs) > 0 {
		return rp.errs, nil
	}
	if err := j.page(w, "report", name, p); err != nil {
		return nil, err
	}
	dir := path.Dir(name)
	// data.csv is encoded into a reused buffer: the files are written
	// before it is put back, and the writer keeps no reference (see Writer).
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	table, err := encodeCSV(buf, csvRows(rep))
	if err != nil {
		return nil, err
	}
	if err := writeData(rep, table, dir, w); err != nil {
		return nil, err
	}
	if err := rp.writeCSVs(table, dir, w); err != nil {
		return nil, err
	}
	for _, a := range rep.Attachments {
		data, err := fs.ReadFile(src, path.Join(rep.Dir, a))
		if err != nil {
			return nil, fmt.Errorf("附件：%w", err)
		}
		if err := w.WriteFile(path.Join(dir, a), data); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// text renders one text of the report, footnote ids starting with prefix,
// and hands what the checks need of it to Options.Text.
func (j *Job) text(rp *reportPage, t report.Text, prefix string) (template.HTML, error) {
	if j.opt.Text == nil || t.IsBlank() {
		return j.r.section(t, rp.ids, prefix, rp, nil)
	}
	var facts markdown.Facts
	html, err := j.r.section(t, rp.ids, prefix, rp, &facts)
	if err == nil {
		j.opt.Text(rp.rep, t, &facts)
	}
	return html, err
}

// blocks groups the blocks of one front matter that no fence placed into
// figures, in the order written; scope names the front matter (the
// section's anchor), to give its indicator table the id the page reserved.
// The comparison of budgets follows the final accounts.
func (rp *reportPage) blocks(d *report.Data, scope string) []*Block {
	var out []*Block
	final := rp.rep.FinalBudget()
	for _, b := range d.Blocks() {
		if rp.placed[b.BlockID()] {
			continue
		}
		if m, ok := b.(*report.Metric); ok {
			if n := len(out); n > 0 && out[n-1].Metrics != nil {
				last := out[n-1]
				last.Metrics = append(last.Metrics, rp.metricRow(m))
				last.Caption = metricsCaption(last.Metrics)
				last.Charts = append(last.Charts, rp.charts(m, "", "")...)
				last.Findings = append(last.Findings, rp.found[m.ID]...)
				continue
			}
		}
		out = append(out, rp.figure(b, "", ""))
		if b == report.Block(final) && !rp.placed[compareID] {
			if c := rp.compare(); c != nil {
				out = append(out, c)
			}
		}
	}
	if len(d.Indicators) > 0 {
		out = append(out, &Block{ID: scope + "-indicators", Unit: rp.rep.Unit, Rows: d.Indicators, Scores: report.ScoresOf(d.Indicators), Findings: rp.found["indicators"]})
	}
	return out
}

// figure is the figure of one block, with its chart of type t (the
// default when empty) and title.
func (rp *reportPage) figure(b report.Block, t chart.Type, title string) *Block {
	f := &Block{Unit: rp.rep.Unit, Charts: rp.charts(b, t, title), Findings: rp.found[b.BlockID()]}
	switch b := b.(type) {
	case *report.Budget:
		f.Budget = b
	case *report.Counts:
		f.Counts = b
	case *report.Metric:
		// A run of metrics is one table whose rows carry the metrics' ids.
		f.Metrics = []MetricRow{rp.metricRow(b)}
		f.Caption = metricsCaption(f.Metrics)
		return f
	}
	f.ID = rp.unique(route.BlockAnchor(b.BlockID()))
	return f
}

func (rp *reportPage) metricRow(m *report.Metric) MetricRow {
	return MetricRow{Metric: m, RowID: rp.unique("data-" + m.ID)}
}

// charts is the chart of a block, if it has one and charts are on.
func (rp *reportPage) charts(b report.Block, t chart.Type, title string) []Chart {
	if !rp.j.opt.Charts || (t == "" && chart.Default(b) == "") {
		return nil
	}
	c, err := chart.For(rp.rep, b, t, title)
	if err != nil {
		return nil // a fence's request was checked by RenderChart already
	}
	return []Chart{rp.chart(c, b.BlockID())}
}

func (rp *reportPage) chart(c *chart.Chart, blockID string) Chart {
	c.ID = rp.unique(c.ID, "-options")
	rp.csv[blockID] = true
	rp.page.HasCharts = true
	return Chart{Chart: c, CSV: route.ChartCSV(blockID)}
}

// compare is the figure comparing the initial budget with the final
// accounts, or nil when the report lacks either.
func (rp *reportPage) compare() *Block {
	initial := rp.rep.InitialBudget()
	final := rp.rep.FinalBudget()
	c, err := chart.Compare(rp.rep)
	if err != nil || c == nil {
		return nil
	}
	rp.placed[compareID] = true
	f := &Block{ID: rp.unique(route.BlockAnchor(compareID)), Unit: rp.rep.Unit, Caption: c.Title}
	amounts := func(b *report.Budget) map[string]string {
		m := map[string]string{}
		for _, it := range b.Items {
			m[it.Name] = it.Amount.String()
		}
		if b.Unlisted.Sign() > 0 {
			m["未列明"] = b.Unlisted.String()
		}
		return m
	}
	ia, fa := amounts(initial), amounts(final)
	var names []string
	for _, b := range []*report.Budget{initial, final} {
		for _, it := range b.Items {
			if !slices.Contains(names, it.Name) {
				names = append(names, it.Name)
			}
		}
	}
	if _, ok := ia["未列明"]; ok || fa["未列明"] != "" {
		names = append(names, "未列明")
	}
	for _, n := range names {
		f.Compare = append(f.Compare, CompareRow{Name: n, Initial: cmp.Or(ia[n], "—"), Final: cmp.Or(fa[n], "—")})
	}
	if rp.j.opt.Charts {
		f.Charts = []Chart{rp.chart(c, compareID)}
		rp.csv[initial.ID], rp.csv[final.ID] = true, true
	}
	return f
}

// unique returns the id of a figure's element, which the page reserved for
// it before any heading; when a fence places the figure again, a fresh one
// that no heading or other element has, nor has with any of the suffixes.
func (rp *reportPage) unique(id string, suffixes ...string) string {
	if !rp.used[id] {
		rp.used[id] = true
		return id
	}
	return rp.ids.Unique(id, suffixes...)
}

// writeCSVs writes the figures of every chart the page shows, as rows of
// data.csv.
func (rp *reportPage) writeCSVs(t *csvTable, dir string, w Writer) error {
	ids := make([]string, 0, len(rp.csv))
	for id := range rp.csv {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		keep := func(b string) bool { return b == id }
		if id == compareID {
			initial, final := "initial", rp.rep.FinalBudget().ID
			keep = func(b string) bool { return b == initial || b == final }
		}
		// The writer keeps no reference (see Writer).
		err := usingMarkup(func(mk *markup) error {
			mk.b = t.only(mk.b, keep)
			return w.WriteFile(path.Join(dir, route.ChartCSV(id)), mk.b)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// metricsCaption names a run of metrics by its first few names.
func metricsCaption(ms []MetricRow) string {
	names := make([]string, 0, 3)
	for _, m := range ms[:min(3, len(ms))] {
		names = append(names, m.Name)
	}
	c := strings.Join(names, "、")
	if len(ms) > 3 {
		c += "等"
	}
	return c
}

// blockIDs are the ids of a report's data blocks.
func blockIDs(rep *report.Report) []string {
	var ids []string
	for _, b := range rep.Blocks() {
		ids = append(ids, b.BlockID())
	}
	return ids
}
