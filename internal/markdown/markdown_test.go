package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the html sections of testdata/*.txtar with the current output")

// TestGolden converts the inputs of each testdata/*.txtar file as one page
// and compares the output with the file's html sections. See
// testdata/README for the format.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	c := New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := txtar.Parse(data)
			got, err := convertPage(c, a)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			changed := false
			for _, g := range got {
				if bytes.Contains(g.Data, []byte(" style=")) {
					t.Errorf("%s: %s has a style attribute:\n%s", file, g.Name, g.Data)
				}
				want, _ := section(a, g.Name)
				if bytes.Equal(g.Data, want) {
					continue
				}
				if *update {
					setSection(a, g.Name, g.Data)
					changed = true
					continue
				}
				t.Errorf("%s: %s differs\ngot:\n%s\nwant:\n%s", file, g.Name, g.Data, want)
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// convertPage converts the input sections of a, in order, as the sections
// of one page: they share one *IDs, which first reserves the ids listed in
// the reserve section, and each takes its footnote prefix from the prefix
// section with the same suffix. If a has a charts section, chart fences
// are rendered by figureCharts. It returns the output for each input as
// an html section with that suffix.
func convertPage(c *Converter, a *txtar.Archive) ([]txtar.File, error) {
	ids := NewIDs()
	if r, ok := section(a, "reserve"); ok {
		for _, id := range strings.Fields(string(r)) {
			ids.Reserve(id)
		}
	}
	var charts ChartRenderer
	if _, ok := section(a, "charts"); ok {
		charts = figureCharts{}
	}
	var out []txtar.File
	for _, f := range a.Files {
		n, isInput := strings.CutPrefix(f.Name, "input")
		switch {
		case isInput:
		case f.Name == "reserve", f.Name == "charts", strings.HasPrefix(f.Name, "prefix"), strings.HasPrefix(f.Name, "html"):
			continue
		default:
			return nil, fmt.Errorf("unknown section %q", f.Name)
		}
		prefix, _ := section(a, "prefix"+n)
		opt := Options{IDs: ids, FootnotePrefix: strings.TrimSpace(string(prefix)), Charts: charts}
		var b bytes.Buffer
		if err := c.Convert(&b, f.Data, opt); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out = append(out, txtar.File{Name: "html" + n, Data: b.Bytes()})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no input section")
	}
	return out, nil
}

// TestConcurrent converts many pages at once with one shared Converter.
// Run it with -race: it fails if a conversion touches shared state, and
// in particular if the footnote prefix or the ChartRenderer of one call
// leaks into another.
func TestConcurrent(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	c := New()
	pages := make([]*txtar.Archive, len(files))
	want := make([][]txtar.File, len(files))
	for i, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = txtar.Parse(data)
		if want[i], err = convertPage(c, pages[i]); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}

	var wg sync.WaitGroup
	for g := range 64 {
		wg.Go(func() {
			i := g % len(pages)
			got, err := convertPage(c, pages[i])
			if err != nil {
				t.Errorf("%s: %v", files[i], err)
				return
			}
			for j := range got {
				if !bytes.Equal(got[j].Data, want[i][j].Data) {
					t.Errorf("%s: %s differs when converted concurrently:\n%s", files[i], got[j].Name, got[j].Data)
				}
			}

			prefix := fmt.Sprintf("g%d-", g)
			var b bytes.Buffer
			if err := c.Convert(&b, []byte("正文[^1]。\n\n[^1]: 注释。\n"), Options{FootnotePrefix: prefix}); err != nil {
				t.Error(err)
				return
			}
			for _, s := range []string{`id="` + prefix + `fnref:1"`, `href="#` + prefix + `fn:1"`, `id="` + prefix + `fn:1"`, `href="#` + prefix + `fnref:1"`} {
				if !strings.Contains(b.String(), s) {
					t.Errorf("prefix %q: output lacks %s:\n%s", prefix, s, b.String())
				}
			}

			// Each goroutine has a ChartRenderer of its own, which
			// records its calls without a lock: the race detector
			// and the check below catch any call meant for another.
			own := &recordCharts{mark: fmt.Sprintf("<g%d>", g)}
			spec := fmt.Sprintf("data = \"g%d\"\n", g)
			b.Reset()
			if err := c.Convert(&b, []byte("正文。\n\n```chart\n"+spec+"```\n\n- 项\n\n  ```chart\n  "+spec+"  ```\n"), Options{Charts: own}); err != nil {
				t.Error(err)
				return
			}
			if want := []chartCall{{spec, 3}, {spec, 9}}; !slices.Equal(own.calls, want) {
				t.Errorf("goroutine %d: RenderChart got %v, want %v", g, own.calls, want)
			}
			if n := strings.Count(b.String(), own.mark); n != 2 {
				t.Errorf("goroutine %d: output has %d charts of its own, want 2:\n%s", g, n, b.String())
			}
		})
	}
	wg.Wait()
}

// TestNoStyle checks that no input, however it tries, makes Convert
// write a style attribute, which Content-Security-Policy: default-src
// 'self' would refuse.
func TestNoStyle(t *testing.T) {
	t.Parallel()
	inputs := []string{
		"| 左 | 中 | 右 | 无 |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
		"|项目|\n|:-:|\n|<span style=\"color:red\">1</span>|\n",
		"<div style=\"color:red\">\n红\n</div>\n",
		"正文<span style=\"color:red\">红</span>。\n",
		"<p style=\"color:red\">段落</p>\n",
		"<style>p{color:red}</style>\n",
		"正文[^1]。\n\n[^1]: <b style=\"x\">注释</b>\n",
		"![图](a.png \"标题\")\n",
	}
	c := New()
	for _, in := range inputs {
		var b bytes.Buffer
		if err := c.Convert(&b, []byte(in), Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), " style=") || strings.Contains(b.String(), "<style") {
			t.Errorf("Convert(%q) has a style:\n%s", in, b.String())
		}
	}
}

// TestFootnotePrefixEscaped checks that a prefix cannot break out of the
// attributes it is written into.
func TestFootnotePrefixEscaped(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	err := New().Convert(&b, []byte("正文[^1]。\n\n[^1]: 注释。\n"), Options{FootnotePrefix: `x" onclick="y`})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), ` onclick="`) || !strings.Contains(b.String(), `id="x&quot; onclick=&quot;yfn:1"`) {
		t.Errorf("prefix not escaped:\n%s", b.String())
	}
}
