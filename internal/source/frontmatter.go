package source

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"gongkai/internal/report"
)

const delim = "+++"

// document is one Markdown file split into its front matter and body.
type document struct {
	path   string
	fm     string // the TOML between the delimiters
	fmLine int    // the file line of the first TOML line
	hasFM  bool
	body   report.Text
}

// split separates front matter from body. The body keeps the file's line
// count (front matter lines become empty lines), so a line in the body is the
// same line in the file.
func split(path string, data []byte) (*document, *Error) {
	if !utf8.Valid(data) {
		return nil, notUTF8(path, data)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	doc := &document{path: path}
	first, rest, _ := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t") != delim {
		doc.body = report.Text{Pos: report.Pos{Path: path, Line: 1}, Source: []byte(text)}
		return doc, nil
	}
	lines := strings.SplitAfter(rest, "\n")
	for i, l := range lines {
		if strings.TrimRight(l, " \t\n") != delim {
			continue
		}
		doc.hasFM = true
		doc.fm = strings.Join(lines[:i], "")
		doc.fmLine = 2
		body := strings.Repeat("\n", i+2) + strings.Join(lines[i+1:], "")
		doc.body = report.Text{Pos: report.Pos{Path: path, Line: 1}, Source: []byte(body)}
		return doc, nil
	}
	return nil, &Error{Pos: report.Pos{Path: path, Line: 1, Col: 1}, Msg: "front matter 没有结束：找不到第二行 “+++”"}
}

// notUTF8 points at the first byte that is not UTF-8. Chinese office software
// often saves GB18030 (GBK); converting keeps the text, guessing would not.
func notUTF8(path string, data []byte) *Error {
	line, col := 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return &Error{
		Pos: report.Pos{Path: path, Line: line, Col: col},
		Msg: "文件不是 UTF-8 编码（可能是 GB18030/GBK）；请先转换，例如：iconv -f GB18030 -t UTF-8 原文件 > 新文件",
	}
}

// parse decodes the front matter as TOML into a generic table. A syntax error
// is reported at its line in the whole file and its column in characters.
func (d *document) parse() (map[string]any, *Error) {
	m := map[string]any{}
	_, err := toml.Decode(d.fm, &m)
	if err == nil {
		return m, nil
	}
	pos := report.Pos{Path: d.path, Line: d.fmLine, Col: 1}
	msg := err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg = pe.Message
		line, col := lineCol(d.fm, pe.Position.Start)
		// The lexer counts a newline it stopped at as the next line already;
		// the offset, on the line at fault, is then the right place.
		start, end := pe.Position.Start, pe.Position.Start+max(pe.Position.Len, 1)
		atNewline := start >= 0 && end <= len(d.fm) && strings.Contains(d.fm[start:end], "\n")
		if pe.Position.Line > 0 && line != pe.Position.Line && !(atNewline && line+1 == pe.Position.Line) {
			// The offset is not where the parser says the line is; trust the line.
			line, col = pe.Position.Line, 1
		}
		pos.Line, pos.Col = d.fmLine+line-1, col
	}
	return nil, &Error{Pos: pos, Msg: "TOML 语法错误：" + msg}
}

// lineCol turns a byte offset into a 1-based line and a column in characters.
func lineCol(s string, off int) (line, col int) {
	off = min(max(off, 0), len(s))
	before := s[:off]
	line = strings.Count(before, "\n") + 1
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCountInString(before[lineStart:]) + 1
}
