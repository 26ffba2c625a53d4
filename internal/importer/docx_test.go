package importer

import (
	"archive/zip"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/docx"
)

func TestDocxText(t *testing.T) {
	t.Parallel()
	d := &docx.Document{
		Blocks: []docx.Block{
			{Para: &docx.Paragraph{Number: "一、", Text: "基本情况", Level: 1}},
			{Para: &docx.Paragraph{Text: "第一行\n第二行"}},
			{Table: &docx.Table{Rows: [][]string{{"科目", "金额", ""}, {"公共安全支出", "971.76"}, {"a|b", "两\n行", "x"}}}},
			{Table: &docx.Table{}},
			{Para: &docx.Paragraph{Text: "部门职能", Level: 2}},
			{Para: &docx.Paragraph{Text: "支出（万元）如图。", Marks: []docx.Mark{
				{At: len("支出"), Note: 1}, {At: len("支出（万元）如图。"), Image: 1, Alt: "图[1]"}, {At: len("支出（万元）如图。"), Note: 2},
			}}},
			{Para: &docx.Paragraph{Marks: []docx.Mark{{Image: 1}}}},
		},
		Footnotes: []string{"注：单位万元。", "第一行\n第二行", "表中的注。"},
		Images:    []docx.Image{{Name: "image1.png"}},
	}
	want := "一、基本情况\n第一行\n第二行\n" +
		"| 科目 | 金额 |  |\n| --- | --- | --- |\n| 公共安全支出 | 971.76 |  |\n| a\\|b | 两 行 | x |\n" +
		"部门职能\n支出[^1]（万元）如图。![图\\[1\\]](image1.png)[^2]\n[^1]: 注：单位万元。\n[^2]: 第一行 第二行\n![](image1.png)\n表中的注。\n"
	got, headings := DocxText(d)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if want := map[int]int{1: 1, 8: 2}; !reflect.DeepEqual(headings, want) {
		t.Errorf("headings %v, want %v", headings, want)
	}
}

// wordNS declares the WordprocessingML namespace.
const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// writeDocx writes a .docx with the nine standard sections into dir,
// numbered by Word's heading style as a Word user numbers them, or not
// numbered at all.
func writeDocx(t *testing.T, dir string, numbered bool) string {
	t.Helper()
	p := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := p("Title", "某县财政局2024年度部门整体支出绩效自评报告")
	for i, s := range standard {
		_, title, _ := strings.Cut(s.title, "、")
		body += p("Heading1", title)
		if i == 0 {
			body += p("Heading2", "部门职能") + p("Normal", "负责全县财政收支管理。")
		}
		body += p("Normal", "第"+s.file[:2]+"部分的正文，年初预算100万元。")
	}
	numPr := func(ilvl string) string {
		if !numbered {
			return ""
		}
		return `<w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="1"/></w:numPr></w:pPr>`
	}
	parts := map[string]string{
		"word/document.xml": `<w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
		"word/styles.xml": `<w:styles ` + wordNS + `>
<w:style w:styleId="Heading1"><w:name w:val="heading 1"/>` + numPr("0") + `</w:style>
<w:style w:styleId="Heading2"><w:name w:val="heading 2"/>` + numPr("1") + `</w:style>
</w:styles>`,
		"word/numbering.xml": `<w:numbering ` + wordNS + `><w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>`,
	}
	name := filepath.Join(dir, "报告.docx")
	writeZip(t, name, parts)
	return name
}

// writeZip writes a zip file holding parts (name → content).
func writeZip(t testing.TB, name string, parts map[string]string) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	for _, n := range slices.Sorted(maps.Keys(parts)) {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// headingStyles declares Word's heading 1, as a document made in Word does.
const headingStyles = `<w:styles ` + wordNS + `><w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`

// TestImportDocx: a Word document whose nine headings are numbered by
// Word, or only styled as headings, imports into the nine standard
// sections, its sub-heading a level-3 heading.
func TestImportDocx(t *testing.T) {
	t.Parallel()
	for _, numbered := range []bool{true, false} {
		name := writeDocx(t, t.TempDir(), numbered)
		text, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Make(".", text, SplitText(text), Meta{OrgID: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if !b.Standard || len(b.Sections) != 9 {
			t.Fatalf("numbered %v: sections %+v", numbered, b.Sections)
		}
		for i, s := range b.Sections {
			if s.Title != standard[i].title || s.File != standard[i].file {
				t.Errorf("numbered %v: section %d: %+v, want %q", numbered, i+1, s, standard[i].title)
			}
		}
		sub := "\n### （一）部门职能\n"
		if !numbered {
			sub = "\n### 部门职能\n"
		}
		if got := string(b.Files["01-basic.md"]); !strings.Contains(got, sub) {
			t.Errorf("numbered %v: 01-basic.md lacks the sub-heading:\n%s", numbered, got)
		}
		if b.Title != "某县财政局2024年度部门整体支出绩效自评报告" {
			t.Errorf("title %q", b.Title)
		}
	}
}

func TestReadDocxRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"text.docx":  "这是文本，不是 Word 文档",
		"empty.docx": "",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), path+" 不是 .docx 文件") {
			t.Errorf("%s: %v", name, err)
		}
	}
	blank := filepath.Join(dir, "blank.docx")
	writeZip(t, blank, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body><w:p/></w:body></w:document>`})
	if _, err := ReadFile(blank); err == nil || !strings.Contains(err.Error(), blank+" 中没有文字") {
		t.Errorf("blank: %v", err)
	}
}

// BenchmarkImportDocx300 imports a Word document of about 300 pages: the
// nine sections, each with 600 paragraphs of 80 characters that state a
// budget and a count, and ten tables of 20 rows (the target: < 2 s).
func BenchmarkImportDocx300(b *testing.B) {
	var body strings.Builder
	p := func(style, text string) {
		body.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`)
	}
	p("Title", "某县财政局2024年度部门整体支出绩效自评报告")
	for _, s := range standard {
		p("Heading1", s.title)
		for i := range 600 {
			p("Normal", "2024年年初预算支出总计100万元，其中：公共安全支出60.50万元，占60.5%；教育支出39.5万元，占39.5%。共查处违法行为85起，其中现场执法23起，非现场执法62起。")
			if i%60 == 0 {
				body.WriteString(`<w:tbl>`)
				for range 20 {
					body.WriteString(`<w:tr><w:tc><w:p><w:r><w:t>公共安全支出</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>971.76</w:t></w:r></w:p></w:tc></w:tr>`)
				}
				body.WriteString(`</w:tbl>`)
			}
		}
	}
	name := filepath.Join(b.TempDir(), "big.docx")
	writeZip(b, name, map[string]string{
		"word/document.xml": `<w:document ` + wordNS + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/styles.xml":   headingStyles,
	})
	for b.Loop() {
		text, err := ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		bundle, err := Make(".", text, SplitText(text), Meta{OrgID: "x"})
		if err != nil {
			b.Fatal(err)
		}
		if len(bundle.Sections) != 9 || len(bundle.Blocks) < 9*600 {
			b.Fatalf("%d sections, %d blocks", len(bundle.Sections), len(bundle.Blocks))
		}
	}
}
