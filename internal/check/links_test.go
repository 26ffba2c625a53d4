package check_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai"
	"gongkai/internal/check"
	"gongkai/internal/markdown"
	"gongkai/internal/render"
	"gongkai/internal/report"
	"gongkai/internal/source"
	"gongkai/internal/theme"
)

// linkIndex is a report's index.md; its preface links a section's source
// file, a common mistake.
const linkIndex = `+++
title = "%d年度某单位整体支出绩效自评报告"
year = %d
org = "某单位"
org_id = "u"
unit = "万元"
+++
本报告照录原文，详见[基本情况](01-basic.md)。
`

const linkBudget = `+++
title = "二、一般公共预算支出情况"

[[budget]]
id = "initial"
title = "年初预算"
total = 100
  [[budget.items]]
  name = "公共安全支出"
  amount = 100
+++
预算如下。
`

// linkBasic holds one link of each kind. The comment after each line of
// links says what each link is expected to do.
const linkBasic = `+++
title = "一、基本情况"
+++
### 主要职能

见[第二部分](#02-budget)、[职能](#主要职能)、[编码的职能](#%E4%B8%BB%E8%A6%81%E8%81%8C%E8%83%BD)、[预算](#data-initial)、[页首](#top)。
见[不存在](#不存在的锚点)、[拼错](#02-budgt)。

附件[决算表](附件.pdf)、[编码](%E9%99%84%E4%BB%B6.pdf)、[子目录](表格/附表1.xlsx)、![图表](图表.png)、[缺失](缺失.xlsx)、![缺图](缺图.png)、[大小写](附件.PDF)。

去年[报告](../../2022/u/index.html)、[其预算](../../2022/u/index.html#02-budget)、[目录](../../2022/u/)、[无斜杠](../../2022/u)、[坏锚点](../../2022/u/index.html#03-none)、[无此报告](../../2021/u/)。

外部[财政部](https://www.mof.gov.cn/)、<mailto:czj@example.cn>、[电话](tel:12345) https://www.gov.cn 和[协议相对](//cdn.example.cn/x.js)。

站内[首页](../../index.html)、[年度](../)、[单位](../../orgs/u/index.html)、[数据](data.json)。

| 项目 | 链接 |
|---|---|
| 绝对路径 | [首页](/index.html) |
| 越界 | [外面](../../../x.html) |

- 列表[缺页](other.html)
- [引用][表] 和 [引用坏][坏]

[表]: 附件.pdf
[坏]: ../../2022/u/附件.pdf
`

