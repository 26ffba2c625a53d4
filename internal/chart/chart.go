// Package chart builds the ECharts options of a report's charts from its data
// blocks, from go-echarts' typed options (titles, axes, data items). It writes no HTML: a Chart is
// an id, a title and the options as JSON, which the page embeds in a
// <script type="application/json"> for assets/charts.js to draw.
//
// Charts draw the figures the model computed, never the stated ones: a
// budget's shares are its amounts over its stated total, and money the items
// do not account for is a slice of its own, 未列明, so that an inconsistent
// report looks inconsistent.
//
// Options are deterministic (no random chart ids) and animation is off; aria is on, with decal patterns, so that slices and
// bars can be told apart without colour.
package chart

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

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

// types lists the types a fence may name.
var types = []Type{Pie, Bar, HBar, Line}

// Chart is one chart of a page.
type Chart struct {
	ID      string // element id, fixed from the report and block: "chart-2023-yanling-traffic-police-initial"
	Title   string
	Type    Type
	Options []byte // ECharts options as JSON, with <, > and & escaped
}

// palette is the series colours: distinguishable, and paired with decals.
var palette = []string{"#9e1b1b", "#1f5fa8", "#c8842c", "#3f8f5a", "#6d4c9f", "#2a8c8c", "#b0506e", "#7a6a3a"}

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
	if !slices.Contains(types, t) {
		return nil, fmt.Errorf("未知的图表类型 %q，可用：pie、bar、hbar、line", t)
	}
	if title == "" {
		title = b.BlockTitle()
	}
	c := &Chart{ID: ID(r, b.BlockID()), Title: title, Type: t}
	var (
		opt *option
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
	c.Options, err = marshal(opt)
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
	index := map[string]int{}
	for _, b := range []*report.Budget{ib, final} {
		for _, it := range b.Items {
			if _, ok := index[cmpKey(it)]; !ok {
				index[cmpKey(it)] = len(names)
				names = append(names, it.Name)
			}
		}
	}
	// Money the items do not account for is a class of its own here too.
	unlisted := ib.Unlisted.Sign() > 0 || final.Unlisted.Sign() > 0
	if unlisted {
		names = append(names, "未列明")
	}
	bars := func(b *report.Budget) series {
		data := make([]opts.BarData, len(names))
		for i, n := range names {
			data[i] = opts.BarData{Name: n} // a class the budget lacks has no bar
		}
		for _, it := range b.Items {
			data[index[cmpKey(it)]].Value = number(it.Amount)
		}
		if unlisted && b.Unlisted.Sign() > 0 {
			data[len(names)-1].Value = number(b.Unlisted)
			data[len(names)-1].ItemStyle = &opts.ItemStyle{Color: unlistedColour}
		}
		return series{Name: b.Title, Type: Bar, Data: data, Label: &opts.Label{Show: opts.Bool(true), Position: "top"}}
	}
	o := common("年初预算与决算对比", r.Unit, true)
	o.Series = []series{bars(ib), bars(final)}
	o.XAxis = []opts.XAxis{{Data: names, AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 20}}}
	o.YAxis = []opts.YAxis{{Name: r.Unit}}
	data, err := marshal(o)
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

// option is the ECharts option object of one chart. Its parts are
// go-echarts' typed options, put together here rather than by go-echarts'
// chart types: those fill every default by reflection and pass through a
// generic map, about three quarters of the cost of a chart, and they cannot
// say the tooltip's render mode. Fields are in alphabetical order, as the
// map go-echarts marshalled gave them; nothing is random, so the same
// figures give the same bytes.
type option struct {
	Animation bool         `json:"animation"`
	Aria      *opts.Aria   `json:"aria"`
	Color     []string     `json:"color"`
	Grid      []opts.Grid  `json:"grid,omitempty"`
	Legend    opts.Legend  `json:"legend"`
	Series    []series     `json:"series"`
	Title     opts.Title   `json:"title"`
	Tooltip   tooltip      `json:"tooltip"`
	XAxis     []opts.XAxis `json:"xAxis,omitempty"`
	YAxis     []opts.YAxis `json:"yAxis,omitempty"`
}

