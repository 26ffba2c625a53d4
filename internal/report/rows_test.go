package report

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/decimal"
)

// fillRow sets every field of an indicator row to a value that depends on
// seed (fillStated).
func fillRow(t *testing.T, seed int) *Indicator {
	t.Helper()
	in := &Indicator{}
	fillStated(t, in, seed)
	return in
}

// fillStated sets every field of the struct v points to that a source
// states — those added after this test was written included — to a value
// that depends on seed: a field the packers leave out then fails
// TestPackRows or TestShedBlocks. A source states a field with a TOML key,
// its place (Pos) and its provenance; the others are derived (Derive) and
// stay zero. Lists of items get up to three.
func fillStated(t *testing.T, v any, seed int) {
	t.Helper()
	var fill func(v reflect.Value, path string, seed int)
	fill = func(v reflect.Value, path string, seed int) {
		switch {
		case v.Type() == reflect.TypeFor[*decimal.Dec]():
			if seed%3 != 0 { // some leave them out
				d := dec(seed)
				v.Set(reflect.ValueOf(&d))
			}
		case v.Type() == reflect.TypeFor[decimal.Dec]():
			v.Set(reflect.ValueOf(dec(seed + 1)))
		case v.Type() == reflect.TypeFor[Date]():
			v.Set(reflect.ValueOf(Date{Year: 2020 + seed%5, Month: 1 + seed%12, Day: 1 + seed%28}))
		case v.Type() == reflect.TypeFor[*int64]():
			if seed%3 != 1 {
				n := int64(seed*seed - 40)
				v.Set(reflect.ValueOf(&n))
			}
		case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Pointer:
			n := seed % 4
			if n == 0 {
				break // none, as the decoder leaves a list not written
			}
			list := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				e := reflect.New(v.Type().Elem().Elem())
				fill(e.Elem(), path+"["+strconv.Itoa(i)+"]", seed*3+i)
				list.Index(i).Set(e)
			}
			v.Set(list)
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				f := v.Type().Field(i)
				tag, tagged := f.Tag.Lookup("toml")
				if f.Name == "Pos" || f.Anonymous || tagged && tag != "-" {
					fill(v.Field(i), path+"."+f.Name, seed+i)
				}
			}
		case v.Kind() == reflect.String:
			v.SetString(path + "「" + string(rune('甲'+seed)) + "」")
		case v.Kind() == reflect.Int || v.Kind() == reflect.Int64:
			v.SetInt(int64(seed*7 + 1))
		case v.Kind() == reflect.Bool:
			v.SetBool(seed%2 == 1)
		default:
			t.Fatalf("fillStated: %s is a %s: pack it and fill it here", path, v.Type())
		}
	}
	fill(reflect.ValueOf(v).Elem(), reflect.TypeOf(v).Elem().Name(), seed)
}

// dec is a number that depends on seed, now and then one too large for
// an int64.
func dec(seed int) decimal.Dec {
	d := decimal.New(int64(seed*1234567-5000), seed%4)
	if seed%5 == 0 {
		d = decimal.New(math.MaxInt64, 2).Add(decimal.New(int64(seed), 2))
	}
	return d
}

// TestPackRows: the rows of a report and of its sections come back from
// their packed bytes as they were, every field, in their lists; an empty
// list stays empty; damaged bytes are refused, never a panic.
func TestPackRows(t *testing.T) {
	t.Parallel()
	make := func() *Report {
		r := &Report{Pos: Pos{Path: "content/2023/u/index.md"}}
		r.Data.Indicators = []*Indicator{fillRow(t, 0), fillRow(t, 1)}
		for i := range 3 {
			sec := &Section{ID: "s"}
			for j := range i * 2 { // none, two, four
				sec.Indicators = append(sec.Indicators, fillRow(t, 10*i+j+2))
			}
			r.Sections = append(r.Sections, sec)
		}
		r.Sections[2].Indicators[1].Pos.Path = "" // a path may be empty
		// Too long to be a word: packed as it is.
		r.Sections[2].Indicators[2].Note = strings.Repeat("说明", maxWordBytes)
		return r
	}
	want := make()
	r := make()
	r.rows = r.packRows()
	r.Data.Indicators = nil
	for _, s := range r.Sections {
		s.Indicators = nil
	}
	if err := r.unpackRows(); err != nil {
		t.Fatal(err)
	}
	for i, d := range r.AllData() {
		if !reflect.DeepEqual(d.Indicators, want.AllData()[i].Indicators) {
			t.Errorf("list %d: %+v, want %+v", i, d.Indicators, want.AllData()[i].Indicators)
		}
	}
	refusesDamaged(t, r.rows, func(b []byte) error {
		r.rows = b
		return r.unpackRows()
	})
}

// TestWordsBounded: once the table of words is full, further strings are
// packed as they are, and read back as well.
func TestWordsBounded(t *testing.T) {
	t.Parallel()
	r := &Report{}
	for i := range maxWords + 10 {
		r.Data.Indicators = append(r.Data.Indicators, &Indicator{Name: "指标" + strconv.Itoa(i)})
	}
	r.rows = r.packRows()
	r.Data.Indicators = nil
	if err := r.unpackRows(); err != nil {
		t.Fatal(err)
	}
	for i, in := range r.Data.Indicators {
		if in.Name != "指标"+strconv.Itoa(i) {
			t.Fatalf("row %d is %q", i, in.Name)
		}
	}
	words.RLock()
	n := len(words.list)
	words.RUnlock()
	if n > maxWords {
		t.Errorf("%d words, more than %d", n, maxWords)
	}
}
