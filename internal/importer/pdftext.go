package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What pdftotext -layout prints is the page as a grid of characters: every
// line of the page layout is a line, pages are separated by \f, every page
// repeats its running header and footer, and a space stands wherever the
// layout left a gap, also between a Han character and a figure set in
// another font ("2023 年度"). PDFText undoes what the layout added, so that
// the text reads as the document's author typed it.

var (
	// pageNumber is a line that is only a page number: "第 1 页", "第1页共3页",
	// "- 1 -", "— 2 —", "1/17", "3".
	pageNumber = regexp.MustCompile(`^(?:第\s*[0-9]+\s*页(?:\s*[，,/／]?\s*共\s*[0-9]+\s*页)?|[-－—–]\s*[0-9]+\s*[-－—–]|[0-9]+\s*[/／]\s*[0-9]+|[0-9]{1,4}|[Pp]age\s*[0-9]+(?:\s*of\s*[0-9]+)?)$`)
	// digits are the runs a page's header or footer changes from page to
	// page.
	digits = regexp.MustCompile(`[0-9]+`)
	// hanSpace and spaceHan are a space the layout put between a Han
	// character (or full-width punctuation) and a figure or Latin letter.
	hanSpace = regexp.MustCompile(`([\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}“”‘’])[ ]+([0-9A-Za-z])`)
	spaceHan = regexp.MustCompile(`([0-9A-Za-z%])[ ]+([\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}“”‘’])`)
	// listStart is a line that begins a list item or a heading, which no
	// line broken by the layout does: "1.", "（2）", "①", "第三章".
	listStart = regexp.MustCompile(`^(?:[0-9]{1,2}\s*[.．、)）]|[（(]\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、，．]|[①-⑳]|第[一二三四五六七八九十0-9]{1,3}[章节部分条])`)
	// gap separates the cells of a table row: two spaces or more.
	gap = regexp.MustCompile(` {2,}`)
)

// minPageText is the fewest characters (not counting white space) a page
// with a text layer has; a page with fewer is an image: a scan.
const minPageText = 5

// PDFText turns what pdftotext -layout printed for the PDF file name into
// the text the importer splits: page numbers and the running header and
// footer left out, the lines the page broke a paragraph into joined, the
// spaces the layout put between Han characters and figures removed, and
// tables whose columns line up written as Markdown tables. A PDF without a
// text layer (a scan) is an error that says so, never an empty import.
func PDFText(name, layout string) (*Text, error) {
	pages := strings.Split(strings.ReplaceAll(layout, "\r\n", "\n"), "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1] // the \f after the last page
	}
	lines := make([][]string, len(pages))
	for i, p := range pages {
		for l := range strings.SplitSeq(p, "\n") {
			lines[i] = append(lines[i], strings.TrimRight(l, " \t\r"))
		}
	}
	dropped := dropRunning(lines)
	var empty []string
	text := 0
	for i, p := range lines {
		n := 0
		for _, l := range p {
			n += utf8.RuneCountInString(strings.Join(strings.Fields(l), ""))
		}
		if n < minPageText {
			empty = append(empty, fmt.Sprint(i+1))
		}
		text += n
	}
	if text < minPageText*len(lines) || len(empty) == len(lines) {
		return nil, fmt.Errorf("%s 是扫描件，没有文字层，无法导入；请先做文字识别（OCR），或找到原始的 Word 文档", name)
	}
	t := &Text{Name: name}
	t.Notes = append(t.Notes, fmt.Sprintf("已用 pdftotext 取出 %d 页文字；PDF 中的图片没有导入", len(lines)))
	if len(empty) > 0 && len(lines) > 1 {
		t.Notes = append(t.Notes, fmt.Sprintf("第 %s 页几乎没有文字（可能是扫描的图片），这些页的内容没有导入，请对照原文补上", strings.Join(empty, "、")))
	}
	if dropped > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("去掉了页码和每页重复的页眉页脚 %d 行", dropped))
	}
	// The pages run on into each other: a paragraph the page broke goes
	// on at the top of the next, below the blank lines the header and
	// footer left.
	var all []pdfLine
	for _, p := range lines {
		all = append(all, trimBlank(pageLines(p))...)
	}
	body, joined := layoutText(all)
	if joined > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("把排版断开的 %d 行接回了原来的段落", joined))
	}
	t.Body = body
	if strings.TrimSpace(t.Body) == "" {
		return nil, fmt.Errorf("%s 中没有文字，没有可导入的内容", name)
	}
	return t, nil
}

// dropRunning blanks, on every page, the lines that are a page number or a
// running header or footer: among the first and last three lines of a page,
// one that is a page number, or that stands (its figures aside) at the top
// or bottom of most pages. Each repeated line is dropped once per page, so
// that a title page whose header repeats the title keeps its title. It
// returns how many lines it dropped.
func dropRunning(pages [][]string) int {
	const edge = 3
	key := func(s string) string { return digits.ReplaceAllString(strings.Join(strings.Fields(s), ""), "#") }
	// ends gives the indexes of a page's first and last edge non-blank
	// lines.
	ends := func(p []string) []int {
		var idx []int
		for i := 0; i < len(p) && len(idx) < edge; i++ {
			if strings.TrimSpace(p[i]) != "" {
				idx = append(idx, i)
			}
		}
		n := 0
		for i := len(p) - 1; i >= 0 && n < edge; i-- {
			if strings.TrimSpace(p[i]) != "" && !slices.Contains(idx, i) {
				idx = append(idx, i)
				n++
			}
		}
		return idx
	}
	seen := map[string]int{}
	for _, p := range pages {
		keys := map[string]bool{}
		for _, i := range ends(p) {
			keys[key(p[i])] = true
		}
		for k := range keys {
			seen[k]++
		}
	}
	repeated := func(k string) bool {
		n := seen[k]
		return len(pages) >= 2 && n >= 2 && n*5 >= len(pages)*3
	}
	dropped := 0
	for _, p := range pages {
		done := map[string]bool{}
		for _, i := range ends(p) {
			s := strings.TrimSpace(p[i])
			k := key(s)
			if pageNumber.MatchString(s) || repeated(k) && !done[k] {
				done[k] = true
				p[i] = ""
				dropped++
			}
		}
	}
	return dropped
}

