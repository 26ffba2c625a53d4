package pool

import (
	"fmt"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 7, 1000} {
		counts := make([]atomic.Int32, n)
		if err := Each(n, func(i int) error { counts[i].Add(1); return nil }); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestEachStopsAndReturnsLowestError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	err := Each(10000, func(i int) error {
		calls.Add(1)
		if i%100 == 3 {
			return fmt.Errorf("fail %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "fail 3" {
		t.Fatalf("err = %v, want fail 3", err)
	}
	if c := calls.Load(); c >= 10000 {
		t.Errorf("%d calls: work went on after the error", c)
	}
}
