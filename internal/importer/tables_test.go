package importer

import (
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"gongkai/internal/build"
	"gongkai/internal/source"
)

// tableLines makes the lines of a section body from text, numbered from
// first, blank lines left out as Split leaves them out.
func tableLines(text string, first int) []Line {
	var out []Line
	for i, s := range strings.Split(text, "\n") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, Line{Text: s, No: first + i})
		}
	}
	return out
}

// wantInOrder fails unless got holds every fragment of want in order and
// none of not, and is TOML whose keys are indented or block headers.
func wantInOrder(t *testing.T, got string, want, not []string) {
	t.Helper()
	if _, err := toml.Decode(got, new(map[string]any)); err != nil {
		t.Fatalf("blocks are not TOML: %v\n%s", err, got)
	}
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("blocks lack %q (in order):\n%s", w, got)
		}
		rest = rest[i+len(w):]
	}
	for _, n := range not {
		if strings.Contains(got, n) {
			t.Errorf("blocks hold %q:\n%s", n, got)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "title = ") {
			t.Errorf("unindented %q would be taken for the section's title", l)
		}
	}
}

// TestFiguresTables: a budget table and a 绩效自评表 become data blocks with
// every number copied as written; a table whose numbers do not parse gives
// no block and is reported; any other table gives nothing.
func TestFiguresTables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		text   string // starts at line 10
		want   []string
		not    []string
		blocks int
		missed int
	}{
		{
			name: "budget table with codes, shares and a total, titled by the paragraph before",
			text: "2023年年初预算收支安排如下表：\n| 科目编码 | 科目名称 | 金额（万元） | 占比 |\n| --- | --- | --- | --- |\n| 204 | 公共安全支出 | 971.76 | 90.49% |\n| 221 | 住房保障支出 | 45.850 |  |\n| 合计 |  | 1110.98 | 100 |",
			want: []string{"[[budget]]", `id = "initial"`, `title = "年初预算"`, "total = 1110.98\n", "draft = true", `source = "in.txt:11"`,
				"[[budget.items]]", `code = "204"`, `name = "公共安全支出"`, "amount = 971.76\n", "share = 90.49\n",
				`code = "221"`, `name = "住房保障支出"`, "amount = 45.850\n"},
			not:    []string{"share = \n", `name = "合计"`, "share = 100"},
			blocks: 1,
		},
		{
			name:   "项目 and 金额 with 比例, 合 计 row in the name column, class codes from the names",
			text:   "2023年决算支出情况\n| 项目 | 金额 | 比例 |\n| --- | --- | --- |\n| 教育支出 | 10 | 50 |\n| 某专项 | 10 | 50 |\n| 合 计 | 20 | 100 |",
			want:   []string{`id = "final"`, `title = "决算"`, "total = 20\n", `code = "205"`, `name = "教育支出"`, "share = 50\n", `name = "某专项"`},
			not:    []string{`code = ""`},
			blocks: 1,
		},
		{
			name:   "a budget table without a title before it and without a total",
			text:   "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 204 | 公共安全支出 | 1 |",
			want:   []string{`id = "budget-1"`, `title = "预算表"`, `code = "204"`},
			not:    []string{"total ="},
			blocks: 1,
		},
		{
			name:   "nested codes: only the classes are items",
			text:   "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 204 | 公共安全支出 | 10 |\n| 20402 | 公安 | 10 |\n| 221 | 住房保障支出 | 5 |",
			want:   []string{`code = "204"`, `code = "221"`},
			not:    []string{"20402", `name = "公安"`},
			blocks: 1,
		},
		{
			name:   "a 其中 row without a code is a part of the row above, not an item",
			text:   "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 21301 | 农业农村 | 1000.00 |\n|  | 其中：行政运行 | 300.00 |\n| 21303 | 水利 | 234.56 |\n| 合计 |  | 1234.56 |",
			want:   []string{"total = 1234.56\n", `code = "21301"`, `code = "21303"`},
			not:    []string{"行政运行", "amount = 300.00"},
			blocks: 1,
		},
		{
			name:   "a code under no class gives no block",
			text:   "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 204 | 公共安全支出 | 10 |\n| 22102 | 住房改革支出 | 5 |",
			missed: 1,
		},
		{
			name:   "an amount that does not parse gives no block",
			text:   "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 204 | 公共安全支出 | 1,110.98 |",
			missed: 1,
		},
		{
			name:   "an empty amount gives no block",
			text:   "| 科目编码 | 科目名称 | 金额 |\n| --- | --- | --- |\n| 204 | 公共安全支出 |  |",
			missed: 1,
		},
		{
			name:   "amounts in another unit than the report's give no block",
			text:   "| 科目名称 | 金额（元） |\n| --- | --- |\n| 公共安全支出 | 100 |",
			missed: 1,
		},
		{
			name: "绩效自评表 rows with merged cells left empty and the total row left out",
			text: "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
				"| 产出指标 | 数量指标 | 查处违法行为 | ≥80000起 | 85434起 | 20 | 20 |  |\n" +
				"|  |  | 事故起数 | 下降 | 上升19.9% | 10 | 8.5 | 事故\\|上升 |\n" +
				"| 合计 |  |  |  |  | 30 | 28.5 |  |",
			want: []string{"[[indicators]]", `level1 = "产出指标"`, `level2 = "数量指标"`, `name = "查处违法行为"`, `target = "≥80000起"`, `actual = "85434起"`,
				"weight = 20\n", "score = 20\n", "draft = true", `source = "in.txt:12"`,
				"[[indicators]]", `name = "事故起数"`, "weight = 10\n", "score = 8.5\n", `note = "事故|上升"`, `source = "in.txt:13"`},
			not:    []string{`level1 = ""`, "weight = 30", `note = ""`},
			blocks: 1,
		},
		{
			name:   "绩效自评表 with a score that does not parse gives no block",
			text:   "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| --- | --- | --- | --- | --- | --- | --- |\n| 产出指标 | 数量指标 | 查处 | 1 | 1 | 20 | 满分 |",
			missed: 1,
		},
		{
			name:   "any other table gives nothing",
			text:   "| 姓名 | 职务 |\n| --- | --- |\n| 张三 | 大队长 |",
			blocks: 0,
		},
		{
			name:   "rows without a delimiter row are no table",
			text:   "| 科目名称 | 金额 |\n| 公共安全支出 | 100 |",
			blocks: 0,
		},
		{
			name:   "prose after a table is read as prose",
			text:   "| 姓名 | 职务 |\n| --- | --- |\n| 张三 | 大队长 |\n年初预算总计1万元，其中：教育支出1万元。",
			want:   []string{`id = "initial"`, `source = "in.txt:13"`},
			blocks: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := NewFigures("in.txt", "万元")
			blocks := f.Find(tableLines(tc.text, 10))
			if len(blocks) != tc.blocks || len(f.Missed) != tc.missed {
				t.Fatalf("%d blocks, missed %v; want %d blocks, %d missed", len(blocks), f.Missed, tc.blocks, tc.missed)
			}
			var all strings.Builder
			for _, b := range blocks {
				all.WriteString(b.TOML)
			}
			wantInOrder(t, all.String(), tc.want, tc.not)
		})
	}
}

