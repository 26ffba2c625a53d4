package markdown

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"iter"
	"math/bits"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Facts is what the checks need from a text, read off the same parse that
// renders it: a check that parsed the text again, or scanned it with
// rules of its own, would sooner or later disagree with the page about
// what is code and what is prose.
type Facts struct {
	// Links are the links, images and autolinks, as Links lists them.
	Links []Link
	// Prose holds every source line that holds prose, in source order.
	Prose []ProseLine
	// ProseText is the Text of every line of Prose, joined by newlines:
	// the prose of the whole text, as the search index reads it. The lines'
	// Text are substrings of it, which costs nothing more.
	ProseText string
}

// ProseLine is the prose of one source line: the text goldmark parsed on it
// outside code, joined in the order it is written.
//
// Prose is what the reader of the page reads as text: paragraphs, headings,
// list items, blockquotes, table cells, footnote definitions, and the text
// of links and the alt text of images. Code is not prose, so neither fenced
// nor indented code blocks, chart fences, code spans, raw HTML (which the
// page omits) nor link destinations are; an autolink, being its own
// destination, is not either. The markup between the words, such as the
// "**" of emphasis or the "|" of a table, is left out, so Text reads
// "两方面：一是" where the source line reads "**两方面**：一是".
//
// Text is the source as written, backslash escapes and character
// references included, so that every character of it has a column: the
// checks look for words, which a report does not write with either.
type ProseLine struct {
	// Line is the 1-based line, counting the whole source given to
	// Convert or Inspect.
	Line int
	Text string
	// runs are the stretches of Text that are contiguous in the source,
	// in order; the first starts at 0.
	runs []proseRun
	n    int // the length of Text in characters
}

// proseRun is a stretch of a ProseLine's text that stands unbroken in the
// source line.
type proseRun struct {
	at  int // where it starts in Text, in characters
	col int // the 1-based column in characters of that character in the source line
	// cut is set when something that is not prose stands between this
	// run and the one before, such as a code span or a table cell's
	// border: the text on either side is then not one sentence.
	cut bool
}

// Col is the 1-based column, in characters of the source line, of the
// character at index i of Text, counted in characters too. An i past the
// end counts on from the last run's column.
func (p ProseLine) Col(i int) int {
	if len(p.runs) == 0 {
		return 0
	}
	k, found := slices.BinarySearchFunc(p.runs, i, func(r proseRun, i int) int { return cmp.Compare(r.at, i) })
	if !found {
		k-- // the run that starts before i
	}
	k = max(k, 0)
	return p.runs[k].col + max(i, 0) - p.runs[k].at
}

// Sentences yields the stretches of Text that read as one, as [start, end)
// indexes in characters: Text is cut where something that is not prose
// stands between two words of the line, so that a check never matches
// across a code span or from one table cell into the next. Emphasis and
// link markup do not cut.
func (p ProseLine) Sentences() iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		start := 0
		for _, r := range p.runs {
			if r.cut && r.at > start {
				if !yield(start, r.at) {
					return
				}
				start = r.at
			}
		}
		if start < p.n {
			yield(start, p.n)
		}
	}
}

// readFacts reads the facts of doc, parsed from src: the links, and the
// prose too when prose is set.
func readFacts(doc ast.Node, src []byte, prose bool) Facts {
	r := factReader{src: src, prose: prose}
	_ = ast.Walk(doc, r.visit)
	f := Facts{Links: r.sortedLinks()}
	f.Prose, f.ProseText = r.proseLines()
	return f
}

// factReader collects facts in one walk over a document.
type factReader struct {
	src   []byte
	prose bool
	links []foundLink
	texts []textPiece
	// cut is set when the next text does not continue the text before:
	// a block began or ended, or something that is not prose came.
	cut bool
}

// foundLink is a link, where it is in the source.
type foundLink struct {
	off  int // -1 when only the line is known
	line int // when off is -1
	link Link
}

// textPiece is the source of a Text node, [start, stop) in bytes.
type textPiece struct {
	start, stop int
	cut         bool
}

func (r *factReader) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.Text:
		if entering && r.prose && n.Segment.Stop > n.Segment.Start {
			r.texts = append(r.texts, textPiece{n.Segment.Start, n.Segment.Stop, r.cut})
			r.cut = false
		}
		return ast.WalkContinue, nil
	case *ast.Emphasis:
		// Emphasis is prose with markup around: "**两方面**：一是" is
		// one sentence.
		return ast.WalkContinue, nil
	case *ast.Link:
		if entering {
			r.addLink(n, Link{Dest: resolveDest(n.Destination)})
		}
		return ast.WalkContinue, nil
	case *ast.Image:
		if entering {
			r.addLink(n, Link{Dest: resolveDest(n.Destination), Image: true})
		}
		return ast.WalkContinue, nil
	case *ast.AutoLink:
		if entering {
			url := n.URL(r.src)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
				url = append([]byte("mailto:"), url...)
			}
			r.addLink(n, Link{Dest: string(url)})
		}
		r.cut = true
		return ast.WalkSkipChildren, nil
	case *ast.CodeSpan, *ast.RawHTML, *ast.String:
		// A String has no place in the source; the Converter's
		// extensions make none (there is no typographer), so this is
		// a guard.
		r.cut = true
		return ast.WalkSkipChildren, nil
	}
	// Every block cuts, a table cell too, so that text never runs from
	// one cell into the next; so do the inline nodes that hold no text
	// of their own, such as footnote references. Code blocks and chart
	// nodes hold no Text nodes: their lines are not prose.
	r.cut = true
	return ast.WalkContinue, nil
}

