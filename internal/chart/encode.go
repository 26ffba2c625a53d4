package chart

import (
	"encoding/json"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
	gotypes "github.com/go-echarts/go-echarts/v2/types"

	"gongkai/internal/jsontext"
)

// encode marshals options for a <script type="application/json">, with <, >
// and & escaped (json.Marshal's default) so that no text can close the
// script element. It writes them as json.Marshal would, without its
// reflection over the dozens of empty fields of every go-echarts type,
// which cost more than the rest of a chart; an option it cannot write (a
// value of a kind the charts never make) goes to json.Marshal itself.
// TestEncodeMatchesMarshal holds it to json.Marshal on every kind of chart
// and on every member of the go-echarts types it meets.
func encode(o *option) ([]byte, error) {
	w := jsonWriter{Writer: jsontext.Writer{B: make([]byte, 0, 1024), HTML: true}}
	w.option(o)
	if w.failed {
		return json.Marshal(o)
	}
	return w.B, nil
}

// marshal is how the charts encode their options: encode, which a test
// compares with json.Marshal on each option made.
var marshal = encode

// jsonWriter appends the options member by member; failed is set by a
// value it does not write as encoding/json would.
type jsonWriter struct {
	jsontext.Writer
	failed bool
}

// list writes xs as an array, each element by elem, or null for a nil
// slice, as encoding/json does.
func list[T any](w *jsonWriter, xs []T, elem func(*T)) {
	if xs == nil {
		w.Raw("null")
		return
	}
	w.Open('[')
	for i := range xs {
		w.Elem()
		elem(&xs[i])
	}
	w.Close(']')
}

// strMember writes a string member that omitempty leaves out when empty.
func (w *jsonWriter) strMember(k, s string) {
	if s != "" {
		w.Key(k)
		w.String(s)
	}
}

// boolMember writes a types.Bool member that omitempty leaves out when nil.
func (w *jsonWriter) boolMember(k string, v gotypes.Bool) {
	if v != nil {
		w.Key(k)
		w.Bool(*v)
	}
}

// float writes f as encoding/json does in the range where it uses no
// exponent; outside it, failed.
func (w *jsonWriter) float(f float64, bits int) {
	if a := max(f, -f); a != 0 && (a < 1e-6 || a >= 1e21) || f != f {
		w.failed = true
		return
	}
	w.B = strconv.AppendFloat(w.B, f, 'f', -1, bits)
}

// number writes a json.Number, which encoding/json writes as it is once
// it is valid; one that is not a plain decimal is failed.
func (w *jsonWriter) number(n json.Number) {
	s := string(n)
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0:
			dot, digits = true, 0
		default:
			w.failed = true
			return
		}
	}
	if digits == 0 || len(s) > 1 && s[0] == '0' && s[1] != '.' || len(s) > 2 && s[0] == '-' && s[1] == '0' && s[2] != '.' {
		w.failed = true
		return
	}
	w.Raw(s)
}

// value writes a data item's value: a json.Number, or null.
func (w *jsonWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		w.Raw("null")
	case json.Number:
		w.number(v)
	default:
		w.failed = true
	}
}

// valueMember writes a value member that omitempty leaves out when nil.
func (w *jsonWriter) valueMember(v any) {
	if v == nil {
		return
	}
	w.Key("value")
	w.value(v)
}

func (w *jsonWriter) strings(ss []string) { list(w, ss, func(s *string) { w.String(*s) }) }

func (w *jsonWriter) option(o *option) {
	w.Open('{')
	w.Key("animation")
	w.Bool(o.Animation)
	w.Key("aria")
	w.aria(o.Aria)
	w.Key("color")
	w.strings(o.Color)
	if len(o.Grid) > 0 {
		w.Key("grid")
		list(w, o.Grid, w.grid)
	}
	w.Key("legend")
	w.legend(&o.Legend)
	w.Key("series")
	list(w, o.Series, w.series)
	w.Key("title")
	w.title(&o.Title)
	w.Key("tooltip")
	w.Open('{')
	w.Key("renderMode")
	w.String(o.Tooltip.RenderMode)
	w.Key("show")
	w.Bool(o.Tooltip.Show)
	w.Close('}')
	if len(o.XAxis) > 0 {
		w.Key("xAxis")
		list(w, o.XAxis, w.xAxis)
	}
	if len(o.YAxis) > 0 {
		w.Key("yAxis")
		list(w, o.YAxis, w.yAxis)
	}
	w.Close('}')
}

func (w *jsonWriter) aria(a *opts.Aria) {
	if a == nil {
		w.Raw("null")
		return
	}
	if a.Label != nil || a.Decal != nil && a.Decal.Decals != nil {
		w.failed = true
	}
	w.Open('{')
	w.boolMember("enabled", a.Enabled)
	if a.Decal != nil {
		w.Key("decal")
		w.Open('{')
		w.boolMember("show", a.Decal.Show)
		w.Close('}')
	}
	w.Close('}')
}

