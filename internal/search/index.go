package search

import (
	"math/bits"
	"sync"
	"unicode/utf8"
)

// work is the scratch space of indexing one report, kept for the next
// (workPool): an open-addressing table of the report's keys, each with its
// stats in the same slot, which costs a fraction of a map's lookups on the
// keys of every character.
type work struct {
	table   []keyCount // a power of two long; key 0 marks a free slot
	stat    []keyStat  // by slot, as table
	used    int
	touched []uint32 // the slots counted in the current section
	rec     []byte   // the records of a block
	buf     []byte   // a block of the spill
	byGroup [spillBuckets][]uint32
}

// keyCount is a key of the report and its count in the section being read:
// what the count of each character reads and writes, sixteen bytes, so
// that the table of a report's keys stays in the processor's cache.
type keyCount struct {
	k      key
	sec, n uint32 // the section counted last, plus one; the count there
}

// keyStat is what the postings say of a key of the report.
type keyStat struct {
	sections uint32
	most     uint32
	named    bool
}

var workPool = sync.Pool{New: func() any { return newWork(1 << 12) }}

func newWork(slots int) *work {
	return &work{table: make([]keyCount, slots), stat: make([]keyStat, slots)}
}

// home is k's first slot: the top bits of a Fibonacci hash, which every
// bit of the key moves (the low bits would ignore a triple's first
// character).
func (w *work) home(k key) uint64 {
	return uint64(k) * 0x9E3779B97F4A7C15 >> (64 - bits.TrailingZeros(uint(len(w.table))))
}

// count adds c occurrences of k in section s.
func (w *work) count(k key, s, c uint32) {
	mask := uint64(len(w.table) - 1)
	h := w.home(k)
	for w.table[h].k != k {
		if w.table[h].k == 0 {
			w.table[h].k = k
			if w.used++; w.used*2 > len(w.table) {
				w.grow()
				mask, h = uint64(len(w.table)-1), w.home(k)
				continue
			}
			break
		}
		h = (h + 1) & mask
	}
	st := &w.table[h]
	if st.sec != s+1 {
		st.sec, st.n = s+1, 0
		w.touched = append(w.touched, uint32(h))
	}
	st.n += c
}

// grow doubles the table. The slots touched in the current section move,
// and keep their order in touched.
func (w *work) grow() {
	old, oldStat := w.table, w.stat
	w.table, w.stat = make([]keyCount, 2*len(old)), make([]keyStat, 2*len(old))
	mask := uint64(len(w.table) - 1)
	moved := make([]uint32, len(old))
	for i, kc := range old {
		if kc.k == 0 {
			continue
		}
		h := w.home(kc.k)
		for w.table[h].k != 0 {
			h = (h + 1) & mask
		}
		w.table[h], w.stat[h] = kc, oldStat[i]
		moved[i] = uint32(h)
	}
	for j, i := range w.touched {
		w.touched[j] = moved[i]
	}
}

// section counts the keys of the lines of section s (0: the title and
// unit), as keys lists them for the lines joined by newlines. Each character is the start of one longest key (three
// characters if isTriple, else two, or one at the end of a run of indexable
// ones), and only that key is counted as the text is read: the count of a
// shorter key is the sum of the counts of the longest keys it begins,
// added once per distinct key of the section at its end. That is one
// lookup a character instead of two or three.
func (w *work) section(lines []string, s uint32) {
	for _, text := range lines {
		w.countLine(text, s)
	}
	w.endSection(s)
}

// countLine counts the longest key of each character of text, a line of
// section s: no key spans two lines.
func (w *work) countLine(text string, s uint32) {
	var p1, p2 rune = -1, -1 // the character before, and the one before it
	for i := 0; i <= len(text); {
		r := rune(-1) // the end of the text ends a run too
		if i < len(text) {
			n := 1
			if r = rune(text[i]); r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[i:])
			}
			i += n
			if r = Fold(r); !Indexable(r) {
				r = -1
			}
		} else {
			i++
		}
		// The longest key beginning at p2 is known now that r is.
		if p2 >= 0 {
			if r >= 0 && isTriple(p2, p1, r) {
				w.count(tripleKey(p2, p1, r), s, 1)
			} else {
				w.count(pairKey(p2, p1), s, 1)
			}
		}
		if r < 0 {
			// The last character of a run begins no longer key.
			if p1 >= 0 {
				w.count(unigramKey(p1), s, 1)
			}
			p1, p2 = -1, -1
			continue
		}
		p1, p2 = r, p1
	}
}

// endSection adds to the counts of section s those of the shorter keys,
// and the section's counts to the stats of its keys.
func (w *work) endSection(s uint32) {
	// The longest keys counted, pairs first: until the triples are added
	// to them, their counts are their own as longest keys.
	longest := len(w.touched)
	for j := range longest {
		if st := w.table[w.touched[j]]; st.k&bigram != 0 {
			rs, _ := st.k.runes()
			w.count(unigramKey(rs[0]), s, st.n)
		}
	}
	for j := range longest {
		st := w.table[w.touched[j]]
		if st.k&trigram != 0 {
			rs, _ := st.k.runes()
			w.count(pairKey(rs[0], rs[1]), s, st.n)
			w.count(unigramKey(rs[0]), s, st.n)
		}
	}
	for _, i := range w.touched {
		st := &w.stat[i]
		if s == 0 {
			st.named = true
			continue
		}
		st.sections++
		st.most = max(st.most, w.table[i].n)
	}
	w.touched = w.touched[:0]
}

func (w *work) reset() {
	clear(w.table)
	clear(w.stat)
	w.used = 0
	w.touched = w.touched[:0]
	for i := range w.byGroup {
		w.byGroup[i] = w.byGroup[i][:0]
	}
}

// index adds report id's keys to the spill; texts are its sections, each
// its lines, numbered from 0 as the postings number them.
func (b *Builder) index(id uint32, texts [][]string) error {
	w := workPool.Get().(*work)
	defer func() {
		w.reset()
		workPool.Put(w)
	}()
	for s, t := range texts {
		w.section(t, uint32(s))
	}
	for i := range w.table {
		if k := w.table[i].k; k != 0 {
			g := hashOf(k) % spillBuckets
			w.byGroup[g] = append(w.byGroup[g], uint32(i))
		}
	}
	for g, slots := range w.byGroup {
		if len(slots) == 0 {
			continue
		}
		w.rec = w.rec[:0]
		for _, i := range slots {
			st := &w.stat[i]
			w.rec = appendRecord(w.rec, w.table[i].k, Entry{Report: id, Sections: st.sections, Named: st.named, Most: st.most})
		}
		w.buf = appendBlock(w.buf[:0], id, len(slots), w.rec)
		if err := b.spill.write(uint32(g), w.buf, len(slots)); err != nil {
			return err
		}
	}
	return nil
}
