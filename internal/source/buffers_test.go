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

// TestBuffersHandedBack: a load whose budget keeps no text reads each
// report into Buffers and hands them back once its texts are let go of; a
// reread into Buffers gives the texts a plain one gives. Not parallel: it
// looks at the list of free chunks.
func TestBuffersHandedBack(t *testing.T) {
	src := rereadSite()
	want := loadOne(t, src)
	freeChunks.list = nil
	site, err := LoadWith(src, Options{TextBudget: 1, PerReport: 1}) // a budget of 0 for one report
	if err != nil {
		t.Fatal(err)
	}
	r := site.Reports()[0]
	if n := len(freeChunks.list); n != 1 || !r.TextsDropped() {
		t.Fatalf("after the load: %d free chunks and texts dropped %v, want 1 and true", n, r.TextsDropped())
	}
	if r.Title != want.Title || r.OrgID != want.OrgID {
		t.Errorf("the model changed with its chunk's release: title %q, org_id %q", r.Title, r.OrgID)
	}
	buf := new(Buffers)
	again, err := Reread(src, r, buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(freeChunks.list) != 0 || len(buf.chunks) != 1 {
		t.Errorf("the reread took %d chunks, %d left free; want the free one", len(buf.chunks), len(freeChunks.list))
	}
	if _, ok := r.Restore(again); !ok {
		t.Fatal("Restore refused what Reread read into Buffers")
	}
	for i, s := range r.Sections {
		if string(s.Body.Source) != string(want.Sections[i].Body.Source) {
			t.Errorf("section %d read again into Buffers: %q, want %q", i, s.Body.Source, want.Sections[i].Body.Source)
		}
	}
	r.DropTexts()
	buf.Release()
	if len(freeChunks.list) != 1 {
		t.Errorf("after the release: %d free chunks, want 1", len(freeChunks.list))
	}
}
