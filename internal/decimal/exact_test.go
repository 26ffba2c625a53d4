package decimal

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

// rat is d as an exact rational, read back from its text.
func rat(t *testing.T, d Dec) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(d.String())
	if !ok {
		t.Fatalf("%q is not a number", d.String())
	}
	return r
}

// ratAt is r at places decimals, rounded half up away from zero or cut
// toward zero, as text: the rule Round, Truncate and Percent follow.
func ratAt(r *big.Rat, places int, roundHalfUp bool) string {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	num, den := new(big.Int).Abs(scaled.Num()), scaled.Denom()
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if roundHalfUp && rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if scaled.Sign() < 0 {
		q.Neg(q)
	}
	return New(0, places).Add(fromBig(q, places)).String()
}

func TestArithmeticBeyondInt64(t *testing.T) {
	t.Parallel()
	max := FromInt(math.MaxInt64)
	min := FromInt(math.MinInt64)
	largest := mustParse(t, "9999999999.999999")
	var thousand Dec
	for range 1000 {
		thousand = thousand.Add(largest)
	}
	cases := []struct {
		name string
		got  Dec
		want string
	}{
		{"max+1", max.Add(FromInt(1)), "9223372036854775808"},
		{"min-1", min.Sub(FromInt(1)), "-9223372036854775809"},
		{"max+max", max.Add(max), "18446744073709551614"},
		{"min+min", min.Add(min), "-18446744073709551616"},
		{"0-min", Dec{}.Sub(min), "9223372036854775808"},
		{"-min", min.Neg(), "9223372036854775808"},
		{"|min|", min.Abs(), "9223372036854775808"},
		{"back in int64", max.Add(FromInt(1)).Sub(FromInt(1)), "9223372036854775807"},
		{"rescaled", max.Add(New(1, 6)), "9223372036854775807.000001"},
		{"thousand largest", thousand, "9999999999999.999000"},
		{"sum", Sum(largest, largest, max), "9223372056854775806.999998"},
		{"round up", max.Add(New(5, 1)).Round(0), "9223372036854775808"},
		{"truncate", max.Add(New(5, 1)).Truncate(0), "9223372036854775807"},
		{"round wider", max.Round(6), "9223372036854775807.000000"},
		{"big negative rounded", min.Sub(New(15, 1)).Round(0), "-9223372036854775810"},
	}
	for _, c := range cases {
		if s := c.got.String(); s != c.want {
			t.Errorf("%s = %s, want %s", c.name, s, c.want)
		}
	}
	if p, ok := Percent(largest, New(1, 6), 6); !ok || p.String() != "999999999999999900.000000" {
		t.Errorf("Percent(largest, 0.000001, 6) = %s, want 999999999999999900.000000", p)
	}
	if p, ok := Percent(max.Add(max), max, 2); !ok || p.String() != "200.00" {
		t.Errorf("Percent(2max, max) = %s", p)
	}
	if max.Add(FromInt(1)).Cmp(max) != 1 || min.Sub(FromInt(1)).Cmp(min) != -1 || max.Add(max).Cmp(max.Add(max)) != 0 {
		t.Error("Cmp beyond int64")
	}
	if s := max.Add(FromInt(1)); s.Sign() != 1 || s.IsZero() || s.Neg().Sign() != -1 {
		t.Error("Sign beyond int64")
	}
	// One value has one form: what comes back into int64 compares with ==.
	if back := max.Add(FromInt(1)).Sub(FromInt(1)); back != max {
		t.Errorf("%#v != %#v", back, max)
	}
	if b, _ := thousand.MarshalJSON(); string(b) != "9999999999999.999000" {
		t.Errorf("MarshalJSON = %s", b)
	}
}

