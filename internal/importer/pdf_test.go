package importer

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// needPdftotext skips a test that reads a PDF when poppler's pdftotext is
// not installed, loudly, and fails it under CI=1, where .ci/run installs
// poppler-utils.
func needPdftotext(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(pdftotext); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdftotext not found under CI=1: %v (apt-get install poppler-utils)", err)
		}
		t.Skip("SKIP: pdftotext not found; apt-get install poppler-utils to run the PDF fixture tests")
	}
}

// TestPDFSameAsDocx reads testdata/report.pdf and testdata/report.docx,
// which scripts/make-import-fixtures.sh made from the same source: the
// importer must find the same title, sections and data blocks in both.
func TestPDFSameAsDocx(t *testing.T) {
	t.Parallel()
	needPdftotext(t)
	read := func(name string) *Bundle {
		text, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Make(t.TempDir(), text, SplitText(text), Meta{OrgID: "shili-agri"})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	pdf, docx := read("testdata/report.pdf"), read("testdata/report.docx")
	if pdf.Title != docx.Title {
		t.Errorf("title %q, the .docx's %q", pdf.Title, docx.Title)
	}
	if !pdf.Standard || len(pdf.Sections) != len(docx.Sections) {
		t.Fatalf("%d sections (standard %v), the .docx has %d", len(pdf.Sections), pdf.Standard, len(docx.Sections))
	}
	for i, s := range pdf.Sections {
		if s.File != docx.Sections[i].File || s.Original != docx.Sections[i].Original {
			t.Errorf("section %d: %s %q, the .docx's %s %q", i, s.File, s.Original, docx.Sections[i].File, docx.Sections[i].Original)
		}
	}
	// The blocks' source lines differ (the file and its line); the rest
	// must not.
	source := regexp.MustCompile(`(?m)^\s*source = .*\n`)
	if len(pdf.Blocks) != len(docx.Blocks) || len(pdf.Blocks) == 0 {
		t.Fatalf("%d data blocks, the .docx has %d", len(pdf.Blocks), len(docx.Blocks))
	}
	for i, p := range pdf.Blocks {
		got, want := source.ReplaceAllString(p.Block.TOML, ""), source.ReplaceAllString(docx.Blocks[i].Block.TOML, "")
		if got != want || p.File != docx.Blocks[i].File {
			t.Errorf("block %d in %s:\n%s\nthe .docx's in %s:\n%s", i, p.File, got, docx.Blocks[i].File, want)
		}
	}
	// The budget table is the same Markdown table.
	table := "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 21301 | 农业农村 | 1000.00 |\n|  | 其中：行政运行 | 300.00 |\n| 21303 | 水利 | 234.56 |\n| 合计 |  | 1234.56 |\n"
	if got := string(pdf.Files["02-general-budget.md"]); !strings.Contains(got, table) {
		t.Errorf("02-general-budget.md has no table\n%s\nin\n%s", table, got)
	}
	// Figures read as the Word original writes them, without the spaces
	// the layout put around them.
	if got := string(pdf.Files["02-general-budget.md"]); !strings.Contains(got, "\n2024年度一般公共预算支出1234.56万元，其中基本支出456.78万元，项目支出777.78万元。\n") {
		t.Errorf("02-general-budget.md:\n%s", got)
	}
}

// TestPDFPages reads testdata/pages.pdf: small pages with a running header
// and a footer "第 N 页 共 M 页", paragraphs broken by the page and one
// broken across two pages.
func TestPDFPages(t *testing.T) {
	t.Parallel()
	needPdftotext(t)
	text, err := ReadFile("testdata/pages.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"页共", "第1页", "示例县水利局 2023"} {
		if strings.Contains(text.Body, bad) {
			t.Errorf("body keeps %q:\n%s", bad, text.Body)
		}
	}
	lines := map[string]bool{}
	for l := range strings.SplitSeq(text.Body, "\n") {
		lines[l] = true
	}
	for _, want := range []string{
		"示例县水利局2023年度部门整体支出绩效自评报告",
		"项目支出主要用于小型水库除险加固、农村饮水安全工程维修养护、山洪灾害防治非工程措施运行维护和河湖长制工作经费。各项目均按照批复的预算和实施方案执行，资金拨付严格履行审批程序，未发现截留、挤占、挪用项目资金的情况。",
		"| 208 | 社会保障和就业支出 | 76.20 |",
		"经自评，本局2023年度部门整体支出绩效自评得分为91分，等级为“优”。",
	} {
		if !lines[want] {
			t.Errorf("no line %q in\n%s", want, text.Body)
		}
	}
	if strings.Count(text.Body, "示例县水利局2023年度部门整体支出绩效自评报告") != 1 {
		t.Errorf("the title should stand once, the headers gone:\n%s", text.Body)
	}
	b, err := Make(t.TempDir(), text, SplitText(text), Meta{OrgID: "shili-water"})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Standard || len(b.Blocks) != 1 || b.Blocks[0].Block.Items != 2 {
		t.Errorf("standard %v, blocks %+v; want the nine sections and the budget table of two items", b.Standard, b.Blocks)
	}
}

// TestPDFScan refuses testdata/scan.pdf, a page that is only a picture.
func TestPDFScan(t *testing.T) {
	t.Parallel()
	needPdftotext(t)
	_, err := ReadFile("testdata/scan.pdf")
	if err == nil || !strings.Contains(err.Error(), "testdata/scan.pdf 是扫描件，没有文字层") {
		t.Errorf("err = %v, want it called a scan", err)
	}
}

// TestPDFBroken names the file pdftotext cannot read.
func TestPDFBroken(t *testing.T) {
	t.Parallel()
	needPdftotext(t)
	name := t.TempDir() + "/坏.pdf"
	if err := os.WriteFile(name, []byte("%PDF-1.4\nnot really\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(name)
	if err == nil || !strings.Contains(err.Error(), "pdftotext 无法读取 "+name) {
		t.Errorf("err = %v", err)
	}
}
