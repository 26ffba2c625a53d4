package markdown

import (
	"slices"
	"sync"
	"testing"
)

func TestLinks(t *testing.T) {
	t.Parallel()
	type L = Link
	tests := []struct {
		name string
		src  string
		want []Link
	}{
		{"inline after Chinese", "前文[链接](a.pdf)和![图](b.png)。\n",
			[]L{{"a.pdf", 1, 3, false}, {"b.png", 1, 15, true}}},
		{"leading blank lines", "\n\n\n见[附件](附件.pdf)。\n",
			[]L{{"附件.pdf", 4, 2, false}}},
		{"front matter kept as blank lines", "\n\n\n\n## 一、基本情况\n\n详见[第二部分](#02-budget)。\n",
			[]L{{"#02-budget", 7, 3, false}}},
		{"reference link at its use", "\n甲[乙][丙]，又[丙]。\n\n[丙]: ../r.pdf\n",
			[]L{{"../r.pdf", 2, 2, false}, {"../r.pdf", 2, 10, false}}},
		{"autolink in angle brackets", "见 <https://www.gov.cn/> 。\n",
			[]L{{"https://www.gov.cn/", 1, 3, false}}},
		{"bare URL and e-mail", "网址 https://www.gov.cn 邮箱 czj@example.cn\n",
			[]L{{"https://www.gov.cn", 1, 4, false}, {"mailto:czj@example.cn", 1, 26, false}}},
		{"bare URL at line start", "\nhttps://www.gov.cn/zhengce/\n",
			[]L{{"https://www.gov.cn/zhengce/", 2, 1, false}}},
		{"URL glued to Chinese is text", "见https://www.gov.cn\n", nil},
		{"table cell", "| 项目 | 附件 |\n|---|:---:|\n| 预算 | [表一](表1.xlsx) |\n",
			[]L{{"表1.xlsx", 3, 8, false}}},
		{"list items", "- 一、[甲](a.pdf)\n  - 二、![乙](b.png)\n1.\t[丙](c.pdf)\n",
			[]L{{"a.pdf", 1, 5, false}, {"b.png", 2, 7, true}, {"c.pdf", 3, 4, false}}},
		{"blockquote", "> 引用[原文](#q)\n", []L{{"#q", 1, 5, false}}},
		{"heading", "## 见[附件](x.pdf)\n", []L{{"x.pdf", 1, 5, false}}},
		{"link text with markup", "[**粗**体](a.pdf) [`代码`](b.pdf) [](c.pdf) ![](d.png)\n",
			[]L{{"a.pdf", 1, 1, false}, {"b.pdf", 1, 17, false}, {"c.pdf", 1, 31, false}, {"d.png", 1, 41, true}}},
		{"image inside a link", "[![封面](cover.png)](report.pdf)\n",
			[]L{{"report.pdf", 1, 1, false}, {"cover.png", 1, 2, true}}},
		{"link over two lines", "甲\n[乙\n丙](a.pdf)\n", []L{{"a.pdf", 2, 1, false}}},
		{"escapes and references resolved", `[a](a\_b.pdf) [b](<附件 1.pdf>) [c](x&amp;y.pdf) [d](%E9%99%84.pdf)` + "\n",
			[]L{{"a_b.pdf", 1, 1, false}, {"附件 1.pdf", 1, 15, false}, {"x&y.pdf", 1, 31, false}, {"%E9%99%84.pdf", 1, 48, false}}},
		{"footnote definitions stay in source order", "甲[^1]，见[乙](b.pdf)。\n\n[^1]: 见[甲](a.pdf)。\n\n末[丙](c.pdf)\n",
			[]L{{"b.pdf", 1, 8, false}, {"a.pdf", 3, 8, false}, {"c.pdf", 5, 2, false}}},
		{"not links: code, raw HTML, chart fence", "`[a](a.pdf)`\n\n    [b](b.pdf)\n\n<a href=\"c.pdf\">c</a>\n\n```chart\ndata = \"[d](d.pdf)\"\n```\n", nil},
		{"empty destination", "[空]()\n", []L{{"", 1, 1, false}}},
	}
	c := New()
	for _, tt := range tests {
		if got := c.Inspect([]byte(tt.src)).Links; !slices.Equal(got, tt.want) {
			t.Errorf("%s: Links(%q)\n got %v\nwant %v", tt.name, tt.src, got, tt.want)
		}
	}
}

// TestLinksConcurrent shares one Converter between Links and Convert calls,
// for the race detector.
func TestLinksConcurrent(t *testing.T) {
	t.Parallel()
	c := New()
	src := []byte("## 标题\n\n见[附件](a.pdf)和 https://www.gov.cn 。\n")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := c.Inspect(src).Links; len(got) != 2 {
				t.Errorf("Links: %v", got)
			}
			var buf discard
			if err := c.Convert(&buf, src, Options{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
