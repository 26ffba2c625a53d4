package search

import (
	"sync"
)

// parts is how many locks the postings are split under, by key, so that
// reports indexed at the same time seldom wait for one another.
const parts = 32

// part is the postings of the keys of one part: for each key, its chunks
// (a report's number, written whole, then its entries), in the order the
// reports were indexed; Finish sorts them.
type part struct {
	mu   sync.Mutex
	post map[key][]byte
}

func partOf(k key) int { return int(uint64(k) * 0x9E3779B97F4A7C15 >> 59) }

// work is the scratch space of indexing one report, kept for the next
// (workPool): a hash of the report's keys, not a sort of every key
// occurrence, which was most of the index's cost.
type work struct {
	slot    map[key]uint32 // each key of the report: its slot
	keys    []key          // by slot
	stat    []keyStat      // by slot
	touched []uint32       // the slots of the current section
	buf     []byte         // the chunks of every key
	ends    []int          // by slot: the end of its chunk in buf
	byPart  [parts][]uint32
}

// keyStat is what the postings say of a key in a report, and its count in
// the section being read.
type keyStat struct {
	sec, n   uint32 // the section counted last, plus one; the count there
	sections uint32
	most     uint32
	named    bool
}

var workPool = sync.Pool{New: func() any { return &work{slot: map[key]uint32{}} }}

// count adds one occurrence of k in section s.
func (w *work) count(k key, s uint32) {
	i, ok := w.slot[k]
	if !ok {
		i = uint32(len(w.keys))
		w.slot[k] = i
		w.keys = append(w.keys, k)
		w.stat = append(w.stat, keyStat{})
	}
	st := &w.stat[i]
	if st.sec != s+1 {
		st.sec, st.n = s+1, 0
		w.touched = append(w.touched, i)
	}
	st.n++
}

// section counts the keys of text, section s (0: the title and unit), as
// keys lists them.
func (w *work) section(text string, s uint32) {
	var p1, p2 rune = -1, -1
	for _, r := range text {
		r = Fold(r)
		if !Indexable(r) {
			p1, p2 = -1, -1
			continue
		}
		w.count(unigramKey(r), s)
		if p1 >= 0 {
			w.count(pairKey(p1, r), s)
			if p2 >= 0 {
				w.count(tripleKey(p2, p1, r), s)
			}
		}
		p1, p2 = r, p1
	}
	for _, i := range w.touched {
		st := &w.stat[i]
		if s == 0 {
			st.named = true
			continue
		}
		st.sections++
		st.most = max(st.most, st.n)
	}
	w.touched = w.touched[:0]
}

// chunks writes the chunk of every key of report id into buf.
func (w *work) chunks(id uint32) {
	w.buf, w.ends = w.buf[:0], w.ends[:0]
	for i := range w.keys {
		st := &w.stat[i]
		w.buf = appendVarint(w.buf, uint64(id))
		w.buf = appendStats(w.buf, st.sections, st.named, st.most)
		w.ends = append(w.ends, len(w.buf))
	}
}

func (w *work) reset() {
	clear(w.slot)
	w.keys, w.stat, w.touched = w.keys[:0], w.stat[:0], w.touched[:0]
	for i := range w.byPart {
		w.byPart[i] = w.byPart[i][:0]
	}
}

// index adds report id's keys to the postings; texts are its sections,
// numbered from 0 as the postings number them.
func (b *Builder) index(id uint32, texts []string) error {
	w := workPool.Get().(*work)
	defer func() {
		w.reset()
		workPool.Put(w)
	}()
	for s, t := range texts {
		w.section(t, uint32(s))
	}
	w.chunks(id)
	// Each part is locked once, for all of its keys.
	for i, k := range w.keys {
		p := partOf(k)
		w.byPart[p] = append(w.byPart[p], uint32(i))
	}
	for p, slots := range w.byPart {
		if len(slots) == 0 {
			continue
		}
		pt := &b.parts[p]
		pt.mu.Lock()
		for _, i := range slots {
			start := 0
			if i > 0 {
				start = w.ends[i-1]
			}
			k := w.keys[i]
			pt.post[k] = append(pt.post[k], w.buf[start:w.ends[i]]...)
		}
		pt.mu.Unlock()
	}
	return nil
}
