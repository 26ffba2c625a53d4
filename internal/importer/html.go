package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// HTMLText reads the bytes of a saved portal article page into the text the rest of the
// importer splits, as readDocx does for Word: the article's title, then its
// paragraphs one a line, its tables as Markdown rows. Navigation, login
// links, headers, footers, scripts and the 索引号/发布机构/时效性 box are
// left out, but the 发布日期 in that box becomes Text.Published.
//
// Pictures are read from dir, the page's folder (nil: none), and from data:
// URIs (see pictures).
func HTMLText(name string, data []byte, dir fs.FS) (*Text, error) {
	if len(data) > MaxSize {
		return nil, tooLarge(name)
	}
	t := &Text{Name: name}
	data, t.Converted = decodeHTML(data)
	if data == nil {
		return nil, fmt.Errorf("%s 既不是 UTF-8 也不是 GB18030/GBK 编码的网页，未导入；请在网页的 <meta charset> 中写明编码，或另存为 UTF-8 后再试", name)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// The parser refuses markup nested deeper than 512 elements,
		// which no article page has; its own message is English.
		return nil, fmt.Errorf("%s 无法作为网页读取（标签嵌套过深或结构损坏：%v），未导入", name, err)
	}
	t.Published = publishedDate(doc)
	w := &htmlWriter{headings: map[int]int{}, line: 1, pics: &pictures{dir: dir}}
	body := articleBody(doc)
	if title := pageTitle(doc); title != nil && !contains(body, title) {
		w.block(title)
		w.flush()
	}
	w.block(body)
	w.flush()
	if strings.TrimSpace(w.out.String()) == "" {
		return nil, fmt.Errorf("%s 中没有找到正文文字，没有可导入的内容", name)
	}
	t.Body = w.out.String()
	t.Headings = w.levels()
	t.Files, t.Notes = w.pics.files, w.pics.notes
	return t, nil
}

// metaCharset is a charset declared in the first bytes of a page, as
// <meta charset="gbk"> or <meta http-equiv="Content-Type"
// content="text/html; charset=gb2312"> declare it.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)

// decodeHTML gives the page as UTF-8 and the encoding it was converted
// from ("" for UTF-8), or nil when it cannot be read. A declared charset
// wins; a page that declares none is UTF-8, or GB18030 when it is not
// valid UTF-8, as for a text file.
func decodeHTML(data []byte) ([]byte, string) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	label := ""
	if m := metaCharset.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
		label = strings.ToLower(string(m[1]))
	}
	switch label {
	case "", "utf-8", "utf8":
		if utf8.Valid(data) {
			return data, ""
		}
		label = "gb18030"
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		// An unknown label is a page's error, not a reason to refuse
		// text that reads as UTF-8.
		if utf8.Valid(data) {
			return data, ""
		}
		enc = simplifiedchinese.GB18030
	}
	if name, _ := htmlindex.Name(enc); name == "gbk" {
		// GB18030 is a superset of GBK and GB2312: pages that say gb2312
		// often use characters only GBK has.
		enc = simplifiedchinese.GB18030
	}
	s, err := enc.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(s, utf8.RuneError) {
		return nil, ""
	}
	return s, strings.ToUpper(label)
}

// published matches the date a portal page gives the article:
// 发布日期：2024-04-30, 发布时间：2024年04月30日, 2024/4/30.
var published = regexp.MustCompile(`发布(?:日期|时间)\s*[:：]?\s*((?:19|20)[0-9]{2})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})`)

// publishedDate is the page's 发布日期 as YYYY-MM-DD, or "".
func publishedDate(doc *html.Node) string {
	m := published.FindStringSubmatch(textOf(doc))
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
}

// bodyHints are the words portal templates (TRS, 政府网站集约化平台 and
// others) put in the id or class of the element holding the article.
var bodyHints = []string{"trs_editor", "custom_unionstyle", "zoom", "main-text", "article", "content", "detail"}

// skipHints mark elements inside a page that are never the article.
var skipHints = []string{"nav", "menu", "login", "breadcrumb", "crumb", "footer", "share", "toolbar"}

