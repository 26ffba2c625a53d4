package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Link is a link or image destination in Markdown text, with the line and
// column (in characters) it is written on.
//
// Line and Col count from 1, the whole source given to Links, and point at
// the link as the reader of the source sees it start: the "[" of a link,
// the "!" of an image, the "<" of an autolink in angle brackets and the
// first character of a bare URL or e-mail address. A reference link is
// where it is used, not where its label is defined: each use is a link on
// the page. Col is 0 when only the line is known, which happens only for a
// node that goldmark gave no position; the parsers of this Converter give
// one to every link, image and autolink, so that is a guard.
type Link struct {
	// Dest is the destination as the page's href or src means it: with
	// Markdown's backslash escapes and character references resolved
	// but not percent-encoded, so that 附件.pdf stays readable. An
	// e-mail autolink's starts with "mailto:".
	Dest  string
	Line  int
	Col   int
	Image bool
}

// resolveDest turns a link destination as written into what its href
// means, as the HTML renderer does before it percent-encodes.
func resolveDest(dest []byte) string {
	dest = util.UnescapePunctuations(dest)
	dest = util.ResolveNumericReferences(dest)
	dest = util.ResolveEntityNames(dest)
	return string(dest)
}

// linkOffset is the byte offset in src where link node n starts, or -1.
// goldmark sets the position of a link and of an image to the "[" of its
// label, and that of an autolink to where its parser was triggered: the
// "<", or, for a bare URL, the white space or punctuation before it.
func linkOffset(n ast.Node, src []byte) int {
	off := n.Pos()
	if off < 0 || off >= len(src) {
		return firstTextOffset(n)
	}
	switch n := n.(type) {
	case *ast.Image:
		if off > 0 && src[off-1] == '!' {
			off--
		}
	case *ast.AutoLink:
		if src[off] != '<' {
			// The label is the URL as written, which starts within
			// a character or two of the trigger.
			if i := bytes.Index(src[off:], n.Label(src)); i >= 0 {
				off += i
			}
		}
	}
	return off
}

// firstTextOffset is the start of the first text inside n, or -1 if it
// has none (an image or link with empty text).
func firstTextOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// blockLine is the line of the first source line of the block that holds
// n, or 0.
func blockLine(n ast.Node, src []byte) int {
	for b := n; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return lineOf(src, b.Lines().At(0).Start)
		}
	}
	return 0
}

// lineStart is the byte offset at which 1-based line starts, for sorting.
func lineStart(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// lineCursor turns byte offsets into lines and columns. It reads the
// source once, from start to end, so it must be asked about offsets in
// ascending order; that is the order in which facts are listed anyway, and
// it spares every text an index of its lines.
type lineCursor struct {
	src  []byte
	line int // the 1-based line of off
	off  int // the offset last asked about
	col  int // its 1-based column in characters
}

func newLineCursor(src []byte) *lineCursor {
	return &lineCursor{src: src, line: 1, col: 1}
}

// pos is the 1-based line of off and its 1-based column in characters. An
// off before the last one asked about is taken as that one.
func (c *lineCursor) pos(off int) (line, col int) {
	off = min(max(off, c.off), len(c.src))
	// The bytes before c.off hold no line break that c.line does not
	// count already.
	for {
		i := bytes.IndexByte(c.src[c.off:off], '\n')
		if i < 0 {
			break
		}
		c.line++
		c.off, c.col = c.off+i+1, 1
	}
	c.col += runeCount(c.src[c.off:off])
	c.off = off
	return c.line, c.col
}