func (w *jsonWriter) grid(g *opts.Grid) {
	w.Open('{')
	w.boolMember("show", g.Show)
	w.strMember("left", g.Left)
	w.strMember("top", g.Top)
	w.strMember("right", g.Right)
	w.strMember("bottom", g.Bottom)
	w.strMember("width", g.Width)
	w.strMember("height", g.Height)
	w.boolMember("containLabel", g.ContainLabel)
	if g.Tooltip != nil {
		w.failed = true
	}
	w.Close('}')
}

func (w *jsonWriter) legend(l *opts.Legend) {
	w.Open('{')
	w.strMember("type", l.Type)
	w.boolMember("show", l.Show)
	w.strMember("left", l.Left)
	w.strMember("top", l.Top)
	w.strMember("right", l.Right)
	w.strMember("bottom", l.Bottom)
	if l.Width != "" || l.Height != "" || l.Orient != "" || l.Align != "" || l.Padding != nil || l.Formatter != "" ||
		l.SelectedMode != "" || l.Icon != "" || l.Data != nil || l.InactiveColor != "" || l.Selected != nil ||
		l.ItemWidth != 0 || l.ItemHeight != 0 || l.X != "" || l.Y != "" || l.TextStyle != nil || l.ItemStyle != nil {
		w.failed = true
	}
	w.Close('}')
}

func (w *jsonWriter) title(t *opts.Title) {
	w.Open('{')
	w.boolMember("show", t.Show)
	w.strMember("text", t.Title)
	w.strMember("link", t.Link)
	w.strMember("target", t.Target)
	w.strMember("subtext", t.Subtitle)
	if t.TitleStyle != nil || t.SubLink != "" || t.SubTarget != "" || t.SubtitleStyle != nil || t.TextAlign != "" ||
		t.TextVerticalAlign != "" || t.Left != "" || t.Top != "" || t.Right != "" || t.Bottom != "" ||
		t.TitleBackgroundColor != "" || t.BorderColor != "" || t.BorderWidth != 0 || t.BorderRadius != nil || t.OffsetCenter != nil {
		w.failed = true
	}
	w.Close('}')
}

// axisEnd writes the last members of an x or y axis, which the two types
// have in the same order, and closes it.
func (w *jsonWriter) axisEnd(inverse gotypes.Bool, data any, l *opts.AxisLabel) {
	w.boolMember("inverse", inverse)
	w.axisData(data)
	if l != nil {
		w.Key("axisLabel")
		w.axisLabel(l)
	}
	w.Close('}')
}

// axisData writes an axis's categories: a list of strings.
func (w *jsonWriter) axisData(data any) {
	switch d := data.(type) {
	case nil:
	case []string:
		if d != nil {
			w.Key("data")
			w.strings(d)
		}
	default:
		w.failed = true
	}
}

func (w *jsonWriter) xAxis(a *opts.XAxis) {
	w.Open('{')
	w.boolMember("show", a.Show)
	w.boolMember("alignTicks", a.AlignTicks)
	w.strMember("position", a.Position)
	w.strMember("type", a.Type)
	w.strMember("name", a.Name)
	w.strMember("nameLocation", a.NameLocation)
	if a.NameGap != 0 || a.SplitNumber != 0 || a.Scale != nil || a.Min != nil || a.Max != nil || a.MinInterval != 0 ||
		a.MaxInterval != 0 || a.TriggerEvent != nil || a.GridIndex != 0 || a.SplitArea != nil || a.SplitLine != nil ||
		a.AxisLine != nil || a.AxisTick != nil || a.AxisPointer != nil {
		w.failed = true
	}
	w.axisEnd(a.Inverse, a.Data, a.AxisLabel)
}

func (w *jsonWriter) yAxis(a *opts.YAxis) {
	w.Open('{')
	w.strMember("name", a.Name)
	w.boolMember("alignTicks", a.AlignTicks)
	w.strMember("position", a.Position)
	w.strMember("nameLocation", a.NameLocation)
	if a.NameGap != 0 || a.SplitNumber != 0 || a.Scale != nil || a.Min != nil || a.Max != nil || a.MinInterval != 0 ||
		a.MaxInterval != 0 || a.GridIndex != 0 || a.SplitArea != nil || a.SplitLine != nil || a.AxisLine != nil || a.AxisPointer != nil {
		w.failed = true
	}
	w.strMember("type", a.Type)
	w.boolMember("show", a.Show)
	w.axisEnd(a.Inverse, a.Data, a.AxisLabel)
}

