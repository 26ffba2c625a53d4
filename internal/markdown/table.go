package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// table is GFM tables with cell alignment given as a class. goldmark
// writes alignment as style="text-align:…", which a page served with
// Content-Security-Policy: default-src 'self' may not use, or as the
// align attribute, which HTML5 made obsolete. So the table extension is
// told to leave alignment alone and alignClass, run after parsing, sets
// class="align-left", "align-center" or "align-right" for the stylesheet.
type table struct{}

func (table) Extend(m goldmark.Markdown) {
	extension.NewTable(
		extension.WithTableCellAlignMethod(extension.TableCellAlignNone),
	).Extend(m)
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(alignClass{}, 0),
	))
}

// alignClass is the AST transformer that gives aligned cells their class.
type alignClass struct{}

// alignClasses are the classes of the alignments, made once: every cell of
// every table of a site takes one, and the renderer only reads it.
var alignClasses = map[east.Alignment][]byte{
	east.AlignLeft:   []byte("align-" + east.AlignLeft.String()),
	east.AlignRight:  []byte("align-" + east.AlignRight.String()),
	east.AlignCenter: []byte("align-" + east.AlignCenter.String()),
}

func (alignClass) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		cell, ok := n.(*east.TableCell)
		if !ok {
			return ast.WalkContinue, nil
		}
		if entering && cell.Alignment != east.AlignNone {
			cell.SetAttributeString("class", alignClasses[cell.Alignment])
		}
		// A cell holds only inline content, never a nested table.
		return ast.WalkSkipChildren, nil
	})
}
