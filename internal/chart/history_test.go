package chart

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gongkai/internal/decimal"
	"gongkai/internal/history"
	"gongkai/internal/report"
)

// unitOver is a unit with reports in 2021 and 2023 (2022 is a gap), an
// initial budget of two classes in 2021 and one in 2023, and a metric
// both years have.
func unitOver(t *testing.T) *history.Unit {
	t.Helper()
	mk := func(year int, amounts map[string]string, accidents int64) *report.Report {
		b := &report.Budget{ID: "initial", Title: "年初预算"}
		for _, code := range []string{"201", "205"} {
			if a, ok := amounts[code]; ok {
				d, _ := decimal.Parse(a)
				b.Items = append(b.Items, &report.BudgetItem{Code: code, Name: "科目" + code, Amount: d})
			}
		}
		r := &report.Report{Year: year, Slug: "u", OrgID: "u", Org: "示例单位", Unit: "万元", Data: report.Data{
			Budgets: []*report.Budget{b},
			Metrics: []*report.Metric{{ID: "accidents", Name: "事故", Unit: "起", Value: decimal.FromInt(accidents)}},
		}}
		r.Derive()
		return r
	}
	o := &report.Org{ID: "u", Name: "示例单位", Reports: []*report.Report{
		mk(2023, map[string]string{"205": "30"}, 7),
		mk(2021, map[string]string{"201": "10", "205": "20.5"}, 9),
	}}
	return history.Of(o)
}

func TestHistory(t *testing.T) {
	t.Parallel()
	cs, err := History(unitOver(t))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "chart-history-totals chart-history-classes chart-history-metrics-accidents" {
		t.Fatalf("charts %s", got)
	}
	// Gaps are null, never 0; the years are all on the axis.
	for _, tt := range []struct {
		chart int
		want  string
	}{
		{0, `"data":[30.5,null,30]`},
		{0, `"data":[null,null,null]`},
		{0, `"data":["2021年","2022年","2023年"]`},
		{1, `"name":"科目201","type":"bar","data":[10,null,null],"stack":"budget"`},
		{1, `"name":"科目205","type":"bar","data":[20.5,null,30],"stack":"budget"`},
		{2, `"type":"line","data":[9,null,7]`},
	} {
		if !strings.Contains(string(cs[tt.chart].Options), tt.want) {
			t.Errorf("chart %s lacks %s:\n%s", cs[tt.chart].ID, tt.want, cs[tt.chart].Options)
		}
	}
	for _, c := range cs {
		var m map[string]any
		if err := json.Unmarshal(c.Options, &m); err != nil {
			t.Errorf("%s: %v", c.ID, err)
		}
		if m["aria"] == nil {
			t.Errorf("%s: no aria", c.ID)
		}
	}
}

func TestHistoryOneYearHasNoChart(t *testing.T) {
	t.Parallel()
	u := unitOver(t)
	u.Org.Reports = u.Org.Reports[:1]
	cs, err := History(history.Of(u.Org))
	if err != nil || cs != nil {
		t.Errorf("History = %v, %v", cs, err)
	}
}

func TestYear(t *testing.T) {
	t.Parallel()
	y := &report.Year{Year: 2023}
	for i := range 22 {
		d := decimal.FromInt(int64(100 + i))
		r := &report.Report{Year: 2023, Slug: fmt.Sprintf("u%02d", i), Org: fmt.Sprintf("单位%02d", i), Unit: "万元", Data: report.Data{
			Budgets: []*report.Budget{{ID: "final", Title: "决算", Total: &d}},
		}}
		r.Derive()
		y.Reports = append(y.Reports, r)
	}
	c, err := Year(history.YearOf(y, nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "chart-year-2023-totals" || c.Title != "2023年度决算总计最大的20个单位" {
		t.Errorf("%s %s", c.ID, c.Title)
	}
	s := string(c.Options)
	if !strings.Contains(s, `"data":["单位21","单位20",`) || strings.Contains(s, "单位01") || !strings.Contains(s, `"name":"年初预算","type":"bar","data":[null,`) {
		t.Errorf("options:\n%s", s)
	}
	if c, err := Year(history.YearOf(&report.Year{Year: 2020}, nil)); c != nil || err != nil {
		t.Errorf("an empty year: %v, %v", c, err)
	}
}
