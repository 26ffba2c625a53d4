package source

import (
	"strings"
	"testing"

	"gongkai/internal/report"
)

// loadIndex loads the base site with extra front matter for its report, from
// line 7 of index.md on.
func loadIndex(t *testing.T, extra string) (*report.Report, error) {
	t.Helper()
	files := base()
	files["content/2023/u/index.md"] = strings.TrimSuffix(baseIndex, "+++\n") + extra + "+++\n"
	site, err := Load(tree(files))
	if err != nil {
		return nil, err
	}
	return site.Reports()[0], nil
}

// TestFiguresAsWritten: every figure within the documented range comes back
// digit for digit, wherever in the front matter it is written. A float64
// cannot tell 9999999999.999999 from …998.
func TestFiguresAsWritten(t *testing.T) {
	t.Parallel()
	for _, v := range []string{
		"9999999999.999999", "-9999999999.999999", "1234567890.123457", "0.000001", "60.0", "90.10",
		"9999999999", "0", "-0.5", "9007199254740993e-6",
	} {
		want := v
		if v == "9007199254740993e-6" {
			want = "9007199254.740993" // past 2^53, and in exponent form
		}
		for name, fm := range map[string]string{
			"own line":        "[[metrics]]\nid = \"m\"\nname = \"甲\"\nvalue = " + v + " # 注\n",
			"inline table":    "metrics = [{id = \"m\", name = \"甲\", value = " + v + "}]\n",
			"multi-line":      "metrics = [\n  {id = \"m\", name = \"甲\", value = " + v + "},\n]\n",
			"beside a string": "[[metrics]]\nid = \"m\"\nname = \"甲 = 1.5 # 9999999999.999998\"\nvalue = " + v + "\n",
		} {
			r, err := loadIndex(t, fm)
			if err != nil {
				t.Errorf("%s %s: %v", name, v, err)
				continue
			}
			if got := r.Metrics[0].Value.String(); got != want {
				t.Errorf("%s: %s read as %s", name, v, got)
			}
		}
	}
}

// TestFigureTwiceInline: two texts of the same float64 in inline tables
// cannot be told apart by value; the loader says so instead of guessing.
func TestFigureTwiceInline(t *testing.T) {
	t.Parallel()
	_, err := loadIndex(t, "metrics = [{id = \"a\", name = \"甲\", value = 9999999999.999999}, {id = \"b\", name = \"乙\", value = 9999999999.999998}]\n")
	const want = `content/2023/u/index.md:7:1: 键 "value" 的数值在内联表或多行数组中，有效数字过多，无法确定原文；请将它写成单独一行的 value = 数值`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %s", err, want)
	}
	// A value on its own line is no candidate for one inline.
	r, err := loadIndex(t, "[[metrics]]\nid = \"a\"\nname = \"甲\"\nvalue = 1.5\n[[metrics]]\nid = \"b\"\nname = \"乙\"\nvalue = 1.2\nprevious = 1.50\n"+
		"[[budget]]\nid = \"b2\"\ntitle = \"丙\"\nitems = [{name = \"丁\", amount = 1.50}]\n")
	if err != nil || r.Metrics[0].Value.String() != "1.5" || r.Budgets[0].Items[0].Amount.String() != "1.50" {
		t.Errorf("1.5 alone, 1.50 inline: %v", err)
	}
	// The same value at two precisions reads as the shorter, as before.
	r, err = loadIndex(t, "metrics = [{id = \"a\", name = \"甲\", value = 1.5}, {id = \"b\", name = \"乙\", value = 1.50}]\n")
	if err != nil || r.Metrics[0].Value.String() != "1.5" || r.Metrics[1].Value.String() != "1.5" {
		t.Errorf("1.5 and 1.50: %v", err)
	}
}

