package source

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// decoder fills typed structs from a decoded TOML table. It does what
// BurntSushi/toml's own decoding does not: it matches keys exactly (toml
// matches case-insensitively), rejects unknown keys with a suggestion, reads
// numbers as exact decimals, and reports every problem at its line.
type decoder struct {
	ix   *keyIndex
	errs *errs
	// lits lists the front matter's float literals once one is needed,
	// free those of them the key index does not hold, and reported those
	// already reported out of range (numbers.go).
	lits, free []literal
	reported   map[report.Pos]bool
	// names shares the short strings of one load among its reports.
	names *interner
}

var (
	decType  = reflect.TypeFor[decimal.Dec]()
	dateType = reflect.TypeFor[report.Date]()
	posType  = reflect.TypeFor[report.Pos]()
)

// field is one key a struct accepts.
type field struct {
	name     string
	required bool
	index    []int
}

// typeInfo is what table needs of a struct type: its keys in the order
// of its fields and sorted by name, and where its position goes, if it
// has a Pos.
type typeInfo struct {
	fields, byName []field
	pos            []int // nil: no Pos field
}

// fieldCache holds a typeInfo by type: reflection over struct tags is
// costly and the answer never changes.
var fieldCache sync.Map // reflect.Type → *typeInfo

// info is the typeInfo of struct type t.
func info(t reflect.Type) *typeInfo {
	if ti, ok := fieldCache.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{fields: typeFields(t)}
	ti.byName = slices.SortedFunc(slices.Values(ti.fields), func(a, b field) int { return strings.Compare(a.name, b.name) })
	if f, ok := t.FieldByName("Pos"); ok && f.Type == posType {
		ti.pos = f.Index
	}
	fieldCache.Store(t, ti)
	return ti
}

// typeFields lists the keys of a struct type, with embedded structs
// inlined, in the order of its fields.
func typeFields(t reflect.Type) []field {
	var fs []field
	for _, f := range reflect.VisibleFields(t) {
		tag, ok := f.Tag.Lookup("toml")
		if !ok || tag == "-" || f.Anonymous {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		fs = append(fs, field{name: name, required: opt == "required", index: f.Index})
	}
	return fs
}

// table decodes m into the struct rv, whose key path is path: its keys in
// the order of their names, then the required keys it lacks.
func (d *decoder) table(path string, m map[string]any, rv reflect.Value) {
	ti := info(rv.Type())
	fs := ti.byName
	if ti.pos != nil {
		rv.FieldByIndex(ti.pos).Set(reflect.ValueOf(d.ix.find(path)))
	}
	// Most tables hold only keys the struct knows: going through the
	// fields, sorted as the keys would be, decodes them in the same order
	// without listing and sorting the keys of every table.
	known := 0
	for _, f := range fs {
		if _, ok := m[f.name]; ok {
			known++
		}
	}
	if known == len(m) {
		for _, f := range fs {
			if v, ok := m[f.name]; ok {
				d.value(path, f.name, v, rv.FieldByIndex(f.index))
			}
		}
	} else {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			i, ok := slices.BinarySearchFunc(fs, k, func(f field, k string) int { return strings.Compare(f.name, k) })
			if !ok {
				d.unknown(join(path, k), k, ti.fields)
				continue
			}
			d.value(path, k, m[k], rv.FieldByIndex(fs[i].index))
		}
	}
	for _, f := range ti.fields {
		if _, ok := m[f.name]; f.required && !ok {
			d.errs.add(d.ix.find(path), "缺少必填的键 %q", f.name)
		}
	}
}

func (d *decoder) unknown(path, key string, fs []field) {
	msg := fmt.Sprintf("未知的键 %q", key)
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	if s := suggest(key, names); s != "" {
		msg += fmt.Sprintf("，是否想写 %q？", s)
	}
	d.errs.add(d.ix.find(path), "%s", msg)
}

