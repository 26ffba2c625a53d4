package cli

import (
	"archive/zip"
	"fmt"
	"os"
	"strings"
)

// mkdocx writes the Word document os.Args[1] for import_docx.txtar: the
// nine standard sections numbered by Word's heading style, a table with a
// merged cell, a footnote, a deleted tracked change and a page header.
// Scripts cannot hold a zip file, so the fixture is made when the script
// runs.
func mkdocx() int {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkdocx FILE")
		return 2
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	p := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	var body strings.Builder
	body.WriteString(p("Title", "某县财政局2024年度部门整体支出绩效自评报告"))
	for i, title := range []string{"基本情况", "一般公共预算支出情况", "政府性基金预算支出情况",
		"国有资本经营预算支出情况", "社会保险基金预算支出情况", "部门整体支出绩效情况",
		"存在的问题及原因分析", "下一步改进措施", "绩效自评结果及其他需要说明的情况"} {
		body.WriteString(p("Heading1", title))
		switch i {
		case 0:
			body.WriteString(p("Heading2", "部门职能"))
			body.WriteString(`<w:p><w:r><w:t>负责全县财政收支管理</w:t></w:r><w:del w:id="1" w:author="甲"><w:r><w:delText>已删除的话</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>`)
		case 1:
			body.WriteString(`<w:p><w:r><w:t>年初预算100.5万元。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`)
			body.WriteString(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>科目名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合计100.5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)
		default:
			body.WriteString(p("Normal", "无。"))
		}
	}
	parts := map[string]string{
		"word/document.xml": `<w:document ` + ns + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/styles.xml": `<w:styles ` + ns + `>` +
			`<w:style w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
			`<w:style w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`,
		"word/numbering.xml": `<w:numbering ` + ns + `><w:abstractNum w:abstractNumId="0">` +
			`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>` +
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
			`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
		"word/footnotes.xml": `<w:footnotes ` + ns + `><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：部门决算。</w:t></w:r></w:p></w:footnote></w:footnotes>`,
		"word/header1.xml":   `<w:hdr ` + ns + `><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>`,
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	z := zip.NewWriter(f)
	for _, name := range []string{"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "word/header1.xml"} {
		w, err := z.Create(name)
		if err == nil {
			_, err = w.Write([]byte(parts[name]))
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	if err := z.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
