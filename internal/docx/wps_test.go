package docx

import (
	"bytes"
	"reflect"
	"testing"
)

// wpsNS are the namespaces WPS Office declares on its documents.
const wpsNS = ns + ` xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14 wp14"`

// TestReadWPS reads a document written the way WPS Office writes one:
// heading styles with numeric ids ("2" is heading 1) and Chinese names,
// numbering given by the style, runs with eastAsia font hints and
// bookmarks, a table of contents in a content control, and a text box in
// alternate content that offers a WPS shape and a VML fallback.
func TestReadWPS(t *testing.T) {
	t.Parallel()
	styles := `<w:styles ` + wpsNS + `>
<w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="1"/><w:next w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/><w:basedOn w:val="1"/></w:style>
</w:styles>`
	numbering := `<w:numbering ` + wpsNS + `><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	run := func(text string) string {
		return `<w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:eastAsia="宋体"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:t>` + text + `</w:t></w:r>`
	}
	body := `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>` +
		`<w:p><w:pPr><w:pStyle w:val="10"/></w:pPr>` + run("目录") + `</w:p></w:sdtContent></w:sdt>` +
		`<w:p><w:pPr><w:pStyle w:val="2"/><w:bidi w:val="0"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc1"/>` + run("基本情况") + `<w:bookmarkEnd w:id="0"/></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="3"/></w:pPr>` + run("部门职能") + `</w:p>` +
		`<w:p><w:pPr><w:ind w:firstLine="640" w:firstLineChars="200"/></w:pPr>` + run("负责全县") + run("财政收支管理。") +
		`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="wp"><a:graphic xmlns:a="a"><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p>` + run("文本框") + `</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape xmlns:v="v"><v:textbox><w:txbxContent><w:p>` + run("文本框") + `</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr>` + run("一般公共预算支出情况") + `</w:p>`
	data := build(t, map[string]string{
		"word/document.xml":   `<w:document ` + wpsNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`,
		"word/styles.xml":     styles,
		"word/numbering.xml":  numbering,
		"customXml/item1.xml": `<s:customData xmlns="http://www.wps.cn/officeDocument/2013/wpsCustomData" xmlns:s="http://www.wps.cn/officeDocument/2013/wpsCustomData"><customSectProps/></s:customData>`,
	})
	doc, err := Read("wps.docx", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var got []Paragraph
	for _, b := range doc.Blocks {
		if b.Para != nil {
			got = append(got, *b.Para)
		}
	}
	want := []Paragraph{
		{Text: "目录"},
		{Number: "一、", Text: "基本情况", Level: 1},
		{Number: "（一）", Text: "部门职能", Level: 2},
		{Text: "负责全县财政收支管理。\n文本框"},
		{Number: "二、", Text: "一般公共预算支出情况", Level: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs\n got %+v\nwant %+v", got, want)
	}
}
