package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ChartRenderer writes the HTML of the charts that chart fences place. The
// markdown package does not interpret the fence body (TOML): it hands it over.
//
// A chart fence is a fenced code block whose info string is exactly
// "chart", such as
//
//	```chart
//	data = "violations"
//	type = "bar"
//	```
//
// wherever a fenced code block may stand, in a list item or a blockquote
// too. A fence whose info string has more words, such as "chart bar", is
// an ordinary code block.
type ChartRenderer interface {
	// RenderChart writes the chart the fence asks for. spec is the fence's
	// body; line is the line of the opening ``` in the source (1-based,
	// counting the whole source given to Convert).
	//
	// An error it returns ends the conversion: Convert returns it inside
	// an *Error that carries the line, so the error need not name the line
	// itself. Convert ends the chart's HTML with a newline if RenderChart
	// did not, as it does after every block. RenderChart may be called
	// from several goroutines at once if the same ChartRenderer is given
	// to concurrent Convert calls.
	RenderChart(w io.Writer, spec []byte, line int) error
}

// Error is an error about a line of the source given to Convert. Its
// message starts with the line, so that a caller who knows the file can
// prefix its name: fmt.Errorf("%s:%w", path, err) reads
// "path:line: message".
type Error struct {
	Line int   // 1-based, counting the whole source given to Convert
	Err  error // what is wrong there
}

func (e *Error) Error() string {
	return strconv.Itoa(e.Line) + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// errNoChartRenderer is the error of a chart fence converted without
// Options.Charts.
var errNoChartRenderer = errors.New("chart fence but no chart renderer")

// chartsKey is the document metadata key under which Convert stores the
// call's ChartRenderer.
const chartsKey = "gongkai/markdown.charts"

// chartFence is the chart fence extension: chartFences, run after
// parsing, turns chart fences into chart nodes, and chartHTML renders
// them with the ChartRenderer of the Convert call. That renderer cannot
// be part of the goldmark instance, which all calls share, so, as with the
// footnote prefix, Convert stores it in the parsed document's metadata,
// which belongs to that call alone, and chartHTML reads it back from the
// node's owner document.
//
// Turning finished fenced code blocks into charts, rather than parsing
// chart fences with a block parser of their own, leaves the fence syntax
// (closing fences, indentation inside list items and blockquotes) to
// goldmark's fenced code block parser.
type chartFence struct{}

func (chartFence) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(chartFences{}, 0),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(chartHTML{}, 0),
	))
}

// setCharts records r as the ChartRenderer for the chart nodes of doc.
func setCharts(doc *ast.Document, r ChartRenderer) {
	doc.AddMeta(chartsKey, r)
}

// charts returns the ChartRenderer recorded for n's document, or nil.
func charts(n ast.Node) ChartRenderer {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	r, _ := doc.Meta()[chartsKey].(ChartRenderer)
	return r
}

// kindChart is the ast.NodeKind of chart nodes.
var kindChart = ast.NewNodeKind("Chart")

// chart is the AST node of a chart fence. It is a block without children.
type chart struct {
	ast.BaseBlock
	spec []byte // the fence's body, without the fence lines
	line int    // the 1-based line of the opening fence
}

func (n *chart) Kind() ast.NodeKind { return kindChart }

func (n *chart) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Line": strconv.Itoa(n.line),
		"Spec": string(n.spec),
	}, nil)
}

// chartFences is the AST transformer that replaces each chart fence with
// a chart node.
type chartFences struct{}

func (chartFences) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	// Replacing a node while ast.Walk stands on it would cut the walk
	// short, so the fences are collected first.
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fence, ok := n.(*ast.FencedCodeBlock); ok && entering && isChartFence(fence, source) {
			fences = append(fences, fence)
		}
		return ast.WalkContinue, nil
	})
	for _, fence := range fences {
		c := &chart{line: lineOf(source, fence.Info.Segment.Start)}
		lines := fence.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			c.spec = append(c.spec, seg.Value(source)...)
		}
		if pos := fence.Pos(); pos >= 0 {
			c.SetPos(pos)
		}
		c.SetBlankPreviousLines(fence.HasBlankPreviousLines())
		fence.Parent().ReplaceChild(fence.Parent(), fence, c)
	}
}

// isChartFence reports whether fence's info string is exactly "chart".
// The parser has trimmed the spaces around it already; trimming again
// costs nothing and does not depend on that.
func isChartFence(fence *ast.FencedCodeBlock, source []byte) bool {
	if fence.Info == nil {
		return false
	}
	return string(bytes.TrimSpace(fence.Info.Segment.Value(source))) == "chart"
}

// lineOf returns the 1-based line of source that holds offset.
func lineOf(source []byte, offset int) int {
	offset = min(max(offset, 0), len(source))
	return bytes.Count(source[:offset], []byte{'\n'}) + 1
}

// chartHTML is the node renderer of chart nodes.
type chartHTML struct{}

func (chartHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChart, renderChart)
}

func renderChart(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*chart)
	r := charts(n)
	if r == nil {
		return ast.WalkStop, &Error{Line: n.line, Err: errNoChartRenderer}
	}
	lw := &lastByteWriter{w: w}
	if err := r.RenderChart(lw, n.spec, n.line); err != nil {
		return ast.WalkStop, &Error{Line: n.line, Err: fmt.Errorf("chart: %w", err)}
	}
	if lw.last != 0 && lw.last != '\n' {
		_ = w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}

// lastByteWriter is a writer that remembers the last byte written
// through it, or 0 if none was.
type lastByteWriter struct {
	w    io.Writer
	last byte
}

func (l *lastByteWriter) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if n > 0 {
		l.last = p[n-1]
	}
	return n, err
}
