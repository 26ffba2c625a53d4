package check

import (
	"fmt"

	"gongkai/internal/report"
)

// drafts points at every data block still marked draft = true: figures that
// gongkai import read from a document and nobody has yet compared with it.
// It is only an info, since a draft is work in progress rather than a
// mistake, but a strict build refuses to publish one (build.ErrDrafts).
func drafts(r *report.Report, add func(Finding)) {
	for _, d := range r.AllData() {
		for _, b := range d.Blocks() {
			if o := b.Origin(); o.Draft {
				add(Finding{Code: "DRAFT", Severity: Info, Pos: b.Position(), Report: r.Dir,
					Message: fmt.Sprintf("数据块“%s”（%s）为导入的草稿数据，%s", b.BlockTitle(), b.BlockID(), sourceOf(o)),
					Hint:    "请与原文核对后删除 draft = true"})
			}
		}
		draftRows(r, d.Indicators, add)
	}
}

// draftRows gives one finding for the draft rows of one indicator table, at
// the first of them: the rows are one table on the page, and a finding per
// row would bury the rest of the report's.
func draftRows(r *report.Report, rows []*report.Indicator, add func(Finding)) {
	var first *report.Indicator
	n := 0
	for _, in := range rows {
		if in.Draft {
			if first == nil {
				first = in
			}
			n++
		}
	}
	if first == nil {
		return
	}
	add(Finding{Code: "DRAFT", Severity: Info, Pos: first.Pos, Report: r.Dir,
		Message: fmt.Sprintf("绩效自评表（indicators）有 %d 行为导入的草稿数据，首行“%s”%s", n, first.Name, sourceOf(first.Provenance)),
		Hint:    "请与原文核对后删除各行的 draft = true"})
}

// sourceOf says where a draft was imported from.
func sourceOf(p report.Provenance) string {
	if p.Source == "" {
		return "未注明来源"
	}
	return "来源 " + p.Source
}
