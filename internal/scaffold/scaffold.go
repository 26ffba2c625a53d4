// Package scaffold writes the starting files of a new site or a new report
// (gongkai new): a site.toml whose every key is explained, and a report
// bundle with the nine standard sections of a 部门整体支出绩效自评报告, each
// with a hint and, where they belong, data block templates to fill in.
//
// The templates are embedded from templates/. What they write is a source
// tree like any other: it builds at once, and gongkai check lists what is
// left to fill in (empty sections) as warnings, never as errors.
//
// A scaffold is written whole or not at all: into a hidden folder beside its
// place, then renamed into it (see create).
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"text/template"
	"unicode"
	"unicode/utf8"
)

//go:embed templates
var templateFS embed.FS

// templates are parsed once, when gongkai new first needs them, not at
// the start of every command; a template is safe to execute in parallel.
var templates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{"toml": TOMLString}).
		ParseFS(templateFS, "templates/site/*", "templates/report/*"))
})

// file is one file of a scaffold: its slash path under the new folder and
// the template that writes it.
type file struct {
	name     string
	template string
}

// render executes each file's template with data.
func render(files []file, data any) (map[string][]byte, error) {
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		var b bytes.Buffer
		if err := templates().ExecuteTemplate(&b, f.template, data); err != nil {
			return nil, fmt.Errorf("生成 %s：%w", f.name, err)
		}
		out[f.name] = b.Bytes()
	}
	return out, nil
}

// TOMLString quotes s as a TOML basic string, for every file gongkai
// writes front matter into (new, import). strconv.Quote would not do:
// TOML knows no \a, \v or \x escapes.
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// checkText rejects a name given on the command line that cannot stand in a
// title: empty, not UTF-8, or holding control characters, which a page
// cannot show.
func checkText(what, s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return fmt.Errorf("%s不能为空", what)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s不是 UTF-8 编码的文字", what)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Bidi_Control, r) }) >= 0:
		return fmt.Errorf("%s %q 含有控制字符（如换行）", what, s)
	}
	return nil
}
