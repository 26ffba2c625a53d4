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
// one packed before. The bytes never leave the process. Each kind of row
// or block lists its fields once, in a method that hands each to a coder:
// the packer writes it, the unpacker sets it, so the two cannot disagree on
// the order.

// errPacked stops an unpacker at bytes a packer did not write.
var errPacked = errors.New("report: packed bytes are damaged")

// pack packs what code hands a packer of ds.
func pack(ds []*Data, code func(coder, []*Data)) []byte {
	var p packer
	code(&p, ds)
	return p.b
}

// unpack unpacks b, which pack wrote with code, into n Data of their own,
// and reports whether b held exactly that.
func unpack(b []byte, n int, code func(coder, []*Data)) ([]Data, bool) {
	u := unpacker{b: b}
	all := make([]Data, n)
	ds := make([]*Data, n)
	for i := range all {
		ds[i] = &all[i]
	}
	code(&u, ds)
	return all, u.err == nil && len(u.b) == 0
}

// coder packs or unpacks the field it is given: a packer writes it, an
// unpacker sets it.
type coder interface {
	pos(*Pos)
	word(*string)
	int64(*int64)
	optInt64(**int64)
	dec(*decimal.Dec)
	optDec(**decimal.Dec)
	bool(*bool)
	date(*Date)
	provenance(*Provenance)
}

// codeList packs or unpacks a list: its length, then each element with
// code. Unpacked, the elements are made in one array, as the decoder
// makes them, and a list of none is nil.
func codeList[T any](c coder, list *[]*T, code func(*T, coder)) {
	if p, ok := c.(*packer); ok {
		p.uvarint(uint64(len(*list)))
		for _, e := range *list {
			code(e, c)
		}
		return
	}
	u := c.(*unpacker)
	n := u.uvarint()
	*list = nil
	if n == 0 {
		return
	}
	if n > uint64(len(u.b)) { // an element takes bytes
		u.fail()
		return
	}
	ptrs, all := make([]*T, n), make([]T, n)
	for i := range all {
		code(&all[i], c)
		ptrs[i] = &all[i]
	}
	*list = ptrs
}

// packer appends the fields it is given to b.
type packer struct {
	b    []byte
	path string
}

func (p *packer) uvarint(v uint64) { p.b = binary.AppendUvarint(p.b, v) }

func (p *packer) varint(v int64) { p.b = binary.AppendVarint(p.b, v) }

func (p *packer) string(s string) {
	p.uvarint(uint64(len(s)))
	p.b = append(p.b, s...)
}

// pos packs a place, its path only when it is not the last one packed.
func (p *packer) pos(pos *Pos) {
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

func (p *packer) word(s *string) { p.b = appendWord(p.b, *s) }

func (p *packer) int64(v *int64) { p.varint(*v) }

func (p *packer) optInt64(v **int64) {
	p.present(*v != nil)
	if *v != nil {
		p.int64(*v)
	}
}

func (p *packer) dec(d *decimal.Dec) { p.b, _ = d.AppendBinary(p.b) } // never fails

func (p *packer) optDec(d **decimal.Dec) {
	p.present(*d != nil)
	if *d != nil {
		p.dec(*d)
	}
}

func (p *packer) bool(v *bool) { p.present(*v) }

// present writes a flag byte: 1 for true.
func (p *packer) present(v bool) {
	if v {
		p.b = append(p.b, 1)
	} else {
		p.b = append(p.b, 0)
	}
}

func (p *packer) date(d *Date) {
	p.varint(int64(d.Year))
	p.varint(int64(d.Month))
	p.varint(int64(d.Day))
}

func (p *packer) provenance(v *Provenance) {
	p.bool(&v.Draft)
	p.word(&v.Source)
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

// unpacker sets the fields it is given from what a packer wrote; its
// first error stops it.
type unpacker struct {
	b    []byte
	path string
	err  error
}

func (u *unpacker) fail() {
	if u.err == nil {
		u.err = errPacked
	}
	u.b = nil
}

// present reads what packer.present wrote: a byte other than 0 or 1 is
// damage.
func (u *unpacker) present() bool {
	if len(u.b) == 0 {
		u.fail()
		return false
	}
	c := u.b[0]
	u.b = u.b[1:]
	if c > 1 {
		u.fail()
	}
	return c == 1
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

func (u *unpacker) pos(pos *Pos) {
	if u.present() {
		u.path = u.string()
	}
	*pos = Pos{Path: u.path, Line: int(u.varint()), Col: int(u.varint())}
}

func (u *unpacker) word(s *string) {
	tag := u.uvarint()
	if tag&1 == 0 {
		*s = u.bytes(tag >> 1)
		return
	}
	words.RLock()
	defer words.RUnlock()
	if tag>>1 >= uint64(len(words.list)) {
		u.fail()
		*s = ""
		return
	}
	*s = words.list[tag>>1]
}

func (u *unpacker) int64(v *int64) { *v = u.varint() }

func (u *unpacker) optInt64(v **int64) {
	*v = nil
	if u.present() {
		n := u.varint()
		*v = &n
	}
}

func (u *unpacker) dec(d *decimal.Dec) {
	*d = decimal.Dec{}
	if u.err != nil {
		return
	}
	v, rest, err := decimal.CutBinary(u.b)
	if err != nil {
		u.fail()
		return
	}
	*d, u.b = v, rest
}

func (u *unpacker) optDec(d **decimal.Dec) {
	*d = nil
	if u.present() {
		var v decimal.Dec
		if u.dec(&v); u.err == nil {
			*d = &v
		}
	}
}

func (u *unpacker) bool(v *bool) { *v = u.present() }

func (u *unpacker) date(d *Date) {
	*d = Date{Year: int(u.varint()), Month: int(u.varint()), Day: int(u.varint())}
}

func (u *unpacker) provenance(v *Provenance) {
	u.bool(&v.Draft)
	u.word(&v.Source)
}
