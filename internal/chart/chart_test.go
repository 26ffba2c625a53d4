package chart

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/report"
	"gongkai/internal/sample"
)

// seed is the seed report, read from the sample site, with one counts
// block of the test's own: "short", whose names are short and whose second
// item is approximate.
func seed(t *testing.T) *report.Report {
	t.Helper()
	r := sample.Report(t)
	r.Counts = append(r.Counts, &report.Counts{ID: "short", Title: "短", Unit: "次", Items: []*report.CountItem{
		{Name: "甲", Value: 1}, {Name: "乙", Value: 2, Approx: true}}})
	r.Derive()
	return r
}

// options decodes a chart's options.
func options(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(c.Options))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatalf("%s: %v\n%s", c.ID, err, c.Options)
	}
	return m
}

func seriesData(t *testing.T, m map[string]any) []map[string]any {
	t.Helper()
	series := m["series"].([]any)
	var out []map[string]any
	for _, d := range series[0].(map[string]any)["data"].([]any) {
		out = append(out, d.(map[string]any))
	}
	return out
}

func TestBudgetDonutShowsUnlisted(t *testing.T) {
	t.Parallel()
	r := seed(t)
	c, err := For(r, r.Block("final"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != Pie || c.ID != "chart-2023-yanling-traffic-police-final" {
		t.Errorf("chart = %s %s", c.Type, c.ID)
	}
	data := seriesData(t, options(t, c))
	if len(data) != 6 {
		t.Fatalf("%d slices, want 5 classes and 未列明", len(data))
	}
	last := data[5]
	if last["name"] != "未列明" || last["value"].(json.Number) != "955.025" {
		t.Errorf("last slice = %v, want 未列明 955.025", last)
	}
	if f := last["label"].(map[string]any)["formatter"]; f != "未列明\n58.09%" {
		t.Errorf("未列明 label = %q", f)
	}
	// Shares are the computed ones, not the stated 33.95.
	if f := data[1]["label"].(map[string]any)["formatter"]; f != "公共安全支出\n33.96%" {
		t.Errorf("公共安全支出 label = %q, want the computed share 33.96%%", f)
	}
	// Exact decimals, not floats: 0.055 stays 0.055.
	if data[0]["value"].(json.Number) != "0.055" {
		t.Errorf("value = %v", data[0]["value"])
	}
}

func TestBudgetWithoutGapHasNoUnlistedSlice(t *testing.T) {
	t.Parallel()
	r := seed(t)
	b := r.Block("initial").(*report.Budget)
	sum := b.Sum
	b.Total = &sum
	r.Derive()
	c, err := For(r, b, Pie, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range seriesData(t, options(t, c)) {
		if d["name"] == "未列明" {
			t.Errorf("未列明 slice on a budget whose items add up")
		}
	}
}

func TestOptionsAreStableAndStrict(t *testing.T) {
	t.Parallel()
	r := seed(t)
	for _, id := range []string{"initial", "final", "enforcement-mode", "short", "accidents"} {
		a, err := For(r, r.Block(id), "", "")
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		b, _ := For(seed(t), seed(t).Block(id), "", "")
		if a.ID != "chart-2023-yanling-traffic-police-"+id || !bytes.Equal(a.Options, b.Options) {
			t.Errorf("%s: id %q, options differ between two builds", id, a.ID)
		}
		m := options(t, a)
		if m["animation"] != false {
			t.Errorf("%s: animation = %v", id, m["animation"])
		}
		aria := m["aria"].(map[string]any)
		if aria["enabled"] != true || aria["decal"].(map[string]any)["show"] != true {
			t.Errorf("%s: aria = %v", id, aria)
		}
		if m["tooltip"].(map[string]any)["renderMode"] != "richText" {
			t.Errorf("%s: tooltip = %v; HTML tooltips need inline styles", id, m["tooltip"])
		}
		if bytes.Contains(a.Options, []byte("gongkai")) {
			t.Errorf("%s: go-echarts' chart id leaked into the options", id)
		}
	}
}

func TestHostileTitleIsEscaped(t *testing.T) {
	t.Parallel()
	r := seed(t)
	hostile := `</script><script>alert(1)</script>{a}&`
	r.Block("enforcement-mode").(*report.Counts).Items[0].Name = hostile
	c, err := For(r, r.Block("enforcement-mode"), Bar, hostile)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&"} {
		if bytes.Contains(c.Options, []byte(bad)) {
			t.Errorf("options contain %q: %s", bad, c.Options)
		}
	}
	if c.Title != hostile {
		t.Errorf("title = %q", c.Title)
	}
	// The name survives decoding, and a brace cannot start an ECharts template.
	data := seriesData(t, options(t, c))
	if data[0]["name"] != hostile {
		t.Errorf("name = %q", data[0]["name"])
	}
	if f := data[0]["label"].(map[string]any)["formatter"].(string); strings.ContainsAny(f, "{}") {
		t.Errorf("label formatter %q has braces", f)
	}
}

func TestDefaultTypes(t *testing.T) {
	t.Parallel()
	r := seed(t)
	for id, want := range map[string]Type{"initial": Pie, "enforcement-mode": HBar, "short": Bar, "accidents": Bar, "deaths": ""} {
		if got := Default(r.Block(id)); got != want {
			t.Errorf("Default(%s) = %q, want %q", id, got, want)
		}
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	r := seed(t)
	for _, c := range []struct {
		id   string
		t    Type
		want string
	}{
		{"initial", "radar", `未知的图表类型 "radar"`},
		{"enforcement-mode", Pie, "不宜画饼图"},
		{"deaths", Bar, "没有上年数"},
		{"accidents", Pie, "不宜画饼图"},
	} {
		_, err := For(r, r.Block(c.id), c.t, "")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("For(%s, %s) = %v, want %q", c.id, c.t, err, c.want)
		}
	}
}

func TestMetricLabelsCarryTheChange(t *testing.T) {
	t.Parallel()
	r := seed(t)
	c, err := For(r, r.Block("accidents"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	data := seriesData(t, options(t, c))
	if f := data[1]["label"].(map[string]any)["formatter"]; f != "2083（同比+19.9%）" {
		t.Errorf("this year's label = %q", f)
	}
	if data[0]["name"] != "上年同期" || data[0]["value"].(json.Number) != "1737" {
		t.Errorf("last year = %v", data[0])
	}
}

func TestCounts(t *testing.T) {
	t.Parallel()
	r := seed(t)
	c, err := For(r, r.Block("short"), Line, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != Line || options(t, c)["series"].([]any)[0].(map[string]any)["type"] != "line" {
		t.Errorf("line chart = %s", c.Options)
	}
	c, err = For(r, r.Block("short"), Bar, "")
	if err != nil {
		t.Fatal(err)
	}
	if f := seriesData(t, options(t, c))[1]["label"].(map[string]any)["formatter"]; f != "2余" {
		t.Errorf("approximate label = %q, want 2余", f)
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	r := seed(t)
	c, err := Compare(r)
	if err != nil || c == nil {
		t.Fatalf("Compare = %v, %v", c, err)
	}
	m := options(t, c)
	names := m["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
	want := []string{"公共安全支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出", "一般公共服务支出", "未列明"}
	if len(names) != len(want) {
		t.Fatalf("classes = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("class %d = %v, want %s", i, names[i], want[i])
		}
	}
	series := m["series"].([]any)
	initial := series[0].(map[string]any)["data"].([]any)
	final := series[1].(map[string]any)["data"].([]any)
	if v := initial[4].(map[string]any)["value"]; v != nil {
		t.Errorf("initial budget has no 一般公共服务支出, got %v", v)
	}
	if v := final[5].(map[string]any)["value"]; v != json.Number("955.025") {
		t.Errorf("final 未列明 = %v", v)
	}
	if v := initial[5].(map[string]any)["value"]; v != json.Number("0.11") {
		t.Errorf("initial 未列明 = %v", v)
	}
	// A report with one budget has no comparison.
	for _, sec := range r.Sections {
		sec.Budgets = slices.DeleteFunc(sec.Budgets, func(b *report.Budget) bool { return b.ID != "initial" })
	}
	if c, err := Compare(r); c != nil || err != nil {
		t.Errorf("Compare with one budget = %v, %v", c, err)
	}
}
