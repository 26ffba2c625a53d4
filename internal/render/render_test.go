package render

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai"
)

// TestSiteFiles checks the exact set of files a site gives: the pages, each
// report's data files and attachments, the feeds and the static files.
func TestSiteFiles(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	want := []string{
		"404.html",
		"feed.xml",
		"index.html",
		"sitemap.xml",
		"2022/index.html",
		"2022/traffic-police/data.csv",
		"2022/traffic-police/data.json",
		"2022/traffic-police/index.html",
		"2023/index.html",
		"2023/hostile-unit/data.csv",
		"2023/hostile-unit/data.json",
		"2023/hostile-unit/index.html",
		"2023/traffic-police/data.csv",
		"2023/traffic-police/data.json",
		"2023/traffic-police/index.html",
		"2023/traffic-police/scans/page-1.png",
		"2023/traffic-police/附件一.pdf",
		"orgs/hostile-unit/index.html",
		"orgs/traffic-police/history.csv",
		"orgs/traffic-police/index.html",
		"search/index.html",
	}
	// The built-in static files are copied as they are, whatever they are.
	err := fs.WalkDir(gongkai.Static(), ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			want = append(want, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(want, "assets/site.css") {
		t.Errorf("built-in static files lack assets/site.css: %q", want)
	}
	slices.Sort(want)
	if got := sortedKeys(files); !slices.Equal(got, want) {
		t.Errorf("output files:\n got %q\nwant %q", got, want)
	}
}

var (
	scriptTag  = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	styleAttr  = regexp.MustCompile(`(?i)<[a-z][^>]*\sstyle\s*=`)
	eventAttr  = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	cspMeta    = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`
	htmlLangZH = `<html lang="zh-CN">`
)

// TestPages checks what must hold on every page: links, ids, the content
// security policy and what it forbids, the language, and accessible tables.
func TestPages(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	pages := htmlPages(files)
	if len(pages) != 10 {
		t.Fatalf("%d HTML pages, want 10: %q", len(pages), pages)
	}
	for _, name := range pages {
		page := files[name]
		ids(t, name, page)
		checkLinks(t, files, name, page)
		if !strings.Contains(page, cspMeta) {
			t.Errorf("%s: no CSP meta tag %s", name, cspMeta)
		}
		if !strings.Contains(page, htmlLangZH) {
			t.Errorf("%s: no %s", name, htmlLangZH)
		}
		if strings.Contains(page, " style=") || styleAttr.MatchString(page) || strings.Contains(page, "<style") {
			t.Errorf("%s: inline style, which the CSP forbids", name)
		}
		if m := eventAttr.FindString(page); m != "" {
			t.Errorf("%s: event handler attribute, which the CSP forbids: %s", name, m)
		}
		scripts := scriptTag.FindAllStringSubmatch(page, -1)
		for _, m := range scripts {
			if !strings.Contains(m[1], ` src="`) || strings.TrimSpace(m[2]) != "" {
				t.Errorf("%s: inline script, which the CSP forbids: %s", name, m[0])
			}
		}
		if n := strings.Count(strings.ToLower(page), "<script"); n != len(scripts) {
			t.Errorf("%s: %d <script tags, %d of them well-formed", name, n, len(scripts))
		}
		for _, table := range tableElem.FindAllString(page, -1) {
			start := table[:strings.Index(table, ">")+1]
			if !strings.HasPrefix(strings.TrimSpace(table[len(start):]), "<caption>") {
				t.Errorf("%s: table without a leading <caption>: %.120s", name, table)
			}
			if !strings.Contains(table, `<th scope="col"`) || !strings.Contains(table, `<th scope="row"`) {
				t.Errorf("%s: table without column and row headers: %.120s", name, table)
			}
			if strings.Contains(table, "<th>") {
				t.Errorf("%s: header cell without scope: %.120s", name, table)
			}
		}
	}
}

// checkLinks checks every href and src of a page: relative to the page (no
// scheme, host or leading slash), naming a file rather than a directory,
// resolving to a file of the output, and with a fragment naming an element
// of the target page.
func checkLinks(t *testing.T, files map[string]string, name, page string) {
	t.Helper()
	for _, m := range refAttr.FindAllStringSubmatch(page, -1) {
		ref := html.UnescapeString(m[2])
		u, err := url.Parse(ref)
		switch {
		case err != nil:
			t.Errorf("%s: bad %s %q: %v", name, m[1], ref, err)
			continue
		case ref == "":
			t.Errorf("%s: empty %s", name, m[1])
			continue
		case u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/"):
			t.Errorf("%s: %s %q is not relative to the page", name, m[1], ref)
			continue
		case u.Path != "" && (strings.HasSuffix(u.Path, "/") || path.Base(u.Path) == "." || path.Base(u.Path) == ".."):
			t.Errorf("%s: %s %q links a directory, not its index.html", name, m[1], ref)
			continue
		}
		target := name
		if u.Path != "" {
			target = path.Join(path.Dir(name), u.Path)
		}
		doc, ok := files[target]
		if !ok || target == ".." || strings.HasPrefix(target, "../") {
			t.Errorf("%s: %s %q does not resolve to an output file (%s)", name, m[1], ref, target)
			continue
		}
		if u.Fragment != "" && !idAttrs(doc)[u.Fragment] {
			t.Errorf("%s: %s %q: no id %q in %s", name, m[1], ref, u.Fragment, target)
		}
	}
}

func idAttrs(page string) map[string]bool {
	m := map[string]bool{}
	for _, id := range idAttr.FindAllStringSubmatch(page, -1) {
		m[id[1]] = true
	}
	return m
}

// TestIDsHelper makes sure the duplicate-id check catches a duplicate.
func TestIDsHelper(t *testing.T) {
	t.Parallel()
	var ft fakeT
	got := ids(&ft, "page", `<main id="main"><h2 id="x">x</h2><p id="main"></p>`)
	if ft.errors != 1 || !got["x"] || !got["main"] || len(got) != 2 {
		t.Errorf("duplicate not caught once: %d errors, ids %v", ft.errors, got)
	}
	ft = fakeT{}
	ids(&ft, "page", `<h2 id="a">a</h2><h2 id="b">b</h2><a href="#a">`)
	if ft.errors != 0 {
		t.Errorf("distinct ids reported as duplicates")
	}
}

// fakeT counts the errors a helper reports.
type fakeT struct{ errors int }

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.errors++ }

