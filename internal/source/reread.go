package source

import (
	"io/fs"

	"gongkai/internal/report"
)

// Reread reads again the texts of a report that let go of them once it was
// read and checked, for Report.Restore, rather than the whole report as
// LoadReport does: on a province's site every page's texts are read again,
// and decoding every front matter twice cost as much as the first load
// (the indicator rows a report shed come back from its own packed bytes).
// The files are those the load found, each refused if it has become a
// link since. Restore then compares each text with what was read before,
// so a body checked by the load is the body rendered.
//
// The texts are read into buf, which the caller releases once it has let
// go of them (Report.DropTexts); buf may be nil.
func Reread(fsys fs.FS, r *report.Report, buf *Buffers) (*report.Report, error) {
	l := &loader{fsys: fsys, again: true, buf: buf}
	again := &report.Report{Pos: r.Pos}
	if doc := l.readSplit(r.Pos.Path, true); doc != nil {
		again.Preface = doc.body
	}
	for _, s := range r.Sections {
		doc := l.readSplit(s.Pos.Path, true)
		if doc == nil {
			continue
		}
		again.Sections = append(again.Sections, &report.Section{ID: s.ID, Pos: s.Pos, Body: doc.body})
	}
	if len(l.errs.list) > 0 {
		l.errs.list.Sort()
		return nil, l.errs.list
	}
	return again, nil
}
