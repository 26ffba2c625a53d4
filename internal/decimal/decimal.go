// Package decimal holds exact decimal numbers for the figures of a report.
//
// Budget amounts, shares and rates are printed in reports with a fixed number of
// decimal places, and checks must recompute them exactly as a careful clerk would:
// in decimal, rounding half up, never through binary floating point. A Dec is an
// integer count of units of 10^-scale; the scale a figure was written with is kept,
// because it is the precision the author claimed.
//
// Arithmetic is exact and never overflows: the units live in an int64 while they
// fit, which is every figure of a real report, and move to a big.Int when a sum,
// a difference or a ratio outgrows it, so that a thousand figures of the largest
// size still add up to the right total.
package decimal

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// MaxScale is the largest number of decimal places a Dec can carry.
const MaxScale = 6

// MaxIntDigits bounds the integer part of a parsed figure: 10^10 万元 is a
// hundred trillion yuan, more than any budget, and a figure below 10^10 at
// MaxScale is below 10^16 units, so that the arithmetic of real figures stays
// in int64. Results of arithmetic are not bounded.
const MaxIntDigits = 10

// Dec is an exact decimal: units × 10^-scale. The zero value is 0.
type Dec struct {
	units int64
	// scale is at most MaxScale; an int32 keeps a Dec to three words,
	// which a province's worth of figures notices.
	scale int32
	// big holds the units instead of units when they do not fit in an
	// int64, and is nil otherwise, so that one value has one form and ==
	// works as it did. It is never changed once set.
	big *big.Int
}

// New returns units × 10^-scale.
func New(units int64, scale int) Dec {
	if scale < 0 || scale > MaxScale {
		panic(fmt.Sprintf("decimal: scale %d out of range", scale)) // programmer error, not input
	}
	return Dec{units: units, scale: int32(scale)}
}

// FromInt returns the integer i as a Dec with scale 0.
func FromInt(i int64) Dec { return Dec{units: i} }

// fromBig returns u × 10^-scale in the int64 form when u fits in one. It
// keeps u, which the caller must not change afterwards.
func fromBig(u *big.Int, scale int) Dec {
	if u.IsInt64() {
		return Dec{units: u.Int64(), scale: int32(scale)}
	}
	return Dec{big: u, scale: int32(scale)}
}

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
	if !digits(intPart) || (hasDot && !digits(frac)) {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	if len(frac) > MaxScale || len(strings.TrimLeft(intPart, "0")) > MaxIntDigits {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	// At most 16 significant digits: below 10^16, well inside int64.
	u, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	if neg {
		u = -u
	}
	return Dec{units: u, scale: int32(len(frac))}, nil
}

// ParseExp reads a decimal that may carry an exponent, as TOML and JSON
// allow: "1.5e3" is 1500, "25E-2" is 0.25. The places it has are those the
// mantissa has less the exponent, and they, like the integer digits, must be
// within MaxScale and MaxIntDigits: "1e-400" is ErrRange, not 0.
func ParseExp(s string) (Dec, error) {
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return Parse(s)
	}
	mant, exp := s[:i], s[i+1:]
	e, err := strconv.Atoi(exp)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
		}
		return Dec{}, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	if e < -maxExp || e > maxExp {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	sign := ""
	switch {
	case strings.HasPrefix(mant, "-"):
		sign, mant = "-", mant[1:]
	case strings.HasPrefix(mant, "+"):
		mant = mant[1:]
	}
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if intPart == "" || !digits(intPart) || (hasDot && !digits(frac)) {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	// Moving the point e places keeps the digits and changes the scale.
	all := strings.TrimLeft(intPart+frac, "0")
	scale := len(frac) - e
	if scale > MaxScale || all != "" && len(all)-scale > MaxIntDigits {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	if all == "" {
		all = "0"
	}
	if scale < 0 {
		all, scale = all+strings.Repeat("0", -scale), 0
	}
	if len(all) <= scale {
		all = strings.Repeat("0", scale-len(all)+1) + all
	}
	cut := len(all) - scale
	plain := sign + all[:cut]
	if scale > 0 {
		plain += "." + all[cut:]
	}
	d, err := Parse(plain)
	if err != nil {
		return Dec{}, fmt.Errorf("%q: %w", s, ErrRange)
	}
	return d, nil
}

// maxExp bounds the exponents ParseExp reads, far beyond any it accepts, so
// that moving the point cannot overflow an int.
const maxExp = 1000

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// FromFloat recovers the decimal a TOML or JSON author wrote from the float64 the
// parser produced. The shortest representation that round-trips is the text
// written for every number of up to 15 significant digits; trailing zeros
// ("90.10") are lost, so such a figure comes back with scale 1, and so is a
// 16th digit: 9999999999.999999 comes back as 9999999999.999998. Where the
// text as written is at hand, parse it instead.
func FromFloat(f float64) (Dec, error) {
	return Parse(strconv.FormatFloat(f, 'f', -1, 64))
}

// Scale is the number of decimal places d carries.
func (d Dec) Scale() int { return int(d.scale) }

// Sign is -1, 0 or +1.
func (d Dec) Sign() int {
	switch {
	case d.big != nil:
		return d.big.Sign()
	case d.units < 0:
		return -1
	case d.units > 0:
		return 1
	}
	return 0
}

// IsZero reports whether d is 0.
func (d Dec) IsZero() bool { return d.big == nil && d.units == 0 }

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6}

// rescale returns d's units at a larger scale s, and false when they do not
// fit in an int64.
func (d Dec) rescale(s int) (int64, bool) {
	if d.big != nil {
		return 0, false
	}
	m := pow10[s-d.Scale()]
	// MinInt64/m rounds toward zero, so the bounds are exact both ways.
	if d.units > math.MaxInt64/m || d.units < math.MinInt64/m {
		return 0, false
	}
	return d.units * m, true
}

// bigUnits is d's units at a larger scale s as a new big.Int.
func (d Dec) bigUnits(s int) *big.Int {
	u := big.NewInt(d.units)
	if d.big != nil {
		u.Set(d.big)
	}
	if s > d.Scale() {
		u.Mul(u, big.NewInt(pow10[s-d.Scale()]))
	}
	return u
}

// align brings a and b to the larger of their scales, in int64 when both fit.
func align(a, b Dec) (x, y int64, s int, ok bool) {
	s = max(a.Scale(), b.Scale())
	x, okx := a.rescale(s)
	y, oky := b.rescale(s)
	return x, y, s, okx && oky
}

// Add returns d + e at the larger of their scales.
func (d Dec) Add(e Dec) Dec {
	a, b, s, ok := align(d, e)
	if c := a + b; ok && (c > a) == (b > 0) {
		return Dec{units: c, scale: int32(s)}
	}
	return fromBig(new(big.Int).Add(d.bigUnits(s), e.bigUnits(s)), s)
}

// Sub returns d - e at the larger of their scales.
func (d Dec) Sub(e Dec) Dec {
	a, b, s, ok := align(d, e)
	if c := a - b; ok && (c < a) == (b > 0) {
		return Dec{units: c, scale: int32(s)}
	}
	return fromBig(new(big.Int).Sub(d.bigUnits(s), e.bigUnits(s)), s)
}

// Neg returns -d.
func (d Dec) Neg() Dec {
	if d.big == nil && d.units != math.MinInt64 {
		return Dec{units: -d.units, scale: d.scale}
	}
	return fromBig(new(big.Int).Neg(d.bigUnits(d.Scale())), d.Scale())
}

// Abs returns |d|.
func (d Dec) Abs() Dec {
	if d.Sign() < 0 {
		return d.Neg()
	}
	return d
}

// Cmp compares values, ignoring scale: Cmp(1.50, 1.5) is 0.
func (d Dec) Cmp(e Dec) int {
	a, b, s, ok := align(d, e)
	if !ok {
		return d.bigUnits(s).Cmp(e.bigUnits(s))
	}
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
	return d.toPlaces(places, true)
}

// Truncate returns d cut toward zero to places decimals.
func (d Dec) Truncate(places int) Dec {
	return d.toPlaces(places, false)
}

func (d Dec) toPlaces(places int, roundHalfUp bool) Dec {
	if places >= d.Scale() {
		if u, ok := d.rescale(places); ok {
			return Dec{units: u, scale: int32(places)}
		}
		return fromBig(d.bigUnits(places), places)
	}
	if q, ok := quo64(d.units, pow10[d.Scale()-places], 1, roundHalfUp); d.big == nil && ok {
		return Dec{units: q, scale: int32(places)}
	}
	return quo(d.bigUnits(d.Scale()), big.NewInt(pow10[d.Scale()-places]), places, roundHalfUp)
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
	m := mul * pow10[places]
	a, b, s, ok := align(n, of)
	if ok {
		if q, ok := quo64(a, b, m, roundHalfUp); ok {
			return Dec{units: q, scale: int32(places)}, true
		}
	}
	num := n.bigUnits(s)
	num.Mul(num, big.NewInt(m))
	return quo(num, of.bigUnits(s), places, roundHalfUp), true
}

// quo64 is quo for a×m/b in int64, where a×m fits: every ratio of the
// figures of a real report, without allocating. b and m are not zero.
func quo64(a, b, m int64, roundHalfUp bool) (int64, bool) {
	if a == math.MinInt64 || b == math.MinInt64 || m <= 0 {
		return 0, false
	}
	hi, num := bits.Mul64(abs64(a), uint64(m))
	if hi != 0 || num > math.MaxInt64 {
		return 0, false
	}
	den := abs64(b)
	q, r := num/den, num%den
	// r ≥ den − r is 2r ≥ den without overflow. q+1 fits: q is at most
	// MaxInt64/2 when den is 2 or more, and r is 0 when den is 1.
	if roundHalfUp && r >= den-r {
		q++
	}
	if (a < 0) != (b < 0) {
		return -int64(q), true
	}
	return int64(q), true
}

// quo divides num by den and returns the integer quotient as the units of a
// Dec with the given scale, rounded half up away from zero or truncated toward
// zero. It may change num.
func quo(num, den *big.Int, scale int, roundHalfUp bool) Dec {
	neg := (num.Sign() < 0) != (den.Sign() < 0)
	n := num.Abs(num)
	d := new(big.Int).Abs(den)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if roundHalfUp && r.Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return fromBig(q, scale)
}

// String formats d with exactly its scale of decimals: "90.49", "-25", "0.003".
func (d Dec) String() string {
	if d.big == nil {
		// The figures of a page are formatted once each, many thousand a
		// build: one allocation, for the string.
		var buf [32]byte
		return string(d.appendSmall(buf[:0]))
	}
	sign := ""
	var digits string
	if d.big != nil {
		if d.big.Sign() < 0 {
			sign = "-"
		}
		digits = new(big.Int).Abs(d.big).String()
	} else {
		if d.units < 0 {
			sign = "-"
		}
		digits = strconv.FormatUint(abs64(d.units), 10)
	}
	if d.Scale() == 0 {
		return sign + digits
	}
	if len(digits) <= d.Scale() {
		digits = strings.Repeat("0", d.Scale()-len(digits)+1) + digits
	}
	cut := len(digits) - d.Scale()
	return sign + digits[:cut] + "." + digits[cut:]
}

// appendSmall appends d, whose units are an int64, as String writes it.
func (d Dec) appendSmall(b []byte) []byte {
	if d.units < 0 {
		b = append(b, '-')
	}
	start := len(b)
	b = strconv.AppendUint(b, abs64(d.units), 10)
	scale := d.Scale()
	if scale == 0 {
		return b
	}
	// Zeros before the digits until there is one before the point.
	if pad := scale + 1 - (len(b) - start); pad > 0 {
		b = append(b, make([]byte, pad)...)
		copy(b[start+pad:], b[start:len(b)-pad])
		for i := range pad {
			b[start+i] = '0'
		}
	}
	b = append(b, 0)
	point := len(b) - 1 - scale
	copy(b[point+1:], b[point:len(b)-1])
	b[point] = '.'
	return b
}

// abs64 is |i|, also for math.MinInt64, whose negation wraps to itself as an
// int64 but is right as a uint64.
func abs64(i int64) uint64 {
	if i < 0 {
		return uint64(-i)
	}
	return uint64(i)
}

// MarshalJSON writes d as a JSON number with its exact digits.
func (d Dec) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }
