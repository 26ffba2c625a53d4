package search

import (
	"math/bits"
	"sync"
	"unicode/utf8"
)

// work is the scratch space of indexing a batch of reports, kept for the
// next (workPool): a report's keys, each with its counts and stats in one
// slot of an open-addressing table, which costs a fraction of a map's
// lookups on the keys of every character. Single characters have tables
// of their own: a report has a few thousand, every character looks one
// up, and small tables stay in the processor's cache; those of the CJK
// block, most of them, are found by their code point.
type work struct {
	chars  table // keys of one character, but those of the unified block
	longer table // keys of two and three
	// The characters of the unified block, most of a report, have slots
	// of their own, found without a hash: character r's is
	// hanSlots[han[r-hanFirst]-1], and 0 in han says it has none yet.
	han      [hanLast - hanFirst + 1]uint16
	hanSlots []slot
	// indexable is indexableBMP's table.
	indexable *[1 << 16 / 64]uint64
	// The records of the report being counted, by bucket, how many each
	// bucket has, and the buckets that have some, in the order they got
	// their first.
	recs    [spillBuckets][]byte
	nrec    [spillBuckets]int
	touched []uint16
	// The blocks of the reports counted since the last spill, by bucket,
	// and how many records each bucket's hold: a batch of reports is
	// spilled at once, a lock a bucket.
	blocks  [spillBuckets][]byte
	records [spillBuckets]int
}

// table is an open-addressing table of keys: a power of two long, where
// key 0 marks a free slot.
type table struct {
	slots []slot
	used  int
}

// slot is a key of the report, its count in the section it was seen in
// last, and what the postings say of it from the sections before:
// twenty-four bytes.
type slot struct {
	k        key
	sec      uint32 // the section counted last, plus one; 0 before the first
	n        uint32 // the count there
	sections uint32 // the sections but 0 holding k, before sec; the top bit: section 0 does (named)
	most     uint32 // the largest count of those
}

const namedBit = 1 << 31

// The CJK Unified Ideographs, every one indexable and its own fold.
const hanFirst, hanLast = 0x4E00, 0x9FFF

var workPool = sync.Pool{New: func() any { return newWork(1<<11, 1<<12) }}

func newWork(chars, longer int) *work {
	return &work{chars: table{slots: make([]slot, chars)}, longer: table{slots: make([]slot, longer)}, indexable: indexableBMP()}
}

// home is k's first slot.
func (t *table) home(k key) uint64 { return homeOf(k, len(t.slots)) }

// homeOf is k's first slot in an open-addressing table of n slots, n a
// power of two: the top bits of a Fibonacci hash, which every bit of the
// key moves (the low bits would ignore a triple's first character).
func homeOf(k key, n int) uint64 {
	return uint64(k) * 0x9E3779B97F4A7C15 >> (64 - bits.TrailingZeros(uint(n)))
}

// count adds an occurrence of k in the section numbered sec-1, to its
// slot (slot.add).
func (t *table) count(k key, sec uint32) {
	mask := uint64(len(t.slots) - 1)
	h := t.home(k)
	for t.slots[h].k != k {
		if t.slots[h].k == 0 {
			if t.used+1 > len(t.slots)/2 {
				t.grow()
				t.count(k, sec)
				return
			}
			t.used++
			t.slots[h].k = k
			break
		}
		h = (h + 1) & mask
	}
	t.slots[h].add(sec)
}

// add counts an occurrence of the slot's key in the section numbered
// sec-1. When the key was last counted in an earlier section, that
// section's count goes into its stats first: a key's sections come one
// after the other, so no list of the keys of a section is needed.
func (sl *slot) add(sec uint32) {
	if sl.sec != sec {
		sl.close()
		sl.sec = sec
	}
	sl.n++
}

// close adds the count of the section counted last to the stats.
func (sl *slot) close() {
	switch sl.sec {
	case 0:
	case 1:
		sl.sections |= namedBit
	default:
		sl.sections++
		sl.most = max(sl.most, sl.n)
	}
	sl.sec, sl.n = 0, 0
}

// entry is what the postings of report id say of the key of sl, whose
// last section is closed.
func (sl *slot) entry(id uint32) Entry {
	return Entry{Report: id, Sections: sl.sections &^ namedBit, Named: sl.sections&namedBit != 0, Most: sl.most}
}

