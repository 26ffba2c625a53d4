package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// number is a JSON number kept as its text; it refuses a string or null, so
// that a figure written as "90.49" (a string) fails the test.
type number string

func (n *number) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || b[0] == '"' || string(b) == "null" || !json.Valid(b) {
		return fmt.Errorf("not a JSON number: %s", b)
	}
	*n = number(b)
	return nil
}

// str shows a missing number as "absent".
func str(n *number) string {
	if n == nil {
		return "absent"
	}
	return string(*n)
}

type testFigure struct {
	Stated   *number `json:"stated"`
	Computed *number `json:"computed"`
}

func (f *testFigure) String() string {
	if f == nil {
		return "absent"
	}
	return str(f.Stated) + "/" + str(f.Computed)
}

type testData struct {
	Title     string `json:"title"`
	Year      int    `json:"year"`
	Org       string `json:"org"`
	OrgID     string `json:"org_id"`
	Unit      string `json:"unit"`
	Published string `json:"published"`
	Budgets   []struct {
		ID       string      `json:"id"`
		Title    string      `json:"title"`
		Section  string      `json:"section"`
		Total    *testFigure `json:"total"`
		ShareSum *testFigure `json:"share_sum"`
		Unlisted *number     `json:"unlisted"`
		Items    []struct {
			Code   string      `json:"code"`
			Name   string      `json:"name"`
			Amount number      `json:"amount"`
			Share  *testFigure `json:"share"`
		} `json:"items"`
	} `json:"budgets"`
	Counts []struct {
		ID         string  `json:"id"`
		Section    string  `json:"section"`
		Exhaustive bool    `json:"exhaustive"`
		Total      *number `json:"total"`
		Sum        number  `json:"sum"`
		AsOf       string  `json:"as_of"`
	} `json:"counts"`
	Metrics []struct {
		ID       string      `json:"id"`
		Value    number      `json:"value"`
		Previous *number     `json:"previous"`
		Change   *testFigure `json:"change"`
		Of       *number     `json:"of"`
		Rate     *testFigure `json:"rate"`
	} `json:"metrics"`
	Indicators []struct {
		Name   string  `json:"name"`
		Weight *number `json:"weight"`
		Score  *number `json:"score"`
		Note   string  `json:"note"`
	} `json:"indicators"`
}

