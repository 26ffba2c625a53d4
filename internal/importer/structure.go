package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/check"
)

// Document is a report's text split into its parts, every line kept.
type Document struct {
	Title     string // the first title-like line, or ""
	TitleLine int    // its line number (1-based), or 0
	Preface   []Line // what stands between the title and the first section
	Sections  []Section
}

// Section is one top-level part of the report.
type Section struct {
	Title string // the heading as written, without surrounding space
	Line  int    // the heading's line in the input
	Body  []Line
}

// Line is one non-empty line of the input, trimmed, with its Markdown
// heading level: 0 for a paragraph, 3 or 4 for a sub-heading.
type Line struct {
	Text  string
	No    int
	Level int
}

// maxHeading is the longest a heading's text (after its number) may be: a
// longer line is a paragraph that begins with a number, as "1．主要职能。
// ⑴依法…" does.
const maxHeading = 40

var (
	// topNumber is a top-level number: 一、 1、 1． 1. (not 1.5), with
	// full-width or ASCII punctuation and any spaces.
	topNumber = regexp.MustCompile(`^([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*(?:[、，,．]|\.(?:[^0-9]|$))\s*`)
	// parenNumber is a second-level number: （一） (一) （1） (1).
	parenNumber = regexp.MustCompile(`^[（(]\s*([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*[）)]\s*`)
)

// Split finds the title and the top-level sections of text (\n line ends).
//
// A top-level heading is a short line numbered 一、 or 1、 (full-width or
// ASCII punctuation) whose number is the next in the sequence: the "1、" of
// a list inside a section restarts at 1 and is no heading. A heading
// numbered in Arabic figures is one only when its title is a standard
// section's or the document numbers no top-level heading in Chinese, since
// lists inside sections use Arabic figures too.
//
// Within a section, a short line numbered （一） or （1） is a level-3
// heading and one numbered 1、 or 1． that does not end like a sentence a
// level-4 heading; the hand-made sample treats （一） and （1） alike, as
// reports mix them at one level.
func Split(text string) *Document {
	return split(text, nil)
}

// SplitText splits t as Split does, and also takes the lines a Word
// document styled as headings without a visible number for headings: a
// level-1 heading starts a section, a level-2 or level-3 one is a level-3
// or level-4 sub-heading.
func SplitText(t *Text) *Document {
	return split(t.Body, t.Headings)
}

func split(text string, styled map[int]int) *Document {
	lines := strings.Split(text, "\n")
	d := &Document{}
	chinese := false
	for _, l := range lines {
		if n, rest, ok := topHeading(strings.TrimSpace(l)); ok && n > 0 && !isArabic(l) && rest != "" {
			chinese = true
			break
		}
	}
	next := 1
	for i, raw := range lines {
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		no := i + 1
		if n, rest, ok := topHeading(s); styled[no] == 1 || ok && n == next && rest != "" &&
			(!isArabic(s) || !chinese || isStandard(rest)) {
			d.Sections = append(d.Sections, Section{Title: s, Line: no})
			next++
			continue
		}
		if d.Title == "" && len(d.Sections) == 0 && len(d.Preface) == 0 && headingLevel(s) == 0 && utf8.RuneCountInString(s) <= 2*maxHeading {
			d.Title, d.TitleLine = s, no
			continue
		}
		l := Line{Text: s, No: no, Level: headingLevel(s)}
		if h := styled[no]; l.Level == 0 && (h == 2 || h == 3) {
			l.Level = h + 1
		}
		if len(d.Sections) == 0 {
			d.Preface = append(d.Preface, l)
		} else {
			sec := &d.Sections[len(d.Sections)-1]
			sec.Body = append(sec.Body, l)
		}
	}
	return d
}

// topHeading reports whether s is heading-like with a top-level number, and
// gives the number and the text after it.
func topHeading(s string) (int, string, bool) {
	m := topNumber.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, "", false
	}
	rest := s[m[1]:]
	if utf8.RuneCountInString(rest) > maxHeading || strings.ContainsAny(strings.TrimRight(rest, "。."), "。，；：,;") {
		return 0, "", false
	}
	return number(s[m[2]:m[3]]), rest, true
}

func isArabic(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// headingLevel is the Markdown heading level of a line inside a section: 3
// for （一）/（1）, 4 for 1、/1． not ending like a sentence, else 0.
func headingLevel(s string) int {
	if m := parenNumber.FindStringIndex(s); m != nil {
		rest := s[m[1]:]
		if n := utf8.RuneCountInString(rest); n > 0 && n <= maxHeading {
			return 3
		}
		return 0
	}
	if m := topNumber.FindStringIndex(s); m != nil && isArabic(s) {
		rest := s[m[1]:]
		n := utf8.RuneCountInString(rest)
		last, _ := utf8.DecodeLastRuneInString(rest)
		if n > 0 && n <= maxHeading && !strings.ContainsRune("。；！？，：.;!?,:", last) {
			return 4
		}
	}
	return 0
}

// number reads a number of one to ninety-nine in Arabic or Chinese figures.
func number(s string) int {
	if s[0] >= '0' && s[0] <= '9' {
		n := 0
		for _, c := range s {
			n = n*10 + int(c-'0')
		}
		return n
	}
	digit := func(r rune) int { return strings.IndexRune("〇一二三四五六七八九", r) / 3 }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return digit(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return digit(rs[0])*10 + digit(rs[2])
	}
	return -1
}

// isStandard reports whether a title is one of the nine standard sections'.
func isStandard(title string) bool {
	return standardIndex(title) >= 0
}

// standardIndex is the index of the standard section a title names, or -1.
func standardIndex(title string) int {
	k := check.TitleKey(title)
	if k == "" {
		return -1
	}
	for i, s := range standard {
		if k == check.TitleKey(s.title) {
			return i
		}
	}
	return -1
}

// isSpace is the white space the keep-every-character rule ignores.
func isSpace(r rune) bool { return unicode.IsSpace(r) }
