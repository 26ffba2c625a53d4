package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/util"
)

// footnotePrefixKey is the document metadata key under which Convert
// stores the section's footnote id prefix.
const footnotePrefixKey = "gongkai/markdown.footnotePrefix"

// footnotes is the footnote extension with an id prefix chosen per
// document. Every section numbers its footnotes from 1, so two sections of
// one page would both emit id="fn:1" unless each has its own prefix. The
// extension's WithFootnoteIDPrefix fixes one prefix for the whole goldmark
// instance, which the shared Converter cannot change per call without a
// data race; so Convert stores the prefix in the parsed document's
// metadata, which belongs to that call alone, and the renderer reads it
// back from the node's owner document.
var footnotes goldmark.Extender = extension.NewFootnote(
	extension.WithFootnoteIDPrefixFunction(footnotePrefix),
)

// setFootnotePrefix records prefix for the footnotes of doc. It escapes
// the prefix once here, because the renderer writes it into attributes as
// it is.
func setFootnotePrefix(doc *ast.Document, prefix string) {
	doc.AddMeta(footnotePrefixKey, util.EscapeHTML([]byte(prefix)))
}

// footnotePrefix returns the prefix recorded for n's document.
func footnotePrefix(n ast.Node) []byte {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	p, _ := doc.Meta()[footnotePrefixKey].([]byte)
	return p
}
