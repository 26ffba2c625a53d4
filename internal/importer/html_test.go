package importer

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// portalPage is a saved article page as county portals publish them: a
// navigation bar with a login link, the 索引号 box, the article in a
// TRS_Editor div with a table, a footer and scripts.
const portalPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某县财政局2024年度部门整体支出绩效自评报告_某县人民政府</title>
<style>.nav{color:red}</style><script>var x = "一、不是正文";</script></head>
<body>
<div class="top-bar"><a href="/login">登录</a> | <a href="/reg">注册</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="main-content">
 <div class="xxgk-info"><table>
  <tr><td>索引号：</td><td>11410000-2024-00012</td><td>发布机构：</td><td>某县财政局</td></tr>
  <tr><td>发布日期：</td><td>2024-04-30</td><td>时效性：</td><td>有效</td></tr>
 </table></div>
 <h1 class="article-title">某县财政局2024年度部门整体支出绩效自评报告</h1>
 <div class="TRS_Editor">
  <p>&nbsp;&nbsp;一、基本情况</p>
  <p>（一）部门职能</p>
  <p>负责全县财政收支
  管理，编制预算草案。</p>
  <p>二、一般公共预算支出情况</p>
  <p>年初预算<strong>100.5</strong>万元。</p>
  <table border="1"><tr><th>科目名称</th><th>金额</th></tr>
   <tr><td rowspan="2">公共安全支出</td><td>60.5</td></tr>
   <tr><td>40</td></tr></table>
  <p>三、其他说明</p>
  <p>无。</p>
 </div>
</div>
<div class="footer">主办：某县人民政府办公室 <a href="#">网站地图</a></div>
<script>document.write("九、脚本")</script>
</body></html>`

var portalLines = []string{
	"某县财政局2024年度部门整体支出绩效自评报告",
	"一、基本情况",
	"（一）部门职能",
	"负责全县财政收支管理，编制预算草案。",
	"二、一般公共预算支出情况",
	"年初预算100.5万元。",
	"| 科目名称 | 金额 |",
	"| --- | --- |",
	"| 公共安全支出 | 60.5 |",
	"|  | 40 |",
	"三、其他说明",
	"无。",
}

func TestHTMLText(t *testing.T) {
	t.Parallel()
	gbkPage, err := simplifiedchinese.GBK.NewEncoder().String(strings.Replace(portalPage, `charset="utf-8"`, `http-equiv="Content-Type" content="text/html; charset=gb2312"`, 1))
	if err != nil {
		t.Fatal(err)
	}
	dated := strings.Replace(portalPage, "<td>发布日期：</td><td>2024-04-30</td>", "<td>发布时间：2024年4月30日</td>", 1)
	tests := []struct {
		name, page, converted, published string
	}{
		{"utf-8", portalPage, "", "2024-04-30"},
		{"gb2312", gbkPage, "GB2312", "2024-04-30"},
		{"chinese date", dated, "", "2024-04-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := HTMLText("a.html", []byte(tt.page), nil)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(got.Body, "\n"), "\n")
			if !slices.Equal(lines, portalLines) {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(portalLines, "\n"))
			}
			if got.Converted != tt.converted || got.Published != tt.published {
				t.Errorf("Converted, Published = %q, %q; want %q, %q", got.Converted, got.Published, tt.converted, tt.published)
			}
		})
	}
}

// TestHTMLHeadings: h2/h3 in the body are the page's sections and
// sub-headings even without a number, whichever h the page starts at.
func TestHTMLHeadings(t *testing.T) {
	t.Parallel()
	page := `<html><body><h1>某单位2023年度部门整体支出绩效自评报告</h1><div id="zoom">
