package history

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

func dec(s string) decimal.Dec {
	d, err := decimal.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func pdec(s string) *decimal.Dec { d := dec(s); return &d }

// budget is a budget block; items are "code:name=amount" (code optional).
func budget(id, title, total string, items ...string) *report.Budget {
	b := &report.Budget{ID: id, Title: title}
	if total != "" {
		b.Total = pdec(total)
	}
	for _, it := range items {
		k, amount, _ := strings.Cut(it, "=")
		code, name, ok := strings.Cut(k, ":")
		if !ok {
			code, name = "", k
		}
		b.Items = append(b.Items, &report.BudgetItem{Code: code, Name: name, Amount: dec(amount)})
	}
	return b
}

func rep(year int, unit string, data report.Data) *report.Report {
	r := &report.Report{Year: year, Slug: "unit", Dir: fmt.Sprintf("content/%d/unit", year), Org: "示例单位", OrgID: "unit", Unit: unit, Data: data}
	r.Derive()
	return r
}

// org is a unit of reps, newest first as report.Site.Index orders them.
func org(reps ...*report.Report) *report.Org {
	slices.SortStableFunc(reps, func(a, b *report.Report) int { return b.Year - a.Year })
	return &report.Org{ID: "unit", Name: "示例单位", Reports: reps}
}

// cells writes a series as "2021=1.5 2022=— …".
func cells(u *Unit, s Series) string {
	var out []string
	for i, c := range s.Cells {
		v := "—"
		if c.OK {
			v = c.Value.String()
		}
		out = append(out, fmt.Sprintf("%d=%s", u.Years[i], v))
	}
	return strings.Join(out, " ")
}

func TestOf(t *testing.T) {
	t.Parallel()
	count := func(id, unit string, total int64) *report.Counts {
		return &report.Counts{ID: id, Title: "办件", Unit: unit, Total: &total}
	}
	metric := func(id, unit, v string) *report.Metric {
		return &report.Metric{ID: id, Name: "事故", Unit: unit, Value: dec(v)}
	}
	for _, tt := range []struct {
		name    string
		reps    []*report.Report
		multi   bool
		money   string
		initial string
		final   string
		classes []string // "key: cells"
		lines   []string // "kind/id: cells"
		notes   []string
	}{
		{
			name: "a gap year is no figure, not zero",
			reps: []*report.Report{
				rep(2020, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "100", "201:一般公共服务支出=100"), budget("final", "决算", "90", "201:一般公共服务支出=90")}}),
				rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "120", "201:一般公共服务支出=120")}}),
			},
			multi: true, money: "万元",
			initial: "2020=100 2021=— 2022=120",
			final:   "2020=90 2021=— 2022=—",
			classes: []string{"code:201: 2020=100 2021=— 2022=120"},
		},
		{
			name: "元 and 万元 mixed: converted into 万元 exactly",
			reps: []*report.Report{
				rep(2021, "元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "1234567.89", "205:教育支出=1234567.89")}}),
				rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "130.5", "205:教育支出=130.5")}}),
			},
			multi: true, money: "万元",
			initial: "2021=123.456789 2022=130.5",
			final:   "2021=— 2022=—",
			classes: []string{"code:205: 2021=123.456789 2022=130.5"},
			notes:   []string{"2021年度报告的金额单位为“元”，已精确换算为“万元”。"},
		},
		{
			name: "元 with three decimals cannot become 万元: all in 元",
			reps: []*report.Report{
				rep(2021, "元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=10.125")}}),
				rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=1.5")}}),
			},
			multi: true, money: "元",
			initial: "2021=10.125 2022=15000",
			final:   "2021=— 2022=—",
			classes: []string{"code:205: 2021=10.125 2022=15000"},
			notes:   []string{"2022年度报告的金额单位为“万元”，已精确换算为“元”。"},
		},
		{
			name: "an unknown unit is not mixed",
			reps: []*report.Report{
				rep(2021, "千元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "5000", "205:教育支出=5000")}}),
				rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "600", "205:教育支出=600")}}),
			},
			multi: true, money: "万元",
			initial: "2021=— 2022=600",
			final:   "2021=— 2022=—",
			classes: []string{"code:205: 2021=— 2022=600"},
			notes:   []string{"2021年度报告的金额单位为“千元”，不能精确换算为“万元”，其金额未列入。"},
		},
		{
			name: "a class only some years, a class by name, money no item accounts for",
			reps: []*report.Report{
				rep(2021, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "110", "208:社会保障和就业支出=50", "205:教育支出=40", "其他=10")}}),
				rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=45", "其他=5")}}),
				rep(2023, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:义务教育=47")}}),
			},
			multi: true, money: "万元",
			initial: "2021=110 2022=50 2023=47",
			final:   "2021=— 2022=— 2023=—",
			classes: []string{
				"code:205: 2021=40 2022=45 2023=47",
				"code:208: 2021=50 2022=— 2023=—",
				"name:其他: 2021=10 2022=5 2023=—",
				"unlisted: 2021=10 2022=— 2023=—",
			},
		},
		{
			name: "only ids two or more years have; a changed unit is a gap",
			reps: []*report.Report{
				rep(2021, "万元", report.Data{Counts: []*report.Counts{count("cases", "件", 10), count("once", "件", 1)}, Metrics: []*report.Metric{metric("accidents", "起", "30")}}),
				rep(2022, "万元", report.Data{Counts: []*report.Counts{count("cases", "件", 12)}, Metrics: []*report.Metric{metric("accidents", "次", "28")}}),
				rep(2023, "万元", report.Data{Counts: []*report.Counts{count("cases", "件", 15)}, Metrics: []*report.Metric{metric("accidents", "起", "25")}}),
			},
			multi: true, money: "万元",
			initial: "2021=— 2022=— 2023=—",
			final:   "2021=— 2022=— 2023=—",
			lines:   []string{"counts/cases: 2021=10 2022=12 2023=15", "metrics/accidents: 2021=30 2022=— 2023=25"},
			notes:   []string{"“事故”2022年度的单位为“次”，与其他年度的“起”不同，未列入。"},
		},
		{
			name: "one year is no history",
			reps: []*report.Report{
				rep(2023, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "10", "205:教育支出=10")}, Metrics: []*report.Metric{metric("accidents", "起", "25")}}),
			},
			money:   "万元",
			initial: "2023=10",
			final:   "2023=—",
			classes: []string{"code:205: 2023=10"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u := Of(org(tt.reps...))
			if u.Multi() != tt.multi {
				t.Errorf("Multi = %v", u.Multi())
			}
			if u.Money != tt.money {
				t.Errorf("Money = %q, want %q", u.Money, tt.money)
			}
			if got := cells(u, u.Initial); got != tt.initial {
				t.Errorf("initial = %s, want %s", got, tt.initial)
			}
			if got := cells(u, u.Final); got != tt.final {
				t.Errorf("final = %s, want %s", got, tt.final)
			}
			var classes, lines []string
			for _, s := range u.Classes {
				classes = append(classes, s.Key+": "+cells(u, s))
			}
			for _, s := range u.Lines {
				lines = append(lines, s.Kind+"/"+s.Key+": "+cells(u, s))
			}
			if !slices.Equal(classes, tt.classes) {
				t.Errorf("classes:\n%s\nwant\n%s", strings.Join(classes, "\n"), strings.Join(tt.classes, "\n"))
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("lines:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(tt.lines, "\n"))
			}
			if !slices.Equal(u.Notes, tt.notes) {
				t.Errorf("notes = %q, want %q", u.Notes, tt.notes)
			}
		})
	}
}