// tablesReport is a report written as text with a budget table (whose
// 合计 does not add up), a 绩效自评表 (with a score above its weight) and a
// year-on-year change that is wrong.
const tablesReport = "某县交警大队2024年度部门整体支出绩效自评报告\n" +
	"一、基本情况\n" +
	"全县共发生交通事故2083起，同比上升29.9%（2023年同期1737起）。\n" +
	"二、一般公共预算支出情况\n" +
	"2024年年初预算收支安排见下表。\n" +
	"| 科目编码 | 科目名称 | 金额（万元） | 占比 |\n" +
	"| --- | --- | --- | --- |\n" +
	"| 204 | 公共安全支出 | 60.50 | 60.5% |\n" +
	"| 205 | 教育支出 | 39.50 | 39.5% |\n" +
	"| 合计 |  | 110.00 | 100% |\n" +
	"三、绩效自评结果\n" +
	"| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n" +
	"| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
	"| 产出指标 | 数量指标 | 查处违法行为 | ≥80000起 | 85434起 | 60 | 60 |  |\n" +
	"| 效益指标 | 社会效益 | 事故起数 | 下降 | 上升 | 40 | 45 | 事故上升 |\n" +
	"| 合计 |  |  |  |  | 100 | 105 |  |\n"

// TestImportTables: a report with tables gives the [[budget]] and
// [[indicators]] blocks, keeps every character of the tables in the text,
// and check finds the figure errors in the imported bundle.
func TestImportTables(t *testing.T) {
	t.Parallel()
	b := makeBundle(t, []byte(tablesReport), Meta{OrgID: "u", Org: "某县交警大队"})
	if got, want := bundleText(t, b), strings.Map(dropSpace, tablesReport); got != want {
		t.Errorf("bundle text differs from input:\n got %s\nwant %s", got, want)
	}
	var kinds []string
	for _, p := range b.Blocks {
		kinds = append(kinds, p.Block.Kind+" "+p.Block.Source+" "+p.File)
	}
	if got, want := strings.Join(kinds, "; "), "metrics in.txt:3 01-section.md; budget in.txt:6 02-section.md; indicators in.txt:12 03-section.md"; got != want {
		t.Errorf("blocks %s, want %s", got, want)
	}
	if len(b.Missed) != 0 {
		t.Errorf("missed %v", b.Missed)
	}
	for file, want := range map[string]string{
		"02-section.md": "| 204 | 公共安全支出 | 60.50 | 60.5% |\n| 205 | 教育支出 | 39.50 | 39.5% |\n",
		"03-section.md": "  score = 45\n  note = \"事故上升\"\n  draft = true\n  source = \"in.txt:15\"\n",
	} {
		if !strings.Contains(string(b.Files[file]), want) {
			t.Errorf("%s lacks %q:\n%s", file, want, b.Files[file])
		}
	}
	all := checkBundle(t, b, "2024", "u")
	for _, want := range []string{
		"[BUDGET-TOTAL]", "110.00",
		"[INDICATOR-SCORE]", "指标“事故起数”得分 45 超过其分值 40",
		"[CHANGE-MISMATCH]", "29.9",
		"[DRAFT]",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check does not say %q:\n%s", want, all)
		}
	}
}

// checkBundle runs check on b, laid out as content/YEAR/SLUG of a site
// with the repository's site.toml, and returns its findings, one a line.
func checkBundle(t *testing.T, b *Bundle, year, slug string) string {
	t.Helper()
	site, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{source.ConfigFile: {Data: site}}
	for name, data := range b.Files {
		fsys[path.Join(source.ContentDir, year, slug, name)] = &fstest.MapFile{Data: data}
	}
	findings, err := build.Check(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range findings {
		all.WriteString(f.String() + "\n")
	}
	return all.String()
}
