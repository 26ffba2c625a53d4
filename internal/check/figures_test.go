package check

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
	"gongkai/internal/sample"
	"gongkai/internal/source"
)

// load builds a one-report site from the front matter of its index.md (the
// report's own keys are supplied) and runs the checks.
func load(t testing.TB, frontMatter string) []Finding {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"站\"\n[check]\nrequired_sections = []\n")},
		"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"2023年度某单位整体支出绩效自评报告\"\nyear = 2023\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n" +
			frontMatter + "+++\n")},
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return Site(site)
}

// summary is each finding as "CODE severity line: message".
func summary(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %s %d: %s\n", f.Code, f.Severity, f.Pos.Line, f.Message)
	}
	return b.String()
}

func TestFigureRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		fm   string
		want string // summary; "" for no findings
	}{
		{
			name: "budget adds up within rounding",
			fm:   "[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 100.01\n[[budget.items]]\nname = \"甲\"\namount = 50.00\nshare = 50.00\n[[budget.items]]\nname = \"乙\"\namount = 50.00\nshare = 50.00\n",
		},
		{
			name: "small gap is a warning",
			fm:   "[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 1110.98\n[[budget.items]]\nname = \"甲\"\namount = 1110.87\n",
			want: "BUDGET-TOTAL warning 7: 预算各项相加为 1110.87万元，原文总计为 1110.98万元，相差 0.11万元（超出四舍五入允许的 ±0.005万元）\n",
		},
		{
			name: "large gap is an error with the unaccounted share",
			fm:   "[[budget]]\nid = \"b\"\ntitle = \"决算\"\ntotal = 1643.98\n[[budget.items]]\nname = \"甲\"\namount = 688.955\n",
			want: "BUDGET-TOTAL error 7: 决算各项相加为 688.955万元，原文总计为 1643.98万元，相差 955.025万元，占总计的 58.09%，这部分金额没有列明用途\n",
		},
		{
			name: "items over the total",
			fm:   "[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 100\n[[budget.items]]\nname = \"甲\"\namount = 120\n",
			want: "BUDGET-TOTAL error 7: 预算各项相加为 120万元，超出原文总计 100万元 20万元（20.00%）\n",
		},
		{
			name: "share off by one in the last place is tolerated",
			fm:   "[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 3\n[[budget.items]]\nname = \"甲\"\namount = 1\nshare = 33.34\n[[budget.items]]\nname = \"乙\"\namount = 2\nshare = 66.67\n",
		},
		{
			name: "share truncated is info, a wrong one an error, and they must add to 100",
			fm:   sample.Block(t, "initial"), // the seed's 年初预算
			want: "BUDGET-TOTAL warning 7: 年初预算各项相加为 1110.87万元，原文总计为 1110.98万元，相差 0.11万元（超出四舍五入允许的 ±0.020万元）\n" +
				"SHARE-SUM error 7: 年初预算各项占比原文相加为 102.99%，应为 100%（四舍五入允许 ±0.020），相差 2.99 个百分点\n" +
				"SHARE-MISMATCH error 13: 年初预算中“公共安全支出”的占比原文为 90.49%，按金额 971.76万元 ÷ 总计 1110.98万元 核算为 87.47%，相差 3.02 个百分点\n" +
				"SHARE-TRUNC info 19: 年初预算中“社会保障和就业支出”的占比原文为 5.33%，核算为 5.33853%，四舍五入应为 5.34%：原文是截断而非四舍五入\n" +
				"SHARE-TRUNC info 25: 年初预算中“卫生健康支出”的占比原文为 3.05%，核算为 3.05586%，四舍五入应为 3.06%：原文是截断而非四舍五入\n" +
				"SHARE-TRUNC info 31: 年初预算中“住房保障支出”的占比原文为 4.12%，核算为 4.12699%，四舍五入应为 4.13%：原文是截断而非四舍五入\n",
		},
		{
			name: "shares of a block that does not cover its total are not summed",
			fm:   "[[budget]]\nid = \"b\"\ntitle = \"决算\"\ntotal = 200\n[[budget.items]]\nname = \"甲\"\namount = 50\nshare = 25\n",
			want: "BUDGET-TOTAL error 7: 决算各项相加为 50万元，原文总计为 200万元，相差 150万元，占总计的 75.00%，这部分金额没有列明用途\n",
		},
		{
			name: "exhaustive counts add up; partial ones stay under the total",
			fm:   sample.Block(t, "enforcement-mode") + sample.Block(t, "violations"), // the seed's 85434 violations
		},
		{
			name: "counts that do not",
			fm: "[[counts]]\nid = \"c\"\ntitle = \"机动车登记\"\nunit = \"台次\"\ntotal = 4273\nexhaustive = true\n[[counts.items]]\nname = \"注册\"\nvalue = 697\n[[counts.items]]\nname = \"年检\"\nvalue = 1577\n" +
				"[[counts]]\nid = \"p\"\ntitle = \"其中\"\nunit = \"起\"\ntotal = 10\n[[counts.items]]\nname = \"甲\"\nvalue = 11\n",
			want: "COUNTS-TOTAL error 7: 机动车登记各项相加为 2274台次，原文合计为 4273台次，相差 1999台次\n" +
				"COUNTS-EXCEED error 19: 其中所列“其中”各项相加为 11起，超过原文总数 10起 1起\n",
		},
		{
			name: "counts beyond int64 add up exactly",
			fm: "[[counts]]\nid = \"c\"\ntitle = \"甲\"\nunit = \"起\"\ntotal = -9223372036854775808\nexhaustive = true\n[[counts.items]]\nname = \"甲\"\nvalue = 9223372036854775807\n[[counts.items]]\nname = \"乙\"\nvalue = 9223372036854775807\n" +
				"[[counts]]\nid = \"p\"\ntitle = \"乙\"\nunit = \"起\"\ntotal = 9223372036854775807\n[[counts.items]]\nname = \"甲\"\nvalue = 9223372036854775807\n[[counts.items]]\nname = \"乙\"\nvalue = 1\n",
			want: "COUNTS-TOTAL error 7: 甲各项相加为 18446744073709551614起，原文合计为 -9223372036854775808起，相差 27670116110564327422起\n" +
				"COUNTS-EXCEED error 19: 乙所列“其中”各项相加为 9223372036854775808起，超过原文总数 9223372036854775807起 1起\n",
		},
		{
			name: "metrics: change and rate",
			// The seed's accidents (a change that agrees), exam pass rate (a
			// truncated rate) and deaths (a change with no previous year), and
			// two metrics of the test's own that disagree.
			fm: sample.Block(t, "accidents") +
				"[[metrics]]\nid = \"b\"\nname = \"亡人事故\"\nvalue = 9\nprevious = 12\nchange = -30\n" +
				sample.Block(t, "exam-pass-rate") +
				"[[metrics]]\nid = \"d\"\nname = \"结案率\"\nvalue = 50\nof = 80\nrate = 60\n" +
				sample.Block(t, "deaths"),
			want: "CHANGE-MISMATCH error 16: 亡人事故同比变化原文为 -30%，按 (9 − 12) ÷ 12 核算为 -25%，相差 5 个百分点\n" +
				"RATE-TRUNC info 22: 小车科目一考试及格原文为 71.36%，按 1625 ÷ 2277 核算为 71.36583%，四舍五入应为 71.37%：原文是截断而非四舍五入\n" +
				"RATE-MISMATCH error 30: 结案率原文为 60%，按 50 ÷ 80 核算为 63%，相差 3 个百分点\n",
		},
		{
			name: "indicators",
			fm: "score = 95\ngrade = \"良\"\n" +
				"[[indicators]]\nname = \"甲\"\nweight = 60\nscore = 61\n[[indicators]]\nname = \"乙\"\nweight = 30\nscore = 30\n",
			want: "INDICATOR-TOTAL error 7: 自评总分原文为 95，绩效自评表各项得分相加为 91，相差 4\n" +
				"INDICATOR-GRADE error 8: 自评等级原文为“良”，按得分合计 91 应为“优”（优 ≥90，良 80–90，中 60–80，差 <60）\n" +
				"INDICATOR-SCORE error 9: 指标“甲”得分 61 超过其分值 60\n" +
				"INDICATOR-WEIGHTS error 9: 绩效自评表各指标分值相加为 90，应为 100\n",
		},
		{
			name: "consistent indicators",
			fm:   "score = 88.5\ngrade = \"良\"\n[[indicators]]\nname = \"甲\"\nweight = 60\nscore = 58.5\n[[indicators]]\nname = \"乙\"\nweight = 40\nscore = 30\n",
		},
		{
			name: "superseded by a report the site does not have",
			fm:   "superseded_by = \"2024/x\"\n",
			want: "SUPERSEDED-MISSING error 7: superseded_by = \"2024/x\" 没有对应的报告\n",
		},
		{
			name: "superseded by itself",
			fm:   "superseded_by = \"2023/u\"\n",
			want: "SUPERSEDED-MISSING error 7: superseded_by 指向了本报告自己\n",
		},
		{
			name: "silenced, with a reason",
			fm:   "[check]\nignore = [\"BUDGET-TOTAL\"]\nreason = \"原文如此，已向单位核实\"\n[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 10\n[[budget.items]]\nname = \"甲\"\namount = 1\n",
		},
		{
			name: "silenced without a reason",
			fm:   "[check]\nignore = [\"BUDGET-TOTAL\"]\n[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 10\n[[budget.items]]\nname = \"甲\"\namount = 1\n",
			want: "CHECK-REASON warning 7: 报告忽略了检查 BUDGET-TOTAL，但没有写明原因\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := summary(load(t, c.fm)); got != c.want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestYearInTitle(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"站\"\n[check]\nrequired_sections = []\n")},
		"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"2022年度某单位整体支出绩效自评报告\"\nyear = 2023\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n")},
		"content/2023/v/index.md": {Data: []byte("+++\ntitle = \"某单位整体支出绩效自评报告\"\nyear = 2023\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n")},
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(Site(site))
	if want := "YEAR-TITLE error 2: 标题中的年份为 2022，而报告的 year 为 2023（所在目录 2023）\n"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestOrgNames(t *testing.T) {
	t.Parallel()
	index := func(year int, org string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"%d年度报告\"\nyear = %d\norg = \"%s\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n", year, year, org))}
	}
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"站\"\n[check]\nrequired_sections = []\n")},
		"content/2023/u/index.md": index(2023, "甲单位"),
		"content/2022/u/index.md": index(2022, "乙单位"),
		"content/2021/u/index.md": index(2021, "甲单位"),
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	fs := Site(site)
	if got, want := summary(fs), "ORG-NAME warning 4: org_id \"u\" 在 2022 年度的报告中单位名称为“乙单位”，而最新的报告中为“甲单位”\n"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	if fs[0].Pos.Path != "content/2022/u/index.md" {
		t.Errorf("at %s", fs[0].Pos)
	}
}

