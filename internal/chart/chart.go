// Package chart builds the ECharts options of a report's charts from its data
// blocks, with go-echarts as the typed builder. It writes no HTML: a Chart is
// an id, a title and the options as JSON, which the page embeds in a
// <script type="application/json"> for assets/charts.js to draw.
//
// Charts draw the figures the model computed, never the stated ones: a
// budget's shares are its amounts over its stated total, and money the items
// do not account for is a slice of its own, 未列明, so that an inconsistent
// report looks inconsistent.
//
// Options are deterministic (go-echarts' own random chart ids are not used)
// and animation is off; aria is on, with decal patterns, so that slices and
// bars can be told apart without colour.
package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// Type is the kind of chart a fence may ask for.
type Type string

const (
	Pie  Type = "pie"  // a donut of shares
	Bar  Type = "bar"  // vertical bars
	HBar Type = "hbar" // horizontal bars, for long Chinese labels
	Line Type = "line" // a line through the values
)

// Types lists the types a fence may name.
var Types = []Type{Pie, Bar, HBar, Line}

// Chart is one chart of a page.
type Chart struct {
	ID      string // element id, fixed from the report and block: "chart-2023-yanling-traffic-police-initial"
	Title   string
	Type    Type
	Options []byte // ECharts options as JSON, with <, > and & escaped
}

// palette is the series colours: distinguishable, and paired with decals.
var palette = opts.Colors{"#9e1b1b", "#1f5fa8", "#c8842c", "#3f8f5a", "#6d4c9f", "#2a8c8c", "#b0506e", "#7a6a3a"}

// unlistedColour greys out the money no item accounts for.
const unlistedColour = "#b8bcc4"

// ID is the element id of a block's chart on a report page.
func ID(r *report.Report, blockID string) string {
	return fmt.Sprintf("chart-%d-%s-%s", r.Year, r.Slug, blockID)
}

// Default is the chart type a block gets when no fence names one, or "" when
// the block has no chart.
func Default(b report.Block) Type {
	switch b := b.(type) {
	case *report.Budget:
		return Pie
	case *report.Counts:
		if longLabels(b) {
			return HBar
		}
		return Bar
	case *report.Metric:
		if b.Previous != nil {
			return Bar
		}
	}
	return ""
}

// longLabels reports whether bar labels would crowd a vertical axis: Chinese
// names longer than four characters, or many bars.
func longLabels(c *report.Counts) bool {
	if len(c.Items) > 6 {
		return true
	}
	return slices.ContainsFunc(c.Items, func(it *report.CountItem) bool { return utf8.RuneCountInString(it.Name) > 4 })
}

// For builds the chart of a block. title overrides the block's own; t "" means
// the default type. An unsupported combination is an error in Chinese, for
// the author.
func For(r *report.Report, b report.Block, t Type, title string) (*Chart, error) {
	if t == "" {
		if t = Default(b); t == "" {
			return nil, fmt.Errorf("数据块 %q 没有可画的图表（如指标没有上年数）", b.BlockID())
		}
	}
	if !slices.Contains(Types, t) {
		return nil, fmt.Errorf("未知的图表类型 %q，可用：pie、bar、hbar、line", t)
	}
	if title == "" {
		title = b.BlockTitle()
	}
	c := &Chart{ID: ID(r, b.BlockID()), Title: title, Type: t}
	var (
		opt map[string]any
		err error
	)
	switch b := b.(type) {
	case *report.Budget:
		opt, err = budget(b, r.Unit, t)
	case *report.Counts:
		opt, err = counts(b, t)
	case *report.Metric:
		opt, err = metric(b, t)
	default:
		err = fmt.Errorf("数据块 %q 不能画图", b.BlockID())
	}
	if err != nil {
		return nil, err
	}
	c.Options, err = encode(opt)
	return c, err
}

