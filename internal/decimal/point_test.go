package decimal

import "testing"

func TestMovePoint(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		n    int
		want string
		ok   bool
	}{
		{"1110.98", 4, "11109800", true},
		{"1110.98", 2, "111098", true},
		{"1110.98", 1, "11109.8", true},
		{"12.5", -4, "0.00125", true},
		{"1234567.89", -4, "123.456789", true},
		{"0.001", -4, "", false}, // 0.0000001 needs 7 places
		{"-3", -4, "-0.0003", true},
		{"9999999999", 15, "9999999999000000000000000", true},
		{"0", -6, "0.000000", true},
	} {
		d, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := d.MovePoint(tt.n)
		if ok != tt.ok || (ok && got.String() != tt.want) {
			t.Errorf("%s.MovePoint(%d) = %s, %v; want %s, %v", tt.in, tt.n, got, ok, tt.want, tt.ok)
		}
	}
	// Beyond int64 the digits are kept exactly.
	d, _ := Parse("9999999999.999999")
	if up, _ := d.MovePoint(20); up.String() != "999999999999999900000000000000" {
		t.Errorf("MovePoint(20) = %s", up)
	}
}
