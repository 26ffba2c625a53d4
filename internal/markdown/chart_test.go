package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"testing"
)

// figureCharts is the ChartRenderer of the golden tests. It writes the
// spec and line it is given into an empty figure, with each newline of the
// spec as "&#10;" so that every chart is one line of the golden HTML.
type figureCharts struct{}

func (figureCharts) RenderChart(w io.Writer, spec []byte, line int) error {
	s := strings.ReplaceAll(html.EscapeString(string(spec)), "\n", "&#10;")
	_, err := fmt.Fprintf(w, `<figure data-spec="%s" data-line="%d"></figure>`, s, line)
	return err
}

// chartCall is one call of RenderChart.
type chartCall struct {
	spec string
	line int
}

func (c chartCall) String() string { return fmt.Sprintf("%d:%q", c.line, c.spec) }

// recordCharts is a ChartRenderer that records its calls and writes mark
// for each chart. It has no lock: one Convert call uses it at a time.
type recordCharts struct {
	mark  string
	calls []chartCall
}

func (r *recordCharts) RenderChart(w io.Writer, spec []byte, line int) error {
	r.calls = append(r.calls, chartCall{string(spec), line})
	_, err := io.WriteString(w, r.mark)
	return err
}

// chartFunc turns a function into a ChartRenderer.
type chartFunc func(w io.Writer, spec []byte, line int) error

func (f chartFunc) RenderChart(w io.Writer, spec []byte, line int) error { return f(w, spec, line) }

// TestChartCalls checks what RenderChart is given for chart fences in the
// places a fenced code block may stand, and that fences whose info string
// is not exactly "chart" stay code blocks.
func TestChartCalls(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []chartCall
	}{
		{"top", "```chart\ndata = \"a\"\n```\n", []chartCall{{"data = \"a\"\n", 1}}},
		{"blanked front matter", "\n\n\n\n正文。\n\n```chart\ndata = \"a\"\n```\n", []chartCall{{"data = \"a\"\n", 7}}},
		{"CRLF", "正文。\r\n\r\n```chart\r\ndata = \"a\"\r\n```\r\n", []chartCall{{"data = \"a\"\r\n", 3}}},
		{"spaces around info", "```   chart  \nx\n```\n", []chartCall{{"x\n", 1}}},
		{"tilde fence", "~~~chart\nx\n~~~\n", []chartCall{{"x\n", 1}}},
		{"longer fence", "````chart\n```\n````\n", []chartCall{{"```\n", 1}}},
		{"empty body", "```chart\n```\n", []chartCall{{"", 1}}},
		{"unclosed", "正文。\n\n```chart\nx\n", []chartCall{{"x\n", 3}}},
		{"blockquote", "> 引文。\n>\n> ```chart\n> x = 1\n>   y = 2\n> ```\n", []chartCall{{"x = 1\n  y = 2\n", 3}}},
		{"list item", "1. 项\n\n   ```chart\n   x = 1\n   ```\n", []chartCall{{"x = 1\n", 3}}},
		{"nested list", "- 项\n  - 子项\n\n    ```chart\n    x = 1\n    ```\n", []chartCall{{"x = 1\n", 4}}},
		{"footnote", "正文[^1]。\n\n[^1]: 注释。\n\n    ```chart\n    x\n    ```\n", []chartCall{{"x\n", 5}}},
		{"two", "```chart\na\n```\n\n```chart\nb\n```\n", []chartCall{{"a\n", 1}, {"b\n", 5}}},
		{"more words", "```chart bar\nx\n```\n", nil},
		{"other word", "```charts\nx\n```\n", nil},
		{"upper case", "```Chart\nx\n```\n", nil},
		{"no info", "```\nchart\n```\n", nil},
		{"indented code", "    ```chart\n    x\n    ```\n", nil},
		{"inline", "正文 ```chart x``` 。\n", nil},
	}
	c := New()
	for _, tt := range tests {
		r := &recordCharts{mark: "<chart>"}
		var b bytes.Buffer
		if err := c.Convert(&b, []byte(tt.in), Options{Charts: r}); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !slices.Equal(r.calls, tt.want) {
			t.Errorf("%s: RenderChart got %v, want %v", tt.name, r.calls, tt.want)
		}
		if n := strings.Count(b.String(), "<chart>\n"); n != len(tt.want) {
			t.Errorf("%s: output has %d charts, want %d:\n%s", tt.name, n, len(tt.want), b.String())
		}
	}
}

var errBadChart = errors.New("bad chart")

// TestChartError checks that an error of RenderChart ends Convert, which
// returns it with the fence's line.
func TestChartError(t *testing.T) {
	t.Parallel()
	calls := 0
	fail := chartFunc(func(w io.Writer, spec []byte, line int) error {
		calls++
		return fmt.Errorf("no data block %q: %w", bytes.TrimSpace(spec), errBadChart)
	})
	src := "\n\n正文。\n\n- 项\n\n  ```chart\n  x\n  ```\n\n```chart\ny\n```\n"
	err := New().Convert(io.Discard, []byte(src), Options{Charts: fail})
	if !errors.Is(err, errBadChart) {
		t.Fatalf("Convert returned %v, want one that wraps %v", err, errBadChart)
	}
	var e *Error
	if !errors.As(err, &e) || e.Line != 7 {
		t.Errorf("Convert returned %#v, want an *Error at line 7", err)
	}
	if want := `7: chart: no data block "x": bad chart`; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	if calls != 1 {
		t.Errorf("RenderChart was called %d times, want once: the first error ends the conversion", calls)
	}
}

// TestChartNoRenderer checks that a chart fence without Options.Charts is
// an error that names its line, and that text without one needs none.
func TestChartNoRenderer(t *testing.T) {
	t.Parallel()
	c := New()
	err := c.Convert(io.Discard, []byte("\n\n\n正文。\n\n> ```chart\n> x\n> ```\n"), Options{})
	var e *Error
	if !errors.As(err, &e) || e.Line != 6 {
		t.Fatalf("Convert returned %v, want an *Error at line 6", err)
	}
	if want := "6: chart fence but no chart renderer"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	if err := c.Convert(io.Discard, []byte("```chart bar\nx\n```\n\n```toml\nx = 1\n```\n"), Options{}); err != nil {
		t.Errorf("text without chart fences: %v", err)
	}
}

// TestChartNewline checks that a chart is followed by exactly one newline
// whether or not RenderChart ends with one, and by none if it writes
// nothing.
func TestChartNewline(t *testing.T) {
	t.Parallel()
	c := New()
	for _, tt := range []struct{ out, want string }{
		{"<figure></figure>", "<p>甲</p>\n<figure></figure>\n<p>乙</p>\n"},
		{"<figure></figure>\n", "<p>甲</p>\n<figure></figure>\n<p>乙</p>\n"},
		{"", "<p>甲</p>\n<p>乙</p>\n"},
	} {
		write := chartFunc(func(w io.Writer, _ []byte, _ int) error {
			_, err := io.WriteString(w, tt.out)
			return err
		})
		var b bytes.Buffer
		if err := c.Convert(&b, []byte("甲\n\n```chart\nx\n```\n\n乙\n"), Options{Charts: write}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("RenderChart writing %q: got %q, want %q", tt.out, b.String(), tt.want)
		}
	}
}
