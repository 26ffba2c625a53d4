package report

import (
	"encoding/binary"
	"errors"
	"sync"

	"gongkai/internal/decimal"
)

// What a report lets go of until its page is rendered, its indicator rows
// (Shed) and its data blocks (ShedBlocks), it keeps packed in bytes, which
// hold no pointer for the collector to follow: strings as words
// (appendWord), numbers as varints, a path only where it differs from the
// one packed before. The bytes never leave the process.

// errPacked stops an unpacker at bytes a packer did not write.
var errPacked = errors.New("report: packed bytes are damaged")

// packer appends the fields of rows or blocks to b.
type packer struct {
	b    []byte
	path string
}

func (p *packer) uvarint(v uint64) { p.b = binary.AppendUvarint(p.b, v) }

func (p *packer) varint(v int64) { p.b = binary.AppendVarint(p.b, v) }

func (p *packer) bool(v bool) {
	if v {
		p.b = append(p.b, 1)
	} else {
		p.b = append(p.b, 0)
	}
}

func (p *packer) word(s string) { p.b = appendWord(p.b, s) }

func (p *packer) string(s string) {
	p.uvarint(uint64(len(s)))
	p.b = append(p.b, s...)
}

// pos packs a place, its path only when it is not the last one packed.
func (p *packer) pos(pos Pos) {
	if pos.Path == p.path {
		p.b = append(p.b, 0)
	} else {
		p.path = pos.Path
		p.b = append(p.b, 1)
		p.string(pos.Path)
	}
	p.varint(int64(pos.Line))
	p.varint(int64(pos.Col))
}

func (p *packer) dec(d decimal.Dec) { p.b, _ = d.AppendBinary(p.b) } // never fails

// optDec packs a number that may be left out.
func (p *packer) optDec(d *decimal.Dec) {
	p.bool(d != nil)
	if d != nil {
		p.dec(*d)
	}
}

func (p *packer) date(d Date) {
	p.varint(int64(d.Year))
	p.varint(int64(d.Month))
	p.varint(int64(d.Day))
}

func (p *packer) provenance(v Provenance) {
	p.bool(v.Draft)
	p.word(v.Source)
}

// words is the table of the short strings that packed rows and blocks
// share, filled as they are packed and kept for the process: an
// indicator's levels, name and target, a budget item's code and name,
// repeat from report to report, and a word takes a varint of its number
// where its bytes took tens: the benchmark corpus's rows pack in 225 bytes
// a report instead of 780 (BenchmarkShed). It holds at most maxWords of at
// most maxWordBytes each, so that a long serve cannot grow it without
// bound; other strings are packed as they are.
var words = struct {
	sync.RWMutex
	ids  map[string]uint32
	list []string
}{ids: map[string]uint32{}}

const (
	maxWords     = 1 << 16
	maxWordBytes = 64
)

// appendWord appends s as the number of its word, shifted left and with
// the low bit set, or as its length shifted left and its bytes.
func appendWord(b []byte, s string) []byte {
	if id, ok := wordOf(s); ok {
		return binary.AppendUvarint(b, uint64(id)<<1|1)
	}
	return append(binary.AppendUvarint(b, uint64(len(s))<<1), s...)
}

// wordOf is the number of the word s, made if there is room.
func wordOf(s string) (uint32, bool) {
	if len(s) > maxWordBytes {
		return 0, false
	}
	words.RLock()
	id, ok := words.ids[s]
	words.RUnlock()
	if ok {
		return id, true
	}
	words.Lock()
	defer words.Unlock()
	if id, ok := words.ids[s]; ok {
		return id, true
	}
	if len(words.list) >= maxWords {
		return 0, false
	}
	id = uint32(len(words.list))
	words.list = append(words.list, s)
	words.ids[s] = id
	return id, true
}

// unpacker reads what a packer wrote; its first error stops it.
type unpacker struct {
	b    []byte
	path string
	err  error
}

// unpackList reads a list's length and its elements with read, made in
// one array as the decoder makes them.
func unpackList[T any](u *unpacker, read func(*unpacker, *T)) []*T {
	n := u.uvarint()
	if n == 0 {
		return nil
	}
	if n > uint64(len(u.b)) { // an element takes bytes
		u.fail()
		return nil
	}
	list, all := make([]*T, n), make([]T, n)
	for i := range all {
		read(u, &all[i])
		list[i] = &all[i]
	}
	return list
}

func (u *unpacker) fail() {
	if u.err == nil {
		u.err = errPacked
	}
	u.b = nil
}

func (u *unpacker) byte() byte {
	if len(u.b) == 0 {
		u.fail()
		return 0
	}
	c := u.b[0]
	u.b = u.b[1:]
	return c
}

// bool reads what packer.bool wrote: a byte other than 0 or 1 is damage.
func (u *unpacker) bool() bool {
	switch u.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	u.fail()
	return false
}

func (u *unpacker) uvarint() uint64 { return cutVarint(u, binary.Uvarint) }

func (u *unpacker) varint() int64 { return cutVarint(u, binary.Varint) }

// cutVarint reads a varint off u with read, binary.Uvarint or Varint.
func cutVarint[T uint64 | int64](u *unpacker, read func([]byte) (T, int)) T {
	v, n := read(u.b)
	if n <= 0 {
		u.fail()
		return 0
	}
	u.b = u.b[n:]
	return v
}

// int reads a varint that was an int.
func (u *unpacker) int() int { return int(u.varint()) }

func (u *unpacker) word() string {
	tag := u.uvarint()
	if tag&1 == 0 {
		return u.bytes(tag >> 1)
	}
	words.RLock()
	defer words.RUnlock()
	if tag>>1 >= uint64(len(words.list)) {
		u.fail()
		return ""
	}
	return words.list[tag>>1]
}

func (u *unpacker) string() string { return u.bytes(u.uvarint()) }

// bytes reads a string of n bytes.
func (u *unpacker) bytes(n uint64) string {
	if n > uint64(len(u.b)) {
		u.fail()
		return ""
	}
	s := string(u.b[:n])
	u.b = u.b[n:]
	return s
}

func (u *unpacker) pos() Pos {
	if u.bool() {
		u.path = u.string()
	}
	return Pos{Path: u.path, Line: u.int(), Col: u.int()}
}

func (u *unpacker) dec() decimal.Dec {
	if u.err != nil {
		return decimal.Dec{}
	}
	d, rest, err := decimal.CutBinary(u.b)
	if err != nil {
		u.fail()
		return decimal.Dec{}
	}
	u.b = rest
	return d
}

func (u *unpacker) optDec() *decimal.Dec {
	if !u.bool() {
		return nil
	}
	d := u.dec()
	if u.err != nil {
		return nil
	}
	return &d
}

func (u *unpacker) date() Date { return Date{Year: u.int(), Month: u.int(), Day: u.int()} }

func (u *unpacker) provenance() Provenance { return Provenance{Draft: u.bool(), Source: u.word()} }