// value decodes the TOML value v of key in the table at parent into rv
// according to rv's type. The key's path, parent.key, and its position
// are only made for what needs them: a number, a table, an array or an
// error, not the strings that are most of the values.
func (d *decoder) value(parent, key string, v any, rv reflect.Value) {
	mismatch := func(want string) {
		d.errs.add(d.ix.find(join(parent, key)), "键 %q 应为%s，实际为%s", key, want, tomlKind(v))
	}
	t := rv.Type()
	switch {
	case t == decType:
		path := join(parent, key)
		dec, ok := d.decimal(path, d.ix.find(path), key, v)
		if ok {
			rv.Set(reflect.ValueOf(dec))
		}
	case t == dateType:
		tm, ok := v.(time.Time)
		if !ok || tm.Location().String() != "date-local" {
			mismatch("日期（如 2024-04-30，不加引号）")
			return
		}
		rv.Set(reflect.ValueOf(report.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day()}))
	case t.Kind() == reflect.Pointer:
		elem := reflect.New(t.Elem())
		before := len(d.errs.list)
		d.value(parent, key, v, elem.Elem())
		if len(d.errs.list) == before {
			rv.Set(elem)
		}
	case t.Kind() == reflect.String:
		s, ok := v.(string)
		if !ok {
			mismatch("字符串（加引号）")
			return
		}
		// A copy, so that the model does not keep the whole front
		// matter alive through a substring of it.
		rv.SetString(d.names.str(s))
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			mismatch("整数")
			return
		}
		rv.SetInt(n)
	case t.Kind() == reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			mismatch("布尔值（true 或 false）")
			return
		}
		rv.SetBool(b)
	case t.Kind() == reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			mismatch("表")
			return
		}
		d.table(join(parent, key), m, rv)
	case t.Kind() == reflect.Slice:
		d.slice(join(parent, key), key, v, rv)
	default:
		panic("source: cannot decode into " + t.String()) // a model type the decoder does not know
	}
}

// slice decodes an array of tables (or an inline array of tables) into a
// slice of struct pointers.
func (d *decoder) slice(path, key string, v any, rv reflect.Value) {
	if rv.Type().Elem().Kind() == reflect.String {
		d.strings(path, key, v, rv)
		return
	}
	var elems []any
	switch a := v.(type) {
	case []map[string]any:
		for _, m := range a {
			elems = append(elems, m)
		}
	case []any:
		elems = a
	default:
		d.errs.add(d.ix.find(path), "键 %q 应为表的数组（[[%s]]），实际为%s", key, key, tomlKind(v))
		return
	}
	out := reflect.MakeSlice(rv.Type(), 0, len(elems))
	// The elements are made together, one array the slice points into:
	// they live as long as one another, and a province's worth of figures
	// is then a tenth as many objects for the collector to find.
	all := reflect.MakeSlice(reflect.SliceOf(rv.Type().Elem().Elem()), len(elems), len(elems))
	for i, e := range elems {
		p := path + "[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			d.errs.add(d.ix.find(p), "%q 的第 %d 项应为表，实际为%s", key, i+1, tomlKind(e))
			continue
		}
		elem := all.Index(i).Addr()
		d.table(p, m, elem.Elem())
		out = reflect.Append(out, elem)
	}
	rv.Set(out)
}

// strings decodes an array of strings.
func (d *decoder) strings(path, key string, v any, rv reflect.Value) {
	a, ok := v.([]any)
	if !ok {
		d.errs.add(d.ix.find(path), "键 %q 应为字符串数组（如 [\"甲\", \"乙\"]），实际为%s", key, tomlKind(v))
		return
	}
	out := make([]string, 0, len(a))
	for i, e := range a {
		s, ok := e.(string)
		if !ok {
			d.errs.add(d.ix.find(path), "%q 的第 %d 项应为字符串，实际为%s", key, i+1, tomlKind(e))
			continue
		}
		out = append(out, d.names.str(s))
	}
	rv.Set(reflect.ValueOf(out))
}

// decimal reads a number exactly as written. TOML integers and floats both
// qualify; a quoted number does not, so that a typo is not silently a string.
func (d *decoder) decimal(path string, pos report.Pos, key string, v any) (decimal.Dec, bool) {
	switch n := v.(type) {
	case int64:
		text := strconv.FormatInt(n, 10)
		dec, err := decimal.Parse(text)
		if err != nil {
			d.errs.add(pos, "%s", rangeMessage(key, text))
			return dec, false
		}
		return dec, true
	case float64:
		return d.float(path, pos, key, n)
	}
	d.errs.add(pos, "键 %q 应为数字（不加引号），实际为%s", key, tomlKind(v))
	return decimal.Dec{}, false
}

// tomlKind names a decoded TOML value's type for a message.
func tomlKind(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("字符串 %q", v)
	case int64:
		return "整数 " + strconv.FormatInt(v, 10)
	case float64:
		return "小数 " + strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return "布尔值 " + strconv.FormatBool(v)
	case time.Time:
		return "日期时间"
	case map[string]any:
		return "表"
	case []map[string]any, []any:
		return "数组"
	}
	return fmt.Sprintf("%T", v)
}

// suggest returns the known key closest to key: the same key in another case,
// or one within two edits (one for keys of up to four letters), or "".
func suggest(key string, known []string) string {
	// Two edits on a short key reach unrelated keys: "ab" is not "id".
	limit := 2
	if len([]rune(key)) <= 4 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return k
		}
		if dist := editDistance(strings.ToLower(key), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// editDistance is the Damerau (optimal string alignment) distance, so that a
// swap of two letters, as in "wieght", counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
