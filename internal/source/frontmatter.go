package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/encoding/simplifiedchinese"

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
	keys   *keyIndex // made on first use by index
}

// release lets the document's key index go to the next front matter once
// the document is decoded and checked; index makes a new one if asked.
func (d *document) release() {
	if d.keys != nil {
		d.keys.release()
		d.keys = nil
	}
}

// index returns where the front matter writes each key.
func (d *document) index() *keyIndex {
	if d.keys == nil {
		d.keys = indexKeys(d.path, d.fm, d.fmLine)
	}
	return d.keys
}

// split separates front matter from body. The body keeps the file's line
// count (front matter lines become empty lines), so a line in the body is the
// same line in the file. split owns data: the body is the tail of it, with the
// front matter's last bytes overwritten by newlines, not a copy.
func split(path string, data []byte) (*document, *Error) {
	if !utf8.Valid(data) {
		return nil, notUTF8(path, data)
	}
	return splitChecked(path, data, true)
}

// splitChecked is split of a file whose bytes are not checked for UTF-8
// again: one the load read and checked, read again to render (Reread).
// Report.Restore compares each body with the one the load read, and a file
// that changed meanwhile is refused there, so the check would only repeat
// itself, over every byte of a province's texts. Without fm, the front
// matter is not kept either: Reread needs the bodies alone.
func splitChecked(path string, data []byte, fm bool) (*document, *Error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		if e := loneCR(path, data); e != nil {
			return nil, e
		}
	}
	doc := &document{path: path}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != delim {
		doc.body = report.NewText(report.Pos{Path: path, Line: 1}, data)
		return doc, nil
	}
	// Line i of the front matter starts at off; next is where the line
	// after it starts.
	start := min(len(first)+1, len(data))
	for i, off := 0, start; off < len(data); i++ {
		next := len(data)
		if n := bytes.IndexByte(data[off:], '\n'); n >= 0 {
			next = off + n + 1
		}
		if string(bytes.TrimRight(data[off:next], " \t\n")) != delim {
			off = next
			continue
		}
		doc.hasFM = true
		if fm {
			doc.fm = string(data[start:off])
		}
		doc.fmLine = 2
		// The opening line, i lines of TOML and the closing line become
		// i+2 empty lines; they took at least as many bytes.
		body := data[next-(i+2):]
		for j := range i + 2 {
			body[j] = '\n'
		}
		doc.body = report.NewText(report.Pos{Path: path, Line: 1}, body)
		return doc, nil
	}
	return nil, &Error{Pos: report.Pos{Path: path, Line: 1, Col: 1}, Msg: "front matter 没有结束：找不到第二行 “+++”"}
}

// loneCR reports a carriage return that ends no CRLF: a file saved with the
// line endings of the classic Mac OS, which TOML does not allow and which
// would otherwise read as one long line with no front matter.
func loneCR(path string, data []byte) *Error {
	i := bytes.IndexByte(data, '\r')
	if i < 0 {
		return nil
	}
	const fix = "，gongkai 只认 LF（\\n）或 CRLF（\\r\\n）：请在编辑器中另存为 LF 或 CRLF（如“Unix”或“Windows”换行格式）"
	// A file of CR line endings may still end in CRLF, or hold one LF
	// pasted in: more lone CRs than LFs make it a CR file.
	if bytes.Count(data, []byte("\r")) >= bytes.Count(data, []byte("\n")) {
		return &Error{Pos: report.Pos{Path: path}, Msg: "文件使用 CR（\\r）作为换行符（旧版 Mac 格式）" + fix}
	}
	line, col := lineCol(string(data), i)
	return &Error{Pos: report.Pos{Path: path, Line: line, Col: col}, Msg: "这一行以单独的 CR（\\r）结束" + fix}
}

// notUTF8 points at the first byte that is not UTF-8, and says whether the
// file is GB18030 (GBK): what Chinese office software and Notepad often save.
// Converting the file keeps its text; guessing here would not, so the text is
// never shown decoded (a wrong guess would be mojibake).
func notUTF8(path string, data []byte) *Error {
	line, col := 1, 1
	for rest := data; len(rest) > 0; {
		r, n := utf8.DecodeRune(rest)
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		rest = rest[n:]
	}
	e := &Error{Pos: report.Pos{Path: path, Line: line, Col: col}, Code: "ENCODING"}
	if isGB18030(data) {
		e.Msg = fmt.Sprintf("文件是 GB18030/GBK 编码（中文版 Office、记事本常用），gongkai 只读 UTF-8。请在站点源目录中运行以下命令转换后再试：iconv -f GB18030 -t UTF-8 %s -o %s && mv %s %s（或在编辑器中“另存为”，编码选 UTF-8）",
			shellQuote(path), shellQuote(path+".utf8"), shellQuote(path+".utf8"), shellQuote(path))
		return e
	}
	e.Msg = "文件不是 UTF-8 编码，也不像 GB18030/GBK；请在编辑器中“另存为”，编码选 UTF-8"
	return e
}

// isGB18030 reports whether data reads as GB18030 throughout: every byte
// sequence valid, and some Chinese characters in it.
func isGB18030(data []byte) bool {
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return false
	}
	for _, r := range string(text) {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(p string) string {
	if strings.IndexFunc(p, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) < 0 {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// parse decodes the front matter as TOML into a generic table. A syntax error
// is reported at its line in the whole file and its column in characters.
func (d *document) parse() (map[string]any, *Error) {
	if m, ix, ok := decodeSimple(d.path, d.fm, d.fmLine); ok {
		d.keys = ix
		return m, nil
	}
	// What decodeSimple does not read may nest; BurntSushi/toml's time
	// grows steeply with the depth.
	if off := tomlDepth(d.fm); off >= 0 {
		line, col := lineCol(d.fm, off)
		return nil, &Error{Pos: report.Pos{Path: d.path, Line: d.fmLine + line - 1, Col: col}, Msg: fmt.Sprintf("嵌套层数超过 %d 层（数组“[”或内联表“{”层层相套）：请减少嵌套", MaxDepth)}
	}
	m := map[string]any{}
	_, err := toml.Decode(d.fm, &m)
	if err == nil {
		return m, nil
	}
	pos := report.Pos{Path: d.path, Line: d.fmLine, Col: 1}
	prefix, msg := "TOML 语法错误：", err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg = pe.Message
		if m, ok := outOfRange(msg); ok {
			prefix, msg = "", m
		}
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
	return nil, &Error{Pos: pos, Msg: prefix + msg}
}

// lineCol turns a byte offset into a 1-based line and a column in characters.
func lineCol(s string, off int) (line, col int) {
	off = min(max(off, 0), len(s))
	before := s[:off]
	line = strings.Count(before, "\n") + 1
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCountInString(before[lineStart:]) + 1
}