func TestParseExp(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"1e3": "1000", "1.5e3": "1500", "25E-2": "0.25", "-1.25e1": "-12.5", "+5e0": "5",
		"1.5e-5": "0.000015", "9999999999.999999": "9999999999.999999", "9.999999999999999e9": "9999999999.999999",
		"0e400": "0", "0.000001e6": "1", "100": "100", "1e9": "1000000000", "0.5": "0.5",
	} {
		d, err := ParseExp(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseExp(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"1e-400", "1e400", "1e10", "1.5e-6", "1e-7", "12345678901", "0.1234567", "1e99999999999999999999", "1e-9223372036854775808"} {
		if d, err := ParseExp(in); !errors.Is(err, ErrRange) {
			t.Errorf("ParseExp(%q) = %s, %v; want ErrRange", in, d, err)
		}
	}
	for _, in := range []string{"", "e5", "1e", "1e+", "1.e3", ".5e1", "1e3.5", "inf", "nan", "1x", "--1e2", "1e++2"} {
		if d, err := ParseExp(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseExp(%q) = %s, %v; want ErrSyntax", in, d, err)
		}
	}
}

// FuzzArithmetic holds every operation, on any units at any scale, to the
// same computation in big.Rat: nothing wraps around near the int64 limits.
func FuzzArithmetic(f *testing.F) {
	f.Add(int64(math.MaxInt64), uint8(0), int64(1), uint8(0), uint8(2))
	f.Add(int64(math.MinInt64), uint8(6), int64(math.MinInt64), uint8(0), uint8(6))
	f.Add(int64(math.MaxInt64), uint8(3), int64(-1), uint8(6), uint8(0))
	f.Add(int64(9999999999999999), uint8(6), int64(1), uint8(6), uint8(6))
	f.Add(int64(-5), uint8(1), int64(0), uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, au int64, as uint8, bu int64, bs uint8, places uint8) {
		a, b := New(au, int(as%(MaxScale+1))), New(bu, int(bs%(MaxScale+1)))
		p := int(places % (MaxScale + 1))
		ra, rb := rat(t, a), rat(t, b)
		check := func(op string, got Dec, want *big.Rat, scale int) {
			t.Helper()
			if got.Scale() != scale || rat(t, got).Cmp(want) != 0 {
				t.Fatalf("%s %s %s = %s, want %s at scale %d", a, op, b, got, want.FloatString(scale), scale)
			}
		}
		s := max(a.Scale(), b.Scale())
		check("+", a.Add(b), new(big.Rat).Add(ra, rb), s)
		check("-", a.Sub(b), new(big.Rat).Sub(ra, rb), s)
		check("neg", a.Neg(), new(big.Rat).Neg(ra), a.Scale())
		check("abs", a.Abs(), new(big.Rat).Abs(ra), a.Scale())
		check("sum", Sum(a, b, a), new(big.Rat).Add(ra, new(big.Rat).Add(rb, ra)), s)
		if got, want := a.Cmp(b), ra.Cmp(rb); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
		if a.Sign() != ra.Sign() || a.IsZero() != (ra.Sign() == 0) {
			t.Fatalf("Sign(%s) = %d", a, a.Sign())
		}
		if got, want := a.Round(p).String(), ratAt(ra, p, true); got != want {
			t.Fatalf("Round(%s, %d) = %s, want %s", a, p, got, want)
		}
		if got, want := a.Truncate(p).String(), ratAt(ra, p, false); got != want {
			t.Fatalf("Truncate(%s, %d) = %s, want %s", a, p, got, want)
		}
		pct, ok := Percent(a, b, p)
		cut, okCut := PercentTruncated(a, b, p)
		if ok != (rb.Sign() != 0) || okCut != ok {
			t.Fatalf("Percent(%s, %s) ok = %v", a, b, ok)
		}
		if ok {
			r := new(big.Rat).Mul(new(big.Rat).Quo(ra, rb), big.NewRat(100, 1))
			if got, want := pct.String(), ratAt(r, p, true); got != want {
				t.Fatalf("Percent(%s, %s, %d) = %s, want %s", a, b, p, got, want)
			}
			if got, want := cut.String(), ratAt(r, p, false); got != want {
				t.Fatalf("PercentTruncated(%s, %s, %d) = %s, want %s", a, b, p, got, want)
			}
		}
		if back, err := Parse(a.String()); err == nil && back != a {
			t.Fatalf("Parse(%s) = %#v, want %#v", a, back, a)
		}
		if strings.Contains(a.Add(b).String(), "--") {
			t.Fatalf("bad text %s", a.Add(b))
		}
	})
}
