// Package decimal holds exact decimal numbers for the figures of a report.
//
// Budget amounts, shares and rates are printed in reports with a fixed number of
// decimal places, and checks must recompute them exactly as a careful clerk would:
// in decimal, rounding half up, never through binary floating point. A Dec is an
// integer count of units of 10^-scale; the scale a figure was written with is kept,
// because it is the precision the author claimed.
package decimal

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// MaxScale is the largest number of decimal places a Dec can carry.
const MaxScale = 6

// MaxIntDigits bounds the integer part of a parsed figure: below 10^10 at
// MaxScale is below 10^16 units, so any 900 figures of the largest size, and
// millions of figures of a real budget's size, add up without overflowing
// int64. (10^10 万元 is a hundred trillion yuan, more than any budget.)
const MaxIntDigits = 10

// Dec is an exact decimal: Units × 10^-Scale. The zero value is 0.
type Dec struct {
	units int64
	scale int
}

// New returns units × 10^-scale.
func New(units int64, scale int) Dec {
	if scale < 0 || scale > MaxScale {
		panic(fmt.Sprintf("decimal: scale %d out of range", scale)) // programmer error, not input
	}
	return Dec{units: units, scale: scale}
}

// FromInt returns the integer i as a Dec with scale 0.
func FromInt(i int64) Dec { return Dec{units: i} }

// ErrSyntax reports text that is not a plain decimal number.
var ErrSyntax = errors.New("不是十进制数")

// ErrRange reports a number with too many digits to hold exactly.
var ErrRange = errors.New("位数过多，无法精确表示")

// Parse reads a plain decimal such as "1110.98", "-25" or "0.003". It keeps the
// number of decimal places written ("90.10" has scale 2).
func Parse(s string) (Dec, error) {
	t := s
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" || (hasDot && frac == "") {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return Dec{}, fmt.Errorf("%q: %w", s, ErrSyntax)
		}
	}
	if len(frac) > MaxScale || len(strings.TrimLeft(intPart, "0")) > MaxIntDigits {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	u, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	if neg {
		u = -u
	}
	return Dec{units: u, scale: len(frac)}, nil
}

// FromFloat recovers the decimal a TOML or JSON author wrote from the float64 the
// parser produced. The shortest representation that round-trips is the text
// written for every number of up to 15 significant digits (all that Parse
// accepts); trailing zeros
// ("90.10") are the one thing lost, so such a figure comes back with scale 1.
func FromFloat(f float64) (Dec, error) {
	return Parse(strconv.FormatFloat(f, 'f', -1, 64))
}

// Scale is the number of decimal places d carries.
func (d Dec) Scale() int { return d.scale }

// Sign is -1, 0 or +1.
func (d Dec) Sign() int {
	switch {
	case d.units < 0:
		return -1
	case d.units > 0:
		return 1
	}
	return 0
}

// IsZero reports whether d is 0.
func (d Dec) IsZero() bool { return d.units == 0 }

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6}

// rescale returns d's units at a larger scale s.
func (d Dec) rescale(s int) int64 { return d.units * pow10[s-d.scale] }

func align(a, b Dec) (int64, int64, int) {
	s := max(a.scale, b.scale)
	return a.rescale(s), b.rescale(s), s
}

// Add returns d + e at the larger of their scales.
func (d Dec) Add(e Dec) Dec {
	a, b, s := align(d, e)
	return Dec{units: a + b, scale: s}
}

// Sub returns d - e at the larger of their scales.
func (d Dec) Sub(e Dec) Dec {
	a, b, s := align(d, e)
	return Dec{units: a - b, scale: s}
}

// Neg returns -d.
func (d Dec) Neg() Dec { return Dec{units: -d.units, scale: d.scale} }

// Abs returns |d|.
func (d Dec) Abs() Dec {
	if d.units < 0 {
		return d.Neg()
	}
	return d
}

// Cmp compares values, ignoring scale: Cmp(1.50, 1.5) is 0.
func (d Dec) Cmp(e Dec) int {
	a, b, _ := align(d, e)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Equal reports whether d and e have the same value.
func (d Dec) Equal(e Dec) bool { return d.Cmp(e) == 0 }

// Sum adds ds; the sum of none is 0.
func Sum(ds ...Dec) Dec {
	var s Dec
	for _, d := range ds {
		s = s.Add(d)
	}
	return s
}

// Round returns d rounded half up (away from zero on a tie) to places decimals.
func (d Dec) Round(places int) Dec {
	if places >= d.scale {
		return Dec{units: d.rescale(places), scale: places}
	}
	return quo(big.NewInt(d.units), big.NewInt(pow10[d.scale-places]), places, true)
}

// Truncate returns d cut toward zero to places decimals.
func (d Dec) Truncate(places int) Dec {
	if places >= d.scale {
		return Dec{units: d.rescale(places), scale: places}
	}
	return quo(big.NewInt(d.units), big.NewInt(pow10[d.scale-places]), places, false)
}

// Percent returns n / of × 100 with places decimals, rounded half up, or false
// when of is zero. Percent(971.76, 1110.98, 2) is 87.47.
func Percent(n, of Dec, places int) (Dec, bool) {
	return ratio(n, of, 100, places, true)
}

// PercentTruncated is Percent cut toward zero instead of rounded: what a
// spreadsheet shows when a column was formatted by truncation.
func PercentTruncated(n, of Dec, places int) (Dec, bool) {
	return ratio(n, of, 100, places, false)
}

// ratio computes n/of×mul at places decimals as the integer division
// n×mul×10^places / of, both brought to a common scale first.
func ratio(n, of Dec, mul int64, places int, roundHalfUp bool) (Dec, bool) {
	if of.IsZero() {
		return Dec{}, false
	}
	a, b, _ := align(n, of)
	num := new(big.Int).Mul(big.NewInt(a), big.NewInt(mul*pow10[places]))
	return quo(num, big.NewInt(b), places, roundHalfUp), true
}

// quo divides num by den and returns the integer quotient as the units of a
// Dec with the given scale, rounded half up away from zero or truncated toward
// zero.
func quo(num, den *big.Int, scale int, roundHalfUp bool) Dec {
	neg := (num.Sign() < 0) != (den.Sign() < 0)
	n := new(big.Int).Abs(num)
	d := new(big.Int).Abs(den)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if roundHalfUp && new(big.Int).Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return Dec{units: q.Int64(), scale: scale}
}

// String formats d with exactly its scale of decimals: "90.49", "-25", "0.003".
func (d Dec) String() string {
	u := d.units
	sign := ""
	if u < 0 {
		sign = "-"
	}
	digits := strconv.FormatUint(uint64(abs64(u)), 10)
	if d.scale == 0 {
		return sign + digits
	}
	if len(digits) <= d.scale {
		digits = strings.Repeat("0", d.scale-len(digits)+1) + digits
	}
	cut := len(digits) - d.scale
	return sign + digits[:cut] + "." + digits[cut:]
}

func abs64(i int64) uint64 {
	if i < 0 {
		return uint64(-i)
	}
	return uint64(i)
}

// MarshalJSON writes d as a JSON number with its exact digits.
func (d Dec) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }
