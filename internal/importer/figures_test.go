package importer

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"gongkai/internal/source"
)

// TestFiguresFind: statements of figures become data blocks with every
// number copied as written; a statement that does not parse completely
// gives no block but is reported as missed.
func TestFiguresFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		text   string
		want   []string // fragments the blocks' TOML must hold, in order
		not    []string // fragments it must not hold
		blocks int
		missed int
	}{
		{
			name: "initial budget with shares and codes",
			text: "（1）2023年年初预算收入支出安排总计1110.98万元，其中：公共安全支出的收入为971.76万元，占本年财政拨款收入的90.49%；住房保障支出的收入45.85万元，占本年财政拨款收入的4.12%。",
			want: []string{"[[budget]]", `id = "initial"`, `title = "年初预算"`, "total = 1110.98\n", "draft = true", `source = "in.txt:7"`,
				"[[budget.items]]", `code = "204"`, `name = "公共安全支出"`, "amount = 971.76\n", "share = 90.49\n",
				`code = "221"`, `name = "住房保障支出"`, "amount = 45.85\n", "share = 4.12\n"},
			blocks: 1,
		},
		{
			name: "final budget keeps trailing zeros and small figures",
			text: "2023年决算收入支出安排总计1643.980万元，其中：一般公共服务支出收入支出为0.055万元，占本年财政拨款收入的0.003%；其他支出为10万元。",
			want: []string{`id = "final"`, `title = "决算"`, "total = 1643.980\n", `code = "201"`, "amount = 0.055\n", "share = 0.003\n",
				`code = "229"`, `name = "其他支出"`, "amount = 10\n"},
			not:    []string{"share = \n"},
			blocks: 1,
		},
		{
			name:   "budget that is neither initial nor final",
			text:   "全年预算支出合计300万元，其中：教育支出100万元；某某专项支出200万元。",
			want:   []string{`id = "budget-1"`, `title = "预算"`, `code = "205"`, `name = "教育支出"`, `name = "某某专项支出"`, "amount = 200\n"},
			not:    []string{`code = ""`},
			blocks: 1,
		},
		{
			name:   "budget item that does not parse gives no block",
			text:   "年初预算总计100万元，其中：公共安全支出约为50万元；其余部分用于办公。",
			missed: 1,
		},
		{
			name:   "budget in another unit than the report's gives no block",
			text:   "年初预算总计1000000元，其中：公共安全支出1000000元。",
			missed: 1,
		},
		{
			name:   "a total without 预算 or 决算 is no budget statement",
			text:   "收入总计100万元，其中：公共安全支出100万元。",
			blocks: 0,
		},
		{
			name: "counts with 其中 are not exhaustive",
			text: "截止10月25日共查处违法行为85434起，其中非现场执法23934起，现场执法61500起；其中涉牌涉证4603起等。",
			want: []string{"[[counts]]", `id = "counts-1"`, `title = "查处违法行为"`, `unit = "起"`, "total = 85434\n", "exhaustive = false",
				"draft = true", `source = "in.txt:7"`, `name = "非现场执法"`, "value = 23934\n", `name = "现场执法"`, "value = 61500\n"},
			blocks: 1,
		},
		{
			name:   "counts with 分别为 are exhaustive",
			text:   "共办理业务30人次，分别为初领10人次、补证20人次。",
			want:   []string{`unit = "人次"`, "total = 30\n", "exhaustive = true", `name = "初领"`, `name = "补证"`},
			blocks: 1,
		},
		{
			name:   "counts whose parts are no name and number give no block",
			text:   "共受理小车科目一考试2277人次，其中1625人及格，642人未及格。",
			missed: 1,
		},
		{
			name: "a rate with what it is of",
			text: "办理驾驶证业务5151人次；共受理小车科目一考试2277人次，其中1625人及格，及格率为71.36%。",
			want: []string{"[[metrics]]", `id = "metric-1"`, `name = "受理小车科目一考试及格"`, `unit = "人次"`,
				"value = 1625\n", "of = 2277\n", "rate = 71.36\n", "draft = true", `source = "in.txt:7"`},
			blocks: 1,
		},
		{
			name:   "a rate with a count in the clause before is read alone",
			text:   "共查处违法行为30起，其中现场执法10起，非现场执法20起；共受理考试20人次，其中16人合格，合格率为80%。",
			want:   []string{"[[counts]]", `title = "查处违法行为"`, "[[metrics]]", "value = 16\n", "of = 20\n", "rate = 80\n"},
			blocks: 2,
		},
		{
			name:   "counts with a part in another unit give no block",
			text:   "共办理驾驶证业务5151人次，其中初领1408人次，补换证3446人。",
			missed: 1,
		},
		{
			name:   "plain prose gives nothing",
			text:   "大队牢固树立以人民为中心的工作理念，成立春运工作专班。",
			blocks: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := NewFigures("in.txt", "万元")
			blocks := f.Find([]Line{{Text: "（一）标题", No: 6, Level: 3}, {Text: tc.text, No: 7}})
			if len(blocks) != tc.blocks || len(f.Missed) != tc.missed {
				t.Fatalf("%d blocks, missed %v; want %d blocks, %d missed", len(blocks), f.Missed, tc.blocks, tc.missed)
			}
			for _, m := range f.Missed {
				if m != "in.txt:7" {
					t.Errorf("missed %q, want in.txt:7", m)
				}
			}
			var all strings.Builder
			for _, b := range blocks {
				all.WriteString(b.TOML)
			}
			got := all.String()
			if _, err := toml.Decode(got, new(map[string]any)); err != nil {
				t.Fatalf("blocks are not TOML: %v\n%s", err, got)
			}
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("blocks lack %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("blocks hold %q:\n%s", n, got)
				}
			}
			for _, l := range strings.Split(got, "\n") {
				if strings.HasPrefix(l, "title = ") {
					t.Errorf("unindented %q would be taken for the section's title", l)
				}
			}
		})
	}
}

