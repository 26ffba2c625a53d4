package markdown

import (
	"bytes"
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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

// Links lists the links, images and autolinks of src in the order they
// are written. It parses src as Convert does, with the same shared parser,
// so that it finds exactly the links the page will have: none in code,
// raw HTML or a link's own text, and autolinks only where Linkify makes
// them. Footnote references are not links of the text and are left out.
func (c *Converter) Links(src []byte) []Link {
	// Every link, image and autolink is written with one of these: "["
	// or "<", or for Linkify "://" (it takes only http, https and ftp
	// URLs), "www." or an e-mail address's "@". Most text of a report has
	// none, and need not be parsed.
	if !bytes.ContainsAny(src, "[<@") && !bytes.Contains(src, []byte("://")) && !bytes.Contains(src, []byte("www.")) {
		return nil
	}
	// Heading ids do not matter here, but a fresh set keeps this parse
	// the same as Convert's.
	ctx := parser.NewContext(parser.WithIDs(headingIDs{NewIDs()}))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	type found struct {
		off  int // -1 when only the line is known
		line int // when off is -1
		link Link
	}
	var links []found
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var l Link
		switch n := n.(type) {
		case *ast.Link:
			l.Dest = resolveDest(n.Destination)
		case *ast.Image:
			l.Dest, l.Image = resolveDest(n.Destination), true
		case *ast.AutoLink:
			url := n.URL(src)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
				url = append([]byte("mailto:"), url...)
			}
			l.Dest = string(url)
		default:
			return ast.WalkContinue, nil
		}
		off := linkOffset(n, src)
		f := found{off: off, link: l}
		if off < 0 {
			f.line = blockLine(n, src)
		}
		links = append(links, f)
		return ast.WalkContinue, nil
	})
	// The footnote extension moves footnote definitions, and the links
	// in them, to the end of the document; the source order is the
	// order of the offsets.
	key := func(f found) int {
		if f.off >= 0 {
			return f.off
		}
		return lineStart(src, f.line)
	}
	slices.SortStableFunc(links, func(a, b found) int { return cmp.Compare(key(a), key(b)) })
	lines := newLineIndex(src)
	out := make([]Link, len(links))
	for i, f := range links {
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

// lineIndex turns byte offsets into lines and columns.
type lineIndex struct {
	src    []byte
	starts []int // the byte offset of each line's start
}

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src: src, starts: starts}
}

// pos is the 1-based line of offset and its 1-based column in characters.
func (x lineIndex) pos(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	i, ok := slices.BinarySearch(x.starts, off)
	if !ok {
		i-- // the line that starts before off
	}
	return i + 1, utf8.RuneCount(x.src[x.starts[i]:off]) + 1
}