// TestRoot checks the prefix back to the site root at each depth.
func TestRoot(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	for name, root := range map[string]string{
		"index.html":                     "",
		"404.html":                       "",
		"2023/index.html":                "../",
		"2022/index.html":                "../",
		traffic23:                        "../../",
		hostile23:                        "../../",
		"orgs/traffic-police/index.html": "../../",
	} {
		page := files[name]
		for _, want := range []string{
			`<link rel="stylesheet" href="` + root + `assets/site.css">`,
			`<script src="` + root + `assets/site.js" defer></script>`,
			`href="` + root + `feed.xml"`,
			`<a class="site-title" href="` + root + `index.html">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: no %s", name, want)
			}
		}
	}
}

// TestHome checks the home page: its text, then the years newest first and
// the units.
func TestHome(t *testing.T) {
	t.Parallel()
	page := testSite(t)["index.html"]
	y23 := strings.Index(page, `<a href="2023/index.html">2023年度</a> <span class="count">2 份报告</span>`)
	y22 := strings.Index(page, `<a href="2022/index.html">2022年度</a> <span class="count">1 份报告</span>`)
	if y23 < 0 || y22 < 0 || y23 > y22 {
		t.Errorf("years not listed newest first (2023 at %d, 2022 at %d)", y23, y22)
	}
	if !strings.Contains(page, `<p>本站公开测试县预算单位的绩效自评报告。</p>`) {
		t.Error("home page text missing")
	}
	if !strings.Contains(page, `<a href="orgs/traffic-police/index.html">测试县交警大队</a> <span class="count">2 份报告</span>`) {
		t.Error("unit traffic-police not listed under its newest name with 2 reports")
	}
}

// TestYearPage checks that a year lists its reports with their final
// budget totals, stated where stated, each linked to its figure.
func TestYearPage(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	for _, c := range []struct {
		page, report, total, published string
	}{
		{"2023/index.html", "2023/traffic-police/index.html", "1643.98 万元", "2024年4月30日"},
		{"2023/index.html", "2023/hostile-unit/index.html", "10 万元", "—"},
		{"2022/index.html", "2022/traffic-police/index.html", "100.5 万元", "2023年5月1日"},
	} {
		var tr string
		for _, r := range trElem.FindAllString(files[c.page], -1) {
			if strings.Contains(r, `href="../`+c.report+`"`) {
				tr = r
			}
		}
		if tr == "" {
			t.Errorf("%s: no row for %s", c.page, c.report)
			continue
		}
		if !strings.Contains(tr, `<td class="num" data-label="决算"><a href="../`+c.report+`#data-final">`+c.total+`</a></td>`) {
			t.Errorf("%s: row of %s lacks the final total %q:\n%s", c.page, c.report, c.total, tr)
		}
		if !hasCell(tr, "", c.published) {
			t.Errorf("%s: row of %s lacks the date %q:\n%s", c.page, c.report, c.published, tr)
		}
	}
	if strings.Contains(files["2023/index.html"], "2022/traffic-police") {
		t.Error("2023/index.html lists a 2022 report")
	}
	if !strings.Contains(files["2023/index.html"], "<caption>2023年度公开的报告（2 份）</caption>") {
		t.Error("2023/index.html: caption does not count 2 reports")
	}
}

// hasCell reports whether html has a <td> of the class (or of any class, for
// "") holding exactly text.
func hasCell(html, class, text string) bool {
	attrs := `[^>]*`
	if class != "" {
		attrs = ` class="` + regexp.QuoteMeta(class) + `"[^>]*`
	}
	return regexp.MustCompile(`<td` + attrs + `>` + regexp.QuoteMeta(text) + `</td>`).MatchString(html)
}

// TestOrgPage checks that a unit's page lists its reports newest first.
func TestOrgPage(t *testing.T) {
	t.Parallel()
	page := testSite(t)["orgs/traffic-police/index.html"]
	i23 := strings.Index(page, `href="../../2023/traffic-police/index.html"`)
	i22 := strings.Index(page, `href="../../2022/traffic-police/index.html"`)
	if i23 < 0 || i22 < 0 || i23 > i22 {
		t.Errorf("reports not listed newest first (2023 at %d, 2022 at %d)", i23, i22)
	}
	if !strings.Contains(page, "<h1>测试县交警大队</h1>") {
		t.Error("unit not named by its newest report")
	}
	if strings.Contains(page, "hostile-unit") {
		t.Error("another unit's report is listed")
	}
	for _, total := range []string{"1643.98 万元", "100.5 万元"} {
		if !hasCell(page, "num", total) {
			t.Errorf("no final total %q", total)
		}
	}
}

// TestReportTOC checks that the contents list every section, in order, each
// linking to the section element's id.
func TestReportTOC(t *testing.T) {
	t.Parallel()
	page := testSite(t)[traffic23]
	start := strings.Index(page, `<nav class="toc"`)
	end := strings.Index(page[start:], "</nav>")
	if start < 0 || end < 0 {
		t.Fatal("no table of contents")
	}
	toc := page[start : start+end]
	var anchors []string
	for _, m := range refAttr.FindAllStringSubmatch(toc, -1) {
		anchors = append(anchors, strings.TrimPrefix(m[2], "#"))
	}
	want := []string{"01-basic", "02-general-budget", "03-government-funds", "06-performance", "07-problems", "report-data"}
	if !slices.Equal(anchors, want) {
		t.Errorf("contents link %q, want %q", anchors, want)
	}
	last := 0
	for _, a := range anchors {
		i := strings.Index(page, `<section class="section" id="`+a+`"`)
		if i < 0 {
			t.Errorf("contents link #%s, but no section has that id", a)
			continue
		}
		if i < last {
			t.Errorf("section %s out of the contents' order", a)
		}
		last = i
	}
	if got := strings.Count(page, `<section class="section" id=`); got != len(want) {
		t.Errorf("%d sections on the page, %d in the contents", got, len(want))
	}
	if !strings.Contains(toc, `<li><a href="#03-government-funds">三、政府性基金预算支出情况</a> <span class="empty-note">（原文无内容）</span></li>`) {
		t.Errorf("the empty section is not marked in the contents:\n%s", toc)
	}
	if strings.Count(toc, "empty-note") != 1 {
		t.Errorf("contents mark other sections empty:\n%s", toc)
	}
}

// TestEmptySection checks that a section with neither text nor data says so,
// and that one with data only does not.
func TestEmptySection(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	const note = `<p class="empty-note">（原文此节无内容）</p>`
	sec := element(t, files[traffic23], "03-government-funds", "section")
	if !strings.Contains(sec, note) {
		t.Errorf("empty section lacks %s:\n%s", note, sec)
	}
	if strings.Count(files[traffic23], note) != 1 {
		t.Error("sections with text are marked empty")
	}
	dataOnly := element(t, files[traffic22], "02-budget", "section")
	if strings.Contains(dataOnly, note) || !strings.Contains(dataOnly, `id="data-patrols"`) {
		t.Errorf("a section with data only is shown as empty:\n%s", dataOnly)
	}
}

// TestMismatchMarks checks that a stated figure that differs from the
// computed one is marked, and one that agrees is not.
func TestMismatchMarks(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	const mark = `<mark class="mismatch">`
	// fig holds the computed figure inside a mark, so that the mark wraps
	// before its gap and not inside the figure (see site.css).
	const fig = `<span class="fig">`
	page := files[traffic23]
	// initial: 3 shares, the unlisted amount, the total and the share sum;
	// final: 3 shares, the unlisted amount, the total and the share sum;
	// metrics: one change and one rate.
	if got := strings.Count(page, mark); got != 14 {
		t.Errorf("%s: %d mismatch marks, want 14", traffic23, got)
	}
	initial := element(t, page, "data-initial", "table")
	final := element(t, page, "data-final", "table")
	for _, c := range []struct {
		table, row string
		marked     bool
		has        string
	}{
		{initial, "公共安全支出", true, mark + fig + `87.47</span><span class="delta">（原文多 3.02）</span></mark>`},
		{initial, "社会保障和就业支出", true, mark + fig + "5.34"},
		{initial, "住房保障支出", false, `<td class="num" data-label="占比（核算，%）">4.13</td>`},
		{initial, "未列明", true, mark + "0.11</mark>"},
		{initial, "合计", true, `<span class="stated">1110.98</span> ` + mark + fig + `<span class="label">核算</span> 1110.87`},
		{final, "一般公共服务支出", false, `<td class="num" data-label="占比（核算，%）">0.003</td>`},
		{final, "公共安全支出", true, mark + fig + "33.96"},
		{final, "未列明", true, mark + "955.025</mark>"},
	} {
		tr := row(t, c.table, c.row)
		if got := strings.Contains(tr, mark); got != c.marked {
			t.Errorf("row %s: marked %v, want %v:\n%s", c.row, got, c.marked, tr)
		}
		if got := strings.Contains(tr, ` differs"`) || strings.Contains(tr, `"differs"`); got != c.marked {
			t.Errorf("row %s: class differs %v, want %v", c.row, got, c.marked)
		}
		if !strings.Contains(tr, c.has) {
			t.Errorf("row %s lacks %s:\n%s", c.row, c.has, tr)
		}
	}
	for id, want := range map[string]string{
		"data-accidents": "",
		"data-fatal":     `<span class="stated">-30.8</span> ` + mark + fig + `<span class="label">核算</span> -25.0`,
		"data-closure":   "",
		"data-coverage":  `<span class="stated">61.5</span> ` + mark + fig + `<span class="label">核算</span> 62.5`,
	} {
		tr := element(t, page, id, "tr")
		if got := strings.Contains(tr, mark); got != (want != "") {
			t.Errorf("metric %s: marked %v, want %v:\n%s", id, got, want != "", tr)
		}
		if want != "" && !strings.Contains(tr, want) {
			t.Errorf("metric %s lacks %s:\n%s", id, want, tr)
		}
	}
	for _, id := range []string{"data-enforcement-mode", "data-violations"} {
		if tbl := element(t, page, id, "table"); strings.Contains(tbl, mark) {
			t.Errorf("%s: marked, but its figures agree or it is partial:\n%s", id, tbl)
		}
	}
	if tr := row(t, element(t, page, "data-enforcement-mode", "table"), "合计"); !strings.Contains(tr, `<td class="num">85434</td>`) {
		t.Errorf("exhaustive counts total not shown plainly:\n%s", tr)
	}
	violations := element(t, page, "data-violations", "table")
	if !strings.Contains(row(t, violations, "所列各项之和"), `<span class="computed">11044</span>`) ||
		!strings.Contains(row(t, violations, "总数（原文）"), "85434") {
		t.Errorf("partial counts do not show both the sum and the stated total:\n%s", violations)
	}

	// 2022: a budget that adds up is not marked; counts that do not are.
	p22 := files[traffic22]
	if tbl := element(t, p22, "data-final", "table"); strings.Contains(tbl, mark) || strings.Contains(tbl, "未列明") {
		t.Errorf("2022 决算 adds up but is marked:\n%s", tbl)
	}
	if tr := row(t, element(t, p22, "data-patrols", "table"), "合计"); !strings.Contains(tr, `<span class="stated">100</span> `+mark+fig+`<span class="label">核算</span> 90`) {
		t.Errorf("exhaustive counts that do not add up are not marked:\n%s", tr)
	}
	// Items above the total: the total is marked, no amount is unlisted.
	ph := element(t, files[hostile23], "data-final", "table")
	if !strings.Contains(row(t, ph, "合计"), `<span class="stated">10</span> `+mark+fig+`<span class="label">核算</span> 11`) || strings.Contains(ph, "未列明") {
		t.Errorf("items above the stated total:\n%s", ph)
	}
}

