package chart

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/history"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// TestEncodeMatchesMarshal holds encode to json.Marshal: on every chart
// of every kind drawn from a generated multi-year site and the seed report
// with hostile names, and on options in which each member of each
// go-echarts type the charts use is set alone. It is not parallel: it
// replaces marshal while the charts are drawn.
func TestEncodeMatchesMarshal(t *testing.T) {
	compared, fallen := 0, 0
	compare := func(o *option) ([]byte, error) {
		got, err := encode(o)
		want, werr := json.Marshal(o)
		if (err != nil) != (werr != nil) || !bytes.Equal(got, want) {
			t.Errorf("encode:\n%s (%v)\njson.Marshal:\n%s (%v)", got, err, want, werr)
		}
		w := jsonWriter{}
		if w.option(o); w.failed {
			fallen++
		}
		compared++
		return got, err
	}
	marshal = compare
	t.Cleanup(func() { marshal = encode })

	dir := t.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: 30, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	site, err := source.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	// Each name holds one thing JSON escapes, so that a string is not
	// escaped for the sake of another character in it.
	odd := []string{"<", ">", "&", "\"", "\\", "\x01", "\x1f", "\xff", "\u2028", "\u2029", "{}"}
	n := 0
	next := func() string { n++; return odd[n%len(odd)] }
	hostile := seed(t)
	hostile.Org += next()
	hostile.Unit += next()
	for _, d := range hostile.AllData() {
		for _, b := range d.Budgets {
			b.Title += next()
			for _, it := range b.Items {
				it.Name += next()
			}
		}
		for _, c := range d.Counts {
			c.Title += next()
			for _, it := range c.Items {
				it.Name += next()
			}
		}
		for _, m := range d.Metrics {
			m.Name += next()
			m.Unit += next()
		}
	}
	hostile.Derive()
	reports := append(site.Reports(), hostile)
	for _, r := range reports {
		for _, b := range r.Blocks() {
			for _, ty := range append(types, "") {
				For(r, b, ty, "")
			}
		}
		if _, err := Compare(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range site.Orgs {
		if _, err := History(history.Of(o)); err != nil {
			t.Fatal(err)
		}
	}
	for _, y := range site.Years {
		if _, err := Year(history.YearOf(y, func(*report.Report) (int, int) { return 0, 0 })); err != nil {
			t.Fatal(err)
		}
	}
	if compared < 500 || fallen > 0 {
		t.Errorf("compared %d charts, %d of them left to json.Marshal: want many, none", compared, fallen)
	}

	// Each member of each go-echarts type an option holds, set alone on
	// an option that holds all of them.
	full := func() *option {
		o := common("标题", "副标题", true)
		o.Grid = []opts.Grid{{}}
		o.XAxis = []opts.XAxis{{AxisLabel: &opts.AxisLabel{}}}
		o.YAxis = []opts.YAxis{{AxisLabel: &opts.AxisLabel{}}}
		o.Series = []series{
			{Data: []opts.BarData{{Label: &opts.Label{}, ItemStyle: &opts.ItemStyle{}}}, Label: &opts.Label{}, ItemStyle: &opts.ItemStyle{}, AreaStyle: &opts.AreaStyle{}},
			{Data: []opts.PieData{{Label: &opts.Label{}, ItemStyle: &opts.ItemStyle{}}}},
			{Data: []opts.LineData{{}}},
			{Data: []any{nil, json.Number("-1.5")}},
		}
		return o
	}
	targets := func(o *option) []reflect.Value {
		s0 := o.Series[0]
		bar, pie := s0.Data.([]opts.BarData), o.Series[1].Data.([]opts.PieData)
		return []reflect.Value{
			reflect.ValueOf(o.Aria).Elem(), reflect.ValueOf(o.Aria.Decal).Elem(), reflect.ValueOf(&o.Legend).Elem(),
			reflect.ValueOf(&o.Title).Elem(), reflect.ValueOf(&o.Grid[0]).Elem(),
			reflect.ValueOf(&o.XAxis[0]).Elem(), reflect.ValueOf(o.XAxis[0].AxisLabel).Elem(),
			reflect.ValueOf(&o.YAxis[0]).Elem(), reflect.ValueOf(o.YAxis[0].AxisLabel).Elem(),
			reflect.ValueOf(s0.Label).Elem(), reflect.ValueOf(s0.ItemStyle).Elem(), reflect.ValueOf(s0.AreaStyle).Elem(),
			reflect.ValueOf(&bar[0]).Elem(), reflect.ValueOf(bar[0].Label).Elem(), reflect.ValueOf(bar[0].ItemStyle).Elem(),
			reflect.ValueOf(&pie[0]).Elem(), reflect.ValueOf(&o.Series[2].Data.([]opts.LineData)[0]).Elem(),
		}
	}
	before := compared
	for i := range targets(full()) {
		n := targets(full())[i].NumField()
		for f := range n {
			o := full()
			v := targets(o)[i].Field(f)
			if !v.CanSet() || !v.IsZero() {
				continue
			}
			if !setSome(v) {
				continue
			}
			compare(o)
		}
	}
	// Numbers: the figures' own, and strings json.Marshal refuses or
	// writes in a form the figures never take.
	for _, n := range []string{"0", "-0.5", "10.25", "1.2.3", "01", "-", "1.", ".5", "+1", "1e5", "", "１"} {
		o := full()
		o.Series[3].Data = []any{json.Number(n)}
		compare(o)
	}
	if compared-before < 150 {
		t.Errorf("set %d members alone: want every member of the types", compared-before)
	}
}

// setSome sets v, a zero member, to a value that is not: a string with
// what JSON escapes, a number with a fraction, a pointer to such a value;
// false for a kind it leaves (a function).
func setSome(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString("值<&>")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(3)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if p.Elem().Kind() != reflect.Struct && !setSome(p.Elem()) {
			return false
		}
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		if s.Index(0).Kind() != reflect.Struct && s.Index(0).Kind() != reflect.Interface && !setSome(s.Index(0)) {
			return false
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		if !setSome(k) || !setSome(e) {
			return false
		}
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Interface:
		v.Set(reflect.ValueOf("值"))
	default:
		return false
	}
	return true
}
