package source

import (
	"bytes"
	"iter"
	"strings"

	"gongkai/internal/report"
)

// MaxDepth is how deep Markdown containers (block quotes and list items) and
// TOML values (arrays and inline tables) may nest. A report nests a list
// three or four levels at most. Without a limit, the parsers' work grows
// faster than the text: goldmark takes seconds over a file 2,000 levels
// deep, and BurntSushi/toml a minute and a half over 16,000 nested inline
// tables (64 KB).
const MaxDepth = 64

// lines yields the lines of src, numbered from 1, without their "\n".
func lines(src []byte) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		for n := 1; len(src) > 0; n++ {
			text := src
			if i := bytes.IndexByte(src, '\n'); i >= 0 {
				text, src = src[:i], src[i+1:]
			} else {
				src = nil
			}
			if !yield(n, text) {
				return
			}
		}
	}
}

// markdownDepth returns the first line whose containers may nest deeper than
// MaxDepth, and the column where the limit is passed, or 0, 0.
//
// It is an upper bound, read from each line alone, before goldmark sees the
// text. Only a marker opens a container: a ">" or a list item's "-", "+",
// "*", "1." or "1)". A line's containers are those its markers open or
// continue, and the list items its indentation continues, each of which
// takes at least two columns of it (the content of "- " starts two columns
// in). So the markers at the start of a line, with the one blank after
// each, plus half the rest of its leading indentation bound its depth. Lazy
// continuation lines, which carry fewer markers, open nothing; thematic
// breaks ("- - -") and indented code count too, which overstates but never
// understates.
func markdownDepth(src []byte) (line, col int) {
	for n, text := range lines(src) {
		if c := lineDepth(text); c > 0 {
			return n, c
		}
	}
	return 0, 0
}

// lineDepth returns the column at which the containers a line may open or
// continue pass MaxDepth, or 0. The prefix it reads is ASCII, so its bytes
// are columns.
func lineDepth(text []byte) int {
	markers, indent := 0, 0 // indent in columns, a tab as up to 4
	for i := 0; i < len(text); {
		start := i
		switch c := text[i]; {
		case c == ' ':
			indent++
			i++
		case c == '\t':
			indent += 4
			i++
		case c == '>':
			markers++
			i = afterMarker(text, i+1)
		case c == '-' || c == '+' || c == '*':
			if !markerEnd(text, i+1) {
				return 0
			}
			markers++
			i = afterMarker(text, i+1)
		case c >= '0' && c <= '9':
			j := i
			for j < len(text) && j-i < 9 && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			if j == len(text) || (text[j] != '.' && text[j] != ')') || !markerEnd(text, j+1) {
				return 0
			}
			markers++
			i = afterMarker(text, j+1)
		default:
			return 0
		}
		if markers+indent/2 > MaxDepth {
			// Indentation with nothing after it opens nothing.
			if text[start] <= ' ' && len(bytes.TrimLeft(text[i:], " \t")) == 0 {
				return 0
			}
			return start + 1
		}
	}
	return 0
}

// afterMarker skips the one blank that belongs to the marker ending before i.
func afterMarker(text []byte, i int) int {
	if i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		return i + 1
	}
	return i
}

// markerEnd reports whether a list marker ending before i is followed by
// what a list marker needs: a space, a tab or the end of the line.
func markerEnd(text []byte, i int) bool {
	return i == len(text) || text[i] == ' ' || text[i] == '\t'
}

// checkMarkdownDepth reports a Markdown body nested deeper than MaxDepth.
func (l *loader) checkMarkdownDepth(doc *document) bool {
	line, col := markdownDepth(doc.body.Source)
	if line == 0 {
		return true
	}
	l.errs.add(report.Pos{Path: doc.path, Line: line, Col: col}, "嵌套层数超过 %d 层（引用“>”和列表项层层相套，或缩进过深）：请减少这一行的引用层数或缩进", MaxDepth)
	return false
}

// tomlDepth returns where TOML text nests arrays and inline tables deeper
// than MaxDepth, as a byte offset, or -1. It reads strings and comments as
// TOML does, so that brackets inside them do not count; a mistake in the
// text that makes it read wrong is one toml.Decode reports in any case.
func tomlDepth(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return -1
			}
			i += j
		case '"', '\'':
			i = tomlStringEnd(s, i) - 1
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

// tomlStringEnd returns the offset just past the TOML string that starts
// at i, as numbers.go's stringEnd reads strings: to the end of the line
// for an unclosed one-line string, which toml.Decode reports.
func tomlStringEnd(s string, i int) int {
	q := s[i : i+1]
	if strings.HasPrefix(s[i:], strings.Repeat(q, 3)) {
		q = s[i : i+3]
	}
	return i + len(q) + stringEnd(s[i+len(q):], q)
}
