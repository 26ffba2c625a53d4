package decimal

import (
	"errors"
	"testing"
)

func mustParse(t *testing.T, s string) Dec {
	t.Helper()
	d, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return d
}

func TestParseString(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "1110.98", "-25", "0.003", "0.055", "90.10", "-0.5", "1234567890.123456"} {
		if got := mustParse(t, s).String(); got != s {
			t.Errorf("Parse(%q).String() = %q", s, got)
		}
	}
	if got := mustParse(t, "+7.5").String(); got != "7.5" {
		t.Errorf("+7.5 → %q", got)
	}
	for _, s := range []string{"", "-", "1.", ".5", "1e3", "1,000", "一", "1.2.3", "0.1234567"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) succeeded", s)
		}
	}
	if _, err := Parse("12345678901"); !errors.Is(err, ErrRange) {
		t.Errorf("11 integer digits: err = %v, want ErrRange", err)
	}
}

func TestFromFloat(t *testing.T) {
	t.Parallel()
	for f, want := range map[float64]string{1110.98: "1110.98", 0.055: "0.055", 971.76: "971.76", -30.8: "-30.8", 85434: "85434"} {
		d, err := FromFloat(f)
		if err != nil || d.String() != want {
			t.Errorf("FromFloat(%v) = %v, %v; want %s", f, d, err, want)
		}
	}
}

func TestFromFloatRefusesWhatItCannotHold(t *testing.T) {
	t.Parallel()
	a, b := 0.1, 0.2
	// 0.30000000000000004 has 17 decimals: refused, never silently rounded.
	if d, err := FromFloat(a + b); err == nil {
		t.Errorf("FromFloat(0.1+0.2) = %v, want error", d)
	}
	if d, err := FromFloat(1e15); err == nil {
		t.Errorf("FromFloat(1e15) = %v, want error", d)
	}
}

func TestArithmetic(t *testing.T) {
	t.Parallel()
	items := []Dec{mustParse(t, "971.76"), mustParse(t, "59.31"), mustParse(t, "33.95"), mustParse(t, "45.85")}
	if got := Sum(items...).String(); got != "1110.87" {
		t.Errorf("sum = %s, want 1110.87", got)
	}
	if got := mustParse(t, "1110.98").Sub(Sum(items...)).String(); got != "0.11" {
		t.Errorf("gap = %s, want 0.11", got)
	}
	if got := mustParse(t, "0.055").Add(mustParse(t, "558.28")).String(); got != "558.335" {
		t.Errorf("mixed-scale add = %s", got)
	}
	if mustParse(t, "1.50").Cmp(mustParse(t, "1.5")) != 0 || !mustParse(t, "2").Equal(mustParse(t, "2.000")) {
		t.Error("Cmp must ignore scale")
	}
	if mustParse(t, "-0.01").Cmp(mustParse(t, "0")) != -1 || mustParse(t, "3").Sign() != 1 {
		t.Error("ordering")
	}
}

func TestRound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in     string
		places int
		round  string
		trunc  string
	}{
		{"5.3385", 2, "5.34", "5.33"},
		{"2.345", 2, "2.35", "2.34"}, // a tie goes up, which float64 gets wrong (2.345 is 2.34499…)
		{"-2.345", 2, "-2.35", "-2.34"},
		{"0.00334", 3, "0.003", "0.003"},
		{"19.9", 2, "19.90", "19.90"},
		{"0.5", 0, "1", "0"},
	}
	for _, c := range cases {
		d := mustParse(t, c.in)
		if got := d.Round(c.places).String(); got != c.round {
			t.Errorf("Round(%s, %d) = %s, want %s", c.in, c.places, got, c.round)
		}
		if got := d.Truncate(c.places).String(); got != c.trunc {
			t.Errorf("Truncate(%s, %d) = %s, want %s", c.in, c.places, got, c.trunc)
		}
	}
}

func TestPercent(t *testing.T) {
	t.Parallel()
	total := mustParse(t, "1110.98")
	cases := []struct {
		n, of  string
		places int
		want   string
	}{
		{"971.76", "1110.98", 2, "87.47"}, // the seed states 90.49
		{"59.31", "1110.98", 2, "5.34"},   // the seed states 5.33: truncated
		{"1625", "2277", 2, "71.37"},      // the seed states 71.36: 71.3658… truncated
		{"0.055", "1643.98", 3, "0.003"},
		{"2083", "1737", 1, "119.9"},
		{"-1", "3", 2, "-33.33"},
		{"-2", "3", 2, "-66.67"},
	}
	for _, c := range cases {
		got, ok := Percent(mustParse(t, c.n), mustParse(t, c.of), c.places)
		if !ok || got.String() != c.want {
			t.Errorf("Percent(%s, %s, %d) = %s, %v; want %s", c.n, c.of, c.places, got, ok, c.want)
		}
	}
	if got, _ := PercentTruncated(mustParse(t, "59.31"), total, 2); got.String() != "5.33" {
		t.Errorf("PercentTruncated = %s, want 5.33", got)
	}
	if _, ok := Percent(mustParse(t, "1"), Dec{}, 2); ok {
		t.Error("Percent of zero must report false")
	}
}

func TestMarshalJSON(t *testing.T) {
	t.Parallel()
	b, _ := mustParse(t, "0.003").MarshalJSON()
	if string(b) != "0.003" {
		t.Errorf("MarshalJSON = %s", b)
	}
}

// FuzzParse: no text may panic Parse, and what parses prints back to a
// number that parses to the same value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "1110.98", "-25", "0.003", "+7.5", "1.", ".5", "9999999999.999999", "-0", "00012.50", "1e3", "一"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(d.String())
		if err != nil || !back.Equal(d) || back.Scale() != d.Scale() {
			t.Fatalf("Parse(%q) = %s, which parses back as %v, %v", s, d, back, err)
		}
		// Arithmetic on any parsed figure stays exact and does not panic.
		sum := d.Add(d).Sub(d)
		if !sum.Equal(d) {
			t.Fatalf("%s + %s - %s = %s", d, d, d, sum)
		}
		if p, ok := Percent(d, sum, 2); ok && !d.IsZero() && !p.Equal(New(10000, 2)) {
			t.Fatalf("Percent(%s, %s) = %s", d, d, p)
		}
		_ = d.Round(0).Truncate(1)
	})
}
