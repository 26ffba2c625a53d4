package source

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/report"
)

// validID is what every name that becomes part of a URL or an output path
// must be: a report folder's slug, an org_id, a data block's id (its chart
// figures are written as data/ID.csv).
var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// idRule says what validID accepts, for messages.
const idRule = "只能用小写英文字母、数字和连字符，如 yanling-traffic-police"

// valuePos is where the value of the key at keyPath is written: after the
// "=", at its first character. A key the index does not hold (one in an
// inline table) gives the nearest enclosing key's place.
func valuePos(doc *document, keyPath string) report.Pos {
	ix := doc.index()
	pos, ok := ix.pos[keyPath]
	if !ok {
		return ix.find(keyPath)
	}
	line, ok := fmLine(doc, pos.Line)
	if !ok {
		return pos
	}
	// The key starts at pos.Col (in characters); the value after the
	// first "=" from there. A quoted key holds no "=" that decodeSimple or
	// indexKeys would have indexed as a key, so the first "=" is the one.
	rest := line
	for range pos.Col - 1 {
		_, n := utf8.DecodeRuneInString(rest)
		rest = rest[n:]
	}
	eq := strings.IndexByte(rest, '=')
	if eq < 0 {
		return pos
	}
	value := strings.TrimLeft(rest[eq+1:], " \t")
	pos.Col = utf8.RuneCountInString(line[:len(line)-len(value)]) + 1
	return pos
}

// fmLine returns line n of the file from the document's front matter.
func fmLine(doc *document, n int) (string, bool) {
	i := n - doc.fmLine
	if i < 0 {
		return "", false
	}
	rest := doc.fm
	for ; i > 0; i-- {
		j := strings.IndexByte(rest, '\n')
		if j < 0 {
			return "", false
		}
		rest = rest[j+1:]
	}
	line, _, _ := strings.Cut(rest, "\n")
	return line, true
}

// checkIDs rejects a data block id that is no valid id: the id names files
// of the report's output folder, so "../data" would replace its data.csv.
func (l *loader) checkIDs(doc *document, d *report.Data) {
	check := func(key string, i int, id string) {
		// A missing id is reported as missing.
		if id != "" && !validID.MatchString(id) {
			l.errs.add(valuePos(doc, key+"["+strconv.Itoa(i)+"].id"), "数据块 id %s 会成为文件名的一部分（在报告的 data/ 目录中），%s", quoteName(id), idRule)
		}
	}
	for i, b := range d.Budgets {
		check("budget", i, b.ID)
	}
	for i, b := range d.Counts {
		check("counts", i, b.ID)
	}
	for i, b := range d.Metrics {
		check("metrics", i, b.ID)
	}
}

// badName says what is wrong with one component of an attachment's path,
// or "" when nothing is. Units name their files in Chinese (绩效自评表.pdf),
// so much is allowed; but a name must read the same on every system and in
// every browser, and must not climb out of the report's folder.
func badName(name string) string {
	switch {
	case !utf8.ValidString(name):
		return "不是 UTF-8 编码"
	case name == "." || name == "..":
		return "不能是 . 或 .."
	case strings.HasPrefix(name, "."):
		return "不能以 . 开头"
	case strings.ContainsRune(name, '\\'):
		return "不能含反斜杠（\\）"
	}
	for _, r := range name {
		// A control character cannot be typed or shown; a bidirectional
		// control shows a name reversed ("fdp.exe" as "exe.pdf").
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Bidi_Control, r) {
			return fmt.Sprintf("不能含控制字符（%U）", r)
		}
	}
	return ""
}

// quoteName shows a name in a message as it is, unless it holds what a
// terminal would not show or would act on: then quoted with escapes.
func quoteName(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool {
		return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Bidi_Control, r) || r == '"'
	}) < 0 {
		return `"` + s + `"`
	}
	return strconv.Quote(s)
}

// showPath is p for a message's position: as it is, unless it holds what
// quoteName would escape, which it then escapes in the same way.
func showPath(p string) string {
	q := quoteName(p)
	if q == `"`+p+`"` {
		return p
	}
	return q[1 : len(q)-1]
}

// checkBaseURL rejects a base_url that is not an absolute http or https URL
// with a host: it is written into feed.xml and sitemap.xml, where a
// "javascript:" URL would be a link a reader may follow.
func (l *loader) checkBaseURL(doc *document, c *report.Config) {
	if c.BaseURL == "" {
		return
	}
	u, err := url.Parse(c.BaseURL)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil {
		return
	}
	l.errs.add(valuePos(doc, "base_url"), "base_url %s 应为以 http:// 或 https:// 开头的完整网址，如 https://www.example.gov.cn/gongkai/（或不写）", quoteName(c.BaseURL))
}

// ValidID reports whether s may name a report folder, an org_id or a data
// block id, so that tools writing a source tree (gongkai new) accept the
// same names the loader does.
func ValidID(s string) bool { return validID.MatchString(s) }

// IDRule says what ValidID accepts, for messages.
const IDRule = idRule

// ValidYear reports whether s may name a year folder under content/.
func ValidYear(s string) bool { return yearDir.MatchString(s) }
