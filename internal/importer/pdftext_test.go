package importer

import (
	"errors"
	"strings"
	"testing"
)

// TestPDFText cleans up text as pdftotext -layout prints it (pages
// separated by \f), with no pdftotext needed.
func TestPDFText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		layout string
		want   string // the body, exactly
	}{
		{
			name: "page numbers and a running header",
			layout: "      示例县水利局 2023 年度部门整体支出绩效自评报告\n\n" +
				"      示例县水利局 2023 年度部门整体支出绩效自评报告\n" +
				"一、基本情况\n  本局内设机构 6 个。\n\n               第1页共3页\n\f" +
				"   示例县水利局 2023 年度部门整体支出绩效自评报告\n\n" +
				"二、一般公共预算支出情况\n  本年度支出 856.40 万元。\n\n            - 2 -\n\f" +
				"   示例县水利局 2023 年度部门整体支出绩效自评报告\n\n" +
				"三、政府性基金预算支出情况\n  无。\n\n   3/3\n\f",
			// The title page's header goes, its title (the same words) stays.
			want: "示例县水利局2023年度部门整体支出绩效自评报告\n一、基本情况\n本局内设机构6个。\n" +
				"二、一般公共预算支出情况\n本年度支出856.40万元。\n三、政府性基金预算支出情况\n无。\n",
		},
		{
			name: "a footer with the page number repeats with its figure changed",
			layout: "一、基本情况\n本局很好。\n示例县水利局  第 1 页\n\f" +
				"二、支出\n支出很少。\n示例县水利局  第 2 页\n\f",
			want: "一、基本情况\n本局很好。\n二、支出\n支出很少。\n",
		},
		{
			name: "lines the page broke are joined, also across a page",
			layout: "一、基本情况\n" +
				"  根据县财政局关于做好 2023 年度部门整体支出绩效自评工\n" +
				"作的通知，现将本局部门整体支出绩效自评情况报告如下。\n" +
				"  本局主要职责是保障全县水资源的合理开发利用，组织实\n" +
				"施水利工程建设与运行管理，完成了目标任务，自评得分为 91\n\n 1\n\f" +
				"分，等级为“优”。\n" +
				"（一）产出指标\n" +
				"  短的一行。\n" +
				"部门职能\n",
			want: "一、基本情况\n根据县财政局关于做好2023年度部门整体支出绩效自评工作的通知，现将本局部门整体支出绩效自评情况报告如下。\n" +
				"本局主要职责是保障全县水资源的合理开发利用，组织实施水利工程建设与运行管理，完成了目标任务，自评得分为91分，等级为“优”。\n" +
				"（一）产出指标\n短的一行。\n部门职能\n",
		},
		{
			name: "a table whose columns line up, a merged cell, a cell with one space",
			layout: "科目编码      科目名称     金额\n" +
				"        农业农村      1000.00\n" +
				"21301\n" +
				"        其中：行政运行 300.00\n" +
				"21303   水利        234.56\n" +
				"合计                1234.56\n" +
				"本年度无其他支出。\n",
			want: "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 21301 | 农业农村 | 1000.00 |\n" +
				"|  | 其中：行政运行 | 300.00 |\n| 21303 | 水利 | 234.56 |\n| 合计 |  | 1234.56 |\n本年度无其他支出。\n",
		},
		{
			name: "a table whose columns do not line up stays rows of text",
			layout: "项目    金额\n" +
				" 很长很长的 2023 年度名称   12.5\n",
			want: "项目  金额\n很长很长的2023年度名称  12.5\n",
		},
		{
			name:   "a | in a cell is escaped",
			layout: "名称      说明\nA|B       甲 乙\n",
			want:   "| 名称 | 说明 |\n| --- | --- |\n| A\\|B | 甲 乙 |\n",
		},
		{
			name:   "Latin words broken at a line end keep their space",
			layout: "这一行很长很长很长很长很长很长 The quick brown fox jumps over\nthe lazy dog 结束。\n",
			want:   "这一行很长很长很长很长很长很长The quick brown fox jumps over the lazy dog结束。\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text, err := PDFText("x.pdf", tt.layout)
			if err != nil {
				t.Fatal(err)
			}
			if text.Body != tt.want {
				t.Errorf("body\n%s\nwant\n%s", text.Body, tt.want)
			}
		})
	}
}

// TestPDFTextScanned refuses a PDF without a text layer, naming the file
// and saying to run OCR; a scanned page among text pages is a note.
func TestPDFTextScanned(t *testing.T) {
	t.Parallel()
	for _, layout := range []string{"", "\f", "\f\f\f", " \n\f 1 \n\f2\n\f", "\n\n   - 1 -\n\f"} {
		_, err := PDFText("扫描.pdf", layout)
		if err == nil || !strings.Contains(err.Error(), "扫描.pdf 是扫描件，没有文字层，无法导入；请先做文字识别（OCR）") {
			t.Errorf("%q: err = %v, want it called a scan", layout, err)
		}
	}
	text, err := PDFText("x.pdf", "一、基本情况\n本局内设机构6个，实有人员45人。\n\f\f二、支出\n本年度无支出。\n\f")
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(text.Notes, "\n"); !strings.Contains(notes, "第 2 页几乎没有文字") {
		t.Errorf("notes %q do not name the empty page", notes)
	}
}

// TestReadPDFWithoutPdftotext says how to install pdftotext when it is not
// on PATH.
func TestReadPDFWithoutPdftotext(t *testing.T) {
	t.Parallel()
	missing := func(string) (string, error) { return "", errors.New("not found") }
	_, err := readPDF("testdata/report.pdf", missing)
	if err == nil || !strings.Contains(err.Error(), "testdata/report.pdf") || !strings.Contains(err.Error(), "apt-get install poppler-utils") {
		t.Errorf("err = %v, want the file and how to install poppler-utils", err)
	}
	if _, err := readPDF("testdata/none.pdf", missing); err == nil || !strings.Contains(err.Error(), "无法读取 testdata/none.pdf") {
		t.Errorf("missing file: err = %v", err)
	}
}
