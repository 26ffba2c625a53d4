package render

import "gongkai/internal/report"

// DraftNote is the note a figure shows for imported figures nobody has yet
// compared with the original (draft = true): readers must not take them for
// checked ones.
type DraftNote struct {
	Name   string // the metric the note is about, in a table of several; else empty
	Source string // where the figures were imported from, if known
}

// Drafts are the figure's notes: one for a draft budget or counts block,
// one per draft metric of a metrics table, and one for an indicator table
// with any draft row, naming the first row's source.
func (b *Block) Drafts() []DraftNote {
	switch {
	case b.Budget != nil:
		return draftNote("", b.Budget.Provenance)
	case b.Counts != nil:
		return draftNote("", b.Counts.Provenance)
	case b.Metrics != nil:
		var out []DraftNote
		for _, m := range b.Metrics {
			name := ""
			if len(b.Metrics) > 1 {
				name = m.Name
			}
			out = append(out, draftNote(name, m.Provenance)...)
		}
		return out
	}
	for _, in := range b.Rows {
		if in.Draft {
			return draftNote("", in.Provenance)
		}
	}
	return nil
}

func draftNote(name string, p report.Provenance) []DraftNote {
	if !p.Draft {
		return nil
	}
	return []DraftNote{{Name: name, Source: p.Source}}
}
