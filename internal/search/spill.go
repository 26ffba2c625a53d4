package search

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"
)

// spillBuckets is how many files the postings are spilled to while the
// reports are indexed, by the hash of their keys: Finish reads one at a
// time, so what it holds is a 256th of the index.
const spillBuckets = 256

// spill keeps the postings of the reports indexed so far out of the
// reports' way, by bucket: each report's entries, a block a bucket,
//
//	report number, number of records, their length in bytes, records
//
// where a record is a key and its entry (appendRecord). A bucket waits in
// memory while the build may hold it (hold), and else in an unnamed
// temporary file: a file is removed from its folder as soon as it is made,
// so that nothing is left behind, even by a build that is killed.
type spill struct {
	records atomic.Int64
	// hold is how many more bytes of blocks may wait in memory; once a
	// block does not fit, its bucket moves to a file. A bucket in memory
	// is a list of chunks of chunkBytes, filled in turn: it never copies
	// what it holds to grow, and holds at most a chunk more than hold let
	// in.
	hold atomic.Int64
	mu   [spillBuckets]sync.Mutex
	mem  [spillBuckets]chunks
	f    [spillBuckets]*os.File
	w    [spillBuckets]*bufio.Writer
}

// write appends block, which holds n records, to bucket g.
func (s *spill) write(g uint32, block []byte, n int) error {
	s.mu[g].Lock()
	defer s.mu[g].Unlock()
	s.records.Add(int64(n))
	if s.f[g] == nil {
		if s.hold.Add(-int64(len(block))) >= 0 {
			s.mem[g].append(block)
			return nil
		}
		f, err := os.CreateTemp("", "gongkai-search-*")
		if err != nil {
			return spillError(err)
		}
		// On systems that cannot remove an open file, close does.
		_ = os.Remove(f.Name())
		s.f[g], s.w[g] = f, bufio.NewWriterSize(f, 16<<10)
		// What the bucket held in memory goes first, in its order.
		for _, c := range s.mem[g] {
			if _, err := s.w[g].Write(c); err != nil {
				return spillError(err)
			}
		}
		s.mem[g] = nil
	}
	if _, err := s.w[g].Write(block); err != nil {
		return spillError(err)
	}
	return nil
}

// chunkBytes is the size of a chunk of a bucket in memory.
const chunkBytes = 16 << 10

// chunks are the bytes of a bucket in memory, in order.
type chunks [][]byte

// append appends b, filling the last chunk first.
func (cs *chunks) append(b []byte) {
	for len(b) > 0 {
		if n := len(*cs); n == 0 || len((*cs)[n-1]) == cap((*cs)[n-1]) {
			*cs = append(*cs, make([]byte, 0, chunkBytes))
		}
		last := &(*cs)[len(*cs)-1]
		k := min(len(b), cap(*last)-len(*last))
		*last = append(*last, b[:k]...)
		b = b[k:]
	}
}

// spillError says which folder the temporary files are in, and how to
// choose another: the usual causes are a missing folder and a full disk.
func spillError(err error) error {
	return fmt.Errorf("无法写入临时文件（%s；可用环境变量 TMPDIR 指定其他文件夹）：%w", os.TempDir(), err)
}

// take returns the whole of bucket g and lets go of it if in memory:
// Finish reads each bucket once. The bucket is read into scratch, which
// it may grow.
func (s *spill) take(g int, scratch []byte) ([]byte, error) {
	s.mu[g].Lock()
	defer s.mu[g].Unlock()
	if s.f[g] == nil {
		data := scratch[:0]
		for _, c := range s.mem[g] {
			data = append(data, c...)
		}
		s.mem[g] = nil
		return data, nil
	}
	if err := s.w[g].Flush(); err != nil {
		return nil, spillError(err)
	}
	size, err := s.f[g].Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	data := slices.Grow(scratch[:0], int(size))[:size]
	_, err = s.f[g].ReadAt(data, 0)
	return data, err
}

// close lets go of every bucket.
func (s *spill) close() {
	for g := range s.f {
		s.mu[g].Lock()
		s.mem[g] = nil
		if f := s.f[g]; f != nil {
			f.Close()
			os.Remove(f.Name())
			s.f[g], s.w[g] = nil, nil
		}
		s.mu[g].Unlock()
	}
	s.records.Store(0)
	s.hold.Store(0)
}

var errSpill = errors.New("搜索索引的临时文件已损坏")

// appendRecord appends k and e but for its report, in varints
// (encoding/binary's: the spill is the build's own, and its seven bits a
// byte take fewer bytes and steps than the postings' five): the key's
// first character and length, its other characters, and e's stats as a
// posting's code and, unless it is a short one, the stats in full.
func appendRecord(dst []byte, k key, e Entry) []byte {
	rs, n := k.runes()
	dst = binary.AppendUvarint(dst, uint64(rs[0])<<2|uint64(n))
	for _, r := range rs[1:n] {
		dst = binary.AppendUvarint(dst, uint64(r))
	}
	code, short := shortCode(e)
	dst = append(dst, byte(code))
	if !short {
		dst = binary.AppendUvarint(binary.AppendUvarint(dst, statsWord(e)), uint64(e.Most))
	}
	return dst
}