func (r *factReader) addLink(n ast.Node, l Link) {
	off := linkOffset(n, r.src)
	f := foundLink{off: off, link: l}
	if off < 0 {
		f.line = blockLine(n, r.src)
	}
	r.links = append(r.links, f)
}

// sortedLinks lists the links in source order, with their positions. The
// footnote extension moves footnote definitions, and what is in them, to
// the end of the document; the source order is the order of the offsets.
func (r *factReader) sortedLinks() []Link {
	if len(r.links) == 0 {
		return nil
	}
	key := func(f foundLink) int {
		if f.off >= 0 {
			return f.off
		}
		return lineStart(r.src, f.line)
	}
	slices.SortStableFunc(r.links, func(a, b foundLink) int { return cmp.Compare(key(a), key(b)) })
	lines := newLineCursor(r.src)
	out := make([]Link, len(r.links))
	for i, f := range r.links {
		l := f.link
		if f.off >= 0 {
			l.Line, l.Col = lines.pos(f.off)
		} else {
			l.Line = f.line
		}
		out[i] = l
	}
	return out
}

// proseLines groups the text pieces by source line, and returns the lines
// joined by newlines too. All lines share that one string and one run
// slice, so that the prose of a text costs a few allocations, not a few
// per line.
func (r *factReader) proseLines() ([]ProseLine, string) {
	if len(r.texts) == 0 {
		return nil, ""
	}
	// Footnote definitions come last in the document; pieces never
	// overlap, so sorting by start restores the source order.
	slices.SortStableFunc(r.texts, func(a, b textPiece) int { return cmp.Compare(a.start, b.start) })
	type lineSpan struct {
		line       int
		start, end int // in buf, bytes
		runs       int // the index of its first run
		n          int // characters
	}
	size := 0
	for _, t := range r.texts {
		size += t.stop - t.start
	}
	// A text piece rarely holds a line break, so this is all the
	// memory the lines and the newlines between them need.
	var buf strings.Builder
	buf.Grow(size + len(r.texts))
	runs := make([]proseRun, 0, len(r.texts))
	spans := make([]lineSpan, 0, len(r.texts))
	lines := newLineCursor(r.src)
	// add appends the piece src[start:stop], of n characters, which
	// stands at line and col.
	add := func(line, col, n, start, stop int, cut bool) {
		if stop <= start {
			return
		}
		if k := len(spans) - 1; k < 0 || spans[k].line != line {
			if k >= 0 {
				buf.WriteByte('\n')
			}
			spans = append(spans, lineSpan{line: line, start: buf.Len(), end: buf.Len(), runs: len(runs)})
			cut = false
		}
		s := &spans[len(spans)-1]
		runs = append(runs, proseRun{at: s.n, col: col, cut: cut})
		buf.Write(r.src[start:stop])
		s.end = buf.Len()
		s.n += n
	}
	for _, t := range r.texts {
		line, col := lines.pos(t.start)
		endLine, endCol := lines.pos(t.stop)
		if endLine == line {
			add(line, col, endCol-col, t.start, t.stop, t.cut)
			continue
		}
		// A Text node holds one line's text; should one span a line
		// break, each line gets its part, and a "\r" before the break
		// is not text.
		start, cut := t.start, t.cut
		for part := range bytes.SplitSeq(r.src[t.start:t.stop], []byte("\n")) {
			next := start + len(part) + 1
			if next <= t.stop {
				part = bytes.TrimSuffix(part, []byte("\r"))
			}
			add(line, col, runeCount(part), start, start+len(part), cut)
			line, col, start, cut = line+1, 1, next, true
		}
	}
	text := buf.String()
	out := make([]ProseLine, len(spans))
	for i, s := range spans {
		end := len(runs)
		if i+1 < len(spans) {
			end = spans[i+1].runs
		}
		out[i] = ProseLine{Line: s.line, Text: text[s.start:s.end], runs: runs[s.runs:end:end], n: s.n}
	}
	return out, text
}

// runeCount is the number of characters in b, which is UTF-8: the bytes
// that do not continue a character (10xxxxxx), counted eight at a time. It
// is utf8.RuneCount without its cost: that decodes each character, and with
// Go 1.26 copies the bytes after the first non-ASCII one into a string,
// which for Chinese text is the whole line. On bytes that are not UTF-8,
// which the loader turns away, it counts fewer characters than
// utf8.RuneCount, never more.
func runeCount(b []byte) int {
	n := len(b)
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// Bit 7 of each byte of x, and not its bit 6.
		n -= bits.OnesCount64(x & (^x << 1) & 0x8080808080808080)
		b = b[8:]
	}
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}
