package cli

import "testing"

// TestWidth checks the terminal width the help aligns its columns by:
// Chinese characters and full-width punctuation take two columns.
func TestWidth(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    string
		want int
	}{
		{"--src", 5},
		{"--src 目录", 10},
		{"--unit 万元|元", 14},
		{"（默认：当前目录）", 18},
		{"“2023年度”", 10},
	} {
		if got := width(c.s); got != c.want {
			t.Errorf("width(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}