func linkSite() fstest.MapFS {
	files := map[string]string{
		"site.toml":                   "title = \"站\"\n",
		"content/2023/u/index.md":     fmt.Sprintf(linkIndex, 2023, 2023),
		"content/2023/u/01-basic.md":  linkBasic,
		"content/2023/u/02-budget.md": linkBudget,
		"content/2023/u/附件.pdf":       "%PDF-1.4",
		"content/2023/u/表格/附表1.xlsx":  "xlsx",
		"content/2023/u/图表.png":       "png",
		"content/2022/u/index.md":     fmt.Sprintf(linkIndex, 2022, 2022),
		"content/2022/u/01-basic.md":  "+++\ntitle = \"一、基本情况\"\n+++\n正文。\n",
		"content/2022/u/02-budget.md": linkBudget,
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// memWriter keeps the files written to it.
type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (w *memWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[name] = slices.Clone(data)
	return nil
}

// buildLinks builds fsys in memory through a Recorder and checks its links.
// It reads the links off the parse that renders each text and lets go of
// each report's texts once it is rendered, as a large build does.
func buildLinks(t *testing.T, fsys fstest.MapFS) ([]check.Finding, *memWriter) {
	t.Helper()
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatalf("source.Load: %v", err)
	}
	r, err := render.New(theme.New(nil, gongkai.Layouts()), markdown.New())
	if err != nil {
		t.Fatal(err)
	}
	w := &memWriter{files: map[string][]byte{}}
	rec := check.NewRecorder(w)
	var mu sync.Mutex
	byPath := map[string][]markdown.Link{}
	opt := render.Options{
		Done: (*report.Report).DropTexts,
		Text: func(_ *report.Report, tx report.Text, f *markdown.Facts) {
			mu.Lock()
			defer mu.Unlock()
			byPath[tx.Pos.Path] = f.Links
		},
	}
	if err := r.Job(opt).Site(site, fsys, theme.New(nil, gongkai.Static()), rec); err != nil {
		t.Fatalf("render: %v", err)
	}
	return check.Links(site, check.NewTextLinks(byPath), rec.Output()), w
}

func TestLinks(t *testing.T) {
	t.Parallel()
	fs, w := buildLinks(t, linkSite())
	// The recorder passed every file on.
	for _, name := range []string{"2023/u/index.html", "2023/u/附件.pdf", "2023/u/表格/附表1.xlsx", "2022/u/index.html"} {
		if _, ok := w.files[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	want := []string{
		"content/2022/u/index.md:8:11: LINK-BROKEN 链接的目标“01-basic.md”不存在。章节不是单独的网页；链接本报告的章节请写“#01-basic”",
		"content/2023/u/01-basic.md:7:2: LINK-BROKEN 链接的锚点“#不存在的锚点”在本页不存在。本页的章节锚点：#01-basic、#02-budget",
		"content/2023/u/01-basic.md:7:17: LINK-BROKEN 链接的锚点“#02-budgt”在本页不存在。相近的锚点：#02-budget",
		"content/2023/u/01-basic.md:9:79: ATTACHMENT-MISSING 引用的附件“缺失.xlsx”不存在。把附件放进报告目录 content/2023/u/，或改正文件名",
		"content/2023/u/01-basic.md:9:93: ATTACHMENT-MISSING 引用的附件“缺图.png”不存在。把附件放进报告目录 content/2023/u/，或改正文件名",
		"content/2023/u/01-basic.md:9:107: ATTACHMENT-MISSING 引用的附件“附件.PDF”不存在。报告目录里有“附件.pdf”，大小写不同；网站服务器区分大小写，请改正文件名",
		"content/2023/u/01-basic.md:11:114: LINK-BROKEN 链接的锚点“#03-none”在 2022/u/index.html 中不存在。该页的章节锚点：#01-basic、#02-budget",
		"content/2023/u/01-basic.md:11:153: LINK-BROKEN 链接的目标“../../2021/u/”不存在。相对链接从本报告页面所在的 2023/u/ 算起，指向 2021/u/index.html，生成的站点里没有这个文件",
		"content/2023/u/01-basic.md:19:10: LINK-BROKEN 链接“/index.html”是绝对路径：站点放在门户的子路径下或从 file:// 打开时，它会指向别处。站点只用相对链接，从本页算起应写“../../index.html”",
		"content/2023/u/01-basic.md:20:8: LINK-BROKEN 链接“../../../x.html”超出了站点的根目录。相对链接从本报告页面所在的 2023/u/ 算起，回到站点根目录是“../../”",
		"content/2023/u/01-basic.md:22:5: LINK-BROKEN 链接的目标“other.html”不存在。相对链接从本报告页面所在的 2023/u/ 算起，指向 2023/u/other.html，生成的站点里没有这个文件",
		"content/2023/u/01-basic.md:23:13: LINK-BROKEN 链接的目标“../../2022/u/附件.pdf”不存在。相对链接从本报告页面所在的 2023/u/ 算起，指向 2022/u/附件.pdf，生成的站点里没有这个文件",
		"content/2023/u/index.md:8:11: LINK-BROKEN 链接的目标“01-basic.md”不存在。章节不是单独的网页；链接本报告的章节请写“#01-basic”",
	}
	var got []string
	for _, f := range fs {
		if f.Severity != check.Error || f.Report != strings.TrimSuffix(strings.SplitAfter(f.Pos.Path, "/u/")[0], "/") || f.Block != "" {
			t.Errorf("%v: severity %v, report %q, block %q", f, f.Severity, f.Report, f.Block)
		}
		s := f.Pos.String() + ": " + f.Code + " " + f.Message
		if f.Hint != "" {
			s += "。" + f.Hint
		}
		got = append(got, s)
	}
	// In order: Links sorts.
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinksSilenced: the site's [check] ignore silences link findings too.
func TestLinksSilenced(t *testing.T) {
	t.Parallel()
	fsys := linkSite()
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"站\"\n[check]\nignore = [\"LINK-BROKEN\"]\n")}
	fs, _ := buildLinks(t, fsys)
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Pos.String()+" "+f.Code)
	}
	want := []string{
		"content/2023/u/01-basic.md:9:79 ATTACHMENT-MISSING",
		"content/2023/u/01-basic.md:9:93 ATTACHMENT-MISSING",
		"content/2023/u/01-basic.md:9:107 ATTACHMENT-MISSING",
	}
	if !slices.Equal(codes, want) {
		t.Errorf("findings %q, want %q", codes, want)
	}
}

// linkGood is linkBasic's good links alone.
const linkGood = `+++
title = "一、基本情况"
+++
### 主要职能

见[第二部分](#02-budget)、[职能](#主要职能)、[编码的职能](#%E4%B8%BB%E8%A6%81%E8%81%8C%E8%83%BD)、[预算](#data-initial)、[页首](#top)。

附件[决算表](附件.pdf)、[编码](%E9%99%84%E4%BB%B6.pdf)、[子目录](表格/附表1.xlsx)、![图表](图表.png)、[第3页](附件.pdf#page=3)。

去年[报告](../../2022/u/index.html)、[其预算](../../2022/u/index.html#02-budget)、[目录](../../2022/u/)、[无斜杠](../../2022/u)、[数据](../../2022/u/data.csv?v=1)。

外部[财政部](https://www.mof.gov.cn/)、<mailto:czj@example.cn>、[电话](tel:12345) https://www.gov.cn 和[协议相对](//cdn.example.cn/x.js)。

站内[首页](../../index.html)、[年度](../)、[单位](../../orgs/u/index.html)、[数据](data.json)、[本页](./)、[本页](index.html#01-basic)、[空]()。

| 项目 | 链接 |
|---|---|
| 附件 | [决算表](./附件.pdf) |

- 列表[附件](附件.pdf)
- [引用][表]

[表]: 附件.pdf
`

