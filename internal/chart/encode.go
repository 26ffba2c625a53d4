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
	w := jsonWriter{b: make([]byte, 0, 1024)}
	w.option(o)
	if w.failed {
		return json.Marshal(o)
	}
	return w.b, nil
}

// marshal is how the charts encode their options: encode, which a test
// compares with json.Marshal on each option made.
var marshal = encode

// jsonWriter appends JSON; failed is set by a value it does not write as
// encoding/json would.
type jsonWriter struct {
	b      []byte
	failed bool
	comma  bool // a member or element was written in the open object or array
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.comma = false
}

func (w *jsonWriter) close(c byte) {
	w.b = append(w.b, c)
	w.comma = true
}

// key starts a member.
func (w *jsonWriter) key(k string) {
	if w.comma {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
	w.comma = true
}

// elem starts an element of an array.
func (w *jsonWriter) elem() {
	if w.comma {
		w.b = append(w.b, ',')
	}
	w.comma = true
}

func (w *jsonWriter) str(s string) { w.b = jsontext.AppendString(w.b, s, true) }

// strMember writes a string member that omitempty leaves out when empty.
func (w *jsonWriter) strMember(k, s string) {
	if s != "" {
		w.key(k)
		w.str(s)
	}
}

func (w *jsonWriter) boolean(v bool) {
	if v {
		w.b = append(w.b, "true"...)
	} else {
		w.b = append(w.b, "false"...)
	}
}

// boolMember writes a types.Bool member that omitempty leaves out when nil.
func (w *jsonWriter) boolMember(k string, v gotypes.Bool) {
	if v != nil {
		w.key(k)
		w.boolean(*v)
	}
}

// float writes f as encoding/json does in the range where it uses no
// exponent; outside it, failed.
func (w *jsonWriter) float(f float64, bits int) {
	if a := max(f, -f); a != 0 && (a < 1e-6 || a >= 1e21) || f != f {
		w.failed = true
		return
	}
	w.b = strconv.AppendFloat(w.b, f, 'f', -1, bits)
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
	w.b = append(w.b, s...)
}

// value writes a data item's value: a json.Number, or null.
func (w *jsonWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		w.b = append(w.b, "null"...)
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
	w.key("value")
	w.value(v)
}

func (w *jsonWriter) strings(ss []string) {
	if ss == nil {
		w.b = append(w.b, "null"...)
		w.comma = true
		return
	}
	w.open('[')
	for _, s := range ss {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

func (w *jsonWriter) option(o *option) {
	w.open('{')
	w.key("animation")
	w.boolean(o.Animation)
	w.key("aria")
	w.aria(o.Aria)
	w.key("color")
	w.strings(o.Color)
	if len(o.Grid) > 0 {
		w.key("grid")
		w.open('[')
		for i := range o.Grid {
			w.elem()
			w.grid(&o.Grid[i])
		}
		w.close(']')
	}
	w.key("legend")
	w.legend(&o.Legend)
	w.key("series")
	if o.Series == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.open('[')
		for i := range o.Series {
			w.elem()
			w.series(&o.Series[i])
		}
		w.close(']')
	}
	w.key("title")
	w.title(&o.Title)
	w.key("tooltip")
	w.open('{')
	w.key("renderMode")
	w.str(o.Tooltip.RenderMode)
	w.key("show")
	w.boolean(o.Tooltip.Show)
	w.close('}')
	if len(o.XAxis) > 0 {
		w.key("xAxis")
		w.open('[')
		for i := range o.XAxis {
			w.elem()
			w.xAxis(&o.XAxis[i])
		}
		w.close(']')
	}
	if len(o.YAxis) > 0 {
		w.key("yAxis")
		w.open('[')
		for i := range o.YAxis {
			w.elem()
			w.yAxis(&o.YAxis[i])
		}
		w.close(']')
	}
	w.close('}')
}

func (w *jsonWriter) aria(a *opts.Aria) {
	if a == nil {
		w.b = append(w.b, "null"...)
		w.comma = true
		return
	}
	if a.Label != nil || a.Decal != nil && a.Decal.Decals != nil {
		w.failed = true
	}
	w.open('{')
	w.boolMember("enabled", a.Enabled)
	if a.Decal != nil {
		w.key("decal")
		w.open('{')
		w.boolMember("show", a.Decal.Show)
		w.close('}')
	}
	w.close('}')
}

func (w *jsonWriter) grid(g *opts.Grid) {
	w.open('{')
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
	w.close('}')
}

func (w *jsonWriter) legend(l *opts.Legend) {
	w.open('{')
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
	w.close('}')
}

func (w *jsonWriter) title(t *opts.Title) {
	w.open('{')
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
	w.close('}')
}

// axisData writes an axis's categories: a list of strings.
func (w *jsonWriter) axisData(data any) {
	switch d := data.(type) {
	case nil:
	case []string:
		if d != nil {
			w.key("data")
			w.strings(d)
		}
	default:
		w.failed = true
	}
}

func (w *jsonWriter) xAxis(a *opts.XAxis) {
	w.open('{')
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
	w.boolMember("inverse", a.Inverse)
	w.axisData(a.Data)
	if a.AxisLabel != nil {
		w.key("axisLabel")
		w.axisLabel(a.AxisLabel)
	}
	w.close('}')
}

func (w *jsonWriter) yAxis(a *opts.YAxis) {
	w.open('{')
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
	w.boolMember("inverse", a.Inverse)
	w.axisData(a.Data)
	if a.AxisLabel != nil {
		w.key("axisLabel")
		w.axisLabel(a.AxisLabel)
	}
	w.close('}')
}

func (w *jsonWriter) axisLabel(l *opts.AxisLabel) {
	w.open('{')
	w.boolMember("show", l.Show)
	w.strMember("interval", l.Interval)
	w.boolMember("inside", l.Inside)
	if l.Rotate != 0 {
		w.key("rotate")
		w.float(l.Rotate, 64)
	}
	if l.Margin != 0 || l.Formatter != "" || l.AlignMinLabel != "" || l.AlignMaxLabel != "" || l.HideOverlap != nil ||
		l.Color != "" || l.FontStyle != "" || l.FontWeight != "" || l.FontFamily != "" || l.FontSize != 0 || l.Align != "" ||
		l.VerticalAlign != "" || l.LineHeight != "" || l.BackgroundColor != "" || l.Width != 0 || l.Height != 0 ||
		l.Overflow != "" || l.Ellipsis != "" {
		w.failed = true
	}
	// Not omitempty: null when not set.
	w.key("showMinLabel")
	w.nullableBool(l.ShowMinLabel)
	w.key("showMaxLabel")
	w.nullableBool(l.ShowMaxLabel)
	w.close('}')
}

func (w *jsonWriter) nullableBool(v gotypes.Bool) {
	if v == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.boolean(*v)
}

func (w *jsonWriter) series(s *series) {
	w.open('{')
	w.key("name")
	w.str(s.Name)
	w.key("type")
	w.str(string(s.Type))
	if len(s.Radius) > 0 {
		w.key("radius")
		w.strings(s.Radius)
	}
	w.key("data")
	w.seriesData(s.Data)
	if s.Label != nil {
		w.key("label")
		w.label(s.Label)
	}
	w.strMember("stack", s.Stack)
	if s.ItemStyle != nil {
		w.key("itemStyle")
		w.itemStyle(s.ItemStyle)
	}
	if s.AreaStyle != nil {
		w.key("areaStyle")
		w.open('{')
		w.strMember("color", s.AreaStyle.Color)
		w.strMember("origin", s.AreaStyle.Origin)
		w.floatMember("opacity", s.AreaStyle.Opacity)
		w.close('}')
	}
	w.close('}')
}

// floatMember writes a types.Float member that omitempty leaves out when
// nil.
func (w *jsonWriter) floatMember(k string, v gotypes.Float) {
	if v != nil {
		w.key(k)
		w.float(float64(*v), 32)
	}
}

// seriesData writes a series' data items, of the kinds the charts make.
func (w *jsonWriter) seriesData(data any) {
	switch d := data.(type) {
	case []opts.BarData:
		w.items(len(d), func(i int) { w.item(d[i].Name, d[i].Value, d[i].Label, d[i].ItemStyle, d[i].Tooltip != nil) })
	case []opts.PieData:
		w.items(len(d), func(i int) {
			w.item(d[i].Name, d[i].Value, d[i].Label, d[i].ItemStyle, d[i].Selected != nil || d[i].Tooltip != nil)
		})
	case []opts.LineData:
		w.items(len(d), func(i int) {
			odd := d[i].Symbol != "" || d[i].SymbolSize != 0 || d[i].XAxisIndex != 0 || d[i].YAxisIndex != 0
			w.item(d[i].Name, d[i].Value, nil, nil, odd)
		})
	case []any:
		w.items(len(d), func(i int) { w.value(d[i]) })
	default:
		w.failed = true
	}
	w.comma = true
}

// items writes n elements of an array, or null for none.
func (w *jsonWriter) items(n int, elem func(int)) {
	w.open('[')
	for i := range n {
		w.elem()
		elem(i)
	}
	w.close(']')
}

// item writes a data item of a bar, pie or line series, whose members are
// in this order in go-echarts; odd is set when it has one this does not
// write.
func (w *jsonWriter) item(name string, value any, l *opts.Label, st *opts.ItemStyle, odd bool) {
	if odd {
		w.failed = true
	}
	w.open('{')
	w.strMember("name", name)
	w.valueMember(value)
	if l != nil {
		w.key("label")
		w.label(l)
	}
	if st != nil {
		w.key("itemStyle")
		w.itemStyle(st)
	}
	w.close('}')
}

func (w *jsonWriter) label(l *opts.Label) {
	w.open('{')
	w.boolMember("show", l.Show)
	w.strMember("color", l.Color)
	if l.FontStyle != "" || l.FontWeight != "" || l.FontFamily != "" || l.FontSize != 0 || l.Align != "" ||
		l.VerticalAlign != "" || l.LineHeight != 0 || l.BackgroundColor != "" || l.BorderColor != "" ||
		l.BorderWidth != 0 || l.BorderType != "" || l.BorderDashOffset != 0 || l.BorderRadius != 0 || l.Padding != "" {
		w.failed = true
	}
	w.strMember("position", l.Position)
	w.strMember("formatter", l.Formatter)
	w.close('}')
}

func (w *jsonWriter) itemStyle(s *opts.ItemStyle) {
	w.open('{')
	w.strMember("color", s.Color)
	w.strMember("color0", s.Color0)
	if s.AreaColor != "" || s.BorderRadius != "" || s.BorderColor != "" || s.BorderColor0 != "" ||
		s.BorderColorSaturation != 0 || s.BorderWidth != 0 || s.GapWidth != 0 || s.ShadowBlur != 0 ||
		s.ShadowColor != "" || s.ShadowOffsetX != 0 || s.ShadowOffsetY != 0 {
		w.failed = true
	}
	w.floatMember("opacity", s.Opacity)
	w.close('}')
}