// pdfLine is a line of a page: its text as pdftotext laid it out, its
// indent relative to the page's leftmost line, and its cells when it is a
// row of a table.
type pdfLine struct {
	text   string // without the page's common indent
	indent int
	cells  []span
}

// span is a run of text on a line and the grid columns (runes) it covers.
type span struct {
	text       string
	start, end int
}

// pageLines gives a page's lines without the indent every line of the
// page has: pdftotext measures each page from its own leftmost text.
func pageLines(p []string) []pdfLine {
	common := -1
	for _, l := range p {
		if s := strings.TrimLeft(l, " "); s != "" {
			if n := len(l) - len(s); common < 0 || n < common {
				common = n
			}
		}
	}
	var out []pdfLine
	for _, l := range p {
		if strings.TrimSpace(l) == "" {
			out = append(out, pdfLine{})
			continue
		}
		l = l[common:]
		out = append(out, pdfLine{text: l, indent: len(l) - len(strings.TrimLeft(l, " "))})
	}
	return out
}

// trimBlank drops the blank lines at the top and bottom of a page.
func trimBlank(p []pdfLine) []pdfLine {
	for len(p) > 0 && p[0].text == "" {
		p = p[1:]
	}
	for len(p) > 0 && p[len(p)-1].text == "" {
		p = p[:len(p)-1]
	}
	return p
}

// words splits a line into its runs of text separated by a space or more,
// with their grid columns; with sep = gap, into its cells.
func words(s string, sep *regexp.Regexp) []span {
	var out []span
	at := 0
	for _, m := range append(sep.FindAllStringIndex(s, -1), []int{len(s), len(s)}) {
		if w := s[at:m[0]]; strings.TrimSpace(w) != "" {
			lead := len(w) - len(strings.TrimLeft(w, " "))
			w = strings.TrimSpace(w)
			start := utf8.RuneCountInString(s[:at+lead])
			out = append(out, span{text: w, start: start, end: start + utf8.RuneCountInString(w)})
		}
		at = m[1]
	}
	return out
}

var oneSpace = regexp.MustCompile(` +`)

// layoutText writes the lines as the importer's text: tables as Markdown
// tables (or, where their columns do not line up, one row a line), and
// paragraphs joined again where the layout broke them. It returns the text
// and how many line breaks it removed.
func layoutText(lines []pdfLine) (string, int) {
	for i := range lines {
		if c := words(lines[i].text, gap); len(c) >= 2 {
			lines[i].cells = c
		}
	}
	full := fullWidth(lines)
	var out []string
	joined := 0
	for i := 0; i < len(lines); i++ {
		if end := tableEnd(lines, i); end > i {
			out = append(out, table(lines[i:end])...)
			i = end - 1
			continue
		}
		l := lines[i]
		s := strings.TrimSpace(l.text)
		if s == "" {
			out = append(out, "")
			continue
		}
		// A paragraph goes on while its line reached the right margin and
		// the next line is neither indented as a new paragraph nor a
		// heading or list item.
		for i+1 < len(lines) && tableEnd(lines, i+1) <= i+1 && joins(lines[i], lines[i+1], full) {
			next := strings.TrimSpace(lines[i+1].text)
			last, _ := utf8.DecodeLastRuneInString(s)
			first, _ := utf8.DecodeRuneInString(next)
			if last < utf8.RuneSelf && first < utf8.RuneSelf && isAlnum(last) && isAlnum(first) {
				s += " "
			}
			s += next
			joined++
			i++
		}
		out = append(out, unspace(oneSpace.ReplaceAllString(s, " ")))
	}
	return strings.Join(out, "\n") + "\n", joined
}

// joins says whether next continues the paragraph of line.
func joins(line, next pdfLine, full int) bool {
	s, n := strings.TrimSpace(line.text), strings.TrimSpace(next.text)
	if s == "" || n == "" || next.indent >= 2 || listStart.MatchString(n) || pageNumber.MatchString(n) {
		return false
	}
	if _, _, ok := topHeading(s); ok || headingLevel(s) > 0 {
		return false
	}
	return displayWidth(line.text) >= full*4/5
}

// fullWidth is the width of a paragraph's line that reaches the right
// margin: the ninetieth percentile of the lines that are not table rows,
// so that one over-long line does not set it.
func fullWidth(lines []pdfLine) int {
	var w []int
	for _, l := range lines {
		if l.cells == nil && strings.TrimSpace(l.text) != "" {
			w = append(w, displayWidth(l.text))
		}
	}
	if len(w) == 0 {
		return 0
	}
	slices.Sort(w)
	return w[len(w)*9/10]
}

// displayWidth counts a Han character or full-width form as two columns,
// anything else as one: the printed width, which is what reaching the
// right margin means.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if printedWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func printedWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60 || r == '“' || r == '”' || r == '‘' || r == '’'
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// unspace removes the spaces the layout put between Han characters and
// figures: "2023 年度" is "2023年度" in the document.
func unspace(s string) string {
	// Twice, since a match consumes the Han character a second match
	// would start from: "年 2023 年".
	for range 2 {
		s = hanSpace.ReplaceAllString(s, "$1$2")
		s = spaceHan.ReplaceAllString(s, "$1$2")
	}
	return s
}
