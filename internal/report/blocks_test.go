package report

import (
	"reflect"
	"strings"
	"testing"
)

// blocksReport is a report whose own front matter and sections hold
// every kind of block, each field stated (fillStated) and derived, in lists
// of none to three (the report's own budgets and the third section's
// counts none), with an initial and a final budget.
func blocksReport(t *testing.T) *Report {
	t.Helper()
	r := &Report{Pos: Pos{Path: "content/2023/u/index.md"}}
	for i := range 4 {
		var d *Data
		if i == 0 {
			d = &r.Data
		} else {
			sec := &Section{ID: "0" + string(rune('0'+i)), Body: NewText(Pos{Path: "s.md", Line: 5}, []byte("正文"))}
			r.Sections = append(r.Sections, sec)
			d = &sec.Data
		}
		fillStated(t, d, 10*i+i) // lists of i (mod 4) blocks each
		d.Indicators = []*Indicator{fillRow(t, i)}
	}
	r.Sections[0].Budgets[0].ID = "initial"
	r.Sections[1].Budgets[1].ID = "final"
	r.Sections[2].Metrics[0].Note = strings.Repeat("说明", maxWordBytes) // too long for a word
	r.Sections[1].Counts[1].Pos.Path = ""                              // a path may be empty
	r.Derive()
	return r
}

// TestShedBlocks: a report that sheds its blocks keeps only the budgets of
// the year's beginning and end, without items, says it is not whole, and
// still whether it holds drafts; Restore gives every block back as it was,
// every stated field and every derived one, and its rows.
func TestShedBlocks(t *testing.T) {
	t.Parallel()
	for _, draft := range []bool{false, true} {
		want := blocksReport(t)
		r := blocksReport(t)
		for _, rep := range []*Report{want, r} {
			for _, d := range rep.AllData() {
				for _, b := range d.Blocks() {
					setDraft(b, false)
				}
				for _, in := range d.Indicators {
					in.Draft = false
				}
			}
			setDraft(rep.Sections[2].Counts[0], draft)
		}
		if r.HasDrafts() != draft {
			t.Fatalf("draft %v: HasDrafts before = %v", draft, !draft)
		}
		r.ShedBlocks()
		var ids []string
		for _, b := range r.Blocks() {
			ids = append(ids, b.BlockID())
			if bu, ok := b.(*Budget); !ok || bu.Items != nil {
				t.Errorf("kept block %q: %+v, want a budget without items", b.BlockID(), b)
			}
		}
		if !reflect.DeepEqual(ids, []string{"initial", "final"}) || r.Whole() || len(r.Indicators()) != 0 || r.HasDrafts() != draft {
			t.Errorf("draft %v: after ShedBlocks blocks %q, whole %v, %d rows, HasDrafts %v", draft, ids, r.Whole(), len(r.Indicators()), r.HasDrafts())
		}
		if r.FinalBudget().Sum != want.FinalBudget().Sum {
			t.Errorf("the final budget kept lost its sum")
		}
		r.ShedBlocks() // again: nothing more to pack
		if _, ok := r.Restore(blocksReport(t)); !ok {
			t.Fatal("Restore refused the report")
		}
		if !r.Whole() || r.blocks != nil {
			t.Errorf("after Restore whole %v, %d packed bytes", r.Whole(), len(r.blocks))
		}
		for i, d := range r.AllData() {
			if w := want.AllData()[i]; !reflect.DeepEqual(d, w) {
				t.Errorf("draft %v, data %d:\n got %+v\nwant %+v", draft, i, d, w)
			}
		}
	}
}

func setDraft(b Block, draft bool) {
	switch b := b.(type) {
	case *Budget:
		b.Draft = draft
	case *Counts:
		b.Draft = draft
	case *Metric:
		b.Draft = draft
	}
}

// TestUnpackBlocksDamaged: packed blocks cut short, with a byte more, or
// with any byte changed give an error or blocks, never a panic; a report
// whose rows were dropped for good is refused by Restore, its blocks left
// packed.
func TestUnpackBlocksDamaged(t *testing.T) {
	t.Parallel()
	r := blocksReport(t)
	refusesDamaged(t, r.packBlocks(), func(b []byte) error {
		r.blocks = b
		return r.unpackBlocks()
	})

	r = blocksReport(t)
	r.ShedBlocks()
	r.DropRows()
	if _, ok := r.Restore(blocksReport(t)); ok {
		t.Fatal("Restore gave back a report without its rows")
	}
	if r.blocks == nil || r.Whole() || len(r.Blocks()) != 2 {
		t.Errorf("a refused Restore left %d packed bytes and %d blocks, whole %v", len(r.blocks), len(r.Blocks()), r.Whole())
	}
}

// refusesDamaged gives unpack the bytes packed cut short at every length
// and with a byte more, each of which it must refuse, and with any byte
// changed, which it may refuse or take but must not panic on.
func refusesDamaged(t *testing.T, packed []byte, unpack func([]byte) error) {
	t.Helper()
	for i := range len(packed) {
		if err := unpack(packed[:i:i]); err == nil {
			t.Fatalf("unpacked the first %d of %d bytes", i, len(packed))
		}
	}
	if err := unpack(append(packed[:len(packed):len(packed)], 0)); err == nil {
		t.Error("unpacked the bytes with a byte more")
	}
	for i := range len(packed) {
		for _, c := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			b := append([]byte(nil), packed...)
			b[i] = c
			unpack(b) // an error or what it holds, never a panic
		}
	}
}
