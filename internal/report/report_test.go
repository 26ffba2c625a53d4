package report

import (
	"reflect"
	"testing"

	"gongkai/internal/decimal"
)

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

// TestShed: a report that sheds its indicator rows still says whether it
// holds drafts, an indicator's included, and where its keys are; Restore
// gives back the rows it shed, whatever the report read again holds, and
// HasDrafts then answers from them.
func TestShed(t *testing.T) {
	t.Parallel()
	read := func(draft bool) *Report {
		r := &Report{Pos: Pos{Path: "content/2023/u/index.md"}, Keys: []Key{{Name: "org", Line: 3, Col: 1}, {Name: "title", Line: 2, Col: 1}}}
		sec := &Section{ID: "09-self"}
		sec.Indicators = []*Indicator{{Name: "甲", Provenance: Provenance{Draft: draft}}}
		r.Sections = []*Section{sec}
		r.Data.Indicators = []*Indicator{{Name: "乙"}}
		return r
	}
	for _, draft := range []bool{false, true} {
		r := read(draft)
		r.Shed()
		if got := r.HasDrafts(); got != draft {
			t.Errorf("draft indicator %v: HasDrafts after Shed = %v", draft, got)
		}
		if len(r.Indicators()) != 0 || r.Whole() {
			t.Errorf("Shed kept %d indicator rows, or the report says it is whole", len(r.Indicators()))
		}
		if p := r.Where("title"); p != (Pos{Path: "content/2023/u/index.md", Line: 2, Col: 1}) {
			t.Errorf("Where(title) after Shed = %v, want line 2", p)
		}
		if _, ok := r.Restore(read(!draft)); !ok {
			t.Fatal("Restore refused the same report read again")
		}
		if !reflect.DeepEqual(r.Indicators(), read(draft).Indicators()) || !r.Whole() || r.HasDrafts() != draft {
			t.Errorf("after Restore: rows %+v, whole %v, HasDrafts %v; want the rows shed, true, %v", r.Indicators(), r.Whole(), r.HasDrafts(), draft)
		}
		// Shed again, it keeps the bytes it packed; Restore unpacks them
		// again.
		packed := r.rows
		r.Shed()
		if &packed[0] != &r.rows[0] {
			t.Error("a second Shed packed the rows again")
		}
		if _, ok := r.Restore(read(draft)); !ok || !reflect.DeepEqual(r.Indicators(), read(draft).Indicators()) {
			t.Errorf("a second Restore gave %+v", r.Indicators())
		}
	}
}

// TestRelease: a released report keeps what names it and whether it held
// drafts, and nothing else.
func TestRelease(t *testing.T) {
	t.Parallel()
	r := &Report{Dir: "content/2023/u", Year: 2023, Title: "报告", OrgID: "u", Keys: []Key{{"title", 2, 1}},
		Preface: NewText(Pos{Path: "i.md"}, []byte("序")), Attachments: []string{"a.pdf"}}
	sec := &Section{ID: "01", Body: NewText(Pos{Path: "01.md"}, []byte("正文"))}
	sec.Budgets = []*Budget{{ID: "initial"}}
	sec.Indicators = []*Indicator{{Name: "甲", Provenance: Provenance{Draft: true}}}
	r.Sections = []*Section{sec}
	r.Release()
	if r.Dir != "content/2023/u" || r.Year != 2023 || r.Title != "报告" || r.OrgID != "u" || !r.HasDrafts() {
		t.Errorf("Release lost what names the report, or its drafts: %+v", r)
	}
	if r.Sections != nil || r.Keys != nil || r.Attachments != nil || r.Preface.Source != nil || len(r.Blocks()) != 0 {
		t.Errorf("Release kept sections, keys, attachments, the preface or blocks")
	}
}

