package source

import (
	"io/fs"
	"strings"

	"gongkai/internal/report"
)

// Reread reads again what a report let go of once it was read and checked
// — the texts of its files and, when it shed them, its indicator rows —
// for Report.Restore, rather than the whole report as LoadReport does:
// on a province's site every page's texts are read again, and decoding
// every front matter twice cost as much as the first load. The files are
// those the load found, each refused if it has become a link since.
// Restore then compares each text with what was read before, so a body
// checked by the load is the body rendered.
func Reread(fsys fs.FS, r *report.Report) (*report.Report, error) {
	l := &loader{fsys: fsys, again: true}
	rows := r.IsShed()
	again := &report.Report{Pos: r.Pos}
	doc := l.readSplit(r.Pos.Path, true)
	if doc != nil {
		again.Preface = doc.body
		if rows && mayHoldRows(doc) {
			var whole report.Report
			if l.decode(doc, &whole) {
				again.Data.Indicators = whole.Data.Indicators
			}
		}
		doc.release()
	}
	for _, s := range r.Sections {
		doc := l.readSplit(s.Pos.Path, true)
		if doc == nil {
			continue
		}
		sec := &report.Section{ID: s.ID, Pos: s.Pos, Body: doc.body}
		if rows && mayHoldRows(doc) {
			var whole report.Section
			if l.decode(doc, &whole) {
				sec.Indicators = whole.Indicators
			}
		}
		doc.release()
		again.Sections = append(again.Sections, sec)
	}
	if len(l.errs.list) > 0 {
		l.errs.list.Sort()
		return nil, l.errs.list
	}
	return again, nil
}

// mayHoldRows reports whether a front matter may declare indicator rows:
// only those are decoded again.
func mayHoldRows(doc *document) bool { return strings.Contains(doc.fm, "indicators") }
