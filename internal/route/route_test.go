package route

import (
	"slices"
	"strconv"
	"testing"
)

func TestSectionAnchors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ stems, want []string }{
		{[]string{"01-basic", "02-budget"}, []string{"01-basic", "02-budget"}},
		// The layout's and every page's ids.
		{[]string{"main", "toc-title"}, []string{"section-main", "section-toc-title"}},
		// What other elements' ids begin with.
		{[]string{"data-cases", "chart-x", "s1-fn", "preface-a", "section-a"}, []string{"section-data-cases", "section-chart-x", "section-s1-fn", "section-preface-a", "section-section-a"}},
		// Another section's heading and indicator ids.
		{[]string{"02-budget", "02-budget-h", "02-budget-indicators"}, []string{"02-budget", "section-02-budget-h", "section-02-budget-indicators"}},
		{[]string{"a b"}, []string{"a-b"}},
		// Two stems that make one anchor.
		{[]string{"a b", "a-b"}, []string{"a-b", "section-a-b"}},
		{[]string{"a b", "a-b", "section a b"}, []string{"a-b", "section-a-b", "section-section-a-b"}},
	} {
		got := SectionAnchors(tt.stems)
		if !slices.Equal(got, tt.want) {
			t.Errorf("SectionAnchors(%q) = %q, want %q", tt.stems, got, tt.want)
		}
		seen := map[string]bool{}
		for _, a := range got {
			for _, s := range SectionSuffixes() {
				if seen[a+s] {
					t.Errorf("SectionAnchors(%q): %q twice", tt.stems, a+s)
				}
				seen[a+s] = true
			}
		}
	}
}

func TestGenerated(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{"index.html": true, "data.json": true, "data.csv": true, "data": true, "data/x.csv": true, "附件.pdf": false, "datax.csv": false, "img/a.png": false} {
		if got := Generated(name); got != want {
			t.Errorf("Generated(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestSectionAnchorsRemembered: a list of stems asked for again gets the
// anchors worked out the first time, however the list is cut (the lists
// ["a:b"] and ["a", "b"], ["ab", ""] and ["a", "b"] are told apart), and
// a caller that changes the anchors it got changes no later answer. The
// lists remembered stop at maxRemembered.
func TestSectionAnchorsRemembered(t *testing.T) {
	lists := [][]string{
		{"a:b"}, {"a", "b"}, {"1:a"}, {"ab", ""}, {"", "ab"}, {"main"}, {"a b", "a-b"}, {"a-b", "a b"}, {},
	}
	for round := range 3 {
		for _, stems := range lists {
			got := SectionAnchors(stems)
			if want := sectionAnchors(stems); !slices.Equal(got, want) {
				t.Fatalf("round %d: SectionAnchors(%q) = %q, want %q", round, stems, got, want)
			}
			for i := range got {
				got[i] = "changed"
			}
		}
	}
	for i := range maxRemembered + 10 {
		stems := []string{"filler", strconv.Itoa(i)}
		if got, want := SectionAnchors(stems), sectionAnchors(stems); !slices.Equal(got, want) {
			t.Fatalf("SectionAnchors(%q) = %q, want %q", stems, got, want)
		}
	}
	n := 0
	remembered.Range(func(_, _ any) bool { n++; return true })
	if n > maxRemembered {
		t.Errorf("%d lists remembered, at most %d wanted", n, maxRemembered)
	}
}
