package source

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"gongkai/internal/report"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	section := []string{"title", "weight", "budget", "counts", "metrics", "indicators"}
	item := []string{"code", "name", "amount", "share"}
	counts := []string{"id", "title", "unit", "as_of", "total", "exhaustive", "note", "items"}
	tests := []struct {
		key   string
		known []string
		want  string
	}{
		{"wieght", section, "weight"}, // a swap is one edit
		{"Title", section, "title"},   // case only
		{"TITLE", section, "title"},
		{"Weight", section, "weight"},
		{"amoutn", item, "amount"},
		{"amont", item, "amount"},
		{"shares", item, "share"},
		{"Amuont", item, "amount"}, // case and a swap
		{"metric", section, "metrics"},
		{"budgets", section, "budget"},
		{"exaustive", counts, "exhaustive"},
		{"asof", counts, "as_of"},
		{"author", section, ""},
		{"published", item, ""},
		{"标题", section, ""},
		{"", item, ""},
		{"name", nil, ""},
		// Three edits is too far.
		{"wgt", section, ""},
		// A short key gets a suggestion only one edit away.
		{"ab", counts, ""},
		{"ib", counts, "id"},
		{"nme", item, "name"},
	}
	for _, tt := range tests {
		if got := suggest(tt.key, tt.known); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"weight", "weight", 0},
		{"wieght", "weight", 1}, // transposition
		{"amoutn", "amount", 1},
		{"amont", "amount", 1},   // deletion
		{"amounts", "amount", 1}, // insertion
		{"titel", "title", 1},
		{"tilte", "title", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau (which gives 2)
		{"标题", "标题", 0},
		{"标题", "题标", 1}, // counts characters, not bytes
		{"名称", "名字", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestFields(t *testing.T) {
	t.Parallel()
	names := func(v any) string {
		var ns []string
		for _, f := range info(reflect.TypeOf(v)).fields {
			n := f.name
			if f.required {
				n += "!"
			}
			ns = append(ns, n)
		}
		return strings.Join(ns, " ")
	}
	// Embedded Data contributes its blocks; untagged and "-" fields are not keys.
	if got, want := names(report.Section{}), "title! weight budget counts metrics indicators"; got != want {
		t.Errorf("Section keys = %s, want %s", got, want)
	}
	if got, want := names(report.BudgetItem{}), "code name! amount! share"; got != want {
		t.Errorf("BudgetItem keys = %s, want %s", got, want)
	}
	if got, want := names(report.Report{}), "title! year! org! org_id! region unit! published score grade check withdrawn superseded_by budget counts metrics indicators"; got != want {
		t.Errorf("Report keys = %s, want %s", got, want)
	}
}

func TestTOMLKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want string
	}{
		{"2023", `字符串 "2023"`},
		{int64(-3), "整数 -3"},
		{971.76, "小数 971.76"},
		{2023.0, "小数 2023"},
		{true, "布尔值 true"},
		{time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC), "日期时间"},
		{map[string]any{}, "表"},
		{[]any{1}, "数组"},
		{[]map[string]any{{}}, "数组"},
		{uint8(1), "uint8"},
	}
	for _, tt := range tests {
		if got := tomlKind(tt.v); got != tt.want {
			t.Errorf("tomlKind(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// budgetFM is the front matter of a budget block with two items.
const budgetFM = `+++
id = "b"
title = "预算"
total = 1643.98
  [[items]]
  name = "甲"
  amount = 0.055
  share = 0.003
  [[items]]
  name = "乙"
  amount = 1000000
  share = 90.10
+++
`

// decodeBudget decodes text, a front matter of one budget block, through
// the loader's decoder, as file f.md.
func decodeBudget(t *testing.T, text string) (report.Budget, List) {
	t.Helper()
	doc, e := split("f.md", []byte(text))
	if e != nil {
		t.Fatal(e)
	}
	l := &loader{}
	var b report.Budget
	l.decode(doc, &b)
	return b, l.errs.list
}

// TestDecodeExact decodes figures through the loader's decoder and checks the
// digits and scale are kept as written.
func TestDecodeExact(t *testing.T) {
	t.Parallel()
	b, errs := decodeBudget(t, budgetFM)
	if len(errs) > 0 {
		t.Fatalf("decode: %v", errs)
	}
	if b.Pos.String() != "f.md:1:1" || b.Items[1].Pos.String() != "f.md:9:3" {
		t.Errorf("Pos = %s, %s", b.Pos, b.Items[1].Pos)
	}
	got := []string{b.Total.String(), b.Items[0].Amount.String(), b.Items[0].Share.String(), b.Items[1].Amount.String(), b.Items[1].Share.String()}
	// The float 90.1 lost the trailing zero; the text as written keeps it.
	want := []string{"1643.98", "0.055", "0.003", "1000000", "90.10"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("figures = %v, want %v", got, want)
	}
}

// TestDecodeUnknownKeysKeepTheKnown: a table with a key its struct does not
// know decodes its other keys as the same table without it does (the
// decoder goes through the keys another way then), and each unknown key
// is one error at its own line.
func TestDecodeUnknownKeysKeepTheKnown(t *testing.T) {
	t.Parallel()
	want, errs := decodeBudget(t, budgetFM)
	if len(errs) > 0 {
		t.Fatalf("decode: %v", errs)
	}
	// The unknown keys sort before, between and after the known ones, in
	// the table and in an item, and keep every line where it was.
	odd := strings.NewReplacer(
		`id = "b"`, `aaa = 1`+"\n"+`id = "b"`,
		`total = 1643.98`, `total = 1643.98`+"\n"+`mmm = true`,
		`  share = 0.003`, `  share = 0.003`+"\n"+`  zzz = "x"`,
	).Replace(budgetFM)
	got, errs := decodeBudget(t, odd)
	errs.Sort() // as Load does
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	wantErrs := []string{`f.md:2:1: 未知的键 "aaa"`, `f.md:6:1: 未知的键 "mmm"`, `f.md:11:3: 未知的键 "zzz"`}
	if strings.Join(msgs, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(wantErrs, "\n"))
	}
	// Positions moved with the lines added; the figures did not.
	got.Pos, want.Pos = report.Pos{}, report.Pos{}
	for i := range got.Items {
		got.Items[i].Pos, want.Items[i].Pos = report.Pos{}, report.Pos{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with unknown keys: %+v\nwithout: %+v", got, want)
	}
}
