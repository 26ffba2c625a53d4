package importer

import (
	"bytes"
	"strings"
	"testing"
)

// TestFixtures reads the documents scripts/make-import-fixtures.sh made
// with LibreOffice from our own sources (testdata/src) as gongkai import
// does: ReadFile, SplitText, Make. The files are committed, so the test
// needs no LibreOffice.
func TestFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		converted string   // Text.Converted
		want      []string // lines the reader must give, as written
	}{
		{
			// HTML <h1>, <ol>, a table with rowspan and colspan, a
			// footnote in LibreOffice's sdfootnote form and an embedded
			// PNG.
			file: "testdata/report.docx",
			want: []string{
				"一、基本情况",
				"1. 统筹研究和组织实施全县“三农”工作的发展战略和规划。",
				// The footnote's number where the text refers to it,
				// its text at the end; the picture where it stands.
				"3. 负责农田建设和农村人居环境整治工作[^1]。",
				"![](image1.png)",
				"| 科目编码 | 科目名称 | 金额 |",
				"| --- | --- | --- |",
				// rowspan: the cell below 21301 is left empty.
				"|  | 其中：行政运行 | 300.00 |",
				// colspan: 合计 stands in the first column, the column it
				// covers is empty.
				"| 合计 |  | 1234.56 |",
				"（一）产出指标",
				"[^1]: 农村人居环境整治含农村改厕和生活垃圾治理。",
			},
		},
		{
			// Section numbers that are Word automatic numbering
			// (taiwaneseCountingThousand, "%1、" and "（%2）"), not text.
			file: "testdata/numbered.docx",
			want: []string{"一、基本情况", "六、部门整体支出绩效情况", "（一）产出指标", "（二）效益指标", "九、绩效自评结果及其他需要说明的情况"},
		},
		{
			file:      "testdata/report-gbk.txt",
			converted: "GB18030",
			want:      []string{"一、基本情况", "（一）产出指标", "经自评，本局2024年度部门整体支出绩效自评得分为92分，等级为“优”。"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			text, err := ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if text.Converted != tt.converted {
				t.Errorf("Converted = %q, want %q", text.Converted, tt.converted)
			}
			lines := map[string]bool{}
			for l := range strings.SplitSeq(text.Body, "\n") {
				lines[strings.TrimSpace(l)] = true
			}
			for _, w := range tt.want {
				if !lines[w] {
					t.Errorf("no line %q in\n%s", w, text.Body)
				}
			}
			doc := SplitText(text)
			if want := "示例县农业农村局2024年度部门整体支出绩效自评报告"; doc.Title != want {
				t.Errorf("title = %q, want %q", doc.Title, want)
			}
			b, err := Make(t.TempDir(), text, doc, Meta{OrgID: "shili-agri"})
			if err != nil {
				t.Fatal(err)
			}
			if !b.Standard || len(b.Sections) != len(standard) {
				var got []string
				for _, s := range b.Sections {
					got = append(got, s.Original)
				}
				t.Fatalf("sections = %q, want the nine standard ones", got)
			}
			if b.Title != doc.Title {
				t.Errorf("bundle title = %q", b.Title)
			}
			// The pictures are attachments beside the sections.
			for _, f := range text.Files {
				if !bytes.Equal(b.Files[f.Name], f.Data) {
					t.Errorf("bundle lacks the picture %s", f.Name)
				}
			}
			if tt.file == "testdata/report.docx" && (len(text.Files) != 1 || !bytes.HasPrefix(text.Files[0].Data, []byte("\x89PNG"))) {
				t.Errorf("pictures %+v, want the one PNG", text.Files)
			}
			if tt.converted != "" && !strings.Contains(strings.Join(b.Notes, "\n"), "已从 "+tt.converted+" 转换") {
				t.Errorf("notes %q do not say the text was converted from %s", b.Notes, tt.converted)
			}
		})
	}
}

// TestFixtureTableStaysOneTable checks that the budget table of the
// LibreOffice document reaches its section file as one Markdown table:
// header, delimiter and four rows on adjacent lines.
func TestFixtureTableStaysOneTable(t *testing.T) {
	t.Parallel()
	text, err := ReadFile("testdata/report.docx")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Make(t.TempDir(), text, SplitText(text), Meta{OrgID: "shili-agri"})
	if err != nil {
		t.Fatal(err)
	}
	want := "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 21301 | 农业农村 | 1000.00 |\n|  | 其中：行政运行 | 300.00 |\n| 21303 | 水利 | 234.56 |\n| 合计 |  | 1234.56 |\n"
	if got := string(b.Files["02-general-budget.md"]); !strings.Contains(got, want) {
		t.Errorf("02-general-budget.md has no table\n%s\nin\n%s", want, got)
	}
}
