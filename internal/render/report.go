package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/report"
)

// Section is a report section ready for its layout.
type Section struct {
	*report.Section
	Anchor string
	HTML   template.HTML
	Empty  bool // no text and no data: the original left it blank
	Blocks []*Block
}

// Block is one table of a report: a budget, a counts block, a run of
// consecutive metrics shown as one table, or the indicator table. Exactly one
// of Budget, Counts, Metrics and Rows is set.
type Block struct {
	ID      string // element id of the table (metrics rows carry their own)
	Unit    string // the report's money unit
	Budget  *report.Budget
	Counts  *report.Counts
	Metrics []*report.Metric
	Caption string
	Rows    []*report.Indicator
}

// blocks groups a front matter's data into tables, in the order written.
// scope names the front matter, to give its indicator table a unique id.
func blocks(d *report.Data, unit, scope string) []*Block {
	var out []*Block
	for _, b := range d.Blocks() {
		switch b := b.(type) {
		case *report.Budget:
			out = append(out, &Block{ID: "data-" + b.ID, Unit: unit, Budget: b})
		case *report.Counts:
			out = append(out, &Block{ID: "data-" + b.ID, Unit: unit, Counts: b})
		case *report.Metric:
			if n := len(out); n > 0 && out[n-1].Metrics != nil {
				out[n-1].Metrics = append(out[n-1].Metrics, b)
				continue
			}
			out = append(out, &Block{Unit: unit, Metrics: []*report.Metric{b}})
		}
	}
	for _, b := range out {
		if b.Metrics != nil {
			b.Caption = metricsCaption(b.Metrics)
		}
	}
	if len(d.Indicators) > 0 {
		out = append(out, &Block{ID: scope + "-indicators", Unit: unit, Rows: d.Indicators})
	}
	return out
}

// metricsCaption names a run of metrics by its first few names.
func metricsCaption(ms []*report.Metric) string {
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

// sectionAnchor is the element id of a section: its file name, with white
// space made into hyphens, and moved aside when the layout (or base.html)
// already uses that id.
func sectionAnchor(id string, layoutIDs []string) string {
	a := strings.Join(strings.Fields(id), "-")
	if slices.Contains(layoutIDs, a) || slices.Contains(baseIDs, a) {
		a = "section-" + a
	}
	return a
}

func (r *Renderer) report(site *report.Site, rep *report.Report, src fs.FS, w Writer) error {
	name := reportURL(rep)
	layoutIDs := []string{"toc-title", "report-data", "report-data-h", "report-indicators"}
	ids := pageIDs(layoutIDs...)
	p := &Page{Site: site, Report: rep, Title: rep.Title,
		Crumbs: []Crumb{
			{Text: "首页", Href: "index.html"},
			{Text: strconv.Itoa(rep.Year) + "年度", Href: yearURL(rep.Year)},
			{Text: rep.Org},
		},
		Blocks: blocks(&rep.Data, rep.Unit, "report"),
	}
	for _, s := range rep.Sections {
		sv := &Section{Section: s, Anchor: sectionAnchor(s.ID, layoutIDs), Blocks: blocks(&s.Data, rep.Unit, s.ID)}
		for _, id := range []string{sv.Anchor, sv.Anchor + "-h", sv.Anchor + "-indicators"} {
			ids.Reserve(id)
		}
		p.Sections = append(p.Sections, sv)
	}
	for _, b := range rep.Blocks() {
		ids.Reserve("data-" + b.BlockID())
	}
	var err error
	if p.Preface, err = r.section(rep.Preface, ids, "preface-"); err != nil {
		return err
	}
	for i, sv := range p.Sections {
		if sv.HTML, err = r.section(sv.Body, ids, fmt.Sprintf("s%d-", i+1)); err != nil {
			return err
		}
		sv.Empty = sv.HTML == "" && len(sv.Blocks) == 0
	}
	if err := r.page(w, "report", name, p); err != nil {
		return err
	}
	dir := path.Dir(name)
	if err := writeData(rep, dir, w); err != nil {
		return err
	}
	for _, a := range rep.Attachments {
		data, err := fs.ReadFile(src, path.Join(rep.Dir, a))
		if err != nil {
			return fmt.Errorf("附件：%w", err)
		}
		if err := w.WriteFile(path.Join(dir, a), data); err != nil {
			return err
		}
	}
	return nil
}
