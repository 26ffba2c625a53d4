package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// table is GFM tables with cell alignment given as a class. goldmark
// writes alignment as style="text-align:…", which a page served with
// Content-Security-Policy: default-src 'self' may not use, or as the
// align attribute, which HTML5 made obsolete. So the table extension is
// told to leave alignment alone, and cells are written by cellHTML, which
// gives an aligned cell class="align-left", "align-center" or
// "align-right" for the stylesheet.
type table struct{}

func (table) Extend(m goldmark.Markdown) {
	extension.NewTable(
		extension.WithTableCellAlignMethod(extension.TableCellAlignNone),
	).Extend(m)
	// Before the table extension's cell renderer (500), which it replaces.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(cellHTML{}, 0),
	))
}

// alignClasses are the class attributes of the alignments.
var alignClasses = map[east.Alignment]string{
	east.AlignLeft:   ` class="align-` + east.AlignLeft.String() + `"`,
	east.AlignRight:  ` class="align-` + east.AlignRight.String() + `"`,
	east.AlignCenter: ` class="align-` + east.AlignCenter.String() + `"`,
}

// cellHTML writes table cells as goldmark's table renderer does with
// alignment left alone, and an aligned cell's class. It writes straight
// to the page, where goldmark's renderer formatted each cell's tag with
// fmt and the class, set as an attribute after parsing, gave each aligned
// cell a slice of its own.
type cellHTML struct{}

func (cellHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, renderCell)
}

func renderCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	th := n.Parent().Kind() == east.KindTableHeader
	if !entering {
		if th {
			_, _ = w.WriteString("</th>\n")
		} else {
			_, _ = w.WriteString("</td>\n")
		}
		return ast.WalkContinue, nil
	}
	filter := extension.TableTdCellAttributeFilter
	if th {
		_, _ = w.WriteString("<th")
		filter = extension.TableThCellAttributeFilter
	} else {
		_, _ = w.WriteString("<td")
	}
	_, _ = w.WriteString(alignClasses[n.Alignment])
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, filter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
