package watch

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// tick waits for the batcher's timer and calls fire.
func tick(t *testing.T, b *batcher) {
	t.Helper()
	select {
	case <-b.timer.C:
		b.fire()
	case <-time.After(timeout):
		t.Fatal("timer did not fire")
	}
}

func TestBatcher(t *testing.T) {
	t.Parallel()
	b := newBatcher(10*time.Millisecond, nil)
	defer b.stop()
	batches := make(chan Batch)
	if out, _ := b.out(batches); out != nil {
		t.Fatal("a batch is ready before any change")
	}

	b.add("content/b.md")
	b.add("content/a.md")
	b.add("content/b.md")
	tick(t, b)
	out, got := b.out(batches)
	if out == nil || !slices.Equal(got.Paths, []string{"content/a.md", "content/b.md"}) || got.Overflow {
		t.Fatalf("first batch %+v, ready %v", got, out != nil)
	}

	// While the consumer is busy, changes wait for the next batch and leave
	// the one on offer alone.
	b.add("content/c.md")
	b.lose()
	tick(t, b)
	if _, again := b.out(batches); !slices.Equal(again.Paths, got.Paths) || again.Overflow {
		t.Fatalf("batch on offer changed to %+v", again)
	}
	b.sent()
	tick(t, b)
	if _, got = b.out(batches); !slices.Equal(got.Paths, []string{"content/c.md"}) || !got.Overflow {
		t.Fatalf("second batch %+v", got)
	}
	b.sent()
	if out, _ := b.out(batches); out != nil {
		t.Fatal("a batch is ready after all were sent")
	}
}

// TestBatcherMaxWait checks that changes which never fall quiet are still
// sent: with a debounce of an hour only the cap can fire the timer.
func TestBatcherMaxWait(t *testing.T) {
	t.Parallel()
	b := newBatcher(time.Hour, nil)
	defer b.stop()
	b.add("content/log.md")
	b.first = b.first.Add(-2 * time.Hour)
	b.add("content/log.md")
	tick(t, b)
	if _, got := b.out(make(chan Batch)); !slices.Equal(got.Paths, []string{"content/log.md"}) {
		t.Fatalf("batch %+v", got)
	}
}

// TestBatcherWaitsForWholeFile: a batch waits while a changed file is
// missing or empty (an editor mid-way through a save), and goes once it is
// whole; an event that only repeats what the last batch saw starts none.
func TestBatcherWaitsForWholeFile(t *testing.T) {
	t.Parallel()
	files := map[string]stamp{}
	var mu sync.Mutex
	stat := func(rel string) (stamp, bool) {
		mu.Lock()
		defer mu.Unlock()
		st, ok := files[rel]
		return st, ok
	}
	set := func(rel string, size int64) {
		mu.Lock()
		defer mu.Unlock()
		files[rel] = stamp{size: size, modTime: time.Unix(size, 0), regular: true}
	}
	b := newBatcher(time.Millisecond, stat)
	defer b.stop()
	batches := make(chan Batch)

	b.add("content/a.md") // renamed away: missing
	for range 3 {
		tick(t, b)
		if out, _ := b.out(batches); out != nil {
			t.Fatal("a batch while the file is missing")
		}
	}
	set("content/a.md", 0) // created, not yet written
	tick(t, b)
	if out, _ := b.out(batches); out != nil {
		t.Fatal("a batch while the file is empty")
	}
	set("content/a.md", 3)
	tick(t, b)
	out, got := b.out(batches)
	if out == nil || !slices.Equal(got.Paths, []string{"content/a.md"}) {
		t.Fatalf("batch %+v, ready %v", got, out != nil)
	}
	b.sent()

	// The write event of the save the batch saw arrives late: no batch.
	b.add("content/a.md")
	if b.pending() {
		t.Error("an event that repeats the last batch's state is pending")
	}
	// A new write is a new change.
	set("content/a.md", 4)
	b.add("content/a.md")
	if !b.pending() {
		t.Error("a new write is not pending")
	}
}

// TestBatcherGivesUpOnMissing: a file that stays missing (really removed)
// is sent after the grace period.
func TestBatcherGivesUpOnMissing(t *testing.T) {
	t.Parallel()
	b := newBatcher(time.Millisecond, func(string) (stamp, bool) { return stamp{}, false })
	defer b.stop()
	b.add("content/gone.md")
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		tick(t, b)
		if out, got := b.out(make(chan Batch)); out != nil {
			if !slices.Equal(got.Paths, []string{"content/gone.md"}) {
				t.Fatalf("batch %+v", got)
			}
			return
		}
	}
	t.Fatal("a removed file was never sent")
}
