package chart

import (
	"encoding/json"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"

	"gongkai/internal/history"
)

// The element ids of the charts of a unit's page.
const (
	HistoryTotalsID  = "chart-history-totals"
	HistoryClassesID = "chart-history-classes"
)

// HistoryLineID is the element id of the chart of a counts or metrics
// block across years on a unit's page.
func HistoryLineID(s history.Series) string { return "chart-history-" + s.Kind + "-" + s.Key }

// History is the charts of a unit's figures across years: its 年初预算 and
// 决算 totals as two lines, its initial budget as bars stacked by class, and
// a line for each counts or metrics block, in that order. A year without a
// figure is a gap in the line or an empty place among the bars, never a
// zero. Charts without a figure to draw are left out; a unit with reports
// in fewer than two years has none.
func History(u *history.Unit) ([]*Chart, error) {
	if !u.Multi() {
		return nil, nil
	}
	years := make([]string, len(u.Years))
	for i, y := range u.Years {
		years[i] = strconv.Itoa(y) + "年"
	}
	var out []*Chart
	add := func(id, title string, t Type, o *option) error {
		data, err := marshal(o)
		if err == nil {
			out = append(out, &Chart{ID: id, Title: title, Type: t, Options: data})
		}
		return err
	}
	if u.Initial.Years()+u.Final.Years() > 0 {
		o := common("历年年初预算与决算", "单位："+u.Money, true)
		o.Series = []series{gappedLine(u.Initial), gappedLine(u.Final)}
		o.XAxis = []opts.XAxis{{Data: years, AxisLabel: &opts.AxisLabel{Interval: "0"}}}
		o.YAxis = []opts.YAxis{{Name: u.Money}}
		if err := add(HistoryTotalsID, "历年年初预算与决算总计", Line, o); err != nil {
			return nil, err
		}
	}
	if len(u.Classes) > 0 {
		o := common("历年年初预算（按功能分类）", "单位："+u.Money, true)
		for i, s := range u.Classes {
			bar := series{Name: label(s.Name), Type: Bar, Stack: "budget", Data: values(s)}
			if s.Key == history.UnlistedKey {
				bar.ItemStyle = &opts.ItemStyle{Color: unlistedColour}
			} else {
				bar.ItemStyle = &opts.ItemStyle{Color: palette[i%len(palette)]}
			}
			o.Series = append(o.Series, bar)
		}
		o.XAxis = []opts.XAxis{{Data: years, AxisLabel: &opts.AxisLabel{Interval: "0"}}}
		o.YAxis = []opts.YAxis{{Name: u.Money}}
		o.Grid = []opts.Grid{{ContainLabel: opts.Bool(true), Bottom: "22%"}}
		if err := add(HistoryClassesID, "历年年初预算（按功能分类）", Bar, o); err != nil {
			return nil, err
		}
	}
	for _, s := range u.Lines {
		sub := ""
		if s.Unit != "" {
			sub = "单位：" + s.Unit
		}
		o := common(s.Name, sub, false)
		// One figure's line is filled down to the axis, so that its
		// years read as amounts, and a gap as a break in the area too.
		line := gappedLine(s)
		line.AreaStyle = &opts.AreaStyle{Opacity: opts.Float(0.5)}
		o.Series = []series{line}
		o.XAxis = []opts.XAxis{{Data: years, AxisLabel: &opts.AxisLabel{Interval: "0"}}}
		o.YAxis = []opts.YAxis{{Name: s.Unit}}
		if err := add(HistoryLineID(s), s.Name, Line, o); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// values is a series' figures as JSON numbers, null in a gap: ECharts
// leaves a gap in a line there and draws no bar.
func values(s history.Series) []any {
	out := make([]any, len(s.Cells))
	for i, c := range s.Cells {
		if c.OK {
			out[i] = json.Number(c.Value.String())
		}
	}
	return out
}

// gappedLine is a line through a series' figures, broken at each gap.
func gappedLine(s history.Series) series {
	return series{Name: label(s.Name), Type: Line, Data: values(s), Label: &opts.Label{Show: opts.Bool(true), Position: "top"}}
}

// YearID is the element id of the chart of a year's totals on its page.
func YearID(year int) string { return "chart-year-" + strconv.Itoa(year) + "-totals" }

// Year is the chart of a year's reports' 年初预算 and 决算 totals, unit by
// unit, as horizontal bars: the largest units (history.TopN) when there are
// more, largest first. nil when no report of the year has a total.
func Year(y *history.Year) (*Chart, error) {
	if len(y.Top) == 0 {
		return nil, nil
	}
	title := strconv.Itoa(y.Year.Year) + "年度各单位年初预算与决算总计"
	if y.More {
		title = strconv.Itoa(y.Year.Year) + "年度决算总计最大的" + strconv.Itoa(len(y.Top)) + "个单位"
	}
	names := make([]string, len(y.Top))
	initial := make([]any, len(y.Top))
	final := make([]any, len(y.Top))
	for i, r := range y.Top {
		names[i] = r.Report.Org
		if r.Initial.OK {
			initial[i] = json.Number(r.Initial.Value.String())
		}
		if r.Final.OK {
			final[i] = json.Number(r.Final.Value.String())
		}
	}
	o := common(title, "单位："+y.Money, true)
	o.Series = []series{{Name: "年初预算", Type: Bar, Data: initial}, {Name: "决算", Type: Bar, Data: final}}
	// Units on the y axis, the largest on top: Chinese names are long.
	o.XAxis = []opts.XAxis{{Name: y.Money}}
	o.YAxis = []opts.YAxis{{Data: names, AxisLabel: &opts.AxisLabel{Interval: "0"}, Inverse: opts.Bool(true)}}
	o.Grid = []opts.Grid{{ContainLabel: opts.Bool(true), Left: "2%", Right: "8%", Bottom: "10%"}}
	data, err := marshal(o)
	if err != nil {
		return nil, err
	}
	return &Chart{ID: YearID(y.Year.Year), Title: title, Type: HBar, Options: data}, nil
}