func TestOfLinksEachFigureToItsReport(t *testing.T) {
	t.Parallel()
	a := rep(2021, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=1"), budget("fin", "2021年决算", "", "205:教育支出=1")}})
	b := rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=2")}})
	u := Of(org(a, b))
	if c := u.Final.Cells[0]; c.Report != a || c.Block != "fin" {
		t.Errorf("final 2021 from %v %q", c.Report, c.Block)
	}
	if c := u.Classes[0].Cells[1]; c.Report != b || c.Block != "initial" {
		t.Errorf("class 2022 from %v %q", c.Report, c.Block)
	}
}

func TestOfPrefersTheReportInForce(t *testing.T) {
	t.Parallel()
	old := rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=1")}})
	old.SupersededBy = "2022/unit-2"
	now := rep(2022, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "", "205:教育支出=2")}})
	now.Slug = "unit-2"
	u := Of(org(old, now))
	if u.Reports[0] != now || cells(u, u.Initial) != "2022=2" {
		t.Errorf("took %s: %s", u.Reports[0].Slug, cells(u, u.Initial))
	}
}

func TestYearOf(t *testing.T) {
	t.Parallel()
	y := &report.Year{Year: 2023}
	for i := range 25 {
		r := rep(2023, "万元", report.Data{Budgets: []*report.Budget{
			budget("initial", "年初预算", fmt.Sprint(100+i), "205:教育支出="+fmt.Sprint(100+i)),
			budget("final", "决算", fmt.Sprint(90+2*i), "205:教育支出="+fmt.Sprint(90+2*i)),
		}})
		r.Slug, r.Org = fmt.Sprintf("u%02d", i), fmt.Sprintf("单位%02d", i)
		y.Reports = append(y.Reports, r)
	}
	yuan := rep(2023, "元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "5000000", "205:教育支出=5000000")}})
	yuan.Slug, yuan.Org = "yuan", "以元为单位的单位"
	odd := rep(2023, "千元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "1", "205:教育支出=1")}})
	odd.Slug, odd.Org = "odd", "以千元为单位的单位"
	none := rep(2023, "万元", report.Data{})
	none.Slug, none.Org = "none", "没有预算的单位"
	y.Reports = append(y.Reports, yuan, odd, none)

	yt := YearOf(y, func(r *report.Report) (int, int) {
		if r.Slug == "u03" {
			return 2, 1
		}
		return 0, 0
	})
	if len(yt.Rows) != 28 {
		t.Fatalf("%d rows", len(yt.Rows))
	}
	r3 := yt.Rows[3]
	if r3.Errors != 2 || r3.Warnings != 1 || !r3.HasRatio || r3.Ratio.String() != "93.20" {
		t.Errorf("row 3: %d errors, %d warnings, ratio %s %v", r3.Errors, r3.Warnings, r3.Ratio, r3.HasRatio)
	}
	if r := yt.Rows[25]; r.HasRatio || r.Initial.Value.String() != "5000000" || r.Initial.Unit != "元" {
		t.Errorf("元 row: %+v", r)
	}
	if r := yt.Rows[27]; r.Initial.OK || r.Final.OK || r.HasRatio {
		t.Errorf("row without budgets: %+v", r)
	}
	if yt.Money != "万元" || !yt.More || len(yt.Top) != TopN {
		t.Fatalf("money %q, more %v, %d on the chart", yt.Money, yt.More, len(yt.Top))
	}
	// 500 万元 of the 元 report is the largest; then the 决算 totals down.
	if yt.Top[0].Report != yuan || yt.Top[0].Initial.Value.String() != "500.0000" {
		t.Errorf("top: %s %s", yt.Top[0].Report.Org, yt.Top[0].Initial.Value)
	}
	if yt.Top[1].Report.Slug != "u24" || yt.Top[TopN-1].Report.Slug != "u06" {
		t.Errorf("order: %s … %s", yt.Top[1].Report.Slug, yt.Top[TopN-1].Report.Slug)
	}
	if want := []string{"以千元为单位的单位的金额单位为“千元”，不能精确换算为“万元”，未列入图表。"}; !slices.Equal(yt.Notes, want) {
		t.Errorf("notes = %q", yt.Notes)
	}
}

func TestYearOfZeroInitialHasNoRatio(t *testing.T) {
	t.Parallel()
	r := rep(2023, "万元", report.Data{Budgets: []*report.Budget{budget("initial", "年初预算", "0"), budget("final", "决算", "5")}})
	yt := YearOf(&report.Year{Year: 2023, Reports: []*report.Report{r}}, nil)
	if yt.Rows[0].HasRatio || yt.More || len(yt.Top) != 1 {
		t.Errorf("%+v", yt)
	}
}
