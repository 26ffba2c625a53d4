package source

import (
	"bytes"

	"gongkai/internal/report"
)

// MaxInlineWork bounds the work goldmark's inline parser may be made to do
// on one Markdown file, counted as the sum, over the file's blocks of text,
// of the square of the characters in each block that can open or close an
// inline construct: [ ] ( ) < ` * _.
//
// The inline parser looks ahead from such a character for its partner, and
// a block holding many that have none makes it look again for each: its
// time grows with the square of their number. 80 KB of "[](" repeated takes
// 5.6 s, of a backslash and two backticks 2.1 s, of "*a_b" 0.8 s, and a file of 4 MB such blocks
// would take minutes. 2·10^8 of this work is a few tenths of a second at
// worst; a report's text does a thousandth of it (a table of 500 links in
// one block, 2,000 brackets, does 4·10^6).
const MaxInlineWork = 2e8

// inlineWork returns where a Markdown text passes MaxInlineWork: the first
// line of the block with the most inline characters, and how many it
// holds, or 0, 0. A block is a run of non-blank lines outside fenced code,
// which is a superset of goldmark's paragraphs, headings and table cells:
// it overstates the work, never understates it.
func inlineWork(src []byte) (line, n int) {
	var (
		work      int
		worst     int // the most characters in one block so far
		worstLine int
		count     int // in the current block
		start     int // its first line
		fence     []byte
	)
	end := func() {
		work += count * count
		if count > worst {
			worst, worstLine = count, start
		}
		count = 0
	}
	for ln, text := range lines(src) {
		trimmed := bytes.TrimLeft(text, " >\t")
		switch {
		case fence != nil:
			// A fenced code block is not parsed for inlines.
			if bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
			continue
		case bytes.HasPrefix(trimmed, []byte("```")), bytes.HasPrefix(trimmed, []byte("~~~")):
			end()
			fence = trimmed[:3]
			continue
		case len(bytes.TrimSpace(text)) == 0:
			end()
			continue
		}
		if count == 0 {
			start = ln
		}
		for _, c := range text {
			count += int(inlineChars[c])
		}
	}
	end()
	if work > MaxInlineWork {
		return worstLine, worst
	}
	return 0, 0
}

// inlineChars marks the bytes inlineWork counts: a table, because the
// loop runs over every byte of every text.
var inlineChars = func() (t [256]uint8) {
	for _, c := range []byte("[]()<`*_") {
		t[c] = 1
	}
	return t
}()

// checkInlineWork reports a Markdown body whose inline parsing could take
// more than MaxInlineWork.
func (l *loader) checkInlineWork(doc *document) bool {
	line, n := inlineWork(doc.body.Source)
	if line == 0 {
		return true
	}
	l.errs.add(report.Pos{Path: doc.path, Line: line, Col: 1},
		"这段文字中的“[ ] ( ) < ` * _”过多（%d 个），解析会非常慢：请拆分成多个段落，或删去多余的符号", n)
	return false
}
