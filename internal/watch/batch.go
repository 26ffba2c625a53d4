package watch

import (
	"slices"
	"time"
)

// maxWait bounds how long a change waits for the tree to fall quiet, so that
// a file written every few milliseconds (a log, a slow copy) cannot hold back
// every other change for ever.
const maxWait = 2 * time.Second

// batcher collects changed paths until the tree has been quiet for the
// debounce period, then holds them as a batch until the consumer takes it.
// Changes that arrive while a batch waits go into the next one, so a slow
// consumer delays batches but never blocks the source of changes.
//
// A batcher belongs to one goroutine, the loop of its source, which selects
// on timer.C and on the channel returned by out.
type batcher struct {
	debounce time.Duration
	timer    *time.Timer

	paths       map[string]bool
	overflow    bool
	first, last time.Time // when the oldest and newest pending changes arrived

	ready *Batch // waiting for the consumer
}

func newBatcher(debounce time.Duration) *batcher {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &batcher{debounce: debounce, timer: t, paths: map[string]bool{}}
}

// add records a change to rel.
func (b *batcher) add(rel string) {
	b.touch()
	b.paths[rel] = true
}

// lose records that changes were lost.
func (b *batcher) lose() {
	b.touch()
	b.overflow = true
}

func (b *batcher) touch() {
	now := time.Now()
	if !b.pending() {
		b.first = now
	}
	b.last = now
	b.arm()
}

func (b *batcher) pending() bool { return len(b.paths) > 0 || b.overflow }

// arm sets the timer for the end of the current quiet period.
func (b *batcher) arm() {
	deadline := b.last.Add(b.debounce)
	if limit := b.first.Add(max(maxWait, b.debounce)); limit.Before(deadline) {
		deadline = limit
	}
	// Since Go 1.23, Reset discards a value the timer sent but nobody
	// received, so a stale tick never ends a quiet period early.
	b.timer.Reset(max(time.Until(deadline), 0))
}

// fire is called when the timer ticks: the pending changes become the batch
// to offer, unless one is already waiting, in which case sent picks them up.
func (b *batcher) fire() {
	if b.ready != nil || !b.pending() {
		return
	}
	paths := make([]string, 0, len(b.paths))
	for p := range b.paths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	b.ready = &Batch{Paths: paths, Overflow: b.overflow}
	b.paths, b.overflow = map[string]bool{}, false
}

// out returns the channel to offer the ready batch on, and the batch; the
// channel is nil, so that a select never chooses it, when none is ready.
func (b *batcher) out(batches chan<- Batch) (chan<- Batch, Batch) {
	if b.ready == nil {
		return nil, Batch{}
	}
	return batches, *b.ready
}

// sent is called once the consumer took the ready batch.
func (b *batcher) sent() {
	b.ready = nil
	if b.pending() {
		b.arm()
	}
}

// stop releases the timer.
func (b *batcher) stop() { b.timer.Stop() }
