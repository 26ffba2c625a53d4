package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"reflect"
	"strings"
	"testing"
)

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// build writes a .docx holding parts.
func build(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func document(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + body + `<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>`
}

func para(pPr, text string) string {
	return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

const styles = `<w:styles ` + ns + `>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
</w:styles>`

const numbering = `<w:numbering ` + ns + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:rPr><w:b/></w:rPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1、"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`

const footnotes = `<w:footnotes ` + ns + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>分隔</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 数据来源：财务决算。</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:t>第二个脚注。</w:t></w:r></w:p></w:footnote>
</w:footnotes>`

func numPr(ilvl, id string) string {
	return `<w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + id + `"/></w:numPr>`
}

func TestRead(t *testing.T) {
	t.Parallel()
	body := para(`<w:pStyle w:val="Title"/>`, "某单位2023年度部门整体支出绩效自评报告") +
		para(`<w:pStyle w:val="Heading1"/>`, "基本情况") +
		para(`<w:pStyle w:val="2"/>`, "部门职能") +
		para(numPr("2", "1"), "主要职能") +
		para(numPr("3", "1"), "依法维护道路交通安全") +
		para(numPr("3", "1"), "处理交通事故") +
		para(numPr("2", "1"), "机构设置") +
		para(numPr("3", "1"), "下设三个大队") +
		para(`<w:pStyle w:val="2"/>`, "人员情况") +
		`<w:p><w:r><w:t>正文</w:t></w:r><w:del w:id="9" w:author="甲"><w:r><w:delText>删去的字</w:delText></w:r></w:del><w:ins w:id="10" w:author="甲"><w:r><w:t>插入的字</w:t></w:r></w:ins><w:r><w:tab/><w:t>制表</w:t><w:br/><w:t>换行</w:t></w:r></w:p>` +
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>` +
		para(`<w:pStyle w:val="Heading1"/>`, "部门整体支出情况") +
		`<w:p><w:r><w:t>见下表</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
		`<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
		 <w:tr><w:tc><w:p><w:r><w:t>科目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>
		 <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>公共安全支出</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>971.76</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>万元</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc></w:tr>
		 <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1.5</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
		</w:tbl>` +
		para(numPr("0", "2"), "带圆点的条目") +
		para(numPr("0", "3"), "第一条") +
		para(numPr("0", "3"), "第二条") +
		para(numPr("0", "4"), "重新编号") +
		para(`<w:pStyle w:val="Mine"/>`, "样式取消编号") +
		para(`<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>`, "直接设为正文") +
		para(`<w:outlineLvl w:val="2"/>`, "直接设大纲级别") +
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>旁文</w:t></w:r></w:p>` +
		`<w:p/>`
	data := build(t, map[string]string{
		"[Content_Types].xml":   `<Types/>`,
		"word/document.xml":     document(body),
		"word/styles.xml":       styles,
		"word/numbering.xml":    numbering,
		"word/footnotes.xml":    footnotes,
		"word/header1.xml":      `<w:hdr ` + ns + `><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>`,
		"word/footer1.xml":      `<w:ftr ` + ns + `><w:p><w:r><w:t>页脚文字</w:t></w:r></w:p></w:ftr>`,
		"word/comments.xml":     `<w:comments ` + ns + `><w:comment w:id="0"><w:p><w:r><w:t>批注文字</w:t></w:r></w:p></w:comment></w:comments>`,
		"word/media/image1.png": "\x89PNG",
	})
	doc, err := Read("报告.docx", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	type p struct {
		Number, Text string
		Level        int
	}
	var got []p
	var tables []*Table
	for _, b := range doc.Blocks {
		if b.Table != nil {
			tables = append(tables, b.Table)
			got = append(got, p{Text: "<table>"})
			continue
		}
		got = append(got, p{b.Para.Number, b.Para.Text, b.Para.Level})
	}
	want := []p{
		{"", "某单位2023年度部门整体支出绩效自评报告", 0},
		{"一、", "基本情况", 1},
		{"（一）", "部门职能", 2},
		{"1. ", "主要职能", 0},
		{"（1）", "依法维护道路交通安全", 0},
		{"（2）", "处理交通事故", 0},
		{"2. ", "机构设置", 0},
		{"（1）", "下设三个大队", 0},
		{"（二）", "人员情况", 2},
		{"", "正文插入的字 制表\n换行", 0},
		{"", "3页", 0},
		{"二、", "部门整体支出情况", 1},
		{"", "见下表", 0},
		{"", "<table>", 0},
		{"", "带圆点的条目", 0},
		{"1、", "第一条", 0},
		{"2、", "第二条", 0},
		{"1、", "重新编号", 0},
		{"", "样式取消编号", 1},
		{"三、", "直接设为正文", 0}, // the outline level makes it body text; the style still numbers it
		{"", "直接设大纲级别", 3},
		{"", "文本框\n旁文", 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs:\n got %+v\nwant %+v", got, want)
	}
	wantRows := [][]string{
		{"科目", "金额", ""},
		{"公共安全支出", "971.76", "万元\n第二段"},
		{"", "1.5", ""},
	}
	if len(tables) != 1 || !reflect.DeepEqual(tables[0].Rows, wantRows) {
		t.Errorf("table: got %+v, want %q", tables, wantRows)
	}
	if want := []string{"第二个脚注。", " 数据来源：财务决算。"}; !reflect.DeepEqual(doc.Footnotes, want) {
		t.Errorf("footnotes: got %q, want %q", doc.Footnotes, want)
	}
	var all strings.Builder
	for _, b := range doc.Blocks {
		if b.Para != nil {
			all.WriteString(b.Para.Text)
		}
	}
	for _, s := range []string{"删去的字", "PAGE", "页眉文字", "页脚文字", "批注文字", "分隔"} {
		if strings.Contains(all.String()+strings.Join(doc.Footnotes, ""), s) {
			t.Errorf("%q should be left out", s)
		}
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n    int
		f    string
		want string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCountingThousand", "二十"}, {101, "chineseCounting", "一百零一"},
		{10, "ideographDigital", "一〇"}, {3, "ideographDigital", "三"},
		{12, "chineseLegalSimplified", "拾贰"}, {21, "chineseLegalSimplified", "贰拾壹"},
		{2, "decimalEnclosedCircleChinese", "②"}, {3, "decimalEnclosedParen", "⑶"},
		{12, "decimalFullWidth", "１２"}, {4, "lowerRoman", "iv"}, {28, "upperLetter", "BB"},
		{7, "somethingNew", "7"},
	} {
		if got := format(c.n, c.f); got != c.want {
			t.Errorf("format(%d, %s) = %q, want %q", c.n, c.f, got, c.want)
		}
	}
}

func TestReadRefuses(t *testing.T) {
	t.Parallel()
	deep := document(strings.Repeat("<w:sdt><w:sdtContent>", 300) + strings.Repeat("</w:sdtContent></w:sdt>", 300))
	cases := []struct {
		name string
		data []byte
		size int64
		want string
	}{
		{"not a zip", []byte("这不是压缩包"), 0, "a.docx 不是 .docx 文件"},
		{"empty", nil, 0, "a.docx 不是 .docx 文件"},
		{"zip without document", build(t, map[string]string{"word/styles.xml": styles}), 0, "a.docx 是 zip 压缩包，但不是 Word 文档"},
		{"OLE", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0, "a.docx 是加密（设有密码）的 Word 文档或旧版 .doc"},
		{"too large", []byte("PK"), MaxSize + 1, "a.docx 超过 100 MB"},
		{"deep", build(t, map[string]string{"word/document.xml": deep}), 0, "a.docx 已损坏：word/document.xml XML 嵌套过深"},
		{"bad XML", build(t, map[string]string{"word/document.xml": "<w:document><w:body></w:p>"}), 0, "a.docx 已损坏：word/document.xml 不是有效的 XML"},
		{"bad styles", build(t, map[string]string{"word/document.xml": document(""), "word/styles.xml": "<"}), 0, "a.docx 已损坏：word/styles.xml"},
		{"bomb", bomb(t, MaxSize+1, 1<<20), 0, "a.docx 中的 word/document.xml 解压后超过 100 MB"},
		{"lying bomb", bomb(t, 1000, 4<<20), 0, "a.docx 已损坏：word/document.xml 解压出错"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			size := c.size
			if size == 0 {
				size = int64(len(c.data))
			}
			_, err := Read("a.docx", bytes.NewReader(c.data), size)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// bomb is a .docx whose document.xml header declares declared bytes and
// whose deflated data inflates to actual bytes of text, written without
// holding them in memory.
func bomb(t *testing.T, declared uint64, actual int) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, err := flate.NewWriter(&raw, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(`<w:document ` + ns + `><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("字"), 1<<14)
	for n := 0; n < actual; n += len(chunk) {
		fw.Write(chunk)
	}
	fw.Close()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CompressedSize64: uint64(raw.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	z.Close()
	return buf.Bytes()
}

// BenchmarkRead reads a document of about 300 pages: 6000 numbered
// paragraphs of 80 characters and 100 tables of 20 rows.
func BenchmarkRead(b *testing.B) {
	var body strings.Builder
	text := strings.Repeat("年初预算收入支出安排总计1110.98万元，", 4)
	for i := range 6000 {
		body.WriteString(para(numPr("3", "1"), text))
		if i%60 == 0 {
			body.WriteString(`<w:tbl>`)
			for range 20 {
				body.WriteString(`<w:tr><w:tc><w:p><w:r><w:t>公共安全支出</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>971.76</w:t></w:r></w:p></w:tc></w:tr>`)
			}
			body.WriteString(`</w:tbl>`)
		}
	}
	data := build(b, map[string]string{"word/document.xml": document(body.String()), "word/styles.xml": styles, "word/numbering.xml": numbering})
	for b.Loop() {
		if _, err := Read("big.docx", bytes.NewReader(data), int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}