// TestLinksNoFindings: a site whose links all resolve has no findings.
func TestLinksNoFindings(t *testing.T) {
	t.Parallel()
	fsys := linkSite()
	fsys["content/2023/u/index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(fmt.Sprintf(linkIndex, 2023, 2023), "01-basic.md", "#01-basic", 1))}
	fsys["content/2022/u/index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(fmt.Sprintf(linkIndex, 2022, 2022), "01-basic.md", "../../2023/u/index.html#主要职能", 1))}
	fsys["content/2023/u/01-basic.md"] = &fstest.MapFile{Data: []byte(linkGood)}
	if fs, _ := buildLinks(t, fsys); len(fs) != 0 {
		t.Errorf("findings: %v", fs)
	}
}

// TestRecorderIDs: the recorder finds the ids of a page and nothing else.
func TestRecorderIDs(t *testing.T) {
	t.Parallel()
	rec := check.NewRecorder(nil)
	page := `<main id="main" class="wrap"><tr data-id="no" id="data-甲"><p>id="text"</p>
<div
id="nl" grid="no"><a id="a&amp;b"></a><b id="main"></b>`
	if err := rec.WriteFile("2023/u/index.html", []byte(page)); err != nil {
		t.Fatal(err)
	}
	if err := rec.WriteFile("2023/u/data.json", []byte(`{"x": " id=\"json\""}`)); err != nil {
		t.Fatal(err)
	}
	out := rec.Output()
	if got, want := out.IDs("2023/u/index.html"), []string{"a&b", "data-甲", "main", "nl"}; !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if !out.Has("2023/u/data.json") || out.IDs("2023/u/data.json") != nil || out.Has("2023/u") {
		t.Errorf("files recorded wrong")
	}
	// Ids are whole: neither a part of one nor two joined are ids.
	if !out.HasID("2023/u/index.html", "data-甲") || out.HasID("2023/u/index.html", "text") ||
		out.HasID("2023/u/index.html", "ma") || out.HasID("2023/u/index.html", "main\x00nl") || out.HasID("2023/u/index.html", "") {
		t.Errorf("HasID wrong")
	}
}

// TestRecorderConcurrent writes pages from many goroutines while others
// take snapshots, for the race detector.
func TestRecorderConcurrent(t *testing.T) {
	t.Parallel()
	w := &memWriter{files: map[string][]byte{}}
	rec := check.NewRecorder(w)
	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			name := fmt.Sprintf("%d/index.html", i)
			if err := rec.WriteFile(name, []byte(fmt.Sprintf(`<h2 id="s%d">`, i))); err != nil {
				t.Error(err)
			}
			_ = rec.Output().HasID(name, "s0")
		})
	}
	wg.Wait()
	out := rec.Output()
	for i := range n {
		name := fmt.Sprintf("%d/index.html", i)
		if !out.HasID(name, fmt.Sprintf("s%d", i)) || w.files[name] == nil {
			t.Errorf("%s not recorded or not passed on", name)
		}
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) WriteFile(string, []byte) error { return errors.New("disk full") }

// TestRecorderError: a file that could not be written is not recorded.
func TestRecorderError(t *testing.T) {
	t.Parallel()
	rec := check.NewRecorder(errWriter{})
	if err := rec.WriteFile("index.html", []byte(`<p id="x">`)); err == nil {
		t.Fatal("no error")
	}
	if rec.Output().Has("index.html") {
		t.Error("failed write recorded")
	}
}

// BenchmarkRecorder records a report page: the cost every build pays per page.
func BenchmarkRecorder(b *testing.B) {
	site, err := source.Load(linkSite())
	if err != nil {
		b.Fatal(err)
	}
	r, err := render.New(theme.New(nil, gongkai.Layouts()), markdown.New())
	if err != nil {
		b.Fatal(err)
	}
	w := &memWriter{files: map[string][]byte{}}
	if err := r.Job(render.Options{}).Site(site, linkSite(), theme.New(nil, gongkai.Static()), w); err != nil {
		b.Fatal(err)
	}
	page := w.files["2023/u/index.html"]
	rec := check.NewRecorder(nil)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		_ = rec.WriteFile("2023/u/index.html", page)
	}
}

// TestRecorderFinish: Finish hands over the record, with the files
// expected to be written after it, and then refuses further files rather
// than losing them.
func TestRecorderFinish(t *testing.T) {
	t.Parallel()
	rec := check.NewRecorder(nil)
	if err := rec.WriteFile("2023/u/index.html", []byte(`<p id="a">`)); err != nil {
		t.Fatal(err)
	}
	rec.Expect("search/k/0.js", "search/meta.js")
	out := rec.Finish()
	if !out.HasID("2023/u/index.html", "a") {
		t.Errorf("the finished record lacks the page's id")
	}
	if !out.Has("search/k/0.js") || !out.Has("search/meta.js") || out.Has("search/k/1.js") {
		t.Errorf("the record lacks an expected file, or holds one not expected")
	}
	if err := rec.WriteFile("late.html", nil); err == nil {
		t.Errorf("a file written after Finish is accepted")
	}
	if out.Has("late.html") {
		t.Errorf("a file written after Finish is in the record")
	}
}
