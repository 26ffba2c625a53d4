package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestCollectLess: a build beyond its text budget sets GOGC to 400 when
// neither GOGC is set nor the memory limit off, and leaves it otherwise.
// Not parallel: it sets the process's GOGC, memory limit and environment.
func TestCollectLess(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
	for _, c := range []struct {
		gogc  string
		limit int64
		want  int
	}{
		{"", 900 << 20, 400},
		{"150", 900 << 20, 200},  // GOGC set: it decides
		{"", math.MaxInt64, 200}, // no limit: GOGC bounds the heap
	} {
		t.Setenv("GOGC", c.gogc)
		debug.SetGCPercent(200)
		debug.SetMemoryLimit(c.limit)
		collectLess()
		if got := debug.SetGCPercent(200); got != c.want {
			t.Errorf("GOGC=%q, limit %d: GOGC %d after collectLess, want %d", c.gogc, c.limit, got, c.want)
		}
	}
}
