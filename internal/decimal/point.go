package decimal

import "math/big"

// MovePoint returns d × 10^n exactly: 1110.98 万元 is 11109800 元
// (MovePoint(4)) and 12.5 元 is 0.00125 万元 (MovePoint(-4)). The digits
// are those of d; only the point moves, so no figure is rounded. It reports
// false when the result would need more than MaxScale decimal places, which
// no Dec can hold exactly.
func (d Dec) MovePoint(n int) (Dec, bool) {
	switch {
	case n < 0:
		if d.Scale()-n > MaxScale {
			return Dec{}, false
		}
		return Dec{units: d.units, big: d.big, scale: int32(d.Scale() - n)}, true
	case n <= d.Scale():
		return Dec{units: d.units, big: d.big, scale: int32(d.Scale() - n)}, true
	}
	// The point moves past the last digit: zeros are added.
	u := d.bigUnits(d.Scale())
	u.Mul(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n-d.Scale())), nil))
	return fromBig(u, 0), true
}