// consistent writes a report whose figures all agree, from a seed.
func consistent(seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	n := 2 + rng.IntN(6)
	amounts := make([]decimal.Dec, n)
	var total decimal.Dec
	for i := range amounts {
		amounts[i] = decimal.New(int64(1+rng.IntN(10_000_000)), 2)
		total = total.Add(amounts[i])
	}
	fmt.Fprintf(&b, "[[budget]]\nid = \"b\"\ntitle = \"决算\"\ntotal = %s\n", total)
	for i, a := range amounts {
		share, _ := decimal.Percent(a, total, 2)
		fmt.Fprintf(&b, "[[budget.items]]\nname = \"科目%d\"\namount = %s\nshare = %s\n", i, a, share)
	}
	var sum int64
	values := make([]int64, 1+rng.IntN(5))
	for i := range values {
		values[i] = int64(rng.IntN(100000))
		sum += values[i]
	}
	fmt.Fprintf(&b, "[[counts]]\nid = \"c\"\ntitle = \"业务\"\ntotal = %d\nexhaustive = true\n", sum)
	for i, v := range values {
		fmt.Fprintf(&b, "[[counts.items]]\nname = \"项目%d\"\nvalue = %d\n", i, v)
	}
	prev := int64(1 + rng.IntN(5000))
	val := int64(rng.IntN(5000))
	change, _ := decimal.Percent(decimal.FromInt(val-prev), decimal.FromInt(prev), 1)
	of := val + int64(1+rng.IntN(100))
	rate, _ := decimal.Percent(decimal.FromInt(val), decimal.FromInt(of), 2)
	fmt.Fprintf(&b, "[[metrics]]\nid = \"m\"\nname = \"指标\"\nvalue = %d\nprevious = %d\nchange = %s\nof = %d\nrate = %s\n", val, prev, change, of, rate)
	var scores decimal.Dec
	for i := range 4 {
		w := decimal.FromInt(25)
		s := decimal.New(int64(rng.IntN(251)), 1)
		scores = scores.Add(s)
		fmt.Fprintf(&b, "[[indicators]]\nname = \"指标%d\"\nweight = %s\nscore = %s\n", i, w, s)
	}
	// The stated total and grade are keys of the report itself, so they
	// come before the first table.
	return fmt.Sprintf("score = %s\ngrade = \"%s\"\n", scores, report.Grade(scores)) + b.String()
}

// TestConsistentReportsHaveNoFindings: false positives are bugs.
func TestConsistentReportsHaveNoFindings(t *testing.T) {
	t.Parallel()
	for seed := range uint64(200) {
		fm := consistent(seed)
		if got := summary(load(t, fm)); got != "" {
			t.Fatalf("seed %d:\n%s\nfindings:\n%s", seed, fm, got)
		}
	}
}
