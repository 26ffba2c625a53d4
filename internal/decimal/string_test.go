package decimal

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestStringSmall holds String's formatting of int64 units to its
// formatting of units held as a big.Int, on random units and every scale,
// the extremes of int64 included.
func TestStringSmall(t *testing.T) {
	t.Parallel()
	want := func(d Dec) string { return Dec{big: big.NewInt(d.units), scale: d.scale}.String() }
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
