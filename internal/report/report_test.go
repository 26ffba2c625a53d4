package report

import "testing"

func TestDropTextsKeepsBlankness(t *testing.T) {
	t.Parallel()
	r := &Report{
		Preface:  Text{Source: []byte(" \n\t\n")},
		Sections: []*Section{{Body: Text{Source: []byte("\n\n正文\n")}}, {Body: Text{}}},
	}
	r.DropTexts()
	if !r.Preface.Dropped || r.Preface.Source != nil || !r.Preface.IsBlank() {
		t.Errorf("preface = %+v, want dropped and blank", r.Preface)
	}
	if b := r.Sections[0].Body; !b.Dropped || b.Source != nil || b.IsBlank() {
		t.Errorf("section 1 = %+v, want dropped and not blank", b)
	}
	if b := r.Sections[1].Body; !b.IsBlank() {
		t.Errorf("section 2 = %+v, want blank", b)
	}
	r.DropTexts() // again: nothing left to drop, and nothing forgotten
	if r.Sections[0].Body.IsBlank() {
		t.Errorf("a second DropTexts made section 1 blank")
	}
}

// TestIndexLeavesSharedReportsAlone checks that indexing a clone restricted
// to one year, as an archive does, leaves the reports it shares with the
// whole site as they were: the whole site still joins a report to the
// later one that replaces it, while the clone, which lacks that report,
// does not.
func TestIndexLeavesSharedReportsAlone(t *testing.T) {
	t.Parallel()
	old := &Report{Slug: "a", Year: 2022, OrgID: "a", SupersededBy: "2023/a"}
	nu := &Report{Slug: "a", Year: 2023, OrgID: "a"}
	site := &Site{Years: []*Year{{Year: 2022, Reports: []*Report{old}}, {Year: 2023, Reports: []*Report{nu}}}}
	site.Index()
	before := *old
	year := site.Clone()
	year.Years = year.Years[1:] // 2022 alone: years are newest first
	year.Index()
	if got := site.Replacement(old); got != nu {
		t.Errorf("the whole site: Replacement(2022/a) = %v, want 2023/a", got)
	}
	if got := site.Supersedes(nu); len(got) != 1 || got[0] != old {
		t.Errorf("the whole site: Supersedes(2023/a) = %v, want [2022/a]", got)
	}
	if got := year.Replacement(old); got != nil {
		t.Errorf("the 2022 archive: Replacement(2022/a) = %v, want none", got)
	}
	if old.Slug != before.Slug || old.SupersededBy != before.SupersededBy {
		t.Errorf("Index changed a shared report: %+v", old)
	}
}

// TestShed: a report that sheds its indicator rows and key places still
// says whether it holds drafts, an indicator's included, and where its
// keys are is then its first line.
func TestShed(t *testing.T) {
	t.Parallel()
	for _, draft := range []bool{false, true} {
		r := &Report{Pos: Pos{Path: "content/2023/u/index.md"}, Keys: map[string]Pos{"title": {Path: "content/2023/u/index.md", Line: 2, Col: 1}}}
		sec := &Section{ID: "09-self"}
		sec.Indicators = []*Indicator{{Name: "甲", Provenance: Provenance{Draft: draft}}}
		r.Sections = []*Section{sec}
		r.Data.Indicators = []*Indicator{{Name: "乙"}}
		r.Shed()
		if got := r.HasDrafts(); got != draft {
			t.Errorf("draft indicator %v: HasDrafts after Shed = %v", draft, got)
		}
		if len(r.Indicators()) != 0 || r.Keys != nil {
			t.Errorf("Shed kept %d indicator rows, keys %v", len(r.Indicators()), r.Keys)
		}
		if p := r.Where("title"); p.Line != 1 {
			t.Errorf("Where after Shed = %v, want the first line", p)
		}
	}
}
