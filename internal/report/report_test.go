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
