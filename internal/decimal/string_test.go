package decimal

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestStringSmall holds String's formatting of int64 units to the way it
// formats every other value, digits and point placed in strings, on
// random units and every scale, the extremes of int64 included.
func TestStringSmall(t *testing.T) {
	t.Parallel()
	want := func(d Dec) string {
		sign, digits := "", strconv.FormatUint(abs64(d.units), 10)
		if d.units < 0 {
			sign = "-"
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
	r := rand.New(rand.NewPCG(3, 4))
	units := []int64{0, 1, -1, 9, -9, 10, 99, 100, 123456, -123456, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for range 5000 {
		units = append(units, r.Int64N(1<<uint(r.IntN(62)+1))*int64(1-2*r.IntN(2)))
	}
	for _, u := range units {
		for scale := range MaxScale + 1 {
			d := Dec{units: u, scale: int32(scale)}
			if got, w := d.String(), want(d); got != w {
				t.Fatalf("units %d scale %d: %q, want %q", u, scale, got, w)
			}
		}
	}
}
