package decimal

import (
	"encoding/binary"
	"errors"
	"math/big"
)

// errBinary reports bytes that AppendBinary did not write.
var errBinary = errors.New("decimal: not a Dec's binary form")

// AppendBinary appends d in a compact binary form that CutBinary reads
// back exactly, scale and all (encoding.BinaryAppender): the scale, then
// the units as a varint, or their sign and magnitude when a big.Int holds
// them. It never fails.
func (d Dec) AppendBinary(b []byte) ([]byte, error) {
	b = binary.AppendUvarint(b, uint64(d.scale))
	if d.big == nil {
		return binary.AppendVarint(append(b, 0), d.units), nil
	}
	sign := byte(1)
	if d.big.Sign() < 0 {
		sign = 2
	}
	mag := new(big.Int).Abs(d.big).Bytes()
	b = binary.AppendUvarint(append(b, sign), uint64(len(mag)))
	return append(b, mag...), nil
}

// CutBinary reads a Dec that AppendBinary wrote off the front of b, and
// returns it with the rest of b.
func CutBinary(b []byte) (Dec, []byte, error) {
	scale, n := binary.Uvarint(b)
	if n <= 0 || scale > MaxScale || len(b) == n {
		return Dec{}, nil, errBinary
	}
	form, b := b[n], b[n+1:]
	switch form {
	case 0:
		units, n := binary.Varint(b)
		if n <= 0 {
			return Dec{}, nil, errBinary
		}
		return Dec{units: units, scale: int32(scale)}, b[n:], nil
	case 1, 2:
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return Dec{}, nil, errBinary
		}
		u := new(big.Int).SetBytes(b[n : n+int(size)])
		if form == 2 {
			u.Neg(u)
		}
		// fromBig gives the int64 form to units that fit one, as every
		// other way of making a Dec does: one value, one form.
		return fromBig(u, int(scale)), b[n+int(size):], nil
	}
	return Dec{}, nil, errBinary
}