// articleBody is the element holding the article: of the elements whose
// id or class names it (bodyHints), the innermost that still holds most
// of their paragraph text, since a "content" wrapper often holds the
// info box too; else the element with the most text in its own <p>s.
func articleBody(doc *html.Node) *html.Node {
	type cand struct {
		n     *html.Node
		depth int
		text  int
	}
	var hinted []cand
	best, bestText := (*html.Node)(nil), 0
	walk(doc, 0, func(n *html.Node, depth int) {
		if hasHint(n, bodyHints) {
			hinted = append(hinted, cand{n, depth, paraText(n, false)})
		}
		if s := paraText(n, true); s > bestText {
			best, bestText = n, s
		}
	})
	most := 0
	for _, c := range hinted {
		most = max(most, c.text)
	}
	var pick *cand
	for i, c := range hinted {
		if most > 0 && c.text*5 >= most*4 && (pick == nil || c.depth > pick.depth) {
			pick = &hinted[i]
		}
	}
	switch {
	case pick != nil:
		return pick.n
	case best != nil:
		return best
	}
	for n := range doc.Descendants() {
		if n.DataAtom == atom.Body {
			return n
		}
	}
	return doc
}

// pageTitle is the article's title: the first <h1> outside navigation, or
// else the first element whose class or id names a title; nil if none.
func pageTitle(doc *html.Node) *html.Node {
	var h1, named *html.Node
	walk(doc, 0, func(n *html.Node, _ int) {
		switch {
		case h1 == nil && n.DataAtom == atom.H1 && textOf(n) != "":
			h1 = n
		case named == nil && n.DataAtom != atom.Title && hasHint(n, []string{"title"}) && textOf(n) != "":
			named = n
		}
	})
	if h1 != nil {
		return h1
	}
	return named
}

// walk calls f on every element that is not left out, with its depth. The
// parser bounds the depth to 512, so the recursion is bounded.
func walk(n *html.Node, depth int, f func(*html.Node, int)) {
	if skipped(n) {
		return
	}
	if n.Type == html.ElementNode {
		f(n, depth)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, depth+1, f)
	}
}

// skipped reports whether n is never part of the article: scripts,
// styles, forms, navigation, headers, footers, and the info box.
func skipped(n *html.Node) bool {
	if n.Type == html.CommentNode {
		return true
	}
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Nav,
		atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Button, atom.Select,
		atom.Iframe, atom.Object, atom.Svg, atom.Input, atom.Textarea:
		return true
	}
	return hasHint(n, skipHints) || infoBox(n)
}

// infoBox reports whether n is the 索引号/发布机构/时效性 box or the
// "发布时间：… 来源：…" line under a title: short, with two or more of
// those labels, and the smallest element that has them, so that the
// wrapper holding both the box and the article is never taken for it.
func infoBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.P:
		// A paragraph is the article's own text even when it names
		// two of the labels ("资金来源：…文号…"): better an info line
		// kept than a sentence of the report silently dropped.
		return false
	}
	if infoMarks(textOf(n)) < 2 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && infoMarks(textOf(c)) >= 2 {
			return false
		}
	}
	return true
}

// infoLabels are the labels of a portal's 信息公开 box above an article.
var infoLabels = []string{"索引号", "发布机构", "时效性", "发文字号", "文号", "成文日期", "主题分类", "发布日期", "发布时间", "来源", "浏览次数", "字号"}

// infoMarks counts the info box labels in s, a short text: a paragraph
// of the article may name one in passing.
func infoMarks(s string) int {
	if utf8.RuneCountInString(s) > 400 {
		return 0
	}
	k := 0
	for _, m := range infoLabels {
		if strings.Contains(s, m) {
			k++
		}
	}
	return k
}

func hasHint(n *html.Node, hints []string) bool {
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, h := range hints {
			if strings.Contains(v, h) {
				return true
			}
		}
	}
	return false
}

// paraText is the number of bytes of text in the <p> elements under n
// (only its children when direct), outside what is left out.
func paraText(n *html.Node, direct bool) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if skipped(c) {
			continue
		}
		if c.DataAtom == atom.P {
			total += len(textOf(c))
		} else if !direct && c.Type == html.ElementNode {
			total += paraText(c, false)
		}
	}
	return total
}

// textOf is the text under n, left-out parts removed, white space
// collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.Type == html.CommentNode {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func contains(n, sub *html.Node) bool {
	for a := range sub.Ancestors() {
		if a == n {
			return true
		}
	}
	return n == sub
}

// htmlWriter writes the article as lines, as DocxText writes a document.
type htmlWriter struct {
	out      strings.Builder
	cur      strings.Builder // the line being written
	line     int             // the number of the line cur will be
	level    int             // the h1–h6 level of cur, or 0
	headings map[int]int     // h level by line number
	pics     *pictures
}