// grow doubles the table.
func (t *table) grow() {
	old := t.slots
	t.slots = make([]slot, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, sl := range old {
		if sl.k == 0 {
			continue
		}
		h := t.home(sl.k)
		for t.slots[h].k != 0 {
			h = (h + 1) & mask
		}
		t.slots[h] = sl
	}
}

// each closes every key's last section and calls f with its slot.
func (t *table) each(f func(*slot)) {
	for i := range t.slots {
		if sl := &t.slots[i]; sl.k != 0 {
			sl.close()
			f(sl)
		}
	}
}

func (t *table) reset() {
	clear(t.slots)
	t.used = 0
}

// section counts the keys of the lines of section s (0: the title and
// unit), the keys keys lists for the lines joined by newlines: each
// character, each two adjacent ones, and the rare triple.
func (w *work) section(lines []string, s uint32) {
	for _, text := range lines {
		w.countLine(text, s+1)
	}
}

// countLine counts the keys of text, a line of the section numbered
// sec-1: no key spans two lines.
func (w *work) countLine(text string, sec uint32) {
	var p1, p2 rune = -1, -1 // the character before, and the one before it
	for i := 0; i < len(text); {
		var r rune
		switch c := text[i]; {
		case c < utf8.RuneSelf:
			r = asciiKeys[c]
			i++
		case c&0xF0 == 0xE0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			// Three bytes: every Han character of the unified block, which
			// is indexable and folds to itself. (Written out as
			// appendJSONChars writes it: a shared function cost the
			// counting 7% in BenchmarkCount.)
			if r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F); 0x4E00 <= r && r <= 0x9FFF {
				i += 3
				break
			}
			// Other characters of three bytes, the punctuation of Chinese
			// text most of all, are looked up folded, not decoded again
			// and sought in Unicode's tables of letters and digits.
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				i += 3
				if r = Fold(r); w.indexable[r/64]&(1<<(r%64)) == 0 {
					r = -1
				}
				break
			}
			fallthrough
		default:
			var n int
			r, n = utf8.DecodeRuneInString(text[i:])
			i += n
			if r = Fold(r); !Indexable(r) {
				r = -1
			}
		}
		if r < 0 {
			p1, p2 = -1, -1
			continue
		}
		if hanFirst <= r && r <= hanLast {
			w.countHan(r, sec)
		} else {
			w.chars.count(unigramKey(r), sec)
		}
		if p1 >= 0 {
			if p2 >= 0 && isTriple(p2, p1, r) {
				w.longer.count(tripleKey(p2, p1, r), sec)
			}
			w.longer.count(pairKey(p1, r), sec)
		}
		p1, p2 = r, p1
	}
}

// countHan adds an occurrence of r, of the unified block, in the section
// numbered sec-1, to its slot (slot.add).
func (w *work) countHan(r rune, sec uint32) {
	i := w.han[r-hanFirst]
	if i == 0 {
		w.hanSlots = append(w.hanSlots, slot{k: unigramKey(r)})
		i = uint16(len(w.hanSlots)) // at most the block's 20,992
		w.han[r-hanFirst] = i
	}
	w.hanSlots[i-1].add(sec)
}

// indexableBMP marks the characters of the Basic Multilingual Plane that
// are Indexable, made when the first scratch space is (not at start-up).
var indexableBMP = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var t [1 << 16 / 64]uint64
	for r := range rune(1 << 16) {
		if Indexable(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return &t
})

// asciiKeys is each ASCII character folded, or -1 if it makes no keys.
var asciiKeys = func() (t [utf8.RuneSelf]rune) {
	for c := range t {
		if t[c] = Fold(rune(c)); !Indexable(t[c]) {
			t[c] = -1
		}
	}
	return t
}()

// each closes the last section of every key and calls f with it.
func (w *work) each(f func(*slot)) {
	for i := range w.hanSlots {
		w.hanSlots[i].close()
		f(&w.hanSlots[i])
	}
	w.chars.each(f)
	w.longer.each(f)
}

func (w *work) reset() {
	for _, sl := range w.hanSlots {
		w.han[rune(sl.k)-hanFirst] = 0
	}
	w.hanSlots = w.hanSlots[:0]
	w.chars.reset()
	w.longer.reset()
	for _, g := range w.touched {
		w.recs[g], w.nrec[g] = w.recs[g][:0], 0
	}
	w.touched = w.touched[:0]
}

// count counts the keys of report id, d, into w, which keeps their
// postings for spill. Its sections are numbered as the postings number
// them: 0 is the title and unit, then d's sections, its own part first.
func (w *work) count(id uint32, d *doc) {
	defer w.reset()
	w.section([]string{d.Title, d.Org}, 0)
	for s, sec := range d.Sections {
		w.section(sec.Lines, uint32(s+1))
	}
	w.each(func(sl *slot) {
		g := hashOf(sl.k) % spillBuckets
		if w.nrec[g] == 0 {
			w.touched = append(w.touched, uint16(g))
		}
		w.recs[g] = appendRecord(w.recs[g], sl.k, sl.entry(id))
		w.nrec[g]++
	})
	for _, g := range w.touched {
		w.blocks[g] = appendBlock(w.blocks[g], id, w.nrec[g], w.recs[g])
		w.records[g] += w.nrec[g]
	}
}

// spill writes the blocks w keeps to the spill of b, and lets go of them
// even if it fails: what is left of the postings is then Close's to let
// go of.
func (w *work) spill(b *Builder) error {
	defer func() {
		for g := range w.blocks {
			w.blocks[g], w.records[g] = w.blocks[g][:0], 0
		}
	}()
	for g := range w.blocks {
		if len(w.blocks[g]) == 0 {
			continue
		}
		if err := b.spill.write(uint32(g), w.blocks[g], w.records[g]); err != nil {
			return err
		}
	}
	return nil
}