func (w *jsonWriter) axisLabel(l *opts.AxisLabel) {
	w.Open('{')
	w.boolMember("show", l.Show)
	w.strMember("interval", l.Interval)
	w.boolMember("inside", l.Inside)
	if l.Rotate != 0 {
		w.Key("rotate")
		w.float(l.Rotate, 64)
	}
	if l.Margin != 0 || l.Formatter != "" || l.AlignMinLabel != "" || l.AlignMaxLabel != "" || l.HideOverlap != nil ||
		l.Color != "" || l.FontStyle != "" || l.FontWeight != "" || l.FontFamily != "" || l.FontSize != 0 || l.Align != "" ||
		l.VerticalAlign != "" || l.LineHeight != "" || l.BackgroundColor != "" || l.Width != 0 || l.Height != 0 ||
		l.Overflow != "" || l.Ellipsis != "" {
		w.failed = true
	}
	// Not omitempty: null when not set.
	w.Key("showMinLabel")
	w.nullableBool(l.ShowMinLabel)
	w.Key("showMaxLabel")
	w.nullableBool(l.ShowMaxLabel)
	w.Close('}')
}

func (w *jsonWriter) nullableBool(v gotypes.Bool) {
	if v == nil {
		w.Raw("null")
		return
	}
	w.Bool(*v)
}

func (w *jsonWriter) series(s *series) {
	w.Open('{')
	w.Key("name")
	w.String(s.Name)
	w.Key("type")
	w.String(string(s.Type))
	if len(s.Radius) > 0 {
		w.Key("radius")
		w.strings(s.Radius)
	}
	w.Key("data")
	w.seriesData(s.Data)
	if s.Label != nil {
		w.Key("label")
		w.label(s.Label)
	}
	w.strMember("stack", s.Stack)
	if s.ItemStyle != nil {
		w.Key("itemStyle")
		w.itemStyle(s.ItemStyle)
	}
	if s.AreaStyle != nil {
		w.Key("areaStyle")
		w.Open('{')
		w.strMember("color", s.AreaStyle.Color)
		w.strMember("origin", s.AreaStyle.Origin)
		w.floatMember("opacity", s.AreaStyle.Opacity)
		w.Close('}')
	}
	w.Close('}')
}

// floatMember writes a types.Float member that omitempty leaves out when
// nil.
func (w *jsonWriter) floatMember(k string, v gotypes.Float) {
	if v != nil {
		w.Key(k)
		w.float(float64(*v), 32)
	}
}

// seriesData writes a series' data items, of the kinds the charts make.
func (w *jsonWriter) seriesData(data any) {
	switch d := data.(type) {
	case []opts.BarData:
		list(w, d, func(it *opts.BarData) { w.item(it.Name, it.Value, it.Label, it.ItemStyle, it.Tooltip != nil) })
	case []opts.PieData:
		list(w, d, func(it *opts.PieData) {
			w.item(it.Name, it.Value, it.Label, it.ItemStyle, it.Selected != nil || it.Tooltip != nil)
		})
	case []opts.LineData:
		list(w, d, func(it *opts.LineData) {
			odd := it.Symbol != "" || it.SymbolSize != 0 || it.XAxisIndex != 0 || it.YAxisIndex != 0
			w.item(it.Name, it.Value, nil, nil, odd)
		})
	case []any:
		list(w, d, func(v *any) { w.value(*v) })
	default:
		w.failed = true
	}
}

// item writes a data item of a bar, pie or line series, whose members are
// in this order in go-echarts; odd is set when it has one this does not
// write.
func (w *jsonWriter) item(name string, value any, l *opts.Label, st *opts.ItemStyle, odd bool) {
	if odd {
		w.failed = true
	}
	w.Open('{')
	w.strMember("name", name)
	w.valueMember(value)
	if l != nil {
		w.Key("label")
		w.label(l)
	}
	if st != nil {
		w.Key("itemStyle")
		w.itemStyle(st)
	}
	w.Close('}')
}

func (w *jsonWriter) label(l *opts.Label) {
	w.Open('{')
	w.boolMember("show", l.Show)
	w.strMember("color", l.Color)
	if l.FontStyle != "" || l.FontWeight != "" || l.FontFamily != "" || l.FontSize != 0 || l.Align != "" ||
		l.VerticalAlign != "" || l.LineHeight != 0 || l.BackgroundColor != "" || l.BorderColor != "" ||
		l.BorderWidth != 0 || l.BorderType != "" || l.BorderDashOffset != 0 || l.BorderRadius != 0 || l.Padding != "" {
		w.failed = true
	}
	w.strMember("position", l.Position)
	w.strMember("formatter", l.Formatter)
	w.Close('}')
}

func (w *jsonWriter) itemStyle(s *opts.ItemStyle) {
	w.Open('{')
	w.strMember("color", s.Color)
	w.strMember("color0", s.Color0)
	if s.AreaColor != "" || s.BorderRadius != "" || s.BorderColor != "" || s.BorderColor0 != "" ||
		s.BorderColorSaturation != 0 || s.BorderWidth != 0 || s.GapWidth != 0 || s.ShadowBlur != 0 ||
		s.ShadowColor != "" || s.ShadowOffsetX != 0 || s.ShadowOffsetY != 0 {
		w.failed = true
	}
	w.floatMember("opacity", s.Opacity)
	w.Close('}')
}
