package quality

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"gongkai/internal/check"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

const hostile = `<script>alert("x")</script>`

// testSite has three reports of two units over two years; one unit's name
// and the site's title are hostile markup.
func testSite(t *testing.T) *report.Site {
	t.Helper()
	index := func(year, id, org string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + year + "年度报告" + strings.ReplaceAll(hostile, `"`, `\"`) + "\"\nyear = " + year +
			"\norg = \"" + strings.ReplaceAll(org, `"`, `\"`) + "\"\norg_id = \"" + id + "\"\nunit = \"万元\"\n+++\n")}
	}
	site, err := source.Load(fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"站<img src=x onerror=alert(1)>\"\n")},
		"content/2023/a/index.md": index("2023", "a", "甲单位"),
		"content/2023/b/index.md": index("2023", "b", "乙单位"+hostile),
		"content/2022/a/index.md": index("2022", "a", "甲单位"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func pos(path string, line int) report.Pos { return report.Pos{Path: path, Line: line, Col: 1} }

// testFindings are findings in every report but 2022/a, and one in
// site.toml; messages, hints and paths carry markup and formulas.
func testFindings() []check.Finding {
	return []check.Finding{
		{Code: "BUDGET-TOTAL", Severity: check.Error, Pos: pos("content/2023/b/02.md", 9), Report: "content/2023/b", Message: "合计不符" + hostile, Hint: "=HYPERLINK(\"http://x\")"},
		{Code: "DRAFT", Severity: check.Info, Pos: pos("content/2023/b/index.md", 3), Report: "content/2023/b", Message: "草稿"},
		{Code: "DRAFT", Severity: check.Info, Pos: pos("content/2023/b/index.md", 20), Report: "content/2023/b", Message: "-草稿, \"二\"\n下一行"},
		{Code: "SECTION-EMPTY", Severity: check.Warning, Pos: pos("content/2023/a/03.md", 1), Report: "content/2023/a", Message: "@章节为空"},
		{Code: "LINK-BROKEN", Severity: check.Error, Pos: pos("content/2023/a/01,<b>.md", 4), Message: "+链接"},
		{Code: "CONFIG", Severity: check.Warning, Pos: pos("site.toml", 1), Message: "站点"},
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	q := New(testSite(t), testFindings())
	if q.Errors != 2 || q.Warnings != 2 || q.Infos != 2 {
		t.Errorf("totals %d/%d/%d, want 2/2/2", q.Errors, q.Warnings, q.Infos)
	}
	var units []string
	for _, u := range q.Units {
		units = append(units, strings.Join([]string{u.YearValue(), u.Dir, itoa(u.Errors), itoa(u.Warnings), itoa(u.Infos), itoa(u.Drafts)}, " "))
	}
	// Most errors first; the site's own files are a row when they have
	// findings; a report without findings is a row too.
	want := []string{
		"2023 content/2023/a 1 1 0 0", // the link finding has no Report: its path names it
		"2023 content/2023/b 1 0 2 2",
		"  0 1 0 0",
		"2022 content/2022/a 0 0 0 0",
	}
	if !slices.Equal(units, want) {
		t.Errorf("units\n%q\nwant\n%q", units, want)
	}
	var rules []string
	for _, r := range q.Rules {
		rules = append(rules, r.Code+" "+itoa(r.Total())+" "+itoa(r.Reports))
	}
	if want := []string{"DRAFT 2 1", "BUDGET-TOTAL 1 1", "CONFIG 1 1", "LINK-BROKEN 1 1", "SECTION-EMPTY 1 1"}; !slices.Equal(rules, want) {
		t.Errorf("rules %q, want %q", rules, want)
	}
	var groups []string
	for _, g := range q.Groups {
		var codes []string
		for _, f := range g.Findings {
			codes = append(codes, f.Code)
		}
		groups = append(groups, g.Anchor+" "+strings.Join(codes, ","))
	}
	// The site first, then newest year, by unit name (in code point
	// order: 乙 before 甲); errors first.
	if want := []string{"site CONFIG", "r-2023-b BUDGET-TOTAL,DRAFT,DRAFT", "r-2023-a LINK-BROKEN,SECTION-EMPTY"}; !slices.Equal(groups, want) {
		t.Errorf("groups %q, want %q", groups, want)
	}
	if got := q.Years; !slices.Equal(got, []int{2023, 2022}) {
		t.Errorf("years %v", got)
	}
	if len(q.Orgs) != 2 || q.Orgs[0].ID != "b" || q.Orgs[1].Name != "甲单位" {
		t.Errorf("orgs %v", q.Orgs)
	}
}

// TestNewWithoutSite checks the report of a site that did not load: the
// load errors are put under the report their paths name.
func TestNewWithoutSite(t *testing.T) {
	t.Parallel()
	q := New(nil, []check.Finding{
		{Code: "LOAD", Severity: check.Error, Pos: pos("content/2023/x/index.md", 3), Message: "TOML 语法错误"},
		{Code: "LOAD", Severity: check.Error, Pos: pos("site.toml", 2), Message: "缺少 title"},
	})
	if len(q.Units) != 2 || q.Units[0].Dir != "" || q.Units[1].Dir != "content/2023/x" || q.Units[1].Year != 2023 || q.Units[1].Org != "x" {
		t.Errorf("units %+v %+v", q.Units[0], q.Units[1])
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func itoa(n int) string { return string(rune('0' + n)) }

// TestHTMLEscapes checks that no markup of a title, a unit's name, a
// message or a path reaches the page as markup: the page's one script is
// its own, no element has an event handler, and the hostile text reads as
// text.
func TestHTMLEscapes(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := New(testSite(t), testFindings()).WriteHTML(&out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var scripts, styles int
	var text strings.Builder
	var policy string
	for n := range doc.Descendants() {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script":
			scripts++
			if n.FirstChild == nil || n.FirstChild.Data != pageJS || len(n.Attr) > 0 {
				t.Errorf("a script that is not the page's own: %v", n.Attr)
			}
		case "style":
			styles++
		case "meta":
			if attr(n, "http-equiv") == "Content-Security-Policy" {
				policy = attr(n, "content")
			}
		case "img", "iframe", "object", "embed", "link":
			t.Errorf("a <%s> element in the page", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.Contains(a.Val, "javascript:") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
	if scripts != 1 || styles != 1 {
		t.Errorf("%d scripts and %d styles, want one each", scripts, styles)
	}
	for _, want := range []string{"合计不符" + hostile, "乙单位" + hostile, "站<img src=x onerror=alert(1)>", "content/2023/a/01,<b>.md:4:1", "2023年度报告" + hostile} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the page's text lacks %q", want)
		}
	}
	// The page's policy allows its own style and script by hash, and
	// nothing else.
	want := "default-src 'none'; style-src '" + hash(pageStyle) + "'; script-src '" + hash(pageJS) + "'; base-uri 'none'; form-action 'none'"
	if policy != want {
		t.Errorf("policy %q, want %q", policy, want)
	}
}

// TestDeterministic checks that the order the findings come in changes no
// byte of either output.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	site := testSite(t)
	fs := testFindings()
	var first [2]bytes.Buffer
	for i := range 5 {
		var h, c bytes.Buffer
		q := New(site, fs)
		if err := q.WriteHTML(&h); err != nil {
			t.Fatal(err)
		}
		if err := q.WriteCSV(&c); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = [2]bytes.Buffer{h, c}
		} else if !bytes.Equal(h.Bytes(), first[0].Bytes()) || !bytes.Equal(c.Bytes(), first[1].Bytes()) {
			t.Fatalf("run %d differs from the first", i)
		}
		slices.Reverse(fs)
		fs = append(fs[1:], fs[0])
	}
}

func TestCSV(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := New(testSite(t), testFindings()).WriteCSV(&out); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF年度,单位,单位标识,报告目录,级别,代码,文件,行,列,说明,建议\r\n" +
		",全站文件（site.toml、模板等）,,,警告,CONFIG,site.toml,1,1,站点,\r\n" +
		"2023,\"乙单位<script>alert(\"\"x\"\")</script>\",b,content/2023/b,错误,BUDGET-TOTAL,content/2023/b/02.md,9,1,\"合计不符<script>alert(\"\"x\"\")</script>\",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n" +
		"2023,\"乙单位<script>alert(\"\"x\"\")</script>\",b,content/2023/b,提示,DRAFT,content/2023/b/index.md,3,1,草稿,\r\n" +
		"2023,\"乙单位<script>alert(\"\"x\"\")</script>\",b,content/2023/b,提示,DRAFT,content/2023/b/index.md,20,1,\"'-草稿, \"\"二\"\"\r\n下一行\",\r\n" +
		"2023,甲单位,a,content/2023/a,错误,LINK-BROKEN,\"content/2023/a/01,<b>.md\",4,1,'+链接,\r\n" +
		"2023,甲单位,a,content/2023/a,警告,SECTION-EMPTY,content/2023/a/03.md,1,1,'@章节为空,\r\n"
	if got := out.String(); got != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", got, want)
	}
}
