package markdown

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark/ast"

	"gongkai/internal/report"
	"gongkai/internal/sample"
)

// proseString writes the prose lines of f one per line, each sentence as
// "line:col text", the sentences of a line joined by " | ".
func proseString(f Facts) string {
	var b strings.Builder
	lines := make([]string, len(f.Prose))
	for i, p := range f.Prose {
		lines[i] = p.Text
	}
	// ProseText is the lines joined: anything else shows as a first line.
	if joined := strings.Join(lines, "\n"); f.ProseText != joined {
		fmt.Fprintf(&b, "ProseText %q, lines joined %q\n", f.ProseText, joined)
	}
	for _, p := range f.Prose {
		rs := []rune(p.Text)
		var parts []string
		for start, end := range p.Sentences() {
			parts = append(parts, fmt.Sprintf("%d:%d %s", p.Line, p.Col(start), string(rs[start:end])))
		}
		b.WriteString(strings.Join(parts, " | ") + "\n")
	}
	return b.String()
}

func TestFactsProse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string // proseString's lines
	}{
		// Code is not prose, however deep it stands.
		{"fence in a blockquote", "> 引述：\n>\n> ```\n> ××\n> ```\n", []string{"1:3 引述："}},
		{"indented code in a list item", "- 项目\n\n      ××年\n", []string{"1:3 项目"}},
		{"tilde fence in a nested list", "- 甲\n  - 乙\n\n    ~~~\n    ××\n    ~~~\n", []string{"1:3 甲", "2:5 乙"}},
		{"indented code block", "    ××\n\n\t××\n", nil},
		{"chart fences in a list and a blockquote", "1. 甲\n\n   ```chart\n   data = \"××\"\n   ```\n\n> ~~~chart\n> data = \"××\"\n> ~~~\n", []string{"1:4 甲"}},
		{"raw HTML block", "<div>\n××\n</div>\n", nil},
		// A code span, raw HTML and an autolink cut the line into sentences.
		{"code span", "见`××`和**两方面**：一是\n", []string{"1:1 见 | 1:6 和两方面：一是"}},
		{"raw HTML inline and autolink", "甲<b>乙</b>丙 https://www.gov.cn 丁\n", []string{"1:1 甲 | 1:5 乙 | 1:10 丙  | 1:30  丁"}},
		{"link text is prose, its destination is not", "见[附件××](××.pdf)。\n", []string{"1:1 见附件××。"}},
		{"image alt text", "![图××](a.png)\n", []string{"1:3 图××"}},
		// Containers: the column is that of the source line.
		{"heading", "## 一、××单位\n\n标题\n===\n", []string{"1:4 一、××单位", "3:1 标题"}},
		{"blockquote and lazy continuation", "> 引用××\n> 第二\n续行\n", []string{"1:3 引用××", "2:3 第二", "3:1 续行"}},
		{"table cells", "| 项目 | ×× |\n|---|---|\n| a**b** | `c`d |\n", []string{"1:3 项目 | 1:8 ××", "3:3 ab | 3:15 d"}},
		{"list item with a tab", "- \t制表项××\n", []string{"1:4 制表项××"}},
		{"footnote definition in source order", "甲[^1]\n\n[^1]: 注××\n\n乙\n", []string{"1:1 甲", "3:7 注××", "5:1 乙"}},
		{"CRLF", "甲\r\n乙\r\n", []string{"1:1 甲", "2:1 乙"}},
		{"leading full-width spaces are text", "　　两方面\n", []string{"1:1 　　两方面"}},
	}
	c := New()
	for _, tt := range tests {
		got := proseString(c.Inspect([]byte(tt.src)))
		want := strings.Join(tt.want, "\n")
		if want != "" {
			want += "\n"
		}
		if got != want {
			t.Errorf("%s: %q\n got:\n%s\nwant:\n%s", tt.name, tt.src, got, want)
		}
	}
}

// TestFactsCol maps every character of a line back to its column: the
// markup between the words is skipped, and columns count characters.
func TestFactsCol(t *testing.T) {
	t.Parallel()
	f := New().Inspect([]byte("\n> **两方面**：*一是*[××](a)\n"))
	if len(f.Prose) != 1 {
		t.Fatalf("prose %v, want one line", f.Prose)
	}
	p := f.Prose[0]
	if p.Line != 2 || p.Text != "两方面：一是××" {
		t.Fatalf("line %d %q", p.Line, p.Text)
	}
	want := []int{5, 6, 7, 10, 12, 13, 16, 17}
	for i, w := range want {
		if got := p.Col(i); got != w {
			t.Errorf("Col(%d) = %d, want %d", i, got, w)
		}
	}
}

