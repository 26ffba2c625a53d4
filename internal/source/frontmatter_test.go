package source

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     string
		hasFM  bool
		fm     string
		body   string
		errStr string
	}{
		{name: "no front matter", in: "# 标题\n正文\n", body: "# 标题\n正文\n"},
		{name: "empty", in: "", body: ""},
		{name: "front matter and body", in: "+++\ntitle = \"一\"\n+++\n正文\n", hasFM: true, fm: "title = \"一\"\n", body: "\n\n\n正文\n"},
		{name: "empty front matter", in: "+++\n+++", hasFM: true, fm: "", body: "\n\n"},
		{name: "trailing spaces on delimiters", in: "+++ \t\nx = 1\n+++  \nb", hasFM: true, fm: "x = 1\n", body: "\n\n\nb"},
		{name: "CRLF", in: "+++\r\nx = 1\r\n+++\r\nb\r\n", hasFM: true, fm: "x = 1\n", body: "\n\n\nb\n"},
		{name: "BOM", in: "\uFEFF+++\nx = 1\n+++\n", hasFM: true, fm: "x = 1\n", body: "\n\n\n"},
		{name: "+++ later in the body is text", in: "+++\nx = 1\n+++\na\n+++\n", hasFM: true, fm: "x = 1\n", body: "\n\n\na\n+++\n"},
		{name: "indented delimiter is not one", in: " +++\nx\n", body: " +++\nx\n"},
		{name: "unterminated", in: "+++\nx = 1\n", errStr: "f.md:1:1: front matter 没有结束：找不到第二行 “+++”"},
		{name: "only a delimiter", in: "+++", errStr: "f.md:1:1: front matter 没有结束：找不到第二行 “+++”"},
		{name: "not UTF-8 on line 1", in: "\xd6\xd0", errStr: "f.md:1:1: 文件是 GB18030/GBK 编码（中文版 Office、记事本常用），gongkai 只读 UTF-8。请在站点源目录中运行以下命令转换后再试：iconv -f GB18030 -t UTF-8 f.md -o f.md.utf8 && mv f.md.utf8 f.md（或在编辑器中“另存为”，编码选 UTF-8）"},
		{name: "not UTF-8 after CRLF", in: "+++\r\n中\xd6\xd0", errStr: "f.md:2:2: 文件不是 UTF-8 编码，也不像 GB18030/GBK；请在编辑器中“另存为”，编码选 UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, e := split("f.md", []byte(tt.in))
			if tt.errStr != "" {
				if e == nil || e.Error() != tt.errStr {
					t.Fatalf("error = %v, want %s", e, tt.errStr)
				}
				return
			}
			if e != nil {
				t.Fatal(e)
			}
			if doc.hasFM != tt.hasFM || doc.fm != tt.fm || string(doc.body.Source) != tt.body {
				t.Errorf("split = %v %q %q, want %v %q %q", doc.hasFM, doc.fm, doc.body.Source, tt.hasFM, tt.fm, tt.body)
			}
			if tt.hasFM && doc.fmLine != 2 {
				t.Errorf("fmLine = %d, want 2", doc.fmLine)
			}
			if doc.body.Pos.String() != "f.md:1" {
				t.Errorf("body Pos = %s, want f.md:1", doc.body.Pos)
			}
			// The body keeps the line numbers of the file. (A file that ends
			// in its closing delimiter gains a final newline.)
			if strings.HasSuffix(tt.in, "+++") {
				return
			}
			if got, want := strings.Count(string(doc.body.Source), "\n"), strings.Count(strings.ReplaceAll(tt.in, "\r\n", "\n"), "\n"); got != want {
				t.Errorf("body has %d lines, the file %d", got, want)
			}
		})
	}
}

func TestLineCol(t *testing.T) {
	t.Parallel()
	s := "ab\n中文x\n"
	tests := []struct{ off, line, col int }{
		{0, 1, 1},
		{2, 1, 3},
		{3, 2, 1},
		{6, 2, 2}, // after 中: one character, three bytes
		{9, 2, 3},
		{10, 2, 4},
		{11, 3, 1},
		{-5, 1, 1},
		{100, 3, 1},
	}
	for _, tt := range tests {
		if line, col := lineCol(s, tt.off); line != tt.line || col != tt.col {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestNotUTF8(t *testing.T) {
	t.Parallel()
	// 中文报告 in GB18030.
	e := notUTF8("content/2023/单位 甲/01.md", []byte("+++\ntitle = \"\xd6\xd0\xce\xc4\xb1\xa8\xb8\xe6\"\n+++\n"))
	if e.Code != "ENCODING" || e.Pos.String() != "content/2023/单位 甲/01.md:2:10" {
		t.Errorf("error = %v (code %q)", e, e.Code)
	}
	if !strings.Contains(e.Msg, `iconv -f GB18030 -t UTF-8 'content/2023/单位 甲/01.md' -o 'content/2023/单位 甲/01.md.utf8'`) {
		t.Errorf("the command does not quote the path: %s", e.Msg)
	}
	// Bytes that are neither UTF-8 nor GB18030 are not called GB18030.
	if e := notUTF8("x.md", []byte("a\xff\xfe")); strings.Contains(e.Msg, "iconv") || e.Code != "ENCODING" {
		t.Errorf("error = %v", e)
	}
	for in, want := range map[string]string{"a/b.md": "a/b.md", "a b.md": "'a b.md'", "it's.md": `'it'\''s.md'`, "报告.md": "报告.md"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzSplit checks split's promises on any file: the body has the file's
// lines, the front matter's as empty lines and the rest as written, and the
// front matter is the text between the delimiters.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "+++", "+++\n+++", "+++\n+++\n", "+++\na = 1\n+++\n正文\n", "\uFEFF+++\r\na = 1\r\n+++ \r\n一\r\n二",
		"+++\n\n\n+++\n\n", "+++ \t\n+++", "正文\n+++\n", "+++\n+++\n+++\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
		doc, err := split("f.md", bytes.Clone(data))
		if err != nil {
			if utf8.Valid(data) && !strings.HasPrefix(strings.TrimRight(strings.SplitN(want, "\n", 2)[0], " \t"), "+++") {
				t.Fatalf("split failed on a file without front matter: %v", err)
			}
			return
		}
		lines, body := strings.Split(want, "\n"), strings.Split(string(doc.body.Source), "\n")
		if doc.hasFM && len(body) == len(lines)+1 && len(lines) == strings.Count(doc.fm, "\n")+2 {
			// A closing delimiter without a newline still ends its line.
			body = body[:len(lines)]
		}
		if len(body) != len(lines) {
			t.Fatalf("body has %d lines, the file %d", len(body), len(lines))
		}
		if !doc.hasFM {
			if string(doc.body.Source) != want {
				t.Fatalf("body = %q, want the file", doc.body.Source)
			}
			return
		}
		fmLines := strings.Count(doc.fm, "\n")
		if got := strings.Join(lines[1:1+fmLines], "\n") + "\n"; fmLines > 0 && got != doc.fm {
			t.Fatalf("fm = %q, want %q", doc.fm, got)
		}
		for i, l := range body {
			switch {
			case i < fmLines+2 && l != "":
				t.Fatalf("body line %d = %q, want it empty", i+1, l)
			case i >= fmLines+2 && l != lines[i]:
				t.Fatalf("body line %d = %q, want %q", i+1, l, lines[i])
			}
		}
	})
}