// TestFootnotes checks that two sections' footnote 1 get distinct ids and
// that each reference links its own note.
func TestFootnotes(t *testing.T) {
	t.Parallel()
	page := testSite(t)[traffic23]
	basic := element(t, page, "01-basic", "section")
	problems := element(t, page, "07-problems", "section")
	var noteIDs []string
	for _, sec := range []string{basic, problems} {
		ref := regexp.MustCompile(`<sup id="([^"]+)"><a href="#([^"]+)"`).FindStringSubmatch(sec)
		if ref == nil {
			t.Fatalf("no footnote reference in:\n%s", sec)
		}
		if !strings.Contains(sec, `<li id="`+ref[2]+`">`) {
			t.Errorf("footnote %q is not in its own section", ref[2])
		}
		if !strings.Contains(sec, `href="#`+ref[1]+`"`) {
			t.Errorf("footnote %q has no link back to %q", ref[2], ref[1])
		}
		noteIDs = append(noteIDs, ref[2])
	}
	if noteIDs[0] == noteIDs[1] {
		t.Errorf("both sections' footnotes have id %q", noteIDs[0])
	}
	ids(t, traffic23, page)
}

// TestLayoutIDs checks that a heading whose text matches an id of the
// layout's own elements gets another id.
func TestLayoutIDs(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	for name, want := range map[string][]string{
		"index.html":      {`<h2 id="main-1">Main</h2>`, `<h2 id="years-1">Years</h2>`},
		"2023/index.html": {`<h2 id="main-1">main</h2>`},
		traffic23:         {`<h3 id="text-size-1">Text Size</h3>`},
	} {
		for _, w := range want {
			if !strings.Contains(files[name], w) {
				t.Errorf("%s: no %s", name, w)
			}
		}
		for _, id := range []string{"main", "text-size"} {
			if n := strings.Count(files[name], ` id="`+id+`"`); n != 1 {
				t.Errorf("%s: %d elements with id %q, want 1", name, n, id)
			}
		}
	}
}

