package quality

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strconv"
)

// The page's template, style and script, one file each so that each reads
// as what it is. The style and script are inlined: the page is one file
// that opens from a disk or a mail attachment, with nothing beside it.
//
//go:embed page.html page.css page.js
var files embed.FS

var (
	page      = template.Must(template.ParseFS(files, "page.html"))
	pageStyle = mustRead("page.css")
	pageJS    = mustRead("page.js")
)

func mustRead(name string) string {
	data, err := files.ReadFile(name)
	if err != nil {
		panic(err) // embedded above: cannot happen
	}
	return string(data)
}

// WriteHTML writes the report as one self-contained HTML page.
//
// The page carries its own Content-Security-Policy, which allows its one
// style and one script by their hashes and nothing else: were a finding's
// text ever to get past the template's escaping, no script of it could run.
// A stricter policy of the server that hosts the page (default-src 'self')
// blocks the inline style and script too; the page is written to be
// complete without them — see page.html.
func (q *Report) WriteHTML(w io.Writer) error {
	data := struct {
		*Report
		CSS template.CSS
		JS  template.JS
		CSP string
	}{q, template.CSS(pageStyle), template.JS(pageJS),
		fmt.Sprintf("default-src 'none'; style-src '%s'; script-src '%s'; base-uri 'none'; form-action 'none'", hash(pageStyle), hash(pageJS))}
	if err := page.Execute(w, data); err != nil {
		return fmt.Errorf("写质量报告：%w", err)
	}
	return nil
}

// hash is a CSP source expression for an inline element's text.
func hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Reports is how many reports the summary lists.
func (q *Report) Reports() int {
	n := 0
	for _, u := range q.Units {
		if u.Dir != "" {
			n++
		}
	}
	return n
}

// Total is how many findings the unit has.
func (u *Unit) Total() int { return u.Errors + u.Warnings + u.Infos }

// Name is the unit's name, or what the site's own files are called.
func (u *Unit) Name() string {
	if u.Dir == "" {
		return "全站文件（site.toml、模板等）"
	}
	return u.Org
}

// YearText is the year as the page shows it.
func (u *Unit) YearText() string {
	if u.Year == 0 {
		return "—"
	}
	return strconv.Itoa(u.Year) + "年度"
}

// YearValue is the year as the filter matches it; empty for none.
func (u *Unit) YearValue() string {
	if u.Year == 0 {
		return ""
	}
	return strconv.Itoa(u.Year)
}
