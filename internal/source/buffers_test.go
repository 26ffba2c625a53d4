package source

import (
	"bytes"
	"testing"
)

// TestBuffersTake: the slices of one Buffers never overlap, an append past
// one's capacity leaves the chunk, a large file gets bytes of its own, and
// a released chunk is reused, overwritten in a test binary.
func TestBuffersTake(t *testing.T) {
	var b Buffers
	x, y := b.take(100), b.take(200)
	if len(x) != 0 || cap(x) != 100 || cap(y) != 200 {
		t.Fatalf("take: len %d, caps %d and %d, want 0, 100 and 200", len(x), cap(x), cap(y))
	}
	x = append(x, bytes.Repeat([]byte("x"), 100)...)
	y = append(y, bytes.Repeat([]byte("y"), 200)...)
	x = append(x, 'z') // past its capacity: moved, y untouched
	if bytes.Count(y, []byte("y")) != 200 || string(x[100:]) != "z" {
		t.Errorf("an append past a slice's capacity wrote over the next one: y %q", y[:8])
	}
	if len(b.chunks) != 1 {
		t.Errorf("two small files took %d chunks, want 1", len(b.chunks))
	}
	b.take(chunkSize / 2) // fits the first chunk's tail
	b.take(chunkSize / 2) // does not
	if len(b.chunks) != 2 {
		t.Errorf("a file beyond the chunk's free tail: %d chunks, want 2", len(b.chunks))
	}
	if big := b.take(chunkSize/2 + 1); cap(big) != chunkSize/2+1 || len(b.chunks) != 2 {
		t.Errorf("a file of over half a chunk: cap %d and %d chunks, want its own bytes", cap(big), len(b.chunks))
	}
	first := b.chunks[0]
	b.Release()
	if b.chunks != nil || b.cur != nil {
		t.Error("Release kept the chunks")
	}
	if bytes.Count(first, []byte{0xFF}) != chunkSize {
		t.Error("a released chunk was not overwritten in a test binary")
	}
	// The next Buffers takes a released chunk, still holding what
	// Release wrote over it.
	var c Buffers
	c.take(10)
	if bytes.Count(c.chunks[0], []byte{0xFF}) != chunkSize {
		t.Error("a new Buffers did not reuse a released chunk")
	}
	c.Release()

	var none *Buffers
	if s := none.take(10); cap(s) != 10 {
		t.Errorf("a nil Buffers: cap %d, want 10", cap(s))
	}
	none.Release() // nothing to hand back
}