// TestFiguresIDs: ids stay unique within a report and valid.
func TestFiguresIDs(t *testing.T) {
	t.Parallel()
	f := NewFigures("in.txt", "万元")
	line := "年初预算总计1万元，其中：教育支出1万元。"
	var ids []string
	for i := range 3 {
		for _, b := range f.Find([]Line{{Text: line, No: i + 1}}) {
			ids = append(ids, b.ID)
		}
	}
	if got := strings.Join(ids, " "); got != "initial budget-1 budget-2" {
		t.Errorf("ids %s", got)
	}
	for _, id := range ids {
		if !source.ValidID(id) {
			t.Errorf("invalid id %q", id)
		}
	}
}

// TestSeedFigures: the seed gives the sample's 年初预算 and 决算 blocks,
// and check finds in the imported bundle the figure errors it finds in the
// sample.
func TestSeedFigures(t *testing.T) {
	t.Parallel()
	data, err := readSeed()
	if err != nil {
		t.Skipf("seed not here (CI has no seed): %v", err)
	}
	t.Run("txt", func(t *testing.T) {
		t.Parallel()
		checkSeedBundle(t, makeBundle(t, data, Meta{OrgID: "yanling-traffic-police"}), "in.txt:12", "in.txt:13")
	})
	// The same report as a Word document, one paragraph a line, its
	// section headings styled as Word's heading 1, as a unit types it.
	t.Run("docx", func(t *testing.T) {
		t.Parallel()
		name := seedDocx(t, data)
		text, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Make(t.TempDir(), text, SplitText(text), Meta{OrgID: "yanling-traffic-police"})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Sections) != 9 || !b.Standard {
			t.Fatalf("sections %+v", b.Sections)
		}
		// Lines are the reader's: an empty paragraph gives none.
		checkSeedBundle(t, b, "seed.docx:10", "seed.docx:11")
	})
}

// seedDocx writes the seed as a .docx: one paragraph per line, the lines
// that begin a section styled as headings.
func seedDocx(t *testing.T, data []byte) string {
	t.Helper()
	var body strings.Builder
	for l := range strings.SplitSeq(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		style := "Normal"
		if _, _, ok := topHeading(l); ok {
			style = "Heading1"
		}
		body.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&body, []byte(l))
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	name := filepath.Join(t.TempDir(), "seed.docx")
	writeZip(t, name, map[string]string{
		"word/document.xml": `<w:document ` + wordNS + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/styles.xml":   headingStyles,
	})
	return name
}

// checkSeedBundle checks the bundle of the seed: the sample's budgets,
// read from the sources initial and final, its figures, and check's
// findings on them.
func checkSeedBundle(t *testing.T, b *Bundle, initial, final string) {
	t.Helper()
	budget := string(b.Files["02-general-budget.md"])
	for _, want := range []string{
		"id = \"initial\"\n  title = \"年初预算\"\n  total = 1110.98\n",
		"code = \"204\"\n    name = \"公共安全支出\"\n    amount = 971.76\n    share = 90.49\n",
		"code = \"208\"\n    name = \"社会保障和就业支出\"\n    amount = 59.31\n    share = 5.33\n",
		"code = \"210\"\n    name = \"卫生健康支出\"\n    amount = 33.95\n    share = 3.05\n",
		"code = \"221\"\n    name = \"住房保障支出\"\n    amount = 45.85\n    share = 4.12\n",
		"id = \"final\"\n  title = \"决算\"\n  total = 1643.98\n",
		"code = \"201\"\n    name = \"一般公共服务支出\"\n    amount = 0.055\n    share = 0.003\n",
		"code = \"204\"\n    name = \"公共安全支出\"\n    amount = 558.28\n    share = 33.95\n",
		"code = \"221\"\n    name = \"住房保障支出\"\n    amount = 43.59\n    share = 2.65\n",
		`source = "` + initial + `"`, `source = "` + final + `"`,
	} {
		if !strings.Contains(budget, want) {
			t.Errorf("02-general-budget.md lacks %q:\n%s", want, budget)
		}
	}
	// The charts stand right after the statements of their figures.
	for _, want := range []string{"住房保障支出的收入45.85万元，占本年财政拨款收入的4.12%。\n\n```chart\ndata = \"initial\"\n```\n", "占本年财政拨款收入的2.65%。\n\n```chart\ndata = \"final\"\n```\n"} {
		if !strings.Contains(budget, want) {
			t.Errorf("02-general-budget.md lacks %q:\n%s", want, budget)
		}
	}
	perf := string(b.Files["06-performance.md"])
	if !strings.Contains(perf, "value = 1625\n  of = 2277\n  rate = 71.36\n") {
		t.Errorf("06-performance.md lacks the pass rate:\n%s", perf)
	}
	if !strings.Contains(perf, "value = 2083\n  previous = 1737\n  change = 19.9\n") {
		t.Errorf("06-performance.md lacks the accidents against last year:\n%s", perf)
	}
	if !strings.Contains(perf, "total = 85434\n  exhaustive = false\n") {
		t.Errorf("06-performance.md lacks the count of violations:\n%s", perf)
	}

	all := checkBundle(t, b, "2023", "yanling-traffic-police")
	for _, want := range []string{"1110.87", "1110.98", "87.47", "90.49", "102.99", "688.955", "955.025", "58.09%", "[DRAFT]", "××"} {
		if !strings.Contains(all, want) {
			t.Errorf("check does not say %q:\n%s", want, all)
		}
	}
}