func decodeData(t *testing.T, files map[string]string, name string) testData {
	t.Helper()
	var d testData
	if err := json.Unmarshal([]byte(files[name]), &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// TestDataJSON checks the stated and computed figures of data.json, as JSON
// numbers with the digits of the figures.
func TestDataJSON(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	d := decodeData(t, files, "2023/traffic-police/data.json")
	if d.Title != "2023年度测试县交警大队整体支出绩效自评报告" || d.Year != 2023 || d.OrgID != "traffic-police" ||
		d.Unit != "万元" || d.Published != "2024-04-30" {
		t.Errorf("metadata: %+v", d)
	}
	if len(d.Budgets) != 2 || d.Budgets[0].ID != "initial" || d.Budgets[1].ID != "final" {
		t.Fatalf("budgets: %+v", d.Budgets)
	}
	initial, final := d.Budgets[0], d.Budgets[1]
	for what, c := range map[string][2]string{
		"initial section":        {initial.Section, "02-general-budget"},
		"initial total":          {initial.Total.String(), "1110.98/1110.87"},
		"initial share sum":      {initial.ShareSum.String(), "103.00/99.99"},
		"initial unlisted":       {str(initial.Unlisted), "0.11"},
		"initial item 0 amount":  {string(initial.Items[0].Amount), "971.76"},
		"initial item 0 share":   {initial.Items[0].Share.String(), "90.49/87.47"},
		"initial item 0 code":    {initial.Items[0].Code, "204"},
		"initial item 3 share":   {initial.Items[3].Share.String(), "4.13/4.13"},
		"final total":            {final.Total.String(), "1643.98/688.955"},
		"final unlisted":         {str(final.Unlisted), "955.025"},
		"final item 0 amount":    {string(final.Items[0].Amount), "0.055"},
		"final item 0 share":     {final.Items[0].Share.String(), "0.003/0.003"},
		"final share sum":        {final.ShareSum.String(), "41.883/41.908"},
		"counts 0 id":            {d.Counts[0].ID, "enforcement-mode"},
		"counts 0 total/sum":     {str(d.Counts[0].Total) + "/" + string(d.Counts[0].Sum), "85434/85434"},
		"counts 0 as_of":         {d.Counts[0].AsOf, "2023-10-25"},
		"counts 1 total/sum":     {str(d.Counts[1].Total) + "/" + string(d.Counts[1].Sum), "85434/11044"},
		"metric accidents":       {d.Metrics[0].ID + " " + str(d.Metrics[0].Previous) + " " + d.Metrics[0].Change.String(), "accidents 1737 19.9/19.9"},
		"metric fatal change":    {d.Metrics[1].Change.String(), "-30.8/-25.0"},
		"metric closure rate":    {str(d.Metrics[2].Of) + " " + d.Metrics[2].Rate.String(), "2277 71.37/71.37"},
		"metric coverage rate":   {d.Metrics[3].Rate.String(), "61.5/62.5"},
		"metric no rate":         {d.Metrics[0].Rate.String(), "absent"},
		"indicator 1 score":      {d.Indicators[1].Name + " " + str(d.Indicators[1].Score), "群众满意度 8.5"},
		"indicator 1 note":       {d.Indicators[1].Note, "宣传不足"},
		"counts exhaustive flag": {fmt.Sprint(d.Counts[0].Exhaustive, d.Counts[1].Exhaustive), "true false"},
	} {
		if c[0] != c[1] {
			t.Errorf("%s = %s, want %s", what, c[0], c[1])
		}
	}
	if n := len(d.Metrics); n != 4 {
		t.Errorf("%d metrics, want 4", n)
	}
	// Numbers carry their digits: no float formatting, no quotes.
	raw := files["2023/traffic-police/data.json"]
	for _, want := range []string{`"stated": 0.003`, `"computed": 0.003`, `"amount": 0.055`, `"stated": 103.00`, `"computed": -25.0`} {
		if !strings.Contains(raw, want) {
			t.Errorf("data.json lacks %s", want)
		}
	}

	// Unlisted money is there only when the items fall short of the total.
	for _, name := range []string{"2022/traffic-police/data.json", "2023/hostile-unit/data.json"} {
		var raw struct {
			Budgets []map[string]json.RawMessage `json:"budgets"`
		}
		if err := json.Unmarshal([]byte(files[name]), &raw); err != nil {
			t.Fatal(err)
		}
		for _, b := range raw.Budgets {
			if u, ok := b["unlisted"]; ok {
				t.Errorf("%s: unlisted %s, but the items do not fall short", name, u)
			}
		}
	}
	d22 := decodeData(t, files, "2022/traffic-police/data.json")
	if got := d22.Budgets[0].Total.String(); got != "100.5/100.50" {
		t.Errorf("2022 total = %s, want 100.5/100.50", got)
	}
	if d22.Budgets[0].Section != "" || d22.Counts[0].Section != "02-budget" {
		t.Errorf("sections: budget %q, counts %q", d22.Budgets[0].Section, d22.Counts[0].Section)
	}
	// A share nobody stated is computed; the share sum has no stated side.
	if got := d22.Budgets[0].Items[0].Share.String(); got != "absent/59.95" {
		t.Errorf("2022 unstated share = %s", got)
	}
	if got := d22.Budgets[0].ShareSum.String(); got != "absent/100.00" {
		t.Errorf("2022 share sum = %s", got)
	}
}

// TestDataJSONHostile checks that markup in text stays text in data.json.
func TestDataJSONHostile(t *testing.T) {
	t.Parallel()
	d := decodeData(t, testSite(t), "2023/hostile-unit/data.json")
	if d.Title != hostileTitle || d.Org != hostileOrg || d.Budgets[0].Title != hostileBlock {
		t.Errorf("hostile text did not survive data.json:\n%q\n%q\n%q", d.Title, d.Org, d.Budgets[0].Title)
	}
	if d.Published != "" {
		t.Errorf("published = %q for a report without a date", d.Published)
	}
	if got := d.Budgets[0].Total.String(); got != "10/11" {
		t.Errorf("total = %s, want 10/11", got)
	}
}

// TestDataCSV checks data.csv: BOM, CRLF, the header, and the rows of each
// kind of figure.
func TestDataCSV(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	raw := files["2023/traffic-police/data.csv"]
	body, ok := strings.CutPrefix(raw, "\uFEFF")
	if !ok {
		t.Fatalf("data.csv does not start with a BOM: %q", raw[:min(len(raw), 16)])
	}
	if !strings.HasSuffix(raw, "\r\n") || strings.Count(raw, "\n") != strings.Count(raw, "\r\n") {
		t.Error("data.csv has lines not ended by CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], csvHeader) {
		t.Errorf("header = %q, want %q", rows[0], csvHeader)
	}
	if !slices.Equal(rows[0], []string{"数据块ID", "数据块", "章节", "项目", "科目编码", "指标", "原文数值", "核算数值", "单位", "说明"}) {
		t.Errorf("header changed: %q", rows[0])
	}
	for _, want := range [][]string{
		{"initial", "年初预算", "02-general-budget", "公共安全支出", "204", "金额", "971.76", "", "万元", ""},
		{"initial", "年初预算", "02-general-budget", "公共安全支出", "204", "占比", "90.49", "87.47", "%", ""},
		{"initial", "年初预算", "02-general-budget", "未列明", "", "金额", "", "0.11", "万元", "总计减各项之和"},
		{"initial", "年初预算", "02-general-budget", "合计", "", "总计", "1110.98", "1110.87", "万元", "核算数值为各项之和"},
		{"final", "决算", "02-general-budget", "一般公共服务支出", "201", "占比", "0.003", "0.003", "%", ""},
		{"enforcement-mode", "查处交通违法行为（按执法方式）", "06-performance", "合计", "", "总数", "85434", "85434", "起", "各项之和"},
		{"violations", "查处交通违法行为（按违法类型，部分）", "06-performance", "合计", "", "总数", "85434", "11044", "起", "所列各项之和（“其中”部分项目）"},
		{"fatal", "亡人事故", "06-performance", "亡人事故", "", "同比变化", "-30.8", "-25.0", "%", "原文：同比下降30.8%。"},
		{"fatal", "亡人事故", "06-performance", "亡人事故", "", "上年同期", "12", "", "起", "原文：同比下降30.8%。"},
		{"closure", "结案率", "06-performance", "结案率", "", "比率", "71.37", "71.37", "%", ""},
		{"indicators", "绩效自评表", "", "群众满意度", "", "得分", "8.5", "", "分", "宣传不足"},
	} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no row %q", want)
		}
	}
	// Each figure appears once: one amount row per item.
	n := 0
	for _, r := range rows {
		if r[0] == "initial" && r[5] == "金额" && r[3] != "未列明" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d amount rows for initial, want 4", n)
	}
}

// TestDataCSVHostile checks that quotes and markup survive data.csv and
// that the 2022 report, whose items add up, has no unlisted row.
func TestDataCSVHostile(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	for name, check := range map[string]func([][]string) error{
		"2023/hostile-unit/data.csv": func(rows [][]string) error {
			if rows[1][1] != hostileBlock || rows[1][3] != "科目"+scriptBreak {
				return fmt.Errorf("row 1 = %q", rows[1])
			}
			return nil
		},
		"2022/traffic-police/data.csv": func(rows [][]string) error {
			for _, r := range rows {
				if r[3] == "未列明" {
					return fmt.Errorf("unlisted row %q, but the items add up", r)
				}
			}
			return nil
		},
	} {
		rows, err := csv.NewReader(bytes.NewReader([]byte(strings.TrimPrefix(files[name], "\uFEFF")))).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := check(rows); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestInert checks that data.csv keeps a name a spreadsheet would evaluate
// as text (sheet.Cell) and its numbers, negative ones included, as numbers.
func TestInert(t *testing.T) {
	t.Parallel()
	// Numbers in the value columns stay numbers, negative ones included.
	r := &report.Report{Unit: "万元", Data: report.Data{Metrics: []*report.Metric{{ID: "m", Name: "=cmd", Value: decimal.New(-25, 0)}}}}
	r.Derive()
	table, err := encodeCSV(new(bytes.Buffer), csvRows(r))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(table.data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1]; got[1] != "'=cmd" || got[3] != "'=cmd" || got[statedCol] != "-25" {
		t.Errorf("row = %q", got)
	}
}