// block writes the element n and what it holds.
func (w *htmlWriter) block(n *html.Node) {
	if skipped(n) {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.flush()
		return
	case atom.Img:
		w.pics.picture(&w.cur, n)
		return
	case atom.Table:
		if rows, ok := tableRows(n); ok {
			w.flush()
			w.line += writeTable(&w.out, rows)
			return
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush()
		w.level = int(n.Data[1] - '0')
		w.children(n)
		w.flush()
		return
	}
	if isBlock(n) {
		w.flush()
		w.children(n)
		w.flush()
		return
	}
	w.children(n)
}

func (w *htmlWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.block(c)
	}
}

// text adds text to the line, white space collapsed as a browser does; a
// line break between two Chinese characters (a page's source wrapped in
// mid-sentence) is dropped, as CSS drops it, so that "1110.98\n万元"
// stays one figure.
func (w *htmlWriter) text(s string) {
	w.cur.WriteString(collapse(w.cur.String(), s))
}

// collapse is s with its HTML white space collapsed, given the text
// before it.
func collapse(before, s string) string {
	var b strings.Builder
	prev, _ := utf8.DecodeLastRuneInString(before)
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && strings.IndexByte(" \t\n\r\f", s[j]) >= 0 {
			j++
		}
		if j > i {
			next, _ := utf8.DecodeRuneInString(s[j:])
			wide := strings.ContainsAny(s[i:j], "\n\r") && isWide(prev) && (j == len(s) || isWide(next))
			if !wide && prev != ' ' && prev != utf8.RuneError {
				b.WriteByte(' ')
				prev = ' '
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+n])
		prev = r
		i += n
	}
	return b.String()
}

// isWide reports whether r is a CJK character or full-width punctuation.
func isWide(r rune) bool { return r >= 0x2E80 && r != utf8.RuneError }

// flush ends the line being written, if it holds any text.
func (w *htmlWriter) flush() {
	s := strings.TrimSpace(w.cur.String())
	w.cur.Reset()
	level := w.level
	w.level = 0
	if s == "" {
		return
	}
	if level > 0 {
		w.headings[w.line] = level
	}
	w.out.WriteString(s)
	w.out.WriteByte('\n')
	w.line++
}

// levels turns the page's h levels into the heading levels SplitText
// takes from Word: the title's line is the title, not a heading, and the
// highest level used below it is level 1 (a section), the next level 2 and
// so on, since pages differ in which h they start at.
func (w *htmlWriter) levels() map[int]int {
	delete(w.headings, 1)
	used := map[int]bool{}
	for _, h := range w.headings {
		used[h] = true
	}
	rank := map[int]int{}
	for h, r := 1, 1; h <= 6; h++ {
		if used[h] {
			rank[h] = r
			r++
		}
	}
	out := map[int]int{}
	for line, h := range w.headings {
		if rank[h] <= 3 {
			out[line] = rank[h]
		}
	}
	return out
}

func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Section, atom.Article, atom.Main,
		atom.Blockquote, atom.Pre, atom.Dl, atom.Dt, atom.Dd, atom.Tr, atom.Td, atom.Th,
		atom.Caption, atom.Center, atom.Figure, atom.Figcaption, atom.Hr, atom.Table,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Body, atom.Html:
		return true
	}
	return false
}

// tableRows reads a data table's cells, a merged cell's place in the rows
// it spans kept empty so that the table stays rectangular. A table that
// holds another table lays out the page and is not data: ok is false.
func tableRows(t *html.Node) ([][]string, bool) {
	var trs []*html.Node
	for n := range t.Descendants() {
		switch {
		case n.DataAtom == atom.Table:
			return nil, false
		case n.DataAtom == atom.Tr:
			trs = append(trs, n)
		}
	}
	var rows [][]string
	spans := map[int]int{} // rows still covered by a rowspan, by column
	for _, tr := range trs {
		var row []string
		fill := func() {
			for spans[len(row)] > 0 {
				spans[len(row)]--
				row = append(row, "")
			}
		}
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				continue
			}
			fill()
			cw := &htmlWriter{headings: map[int]int{}}
			cw.children(c)
			cw.flush()
			row = append(row, strings.TrimSuffix(cw.out.String(), "\n"))
			col := len(row) - 1
			if n := attrInt(c, "rowspan"); n > 1 {
				spans[col] = n - 1
			}
			for range min(attrInt(c, "colspan"), 100) - 1 {
				row = append(row, "")
			}
		}
		fill()
		rows = append(rows, row)
	}
	return rows, true
}

func attrInt(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil {
				return v
			}
		}
	}
	return 1
}