// uvarint reads the varint at data[i:] and returns it and the index after.
func uvarint(data []byte, i int) (uint64, int, error) {
	if i >= len(data) {
		return 0, i, errSpill
	}
	if c := data[i]; c < 0x80 {
		return uint64(c), i + 1, nil
	}
	v, n := binary.Uvarint(data[i:])
	if n <= 0 {
		return 0, i, errSpill
	}
	return v, i + n, nil
}

// readRecord reads the record at data[i:], and returns the index after.
func readRecord(data []byte, i int) (k key, e Entry, next int, err error) {
	var v [5]uint64 // the head, up to two more characters, up to two stats
	if v[0], i, err = uvarint(data, i); err != nil {
		return 0, e, i, err
	}
	n := int(v[0] & 3)
	if n == 0 {
		return 0, e, i, errSpill
	}
	for j := 1; j < n; j++ {
		if v[j], i, err = uvarint(data, i); err != nil {
			return 0, e, i, err
		}
	}
	switch r0 := rune(v[0] >> 2); n {
	case 1:
		k = unigramKey(r0)
	case 2:
		k = pairKey(r0, rune(v[1]))
	default:
		k = tripleKey(r0, rune(v[1]), rune(v[2]))
	}
	if i >= len(data) {
		return 0, e, i, errSpill
	}
	code := uint64(data[i])
	i++
	switch {
	case code < codeSections*codeMost:
		e.Sections, e.Most = uint32(code%codeSections+1), uint32(code/codeSections+1)
	case code == codeFull:
		if v[3], i, err = uvarint(data, i); err == nil {
			v[4], i, err = uvarint(data, i)
		}
		e.Sections, e.Named, e.Most = uint32(v[3]>>1), v[3]&1 != 0, uint32(v[4])
	default:
		err = errSpill
	}
	return k, e, i, err
}

// appendBlock appends the block of report id's records, which are n and
// take rec.
func appendBlock(dst []byte, id uint32, n int, rec []byte) []byte {
	dst = binary.AppendUvarint(binary.AppendUvarint(binary.AppendUvarint(dst, uint64(id)), uint64(n)), uint64(len(rec)))
	return append(dst, rec...)
}

// block is where a block of a bucket is, and whose it is.
type block struct {
	id         uint32
	count      uint64
	start, end int
}

// blockScratch is what readBlocks reuses from bucket to bucket: a large
// site's bucket has a block for each report.
type blockScratch struct {
	read, placed []block
	at           []int32 // the index in read of each report's block, or -1
}

// readBlocks calls add with every record of the spilled bucket data, by
// ascending report: each block holds one report's records, so putting the
// blocks in report order (order) puts every key's entries in it. It lists
// the blocks in scratch.
func readBlocks(scratch *blockScratch, data []byte, add func(key, Entry)) error {
	bs := scratch.read[:0]
	defer func() { scratch.read = bs[:0] }()
	for i := 0; i < len(data); {
		var h [3]uint64 // report, records, bytes
		var err error
		for j := range h {
			if h[j], i, err = uvarint(data, i); err != nil {
				return errSpill
			}
		}
		if h[0] > 1<<32-1 || h[2] > uint64(len(data)-i) {
			return errSpill
		}
		bs = append(bs, block{id: uint32(h[0]), count: h[1], start: i, end: i + int(h[2])})
		i += int(h[2])
	}
	for _, b := range scratch.order(bs, data) {
		i := b.start
		for range b.count {
			k, e, next, err := readRecord(data[:b.end], i)
			if err != nil {
				return err
			}
			e.Report, i = b.id, next
			add(k, e)
		}
		if i != b.end {
			return errSpill
		}
	}
	return nil
}

// order returns bs by ascending report, the blocks of a report indexed
// twice by their bytes. A spilled bucket's blocks come in runs, one for
// each spill of each worker, and sorting them took 0.37 s of a
// 20,000-report build: place puts them in order in linear time when it
// can, and they are sorted when it cannot.
func (s *blockScratch) order(bs []block, data []byte) []block {
	top, sorted := -1, true
	for i, b := range bs {
		top = max(top, int(b.id))
		sorted = sorted && (i == 0 || bs[i-1].id < b.id)
	}
	if sorted {
		return bs
	}
	if out, ok := s.place(bs, top); ok {
		return out
	}
	slices.SortFunc(bs, func(a, b block) int {
		// Not cmp.Or, which would compare the bytes of every two blocks:
		// only a report indexed twice has two blocks in a bucket.
		if c := cmp.Compare(a.id, b.id); c != 0 {
			return c
		}
		return bytes.Compare(data[a.start:a.end], data[b.start:b.end])
	})
	return bs
}

// place puts each block at its report's index, top being the largest. It
// declines (false) when a report has two blocks, or when the reports are
// few among many ids (which damaged data could name): its table of top+1
// places must stay within a few times the blocks.
func (s *blockScratch) place(bs []block, top int) ([]block, bool) {
	if top >= 4*len(bs)+64 {
		return nil, false
	}
	at := slices.Grow(s.at[:0], top+1)[:top+1]
	for i := range at {
		at[i] = -1
	}
	s.at = at
	for i, b := range bs {
		if at[b.id] >= 0 {
			return nil, false // a report indexed twice
		}
		at[b.id] = int32(i)
	}
	out := s.placed[:0]
	for _, i := range at {
		if i >= 0 {
			out = append(out, bs[i])
		}
	}
	s.placed = out
	return out, true
}
