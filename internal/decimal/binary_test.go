package decimal

import (
	"math"
	"testing"
)

// TestBinary: every Dec reads back from AppendBinary's bytes with its value
// and its scale, big ones included, and CutBinary leaves what follows.
func TestBinary(t *testing.T) {
	t.Parallel()
	huge := New(math.MaxInt64, 2).Add(New(math.MaxInt64, 2))
	values := []Dec{{}, New(1, 0), New(-25, 0), New(9049, 2), New(9010, 2), New(3, 3), New(math.MinInt64, 6),
		huge, huge.Neg(), huge.Sub(New(math.MaxInt64, 2)).Sub(New(math.MaxInt64, 2))}
	var b []byte
	for _, d := range values {
		b, _ = d.AppendBinary(b)
	}
	b = append(b, "tail"...)
	for _, want := range values {
		got, rest, err := CutBinary(b)
		if err != nil {
			t.Fatalf("CutBinary for %s: %v", want, err)
		}
		if got.String() != want.String() || got.Scale() != want.Scale() || !got.Equal(want) || (got.big == nil) != (want.big == nil) {
			t.Errorf("read back %s (scale %d, big %v), want %s (scale %d, big %v)", got, got.Scale(), got.big != nil, want, want.Scale(), want.big != nil)
		}
		b = rest
	}
	if string(b) != "tail" {
		t.Errorf("left %q, want the tail", b)
	}
}

// TestBinaryRefusesGarbage: every prefix of a Dec's bytes, and bytes it
// never writes, are an error, not a panic or a made-up number.
func TestBinaryRefusesGarbage(t *testing.T) {
	t.Parallel()
	huge := New(math.MaxInt64, 0).Add(New(math.MaxInt64, 0))
	for _, d := range []Dec{New(-9049, 2), huge} {
		b, _ := d.AppendBinary(nil)
		for i := range len(b) {
			if got, _, err := CutBinary(b[:i]); err == nil {
				t.Errorf("CutBinary(%x), a prefix of %s, = %s", b[:i], d, got)
			}
		}
	}
	for _, b := range [][]byte{{7, 0, 2}, {0, 3, 2}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}} {
		if got, _, err := CutBinary(b); err == nil {
			t.Errorf("CutBinary(%x) = %s", b, got)
		}
	}
}