// Compare is the grouped bar of a report's initial budget against its final
// accounts, class by class; nil when the report lacks either.
func Compare(r *report.Report) (*Chart, error) {
	initial, final := r.Block("initial"), r.FinalBudget()
	ib, ok := initial.(*report.Budget)
	if !ok || final == nil || ib == final {
		return nil, nil
	}
	// Classes in the order the initial budget lists them, then any the final
	// accounts add; a class is known by its code, or by its name without one.
	var names []string
	key := func(it *report.BudgetItem) string { return cmpKey(it) }
	index := map[string]int{}
	for _, b := range []*report.Budget{ib, final} {
		for _, it := range b.Items {
			if _, ok := index[key(it)]; !ok {
				index[key(it)] = len(names)
				names = append(names, it.Name)
			}
		}
	}
	// Money the items do not account for is a class of its own here too.
	unlisted := ib.Unlisted.Sign() > 0 || final.Unlisted.Sign() > 0
	if unlisted {
		names = append(names, "未列明")
	}
	series := func(b *report.Budget) []opts.BarData {
		data := make([]opts.BarData, len(names))
		for i, n := range names {
			data[i] = opts.BarData{Name: n} // a class the budget lacks has no bar
		}
		for _, it := range b.Items {
			data[index[key(it)]].Value = number(it.Amount)
		}
		if unlisted && b.Unlisted.Sign() > 0 {
			data[len(names)-1].Value = number(b.Unlisted)
			data[len(names)-1].ItemStyle = &opts.ItemStyle{Color: unlistedColour}
		}
		return data
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(common("年初预算与决算对比", r.Unit)...)
	bar.SetXAxis(names).
		AddSeries(ib.Title, series(ib), charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"})).
		AddSeries(final.Title, series(final), charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 20}}),
		charts.WithYAxisOpts(opts.YAxis{Name: r.Unit}))
	bar.Validate()
	data, err := encode(bar.JSON())
	if err != nil {
		return nil, err
	}
	return &Chart{ID: ID(r, "budget-compare"), Title: ib.Title + "与" + final.Title + "对比（按功能分类）", Type: Bar, Options: data}, nil
}

func cmpKey(it *report.BudgetItem) string {
	if it.Code != "" {
		return "code:" + it.Code
	}
	return "name:" + it.Name
}

// common are the options every chart shares.
func common(title, subtitle string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: "gongkai"}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(palette),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title, Subtitle: subtitle}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(true)}}),
	}
}

// number is an exact decimal as a JSON number.
func number(d decimal.Dec) json.Number { return json.Number(d.String()) }

// label is literal text for an ECharts label: braces would start a template.
func label(s string) string { return braces.Replace(s) }

var braces = strings.NewReplacer("{", "｛", "}", "｝")

func budget(b *report.Budget, unit string, t Type) (map[string]any, error) {
	type slice struct {
		name  string
		value decimal.Dec
		share decimal.Dec
		grey  bool
	}
	var slices []slice
	for _, it := range b.Items {
		slices = append(slices, slice{name: it.Name, value: it.Amount, share: it.ShareFig.Computed})
	}
	if b.Unlisted.Sign() > 0 {
		slices = append(slices, slice{name: "未列明", value: b.Unlisted, share: b.UnlistedShare, grey: true})
	}
	switch t {
	case Pie:
		data := make([]opts.PieData, len(slices))
		for i, s := range slices {
			data[i] = opts.PieData{Name: s.name, Value: number(s.value),
				Label: &opts.Label{Show: opts.Bool(true), Formatter: label(s.name + "\n" + s.share.String() + "%")}}
			if s.grey {
				data[i].ItemStyle = &opts.ItemStyle{Color: unlistedColour}
			}
		}
		pie := charts.NewPie()
		pie.SetGlobalOptions(common(b.Title, "单位："+unit)...)
		pie.AddSeries(b.Title, data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"38%", "62%"}}))
		pie.Validate()
		return pie.JSON(), nil
	case Bar, HBar, Line:
		names := make([]string, len(slices))
		values := make([]decimal.Dec, len(slices))
		for i, s := range slices {
			names[i], values[i] = s.name, s.value
		}
		return xy(b.Title, "单位："+unit, unit, names, values, nil, t), nil
	}
	return nil, fmt.Errorf("预算数据块不支持图表类型 %q", t)
}