// TestHostile checks that markup in a report's title, unit and block title
// reaches the pages as text.
func TestHostile(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	for _, name := range htmlPages(files) {
		page := files[name]
		for _, bad := range []string{scriptBreak, attrBreak, "<script>alert", `"onmouseover=`, "<p style="} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: contains unescaped %q", name, bad)
			}
		}
	}
	escScript := `&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`
	escAttr := `&#34;onmouseover=alert(2) x=&#34;`
	page := files[hostile23]
	for _, want := range []string{
		"<title>2023年度" + escScript + "报告" + escAttr + " - ",
		"<h1>2023年度" + escScript + "报告" + escAttr + "</h1>",
		`<a href="../../orgs/hostile-unit/index.html">某单位` + escAttr + escScript + "</a>",
		"<caption>决算" + escScript + escAttr + `<span class="unit">`,
		`<th scope="row">科目` + escScript + "</th>",
		"<dd>A&amp;B&lt;县&gt;</dd>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("%s: no %s", hostile23, want)
		}
	}
	// Raw HTML in the text is left out, not passed through.
	if sec := element(t, page, "01-basic", "section"); strings.Contains(sec, "alert(3)") || strings.Contains(sec, "onclick") {
		t.Errorf("raw HTML of the text reached the page:\n%s", sec)
	}
	for _, name := range []string{"index.html", "2023/index.html", "orgs/hostile-unit/index.html"} {
		if !strings.Contains(files[name], escScript) {
			t.Errorf("%s: hostile unit name not shown escaped", name)
		}
	}
}

