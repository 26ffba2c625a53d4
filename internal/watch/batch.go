package watch

import (
	"slices"
	"time"
)

// maxWait bounds how long a change waits for the tree to fall quiet, so that
// a file written every few milliseconds (a log, a slow copy) cannot hold back
// every other change for ever.
const maxWait = 2 * time.Second

// renameGrace is how long a batch waits for a changed path that is missing
// or empty to come back or fill. Editors that save by rename (vim: the file
// renamed to a backup, a new one written under its name; VS Code and
// others: a temporary file renamed over it) leave the path missing for a
// moment, and a file is empty between the open that creates or truncates
// it and the first write: a build then would fail on, or publish nothing
// of, a file that is about to be whole, and a second build follow. A file
// really removed or emptied is reported this much later.
const renameGrace = 50 * time.Millisecond

// recheck is how often a batch waiting for a missing path looks again.
const recheck = 2 * time.Millisecond

// batcher collects changed paths until the tree has been quiet for the
// debounce period — a few milliseconds, so that a rebuild starts with the
// first save rather than a fixed delay after it, while the handful of
// events one save makes still come as one batch — and every changed path
// that is missing has come back or stayed away for renameGrace; then it
// holds them as a batch until the consumer takes it.
// Changes that arrive while a batch waits go into the next one, so a slow
// consumer delays batches but never blocks the source of changes.
//
// A batcher belongs to one goroutine, the loop of its source, which selects
// on timer.C and on the channel returned by out.
type batcher struct {
	debounce time.Duration
	timer    *time.Timer
	// stat describes a changed path as it is now: ok is false when it is
	// missing. nil: do not wait for missing or empty files, and send every
	// event.
	stat func(rel string) (st stamp, ok bool)
	// seen are the paths of the last batch as they were when it was made.
	// An event that arrives after its batch was made but describes a
	// change the batch already saw (the file still has the same size and
	// time) is dropped: without that, the write event of a save that the
	// batch read whole would start a second, needless rebuild.
	seen map[string]stamp

	paths       map[string]bool
	overflow    bool
	first, last time.Time // when the oldest and newest pending changes arrived

	ready *Batch // waiting for the consumer
}

// stamp is what tells one state of a file from the next.
type stamp struct {
	size    int64
	modTime time.Time
	regular bool
}

func newBatcher(debounce time.Duration, stat func(rel string) (stamp, bool)) *batcher {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &batcher{debounce: debounce, timer: t, stat: stat, paths: map[string]bool{}}
}

// add records a change to rel.
func (b *batcher) add(rel string) {
	if seen, ok := b.seen[rel]; ok && seen.regular && !b.paths[rel] {
		if now, ok := b.stat(rel); ok && now == seen {
			return
		}
	}
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
	if b.unsettled() && time.Since(b.last) < renameGrace {
		b.timer.Reset(recheck)
		return
	}
	paths := make([]string, 0, len(b.paths))
	b.seen = map[string]stamp{}
	for p := range b.paths {
		paths = append(paths, p)
		if b.stat != nil {
			if st, ok := b.stat(p); ok {
				b.seen[p] = st
			}
		}
	}
	slices.Sort(paths)
	b.ready = &Batch{Paths: paths, Overflow: b.overflow}
	b.paths, b.overflow = map[string]bool{}, false
}

// unsettled reports whether a pending path is missing or an empty file.
func (b *batcher) unsettled() bool {
	if b.stat == nil {
		return false
	}
	for p := range b.paths {
		if st, ok := b.stat(p); !ok || st.regular && st.size == 0 {
			return true
		}
	}
	return false
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
