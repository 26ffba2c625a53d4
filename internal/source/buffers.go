package source

import (
	"sync"
	"testing"
)

// Buffers is where one report's files are read when its texts will be let
// go of soon: on a province's site every text is read twice, once to check
// it and once to render its page, and each is let go of right after. Read
// into bytes of their own, the texts of 20,000 reports made 1.3 GB of the
// build's 9.5 GB of allocations, and the collector runs ever more often as
// the heap nears the memory limit. Read into Buffers, they reuse the same
// few chunks: Release hands the chunks back once nothing holds the texts.
//
// A nil *Buffers reads each file into bytes of its own, which nothing
// hands back.
type Buffers struct {
	chunks [][]byte
	cur    []byte // the free tail of the last chunk
}

const (
	// chunkSize is a chunk's size: the texts of a report of the benchmark
	// corpus, ten files and 33 KB, fit in half of one.
	chunkSize = 128 << 10
	// maxFreeChunks bounds the chunks kept for reuse, 8 MB: enough for the
	// reports a build reads or renders at once.
	maxFreeChunks = 64
)

// freeChunks are the chunks handed back, for the next Buffers.
var freeChunks struct {
	sync.Mutex
	list [][]byte
}

// take returns an empty slice of capacity n. A file of more than half a
// chunk gets bytes of its own: it would leave most of a chunk unused.
func (b *Buffers) take(n int) []byte {
	if b == nil || n > chunkSize/2 {
		return make([]byte, 0, n)
	}
	if cap(b.cur) < n {
		c := newChunk()
		b.chunks = append(b.chunks, c)
		b.cur = c
	}
	// The capacity ends where the slice does, so that an append (a file
	// that grew while it was read) moves the bytes out of the chunk
	// rather than over the next file's.
	s := b.cur[:0:n]
	b.cur = b.cur[n:]
	return s
}

// Take returns n bytes of b to read into, b's until Release.
func (b *Buffers) Take(n int) []byte { return b.take(n)[:n] }

func newChunk() []byte {
	freeChunks.Lock()
	defer freeChunks.Unlock()
	if k := len(freeChunks.list); k > 0 {
		c := freeChunks.list[k-1]
		freeChunks.list[k-1] = nil
		freeChunks.list = freeChunks.list[:k-1]
		return c
	}
	return make([]byte, chunkSize)
}

// Release hands b's chunks back for reuse. The texts read into b must be
// let go of first (Report.DropTexts): their bytes will hold other files.
// In a test binary the chunks are overwritten, so that a text read after
// its release shows in the output rather than passing unseen.
func (b *Buffers) Release() {
	if b == nil {
		return
	}
	freeChunks.Lock()
	defer freeChunks.Unlock()
	for _, c := range b.chunks {
		if testing.Testing() {
			for i := range c {
				c[i] = 0xFF
			}
		}
		if len(freeChunks.list) < maxFreeChunks {
			freeChunks.list = append(freeChunks.list, c)
		}
	}
	b.chunks, b.cur = nil, nil
}