// TestFiguresOutOfRange: a figure the range cannot hold is an error at the
// value that says the limit, never a rounded, zero or infinite figure.
func TestFiguresOutOfRange(t *testing.T) {
	t.Parallel()
	const at = "content/2023/u/index.md:"
	const limit = "超出可精确表示的范围：最多 10 位整数、6 位小数"
	metric := "[[metrics]]\nid = \"m\"\nname = \"甲\"\nvalue = "
	inline := "metrics = [{id = \"m\", name = \"甲\", value = "
	for _, tt := range []struct{ fm, want string }{
		{metric + "1e-400\n", at + `10:9: 键 "value" 的数值 1e-400 ` + limit},
		{metric + "-1e-400\n", at + `10:9: 键 "value" 的数值 -1e-400 ` + limit},
		{inline + "1e-400}]\n", at + `7:43: 键 "value" 的数值 1e-400 ` + limit},
		{metric + "1e400\n", at + `10:9: 数值 1e400 ` + limit},
		{metric + "1.1234567\n", at + `10:9: 键 "value" 的数值 1.1234567 ` + limit},
		{metric + "0.0000001\n", at + `10:9: 键 "value" 的数值 0.0000001 ` + limit},
		{inline + "0.1234567}]\n", at + `7:43: 键 "value" 的数值 0.1234567 ` + limit},
		{metric + "12345678901.5\n", at + `10:9: 键 "value" 的数值 12345678901.5 ` + limit},
		{metric + "1e10\n", at + `10:9: 键 "value" 的数值 1e10 ` + limit},
		{metric + "99999999999\n", at + `10:1: 键 "value" 的数值 99999999999 ` + limit},
		{metric + "9999999999.9999999\n", at + `10:9: 键 "value" 的数值 9999999999.9999999 ` + limit},
		{"[[counts]]\nid = \"c\"\ntitle = \"甲\"\ntotal = 9223372036854775808\n", at + `10:9: 整数 9223372036854775808 超出范围：须在 -9223372036854775808 到 9223372036854775807 之间`},
		// Two values out of range in one inline array: each is reported, once.
		{"metrics = [{id = \"a\", name = \"甲\", value = 1e-400}, {id = \"b\", name = \"乙\", value = 1e-401}]\n",
			at + `7:43: 键 "value" 的数值 1e-400 ` + limit + "\n" + at + `7:83: 键 "value" 的数值 1e-401 ` + limit},
	} {
		_, err := loadIndex(t, tt.fm)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.fm, err, tt.want)
		}
	}
}

// TestCountsBeyondInt64: counts whose sum passes the int64 limit add up
// exactly instead of wrapping around to a negative number.
func TestCountsBeyondInt64(t *testing.T) {
	t.Parallel()
	r, err := loadIndex(t, "[[counts]]\nid = \"c\"\ntitle = \"甲\"\ntotal = 9223372036854775807\nexhaustive = true\n"+
		"[[counts.items]]\nname = \"甲\"\nvalue = 9223372036854775807\n[[counts.items]]\nname = \"乙\"\nvalue = 9223372036854775807\n")
	if err != nil {
		t.Fatal(err)
	}
	c := r.Counts[0]
	if c.Sum.String() != "18446744073709551614" || !c.TotalFig.Differs() || c.TotalFig.Diff().String() != "-9223372036854775807" {
		t.Errorf("Sum %s, TotalFig %+v", c.Sum, c.TotalFig)
	}
}

func TestFloatLiterals(t *testing.T) {
	t.Parallel()
	fm := "a = 1.5 # 2.5\nb = \"3.5 \\\" 4.5\"\nc = '5.5'\nd = \"\"\"\n6.5\n\"\"\"\ne = [7.5, -8e-3, +inf, 1_000.5]\n" +
		"9.5 = 1\nf = 1979-05-27T07:32:00.5Z\ng = 10\nh = '''\n11.5'''\n\"名\" = { x = 12.5 }\n"
	var got []string
	for _, l := range floatLiterals("p", fm, 2) {
		got = append(got, l.text+"@"+l.pos.String())
	}
	want := "1.5@p:2:5 7.5@p:8:6 -8e-3@p:8:11 +inf@p:8:18 1_000.5@p:8:24 12.5@p:14:13"
	if strings.Join(got, " ") != want {
		t.Errorf("floatLiterals = %s\nwant %s", strings.Join(got, " "), want)
	}
}