// series is one ECharts series; Data is a slice of go-echarts' data items of
// the series' type.
type series struct {
	Name   string      `json:"name"`
	Type   Type        `json:"type"`
	Radius []string    `json:"radius,omitempty"`
	Data   any         `json:"data"`
	Label  *opts.Label `json:"label,omitempty"`
	// Stack names the stack a bar series is part of: bars of one stack
	// are drawn on top of one another.
	Stack     string          `json:"stack,omitempty"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	AreaStyle *opts.AreaStyle `json:"areaStyle,omitempty"`
}

// tooltip shows values on hover as rich text: ECharts' HTML tooltips carry
// inline styles that a strict Content-Security-Policy blocks.
type tooltip struct {
	RenderMode string `json:"renderMode"`
	Show       bool   `json:"show"`
}

// common is the option every chart starts from: no animation, aria with
// decals, the palette, a hidden title (the page prints it) and a tooltip.
func common(title, subtitle string, legend bool) *option {
	return &option{
		Aria:    &opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(true)}},
		Color:   palette,
		Legend:  opts.Legend{Show: opts.Bool(legend), Bottom: legendBottom(legend)},
		Title:   opts.Title{Show: opts.Bool(false), Title: title, Subtitle: subtitle},
		Tooltip: tooltip{RenderMode: "richText", Show: true},
	}
}

// legendBottom places a shown legend under the chart.
func legendBottom(shown bool) string {
	if shown {
		return "0"
	}
	return ""
}

// number is an exact decimal as a JSON number.
func number(d decimal.Dec) json.Number { return json.Number(d.String()) }

// label is literal text for an ECharts label: braces would start a template.
func label(s string) string { return braces.Replace(s) }

var braces = strings.NewReplacer("{", "｛", "}", "｝")

func budget(b *report.Budget, unit string, t Type) (*option, error) {
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
		o := common(b.Title, "单位："+unit, true)
		o.Series = []series{{Name: b.Title, Type: Pie, Radius: []string{"38%", "62%"}, Data: data}}
		return o, nil
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

func counts(c *report.Counts, t Type) (*option, error) {
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

func metric(m *report.Metric, t Type) (*option, error) {
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
func xy(title, subtitle, unit string, names []string, values []decimal.Dec, suffix []string, t Type) *option {
	o := common(title, subtitle, false)
	category := &opts.AxisLabel{Interval: "0"}
	if t == Line {
		// Line points take no label of their own: the series labels each
		// point with its value.
		data := make([]opts.LineData, len(values))
		for i, v := range values {
			data[i] = opts.LineData{Name: names[i], Value: number(v)}
		}
		o.Series = []series{{Name: title, Type: Line, Data: data, Label: &opts.Label{Show: opts.Bool(true), Position: "top"}}}
		o.XAxis = []opts.XAxis{{Data: names, AxisLabel: category}}
		o.YAxis = []opts.YAxis{{Name: unit}}
		return o
	}
	pos := "top"
	if t == HBar {
		pos = "right"
	}
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		text := v.String()
		if suffix != nil {
			text += suffix[i]
		}
		data[i] = opts.BarData{Name: names[i], Value: number(v), Label: &opts.Label{Show: opts.Bool(true), Position: pos, Formatter: label(text)}}
	}
	o.Series = []series{{Name: title, Type: Bar, Data: data}}
	if t == HBar {
		// Categories on the y axis, first item on top, as the text lists them.
		o.XAxis = []opts.XAxis{{Name: unit}}
		o.YAxis = []opts.YAxis{{Data: names, AxisLabel: category, Inverse: opts.Bool(true)}}
		o.Grid = []opts.Grid{{ContainLabel: opts.Bool(true), Left: "2%", Right: "12%"}}
	} else {
		o.XAxis = []opts.XAxis{{Data: names, AxisLabel: category}}
		o.YAxis = []opts.YAxis{{Name: unit}}
	}
	return o
}
