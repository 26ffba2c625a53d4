// Package pool runs indexed work in parallel on as many goroutines as there
// are CPUs: loading, checking and rendering reports all share it, so that
// each step is a loop body, not a hand-made worker pool.
package pool

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls do(i) for every i in [0, n), on up to GOMAXPROCS goroutines,
// and returns when all calls have returned. Once a call returns an error no
// further calls start, and Each returns the error of the lowest index that
// failed, so that the same input gives the same error whatever the
// scheduling.
func Each(n int, do func(i int) error) error {
	if n <= 0 {
		return nil
	}
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		first  = -1
		err    error
		wg     sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if e := do(i); e != nil {
					mu.Lock()
					if first < 0 || i < first {
						first, err = i, e
					}
					mu.Unlock()
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return err
}