// TestFactsCharts converts chart fences inside a list item and a
// blockquote: the converter renders them as charts, and none of their
// lines is prose.
func TestFactsCharts(t *testing.T) {
	t.Parallel()
	a, err := txtar.ParseFile("testdata/chart_nested.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := section(a, "input")
	src = bytes.ReplaceAll(src, []byte("data = "), []byte("××data = "))
	r := &recordCharts{mark: "<figure></figure>"}
	var facts Facts
	if err := New().Convert(&bytes.Buffer{}, src, Options{Charts: r, Facts: &facts}); err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, c := range r.calls {
		lines = append(lines, c.line)
	}
	if !slices.Equal(lines, []int{5, 14}) {
		t.Errorf("charts at lines %v, want 5 and 14", lines)
	}
	for _, p := range facts.Prose {
		if strings.Contains(p.Text, "××") || (p.Line >= 5 && p.Line <= 8) || p.Line >= 14 {
			t.Errorf("chart line %d is prose: %q", p.Line, p.Text)
		}
	}
	// A conversion that fails on a chart has filled the facts already.
	var failed Facts
	if err := New().Convert(&bytes.Buffer{}, src, Options{Facts: &failed}); err == nil {
		t.Fatal("no chart renderer, no error")
	}
	if !reflect.DeepEqual(failed, facts) {
		t.Errorf("facts of a failed conversion differ:\n%v\n%v", failed, facts)
	}
}

// TestFactsLinks checks that the facts Convert fills list the links Inspect finds,
// and that Convert fills the facts Inspect reads, on every input of the
// golden tests and on the sample report's texts.
func TestFactsLinks(t *testing.T) {
	t.Parallel()
	var texts []string
	var srcs [][]byte
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata", err)
	}
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasPrefix(f.Name, "input") {
				texts = append(texts, file+" "+f.Name)
				srcs = append(srcs, f.Data)
			}
		}
	}
	site := sample.Site(t)
	for _, r := range site.Reports() {
		for _, tx := range append([]report.Text{r.Preface}, sectionBodies(r)...) {
			texts = append(texts, tx.Pos.Path)
			srcs = append(srcs, tx.Source)
		}
	}
	c := New()
	links := 0
	for i, src := range srcs {
		var facts Facts
		if err := c.Convert(&bytes.Buffer{}, src, Options{Charts: figureCharts{}, Facts: &facts}); err != nil {
			t.Fatalf("%s: %v", texts[i], err)
		}
		if want := c.Inspect(src).Links; !slices.Equal(facts.Links, want) {
			t.Errorf("%s: Facts.Links\n got %v\nwant %v", texts[i], facts.Links, want)
		}
		if in := c.Inspect(src); !reflect.DeepEqual(in, facts) {
			t.Errorf("%s: Inspect and Convert disagree", texts[i])
		}
		links += len(facts.Links)
	}
	if links == 0 {
		t.Error("no links in any text: the test proves nothing")
	}
}

func sectionBodies(r *report.Report) []report.Text {
	var out []report.Text
	for _, s := range r.Sections {
		out = append(out, s.Body)
	}
	return out
}

// sampleSections are the texts of the sample report's sections, and their
// size in bytes.
func sampleSections(b *testing.B) ([][]byte, int) {
	site := sample.Site(b)
	var srcs [][]byte
	size := 0
	for _, r := range site.Reports() {
		for _, tx := range sectionBodies(r) {
			srcs = append(srcs, tx.Source)
			size += len(tx.Source)
		}
	}
	return srcs, size
}

// BenchmarkConvert converts the sample report's sections, with and
// without facts, to measure what reading the facts costs.
func BenchmarkConvert(b *testing.B) {
	srcs, size := sampleSections(b)
	c := New()
	for _, withFacts := range []bool{false, true} {
		name := "plain"
		if withFacts {
			name = "facts"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				for _, src := range srcs {
					buf.Reset()
					opt := Options{Charts: figureCharts{}}
					var facts Facts
					if withFacts {
						opt.Facts = &facts
					}
					if err := c.Convert(&buf, src, opt); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkReadFacts reads the facts of the sample report's sections off
// their parsed documents: the part of BenchmarkConvert/facts that
// BenchmarkConvert/plain does not do, measured alone, because on a busy
// machine the difference of the two is lost in their noise.
func BenchmarkReadFacts(b *testing.B) {
	srcs, size := sampleSections(b)
	c := New()
	docs := make([]*ast.Document, len(srcs))
	for i, src := range srcs {
		docs[i] = c.parse(src, nil)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, doc := range docs {
			_ = readFacts(doc, srcs[i], true)
		}
	}
}

func TestRuneCount(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", "abcdefgh", "一", "两方面：一是", "a一b二c三d四e五f六g七", "“（参考提纲）”𠀋x", strings.Repeat("中a", 37)} {
		for i := range len(s) + 1 {
			// Every prefix that ends on a character boundary.
			if !utf8.ValidString(s[:i]) {
				continue
			}
			if got, want := runeCount([]byte(s[:i])), utf8.RuneCountInString(s[:i]); got != want {
				t.Errorf("runeCount(%q) = %d, want %d", s[:i], got, want)
			}
		}
	}
}

// TestFactsTextOverLines gives proseLines a text piece that holds line
// breaks, which goldmark does not make: each line gets its part, without
// the "\r" before a break, at column 1 after the first.
func TestFactsTextOverLines(t *testing.T) {
	t.Parallel()
	src := []byte("> 甲乙\r\n丙\n\n丁\r")
	r := factReader{src: src, texts: []textPiece{{start: 2, stop: len(src)}}}
	var f Facts
	f.Prose, f.ProseText = r.proseLines()
	got := proseString(f)
	if want := "1:3 甲乙\n2:1 丙\n4:1 丁\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
