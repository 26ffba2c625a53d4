package check

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"
)

// TestMaybeFoldsAsRange: maybe's own decoding of Chinese characters folds
// a line into the same runes as ranging over it does, on lines of Chinese,
// ASCII, full-width forms, white space and bytes that are not UTF-8, cut
// sequences and encodings of surrogates included; and finds the same
// patterns.
func TestMaybeFoldsAsRange(t *testing.T) {
	t.Parallel()
	m := newTemplateMatcher(templatePatterns)
	want := func(line string) []rune {
		var out []rune
		for _, r := range line {
			if r < 0x4E00 || r > 0x9FFF {
				if r = foldTemplate(r); unicode.IsSpace(r) {
					continue
				}
			}
			out = append(out, r)
		}
		return out
	}
	pieces := []string{"一", "龥", "鿿", "及", "主", "要", "ａ", "Ａ", "x", " ", "\u3000", "\t", "\xe4", "\xe4\xb8", "\xed\xa0\x80", "\xe0\x80\x80", "\xff", "㐀", "𠀀", "，", "XX", "×"}
	for _, p := range templatePatterns {
		pieces = append(pieces, p)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var line string
		for range r.IntN(12) {
			line += pieces[r.IntN(len(pieces))]
		}
		got := m.maybe(line)
		if folded := want(line); !slices.Equal(m.text, folded) {
			t.Fatalf("%q: folded to %q, ranging gives %q", line, string(m.text), string(folded))
		}
		ref := &templateMatcher{patterns: m.patterns, first: m.first, firstBits: m.firstBits, far: m.far}
		ref.text = want(line)
		found := false
		for i, c := range ref.text {
			for _, pi := range m.first[c] {
				if p := m.patterns[pi]; len(ref.text)-i >= len(p) && slices.Equal(ref.text[i:i+len(p)], p) {
					found = true
				}
			}
		}
		if got != found {
			t.Fatalf("%q: maybe %v, want %v", line, got, found)
		}
	}
}
