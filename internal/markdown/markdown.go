// Package markdown converts report text to HTML. Report text is Markdown
// as CommonMark defines it, with the additions a Chinese report needs:
//
//   - CJK line breaks: a line break between two Chinese characters joins
//     them without a space, and "\ " is an escaped space that prints
//     nothing, so emphasis can close right before a Chinese character.
//   - GFM tables, with cell alignment written as a class
//     (align-left, align-center, align-right), never as a style attribute.
//   - Footnotes, with ids prefixed per section (see [Options]).
//   - Bare URLs and e-mail addresses after white space become links.
//   - Headings get ids that keep their Chinese text: "一、基本情况"
//     becomes id="一基本情况". Ids are unique across a page (see [IDs]).
//   - Chart fences: a fenced code block whose info string is "chart"
//     is a chart, written by the caller's [ChartRenderer].
//
// The checks read a text's links and prose off the same parse that renders
// it (see [Facts]), never with a scanner of their own, so that they and the
// page agree on what is code.
//
// Deliberately left out: strikethrough, because reports write ranges as
// "3~5个" and "约1~2天" and "~" must stay literal; raw HTML, which is
// replaced by "<!-- raw HTML omitted -->" so that no report can carry
// script or inline style into a page served under
// Content-Security-Policy: default-src 'self'; and typographic quotes,
// because Chinese text already uses “” and ‘’.
package markdown

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter converts report text to HTML. It is safe for concurrent use:
// create one and share it, because building the underlying goldmark
// instance is far costlier than a conversion.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter configured for report text.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.CJK,
			table{},
			footnotes,
			chartFence{},
			// Linkify turns bare URLs into links, which reports
			// welcome: they cite sources such as a ministry's site.
			// It acts only at the start of a line or after white
			// space, and its patterns match only ASCII, so a URL
			// glued to Chinese text stays text and a link never
			// swallows the Chinese punctuation after it.
			extension.Linkify,
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	// After the extensions: CJK sets a writer of its own, which this one
	// wraps, so that its escaped space still prints nothing.
	md.Renderer().AddOptions(html.WithWriter(plainWriter{html.NewWriter(html.WithEscapedSpace())}))
	return &Converter{md: md}
}

// plainWriter is goldmark's HTML writer, w, with a short way for text
// that holds none of the bytes w acts on: w resolves backslash escapes
// and character references, replaces NUL and escapes what HTML must, and
// other bytes it writes as they are. Most of a report is Chinese text with
// none of them, and w looked at each of its bytes twice, one call a
// byte: 4% of the processor time of a build of the benchmark corpus.
type plainWriter struct{ w html.Writer }

// escaped marks the bytes RawWrite escapes, as goldmark's table says;
// acted, those Write acts on: those, NUL, and the starts of a backslash
// escape and of a character reference.
var escaped, acted = func() (e, a [256]bool) {
	for c := range e {
		e[c] = util.EscapeHTMLByte(byte(c)) != nil
	}
	a = e
	a[0], a['\\'], a['&'] = true, true, true
	return e, a
}()

// plain reports whether s holds none of the bytes marked in set, none of
// which is above 0x7F: eight bytes of Chinese text at a time pass at once.
func plain(s []byte, set *[256]bool) bool {
	const high = 0x8080808080808080
	for len(s) >= 8 {
		if binary.LittleEndian.Uint64(s)&high != high {
			for _, c := range s[:8] {
				if set[c] {
					return false
				}
			}
		}
		s = s[8:]
	}
	for _, c := range s {
		if set[c] {
			return false
		}
	}
	return true
}

func (p plainWriter) Write(out util.BufWriter, s []byte) {
	if plain(s, &acted) {
		_, _ = out.Write(s)
		return
	}
	p.w.Write(out, s)
}

func (p plainWriter) RawWrite(out util.BufWriter, s []byte) {
	if plain(s, &escaped) {
		_, _ = out.Write(s)
		return
	}
	p.w.RawWrite(out, s)
}

func (p plainWriter) SecureWrite(out util.BufWriter, s []byte) { p.w.SecureWrite(out, s) }

var bufWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// Options are the per-call settings of Convert.
type Options struct {
	// IDs is the page-wide id set; nil means a fresh one, which is
	// right only for a page made of this one text.
	IDs *IDs
	// FootnotePrefix prefixes the footnote ids and links of this text,
	// e.g. "s02-", so that two sections' footnote 1 do not collide.
	// Every section of a page that may have footnotes needs its own.
	FootnotePrefix string
	// Charts renders chart fences; nil: a chart fence is an error.
	Charts ChartRenderer
	// Facts, when not nil, is filled with the facts of the text, read
	// off the parse that renders it, so that the checks need not parse
	// it again. It is filled before rendering, so a conversion that
	// fails on a chart still fills it.
	Facts *Facts
}

// Convert writes src as HTML to w. An error about a place in src, such
// as a chart fence that cannot be rendered, is an *Error with the line; it
// ends the conversion, and w may then have received part of the HTML.
func (c *Converter) Convert(w io.Writer, src []byte, opt Options) error {
	doc := c.parse(src, opt.IDs)
	if opt.Facts != nil {
		*opt.Facts = readFacts(doc, src, true)
	}
	setFootnotePrefix(doc, opt.FootnotePrefix)
	setCharts(doc, opt.Charts)
	// goldmark writes through a bufio.Writer, and makes one unless given.
	bw := bufWriters.Get().(*bufio.Writer)
	bw.Reset(w)
	defer func() {
		bw.Reset(nil)
		bufWriters.Put(bw)
	}()
	if err := c.md.Renderer().Render(bw, src, doc); err != nil {
		if e, ok := err.(*Error); ok {
			// It names its line already, and the caller puts
			// the file's name before it.
			return e
		}
		return fmt.Errorf("markdown: %w", err)
	}
	return nil
}

// Inspect reads the facts of src as Convert would fill Options.Facts, for
// a caller that does not render: it parses src with the same shared
// parser, and renders nothing.
func (c *Converter) Inspect(src []byte) Facts {
	return readFacts(c.parse(src, nil), src, true)
}

// parse parses src with the page-wide ids; nil means a fresh set.
func (c *Converter) parse(src []byte, ids *IDs) *ast.Document {
	if ids == nil {
		ids = NewIDs()
	}
	// The parser context and the document are made anew for each call,
	// so the per-call state lives there and the shared goldmark
	// instance stays read-only.
	ctx := parser.NewContext(parser.WithIDs(headingIDs{ids}))
	return c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx)).OwnerDocument()
}
