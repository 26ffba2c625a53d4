package watch

import (
	"slices"
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
	b := newBatcher(10 * time.Millisecond)
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
	b := newBatcher(time.Hour)
	defer b.stop()
	b.add("content/log.md")
	b.first = b.first.Add(-2 * time.Hour)
	b.add("content/log.md")
	tick(t, b)
	if _, got := b.out(make(chan Batch)); !slices.Equal(got.Paths, []string{"content/log.md"}) {
		t.Fatalf("batch %+v", got)
	}
}