// TestWhere: a key's place comes from the sorted keys; a key not written
// is the file's first line.
func TestWhere(t *testing.T) {
	t.Parallel()
	r := &Report{Pos: Pos{Path: "i.md"}, Keys: []Key{{"check", 9, 1}, {"org", 4, 1}, {"title", 2, 3}, {"year", 3, 1}}}
	for key, want := range map[string]Pos{"check": {"i.md", 9, 1}, "title": {"i.md", 2, 3}, "year": {"i.md", 3, 1}, "grade": {"i.md", 1, 1}, "": {"i.md", 1, 1}} {
		if got := r.Where(key); got != want {
			t.Errorf("Where(%q) = %v, want %v", key, got, want)
		}
	}
}

// TestDropRows: a report that drops its rows for good, shed before or not,
// keeps no packed bytes, still says whether it held drafts, and is refused
// by Restore rather than rendered without its rows.
func TestDropRows(t *testing.T) {
	t.Parallel()
	for _, shedFirst := range []bool{false, true} {
		r := &Report{Pos: Pos{Path: "content/2023/u/index.md"}}
		r.Data.Indicators = []*Indicator{{Name: "甲", Provenance: Provenance{Draft: true}}}
		if shedFirst {
			r.Shed()
		}
		r.DropRows()
		if r.rows != nil || len(r.Indicators()) != 0 || !r.HasDrafts() || r.Whole() {
			t.Errorf("shed first %v: after DropRows %d packed bytes, %d rows, HasDrafts %v, whole %v", shedFirst, len(r.rows), len(r.Indicators()), r.HasDrafts(), r.Whole())
		}
		if changed, ok := r.Restore(&Report{}); ok || changed != r.Pos.Path {
			t.Errorf("shed first %v: Restore = %q, %v; want the report refused", shedFirst, changed, ok)
		}
	}
}

// TestDropBlocks: a report whose page is written keeps the budgets of the
// year's beginning and end, the same ones, without items, and lets go of
// every other block and item, also of budgets that share one array with a
// budget kept (as the decoder makes them); HasDrafts keeps its answer.
func TestDropBlocks(t *testing.T) {
	t.Parallel()
	items := func() []*BudgetItem { return []*BudgetItem{{Name: "公共安全支出"}} }
	total := decimal.FromInt(100)
	// One array, as the decoder makes the budgets of one front matter.
	first := []Budget{
		{Pos: Pos{Line: 2}, ID: "initial", Title: "年初预算", Items: items()},
		{Pos: Pos{Line: 9}, ID: "early", Title: "上年决算", Items: items(), Provenance: Provenance{Draft: true}},
	}
	second := []Budget{
		{Pos: Pos{Line: 2}, ID: "spent", Title: "2023年决算", Total: &total, Items: items()},
		{Pos: Pos{Line: 8}, ID: "other", Title: "项目支出", Items: items()},
	}
	r := &Report{Pos: Pos{Path: "content/2023/u/index.md"}}
	r.Data.Metrics = []*Metric{{ID: "m"}}
	a := &Section{ID: "02"}
	a.Budgets = []*Budget{&first[0], &first[1]}
	b := &Section{ID: "03"}
	b.Budgets = []*Budget{&second[0], &second[1]}
	b.Counts = []*Counts{{ID: "c"}}
	r.Sections = []*Section{a, b}
	initial, final := r.InitialBudget(), r.FinalBudget()
	if initial != &first[0] || final != &second[0] {
		t.Fatalf("before: initial %v, final %v", initial, final)
	}
	r.DropBlocks()
	if r.InitialBudget() != initial || r.FinalBudget() != final || final.Base() != total {
		t.Errorf("after: initial %v, final %v; want the same budgets, the final's total 100", r.InitialBudget(), r.FinalBudget())
	}
	var ids []string
	for _, bl := range r.Blocks() {
		ids = append(ids, bl.BlockID())
	}
	if !reflect.DeepEqual(ids, []string{"initial", "spent"}) {
		t.Errorf("blocks after = %q, want the two budgets kept", ids)
	}
	for _, bs := range [][]Budget{first, second} {
		for _, bu := range bs {
			if bu.Items != nil {
				t.Errorf("budget %q kept its items", bu.ID)
			}
		}
	}
	if !r.HasDrafts() {
		t.Error("HasDrafts lost the draft of a budget let go of")
	}
}
