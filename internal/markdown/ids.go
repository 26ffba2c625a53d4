package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// IDs is the set of element ids already used on one HTML page. A page is
// assembled from several Markdown sections, each converted on its own, so
// the set lives outside any one Convert call: pass the same *IDs to every
// Convert call for one page and heading ids stay unique across sections.
//
// IDs is not safe for concurrent use; a page is converted by one goroutine.
// The zero value is an empty set ready to use.
type IDs struct {
	used map[string]bool
}

// NewIDs returns an empty id set.
func NewIDs() *IDs {
	return &IDs{used: make(map[string]bool)}
}

// Reserve marks id as used, so that no heading is given it. The page calls
// it for the ids of its own elements, such as section anchors.
func (ids *IDs) Reserve(id string) {
	if ids.used == nil {
		ids.used = make(map[string]bool)
	}
	ids.used[id] = true
}

// Free reports whether id, and id+s for every suffix s, are all unused.
func (ids *IDs) Free(id string, suffixes ...string) bool {
	if ids.used[id] {
		return false
	}
	for _, s := range suffixes {
		if ids.used[id+s] {
			return false
		}
	}
	return true
}

// Unique returns base if it is free, and otherwise the first free one of
// base-1, base-2, …; either way it marks the result used. An element
// whose id brings others along (a section's "-h" heading, a chart's
// "-options" script) names their suffixes: the result is free with each
// of them too, and they are marked used with it.
func (ids *IDs) Unique(base string, suffixes ...string) string {
	id := base
	for n := 1; !ids.Free(id, suffixes...); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	ids.Reserve(id)
	for _, s := range suffixes {
		ids.Reserve(id + s)
	}
	return id
}

// slug turns heading text into an id. Report headings are Chinese, and
// goldmark's own generator keeps only ASCII, which turns every one of
// them into "heading". So slug keeps Unicode letters and digits (Han
// included), '-' and '_'; turns each run of white space into one '-';
// drops all other punctuation, such as 、（）and ASCII Markdown syntax;
// and lowercases ASCII so that ids do not depend on how an author
// capitalised a Latin word. What is left is safe in an HTML attribute and
// in a URL fragment. Because ':' is always dropped, a heading id can never
// take the "fn:1" or "fnref:1" form of a footnote id.
func slug(text []byte) string {
	var b strings.Builder
	dash := false // a run of white space awaits its '-'
	for _, r := range string(bytes.TrimSpace(text)) {
		switch {
		case unicode.IsSpace(r):
			dash = b.Len() > 0
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			if dash {
				b.WriteByte('-')
				dash = false
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// headingIDs adapts an *IDs to goldmark's parser.IDs, through which the
// parser asks for heading ids.
type headingIDs struct{ ids *IDs }

// Generate returns a new unique id for a heading whose source text is value.
func (h headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(h.ids.Unique(slug(value)))
}

// Put marks an id given explicitly in the source as used.
func (h headingIDs) Put(value []byte) {
	h.ids.Reserve(string(value))
}