<h2>基本情况</h2><h3>部门职能</h3><p>负责财政。金额1万元。</p><h2>支出情况</h2><p>无。</p></div></body></html>`
	got, err := HTMLText("a.htm", []byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := SplitText(got)
	if d.Title != "某单位2023年度部门整体支出绩效自评报告" || len(d.Sections) != 2 || d.Sections[0].Body[0].Level != 3 {
		t.Errorf("title %q, sections %+v", d.Title, d.Sections)
	}
}

func TestHTMLRefused(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("<div>", 10000) + "一、正文" + strings.Repeat("</div>", 10000)
	tests := []struct {
		name string
		page []byte
		err  string
	}{
		{"deep", []byte(deep), "a.html 无法作为网页读取（标签嵌套过深"},
		{"empty", []byte("<html><body><div class=nav>首页</div></body></html>"), "a.html 中没有找到正文文字"},
		{"too big", make([]byte, MaxSize+1), "a.html 超过 100 MB"},
		{"bad gbk", []byte(`<meta charset="gbk"><p>` + "\x81\x20" + `</p>`), "a.html 既不是 UTF-8 也不是 GB18030/GBK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			_, err := HTMLText("a.html", tt.page, nil)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want %q", err, tt.err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestHTMLMake imports the page end to end: the nine standard sections,
// the date in index.md, no trace of the navigation or the info box.
func TestHTMLMake(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"></head><body><div class="nav">首页 登录</div>
<h1>某县交警大队2023年度部门整体支出绩效自评报告</h1>
<div class="info">索引号：001 发布机构：某县交警大队 发布日期：2024-04-30 时效性：有效</div>
<div class="article-content">`)
	for _, s := range standard {
		b.WriteString("<p>" + s.title + "</p><p>本节正文，金额1万元。</p>\n")
	}
	b.WriteString(`</div><div class="footer">版权所有</div></body></html>`)
	name := filepath.Join(t.TempDir(), "报告.html")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	bu, err := Make("site", text, SplitText(text), Meta{OrgID: "u"})
	if err != nil {
		t.Fatal(err)
	}
	if !bu.Standard || len(bu.Sections) != 9 {
		t.Fatalf("Standard %v, %d sections", bu.Standard, len(bu.Sections))
	}
	index := string(bu.Files["index.md"])
	if !strings.Contains(index, "\npublished = 2024-04-30\n") || !strings.Contains(index, `year = 2023`) {
		t.Errorf("index.md:\n%s", index)
	}
	for f, data := range bu.Files {
		for _, w := range []string{"首页", "登录", "索引号", "版权所有"} {
			if strings.Contains(string(data), w) {
				t.Errorf("%s holds %q", f, w)
			}
		}
	}
}

// TestHTMLKeepsParagraphNamingLabels checks that a paragraph of the
// article that names two of the info box's labels is kept: only the box,
// outside the text, is left out.
func TestHTMLKeepsParagraphNamingLabels(t *testing.T) {
	t.Parallel()
	page := `<html><body><div class="info">索引号：123 发布机构：县财政局 时效性：有效</div>
<div class="TRS_Editor"><p>一、基本情况</p><p>本项目资金来源为县财政，批复文号为县财预〔2023〕12号。</p><p>二、一般公共预算支出情况</p><p>正文。</p></div></body></html>`
	got, err := HTMLText("a.html", []byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	body := got.Body
	if !strings.Contains(body, "本项目资金来源为县财政，批复文号为县财预〔2023〕12号。") {
		t.Errorf("the paragraph naming 来源 and 文号 was dropped:\n%s", body)
	}
	if strings.Contains(body, "索引号") {
		t.Errorf("the info box was kept:\n%s", body)
	}
}

// TestHTMLPictures: pictures saved beside the page and data: URIs become
// attachments shown where the page shows them; a picture on another site,
// on the portal's own paths, outside the page's folder, missing, not a
// file or not a format a browser shows is named in a note, never loaded.
func TestHTMLPictures(t *testing.T) {
	t.Parallel()
	png := "\x89PNG\r\n\x1a\n"
	dir := fstest.MapFS{
		"page_files/a.png":     {Data: []byte(png)},
		"page_files/x.svg":     {Data: []byte("<svg onload='alert(1)'/>")},
		"page_files/dir.png/f": {Data: []byte("x")},
	}
	page := `<html><body><div class="article"><h1>某局2024年度部门整体支出绩效自评报告</h1>
<p>一、基本情况</p>
<p>如图<img src="page_files/a.png" alt="机构[图]">所示。<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString([]byte(png)) + `"></p>
<p><img src="../secret.png"><img src="http://example.com/y.png"><img src="//example.com/z.png"><img src="/u/cms/z.png">` +
		`<img src="page_files/x.svg"><img src="missing.png"><img src="page_files/dir.png"><img src="data:text/html;base64,PGI+"></p>
</div></body></html>`
	got, err := HTMLText("a.html", []byte(page), dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "如图![机构\\[图\\]](image1.png)所示。![](image2.png)\n"; !strings.Contains(got.Body, want) {
		t.Errorf("body lacks %q:\n%s", want, got.Body)
	}
	if len(got.Files) != 2 || got.Files[0].Name != "image1.png" || got.Files[1].Name != "image2.png" ||
		string(got.Files[0].Data) != png || string(got.Files[1].Data) != png {
		t.Errorf("files %+v", got.Files)
	}
	for _, want := range []string{
		"../secret.png 指向网页所在文件夹之外",
		"http://example.com/y.png 在其他网站上",
		"//example.com/z.png 在其他网站上",
		"/u/cms/z.png 是门户网站上的路径",
		"page_files/x.svg 不是网页可显示的图片格式",
		"missing.png 没有随网页保存",
		"page_files/dir.png 不是普通文件",
		"data:text/html;base64,PGI+ 不是网页可显示的图片格式",
	} {
		if !strings.Contains(strings.Join(got.Notes, "\n"), want) {
			t.Errorf("notes lack %q:\n%s", want, strings.Join(got.Notes, "\n"))
		}
	}
	if len(got.Notes) != 8 {
		t.Errorf("%d notes, want 8:\n%s", len(got.Notes), strings.Join(got.Notes, "\n"))
	}
}