func counts(c *report.Counts, t Type) (map[string]any, error) {
	if t == Pie {
		return nil, fmt.Errorf("数量数据块 %q 不宜画饼图（“其中”各项不是总数的完整分解），请用 bar、hbar 或 line", c.ID)
	}
	names := make([]string, len(c.Items))
	values := make([]decimal.Dec, len(c.Items))
	suffix := make([]string, len(c.Items))
	for i, it := range c.Items {
		names[i], values[i] = it.Name, decimal.FromInt(it.Value)
		if it.Approx {
			suffix[i] = "余"
		}
	}
	sub := ""
	if c.Unit != "" {
		sub = "单位：" + c.Unit
	}
	if !c.AsOf.IsZero() {
		sub = strings.TrimSpace(sub + " 截至" + c.AsOf.Chinese())
	}
	return xy(c.Title, sub, c.Unit, names, values, suffix, t), nil
}

func metric(m *report.Metric, t Type) (map[string]any, error) {
	if m.Previous == nil {
		return nil, fmt.Errorf("指标 %q 没有上年数（previous），无法画对比图", m.ID)
	}
	if t == Pie {
		return nil, fmt.Errorf("指标 %q 的本年与上年对比不宜画饼图，请用 bar、hbar 或 line", m.ID)
	}
	// The change goes in this year's label, as computed; a stated change
	// that differs is named beside it.
	change := ""
	if f := m.ChangeFig; f.HasComputed {
		change = "（同比" + signed(f.Computed) + "%"
		if f.Differs() {
			change += "，原文" + signed(f.Stated) + "%"
		}
		change += "）"
	}
	sub := ""
	if !m.AsOf.IsZero() {
		sub = "截至" + m.AsOf.Chinese()
	}
	return xy(m.Name, sub, m.Unit, []string{"上年同期", "本年"}, []decimal.Dec{*m.Previous, m.Value}, []string{"", change}, t), nil
}

func signed(d decimal.Dec) string {
	if d.Sign() > 0 {
		return "+" + d.String()
	}
	return d.String()
}

// xy is a one-series chart of values against category names.
func xy(title, subtitle, unit string, names []string, values []decimal.Dec, suffix []string, t Type) map[string]any {
	labelOpts := func(i int) *opts.Label {
		text := values[i].String()
		if suffix != nil {
			text += suffix[i]
		}
		pos := "top"
		if t == HBar {
			pos = "right"
		}
		return &opts.Label{Show: opts.Bool(true), Position: pos, Formatter: label(text)}
	}
	global := common(title, subtitle)
	global = append(global, charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	category := &opts.AxisLabel{Interval: "0"}
	if t == Line {
		// Line points take no label of their own: the series labels each
		// point with its value.
		data := make([]opts.LineData, len(values))
		for i, v := range values {
			data[i] = opts.LineData{Name: names[i], Value: number(v)}
		}
		line := charts.NewLine()
		line.SetGlobalOptions(global...)
		line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{AxisLabel: category}), charts.WithYAxisOpts(opts.YAxis{Name: unit}))
		line.SetXAxis(names).AddSeries(title, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
		line.Validate()
		return line.JSON()
	}
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Name: names[i], Value: number(v), Label: labelOpts(i)}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(global...)
	if t == HBar {
		// Categories on the y axis, first item on top, as the text lists them.
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Name: unit}),
			charts.WithYAxisOpts(opts.YAxis{AxisLabel: category, Inverse: opts.Bool(true)}),
			charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "12%"}),
		)
		bar.SetXAxis(names).AddSeries(title, data)
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{AxisLabel: category}), charts.WithYAxisOpts(opts.YAxis{Name: unit}))
		bar.SetXAxis(names).AddSeries(title, data)
	}
	bar.Validate()
	return bar.JSON()
}

// encode marshals options for a <script type="application/json">: <, > and
// & escaped (json.Marshal's default) so no text can close the script
// element, and the tooltip in richText mode, which go-echarts cannot say:
// ECharts' HTML tooltips carry inline styles that a strict
// Content-Security-Policy blocks. Only the small tooltip object goes through
// a generic map; the rest is marshalled once.
func encode(opt map[string]any) ([]byte, error) {
	tooltip := map[string]any{}
	if t, ok := opt["tooltip"]; ok {
		raw, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&tooltip); err != nil || tooltip == nil {
			tooltip = map[string]any{}
		}
	}
	tooltip["renderMode"] = "richText"
	opt["tooltip"] = tooltip
	return json.Marshal(opt)
}