// TestAttachments checks that a report's attachments are copied beside its
// page as they are, and linked from it.
func TestAttachments(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	src := testFiles(t)
	for _, a := range []string{"附件一.pdf", "scans/page-1.png"} {
		got, ok := files["2023/traffic-police/"+a]
		if !ok || got != string(src["content/2023/traffic-police/"+a].Data) {
			t.Errorf("attachment %s not copied as it is (present %v)", a, ok)
		}
	}
	page := files[traffic23]
	for _, href := range []string{`href="./scans/page-1.png"`, `href="./` + (&url.URL{Path: "附件一.pdf"}).EscapedPath() + `"`} {
		if !strings.Contains(strings.ToLower(page), strings.ToLower(href)) {
			t.Errorf("report page does not link %s", href)
		}
	}
}

// TestAttachmentLinks checks that an attachment's link finds the file
// whatever its name holds: a ':' that would read as a URL scheme (and be
// replaced by html/template), '#', '?', '%' and spaces, which would end or
// bend the path; opened from file:// or served under a sub-path.
func TestAttachmentLinks(t *testing.T) {
	t.Parallel()
	names := []string{"附件1:绩效自评表.pdf", "a #1?x=50%.pdf", "扫描件/第 1 页.png", "c%20d.txt", "mailto:x.pdf"}
	fsys := fenceSite("+++\ntitle = \"一\"\n+++\n")
	for _, n := range names {
		fsys["content/2023/unit/"+n] = &fstest.MapFile{Data: []byte(n)}
	}
	files := build(t, fsys, nil, nil)
	page := files["2023/unit/index.html"]
	p := attachmentsPara.FindString(page)
	if p == "" {
		t.Fatalf("no attachments on the page:\n%s", page)
	}
	var hrefs []string
	for _, m := range refAttr.FindAllStringSubmatch(p, -1) {
		hrefs = append(hrefs, html.UnescapeString(m[2]))
	}
	slices.Sort(names) // the page lists them sorted
	if len(hrefs) != len(names) {
		t.Fatalf("%d links for %d attachments: %q", len(hrefs), len(names), hrefs)
	}
	for i, name := range names {
		if files["2023/unit/"+name] != name {
			t.Errorf("%s not written beside the page", name)
		}
		for _, base := range []string{"file:///media/usb/site/2023/unit/index.html", "https://portal.example/gk/sub/2023/unit/index.html"} {
			b, _ := url.Parse(base)
			u, err := b.Parse(hrefs[i])
			if err != nil {
				t.Errorf("%s: href %q: %v", name, hrefs[i], err)
				continue
			}
			if want := path.Dir(b.Path) + "/" + name; u.Scheme != b.Scheme || u.Path != want || u.RawQuery != "" || u.Fragment != "" {
				t.Errorf("href %q from %s opens %s (query %q, fragment %q), want %s", hrefs[i], base, u.Path, u.RawQuery, u.Fragment, want)
			}
		}
	}
	if strings.Contains(page, "ZgotmplZ") {
		t.Error("html/template rejected a link")
	}
	if want := `<a href="./%E9%99%84%E4%BB%B61:%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84%E8%A1%A8.pdf">附件1:绩效自评表.pdf</a>`; !strings.Contains(p, want) {
		t.Errorf("attachments:\n%s\nwant a link %s", p, want)
	}
}

