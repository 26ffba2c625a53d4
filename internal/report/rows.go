package report

import (
	"encoding/binary"
	"errors"
	"sync"

	"gongkai/internal/decimal"
)

// errRows reports packed rows that packRows did not write.
var errRows = errors.New("report: the packed indicator rows are damaged")

// packRows packs the indicator rows of the report and of each section, in
// that order, into bytes: for each list its length, then each row's
// fields, strings as words (appendWord), numbers as varints, a path only
// where it differs from the row before.
func (r *Report) packRows() []byte {
	var b []byte
	path := ""
	for _, d := range r.AllData() {
		b = binary.AppendUvarint(b, uint64(len(d.Indicators)))
		for _, in := range d.Indicators {
			if in.Pos.Path == path {
				b = append(b, 0)
			} else {
				path = in.Pos.Path
				b = appendString(append(b, 1), path)
			}
			b = binary.AppendVarint(b, int64(in.Pos.Line))
			b = binary.AppendVarint(b, int64(in.Pos.Col))
			for _, s := range [...]string{in.Level1, in.Level2, in.Name, in.Target, in.Actual, in.Note, in.Source} {
				b = appendWord(b, s)
			}
			for _, d := range [...]*decimal.Dec{in.Weight, in.Score} {
				if d == nil {
					b = append(b, 0)
					continue
				}
				b, _ = d.AppendBinary(append(b, 1)) // never fails
			}
			if in.Draft {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// words is the table of the short strings that packed rows share, filled
// as rows are packed and kept for the process: an indicator's levels, name
// and target repeat from report to report, and a word takes a varint of
// its number where its bytes took tens: the benchmark corpus's rows pack
// in 225 bytes a report instead of 780 (BenchmarkShed). It holds at most
// maxWords of at most
// maxWordBytes each, so that a long serve cannot grow it without bound;
// other strings are packed as they are.
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

// unpackRows gives the report and its sections back the rows packRows
// packed, or nothing if the bytes are damaged. Words are the table's
// strings, shared; the bytes stay packed for the next Shed.
func (r *Report) unpackRows() error {
	u := unpacker{b: r.rows}
	lists := make([][]*Indicator, 0, len(r.Sections)+1)
	for range len(r.Sections) + 1 {
		n := u.uvarint()
		if n > uint64(len(u.b)) { // a row takes bytes
			return errRows
		}
		var list []*Indicator
		if n > 0 {
			list = make([]*Indicator, n)
			rows := make([]Indicator, n)
			for i := range rows {
				u.row(&rows[i])
				list[i] = &rows[i]
			}
		}
		lists = append(lists, list)
	}
	if u.err != nil || len(u.b) > 0 {
		return errRows
	}
	r.Data.Indicators = lists[0]
	for i, s := range r.Sections {
		s.Indicators = lists[i+1]
	}
	return nil
}

// unpacker reads packed rows; its first error stops it.
type unpacker struct {
	b    []byte
	path string
	err  error
}

func (u *unpacker) row(in *Indicator) {
	switch u.byte() {
	case 0:
	case 1:
		u.path = u.string()
	default:
		u.fail()
	}
	in.Pos = Pos{Path: u.path, Line: int(u.varint()), Col: int(u.varint())}
	for _, s := range [...]*string{&in.Level1, &in.Level2, &in.Name, &in.Target, &in.Actual, &in.Note, &in.Source} {
		*s = u.word()
	}
	for _, d := range [...]**decimal.Dec{&in.Weight, &in.Score} {
		if u.byte() == 0 || u.err != nil {
			continue
		}
		v, rest, err := decimal.CutBinary(u.b)
		if err != nil {
			u.fail()
			continue
		}
		*d, u.b = &v, rest
	}
	in.Draft = u.byte() == 1
}

func (u *unpacker) fail() {
	if u.err == nil {
		u.err = errRows
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