var attachmentsPara = regexp.MustCompile(`<p class="attachments">.*</p>`)

// TestDeterministic renders the same site twice from scratch, and then four
// times at once with one Renderer: every file must be byte-identical.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	first := build(t, testFiles(t), nil, nil)
	second := build(t, testFiles(t), nil, nil)
	compareBuilds(t, "second build", first, second)

	r := newRenderer(t, nil)
	site := loadSite(t, testFiles(t))
	outs := make([]*memWriter, 4)
	errs := make([]error, len(outs))
	var wg sync.WaitGroup
	for i := range outs {
		outs[i] = newMemWriter()
		fsys := testFiles(t)
		wg.Go(func() { errs[i] = r.Job(Options{}).Site(site, fsys, gongkai.Static(), outs[i]) })
	}
	wg.Wait()
	for i, w := range outs {
		if errs[i] != nil {
			t.Fatalf("concurrent build %d: %v", i, errs[i])
		}
		got := map[string]string{}
		for name, data := range w.files {
			got[name] = string(data)
		}
		compareBuilds(t, fmt.Sprintf("concurrent build %d", i), first, got)
	}
}

func compareBuilds(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	if !slices.Equal(sortedKeys(got), sortedKeys(want)) {
		t.Fatalf("%s: files differ:\n got %q\nwant %q", what, sortedKeys(got), sortedKeys(want))
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestNoText checks that the home and year texts are optional.
func TestNoText(t *testing.T) {
	t.Parallel()
	fsys := testFiles(t)
	delete(fsys, "content/_index.md")
	delete(fsys, "content/2023/_index.md")
	files := build(t, fsys, nil, nil)
	if strings.Contains(files["index.html"], `<div class="prose">`) {
		t.Error("home page without text has a text block")
	}
	if !strings.Contains(files["2023/index.html"], "<h1>2023年度</h1>") {
		t.Error("a year without _index.md is not titled by its year")
	}
}
