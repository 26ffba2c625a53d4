package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/render"
)

// TestSpillRoundTrip writes blocks as parallel indexing and Carry may: out
// of report order, a report's keys over several blocks, a report twice.
// Reading them back gives each key's entries by ascending report, once.
func TestSpillRoundTrip(t *testing.T) {
	t.Parallel()
	keys := []key{unigramKey('公'), pairKey('g', 'b'), tripleKey('𠀀', '字', '9'), unigramKey(0x10FFFF)}
	entry := func(id uint32) Entry { return Entry{Report: id, Sections: id%9 + 1, Named: id%3 == 0, Most: id * 1000} }
	var data, rec []byte
	ends := map[int]bool{0: true}
	for _, id := range []uint32{7, 1<<32 - 1, 0, 3, 7} {
		for _, k := range keys {
			rec = appendRecord(rec[:0], k, entry(id))
			data = appendBlock(data, id, 1, rec)
			ends[len(data)] = true
		}
	}
	got := map[key][]Entry{}
	err := readBlocks(new(blockScratch), data, func(k key, e Entry) {
		if es := got[k]; len(es) == 0 || es[len(es)-1].Report != e.Report {
			got[k] = append(es, e)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{entry(0), entry(3), entry(7), entry(1<<32 - 1)}
	for _, k := range keys {
		if !slices.Equal(got[k], want) {
			t.Errorf("entries of %s = %v, want %v", k, got[k], want)
		}
	}
	// Cut anywhere but between blocks, the bucket is an error, never a
	// panic or a record made up.
	for n := range len(data) {
		if err := readBlocks(new(blockScratch), data[:n], func(key, Entry) {}); (err == nil) != ends[n] {
			t.Errorf("cut at %d of %d: %v", n, len(data), err)
		}
	}
	for _, bad := range [][]byte{[]byte("A"), []byte("AB_"), appendBlock(nil, 1, 2, []byte("EB")), appendBlock(nil, 1, 1, []byte("A"))} {
		if err := readBlocks(new(blockScratch), bad, func(key, Entry) {}); err == nil {
			t.Errorf("readBlocks(%q) gives no error", bad)
		}
	}
}

// TestSpillLeavesNothing: the spilled postings are in files removed from
// their folder as soon as they are made, so that neither a finished build,
// nor one that stopped, nor a killed one leaves any behind.
func TestSpillLeavesNothing(t *testing.T) {
	needIndex(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	empty := func(when string) {
		t.Helper()
		if ents, _ := os.ReadDir(tmp); len(ents) > 0 {
			t.Errorf("%s, the temporary folder holds %v", when, ents)
		}
	}
	reps, md := site(t)
	for _, finish := range []bool{true, false} {
		b := New(reps, render.NewMemory(map[string][]byte{}))
		feed(b, reps, md)
		if b.spill.records.Load() == 0 {
			t.Fatal("nothing was spilled")
		}
		empty("while indexing")
		if finish {
			if err := b.Finish(b.w); err != nil {
				t.Fatal(err)
			}
		} else {
			b.Close()
		}
		empty("after the index")
		for g := range b.spill.f {
			if b.spill.f[g] != nil {
				t.Errorf("bucket %d is still open", g)
			}
		}
	}
}

// TestIndexableFastPaths: the shortcuts for ASCII and the CJK block say
// what unicode says, for every code point.
func TestIndexableFastPaths(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := Indexable(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Fatalf("Indexable(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestDocJSON: the hand-written JSON of a text file is what encoding/json
// reads back, whatever the text holds, beyond the BMP included.
func TestDocJSON(t *testing.T) {
	t.Parallel()
	d := doc{Title: `引号"与\\反斜杠`, Org: "<b>&amp;</b>", Year: 2023, URL: "2023/a/index.html",
		Sections: []docSection{
			{"", "", []string{"行一", "行二\t\x00\x1f\u2028", "行三\n续"}},
			{"一、概况", "01-basic", []string{"坏\xffUTF-8 𠀀字", "过长\xe0\x80\x80代理\xed\xa0\x80截\xe5\xad"}},
			{"二、空", "02-empty", nil},
		}}
	raw := fromUTF16(d.appendJSON(nil))
	var got textDoc
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	want := textDoc{Title: d.Title, Org: d.Org, Year: d.Year, URL: d.URL, Sections: [][3]string{
		{"", "", "行一\n行二\t\x00\x1f\u2028\n行三\n续"},
		{"一、概况", "01-basic", "坏\uFFFDUTF-8 𠀀字\n过长\uFFFD\uFFFD\uFFFD代理\uFFFD\uFFFD\uFFFD截\uFFFD\uFFFD"},
		{"二、空", "02-empty", ""},
	}}
	if got.Title != want.Title || got.Org != want.Org || got.Year != want.Year || got.URL != want.URL || !slices.Equal(got.Sections, want.Sections) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
}

// TestCountsAsKeys counts random texts section by section, the way the
// Builder does (line by line, each section's counts closed when a key is
// next seen or at the end), from tables small enough to grow in the middle
// of a section, and compares with counting every key keys lists.
func TestCountsAsKeys(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 2))
	// One work for every round, emptied between rounds as between a
	// batch's reports.
	w := newWork(2, 2)
	alphabet := []rune("公安交管局财政2023ＧＢb、 \n𠀀一鿿㐀，。“”々〆〇ー・ｶ\u3000")
	for round := range 200 {
		var texts []string
		for range 1 + rnd.IntN(4) {
			rs := make([]rune, rnd.IntN(60))
			for i := range rs {
				rs[i] = alphabet[rnd.IntN(len(alphabet))]
			}
			texts = append(texts, string(rs))
		}
		type keyStat struct {
			k                 key
			sections, most, n uint32
			named             bool
		}
		want := map[key]*keyStat{}
		for s, text := range texts {
			n := map[key]uint32{}
			keys(text, func(k key) { n[k]++ })
			for k, c := range n {
				st := want[k]
				if st == nil {
					st = &keyStat{k: k}
					want[k] = st
				}
				if s == 0 {
					st.named = true
				} else {
					st.sections++
					st.most = max(st.most, c)
				}
			}
		}
		for s, text := range texts {
			// A section's lines are counted apart, as if a newline
			// stood between them: keys reads the text whole.
			w.section(strings.Split(text, "\n"), uint32(s))
		}
		got := 0
		w.each(func(sl *slot) {
			got++
			e := sl.entry(0)
			if ws := want[sl.k]; ws == nil || ws.sections != e.Sections || ws.most != e.Most || ws.named != e.Named {
				t.Fatalf("round %d, %q: key %s counted %+v, want %+v", round, texts, sl.k, e, ws)
			}
		})
		w.reset()
		if got != len(want) {
			t.Fatalf("round %d, %q: %d keys, want %d", round, texts, got, len(want))
		}
	}
}

// BenchmarkCount counts the keys of the Markdown of 20 generated reports,
// as the Builder counts each report's: the part of indexing that reads
// every character.
//
//	go test ./internal/search -run '^$' -bench Count
func BenchmarkCount(b *testing.B) {
	dir := b.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*", "*.md"))
	var texts []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	b.SetBytes(int64(size))
	w := workPool.Get().(*work)
	for range b.N {
		for i, t := range texts {
			w.section([]string{t}, uint32(i%10))
			if i%10 == 9 {
				b.ReportMetric(float64(len(w.hanSlots)+w.chars.used+w.longer.used), "keys")
				w.reset()
			}
		}
		w.reset()
	}
	b.ReportMetric(float64(len(w.chars.slots)+len(w.longer.slots)), "slots")
}

// TestSpillFolderMissing: when the temporary folder cannot be written, the
// index fails with a message naming it and TMPDIR, rather than a bare
// system error or a partial index.
func TestSpillFolderMissing(t *testing.T) {
	needIndex(t)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	reps, md := site(t)
	mem := render.NewMemory(map[string][]byte{})
	b := New(reps, mem)
	feed(b, reps, md)
	err := b.Finish(b.w)
	if err == nil || !strings.Contains(err.Error(), "TMPDIR") || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("Finish = %v, want an error naming the folder and TMPDIR", err)
	}
	for name := range mem.Files {
		if IsKeyFile(name) || name == MetaFile {
			t.Errorf("%s written by an index that failed", name)
		}
	}
}

// TestHold: the index is the same whether the postings wait in files, in
// memory, or in memory until the hold runs out and then in files, where a
// bucket that moves in the middle of the index keeps its blocks' order.
func TestHold(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	want, _ := index(t) // no hold: every bucket in a file
	reps, md := site(t)
	all := New(reps, render.NewMemory(map[string][]byte{}))
	all.Hold(math.MaxInt64)
	feed(all, reps, md)
	total := 0
	for g := range all.spill.mem {
		total += all.spill.mem[g].len()
		if all.spill.f[g] != nil {
			t.Errorf("bucket %d is in a file with no limit", g)
		}
	}
	all.Close()
	for _, hold := range []int64{int64(total) / 2, math.MaxInt64} {
		mem := render.NewMemory(map[string][]byte{})
		b := New(reps, mem)
		b.Hold(hold)
		feed(b, reps, md)
		inFile, inMem := 0, 0
		for g := range b.spill.f {
			if b.spill.f[g] != nil {
				inFile++
			} else if b.spill.mem[g].len() > 0 {
				inMem++
			}
		}
		if hold < int64(total) && (inFile == 0 || inMem == 0) {
			t.Errorf("hold %d of %d: %d buckets in files, %d in memory; want some of each", hold, total, inFile, inMem)
		}
		if err := b.Finish(mem); err != nil {
			t.Fatal(err)
		}
		if len(mem.Files) != len(want) {
			t.Fatalf("hold %d: %d files, want %d", hold, len(mem.Files), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(data, mem.Files[name]) {
				t.Errorf("hold %d: %s differs from the index spilled to files", hold, name)
			}
		}
		for g := range b.spill.mem {
			if b.spill.mem[g] != nil {
				t.Errorf("hold %d: bucket %d is still held after Finish", hold, g)
			}
		}
	}
}

// TestChunks: a bucket in memory keeps its bytes in order across chunks,
// a block larger than a chunk included, and never grows a chunk.
func TestChunks(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(3, 4))
	var cs chunks
	var want []byte
	for _, n := range []int{0, 1, chunkBytes - 1, 2, chunkBytes, 3 * chunkBytes / 2, 17} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		cs.append(b)
		want = append(want, b...)
	}
	var got []byte
	for i, c := range cs {
		if cap(c) != chunkBytes || i < len(cs)-1 && len(c) != chunkBytes {
			t.Errorf("chunk %d of %d holds %d of %d bytes", i, len(cs), len(c), cap(c))
		}
		got = append(got, c...)
	}
	if !bytes.Equal(got, want) || cs.len() != len(want) {
		t.Errorf("chunks hold %d bytes (len %d), want the %d appended in order", len(got), cs.len(), len(want))
	}
}

// len is how many bytes cs holds.
func (cs chunks) len() int {
	n := 0
	for _, c := range cs {
		n += len(c)
	}
	return n
}

// TestReadBlocksDamaged: a spilled bucket reads back as it was written,
// and one cut short anywhere, or with any byte changed, gives an error or
// records, never a panic; one cut inside a block always gives an error.
func TestReadBlocksDamaged(t *testing.T) {
	keys := []key{unigramKey('预'), pairKey('预', '算'), tripleKey('G', 'B', '/'), pairKey('2', '0'), unigramKey(0x10FFFF)}
	entries := []Entry{{Sections: 1, Most: 1}, {Sections: 9, Most: 3, Named: true}, {Sections: 7, Most: 4}, {Sections: 300, Most: 70000}}
	type rec struct {
		k key
		e Entry
	}
	var data []byte
	var want []rec
	ends := map[int]bool{0: true} // where a block ends
	for id := range uint32(3) {
		var recs []byte
		for i, k := range keys {
			e := entries[(i+int(id))%len(entries)]
			recs = appendRecord(recs, k, e)
			e.Report = id
			want = append(want, rec{k, e})
		}
		data = appendBlock(data, id, len(keys), recs)
		ends[len(data)] = true
	}
	var blocks blockScratch
	var got []rec
	if err := readBlocks(&blocks, data, func(k key, e Entry) { got = append(got, rec{k, e}) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("read %v, want %v", got, want)
	}
	for n := range len(data) {
		if err := readBlocks(&blocks, data[:n], func(key, Entry) {}); err == nil && !ends[n] {
			t.Errorf("cut to %d of %d bytes, inside a block: no error", n, len(data))
		}
	}
	for i := range data {
		for _, b := range []byte{0, 0x7F, 0x80, 0xFF, data[i] ^ 1} {
			bad := slices.Clone(data)
			bad[i] = b
			_ = readBlocks(&blocks, bad, func(key, Entry) {})
		}
	}
}

// TestOrderBlocks: order puts blocks in the order of a sort by report and
// then by bytes, whether they come sorted, in runs, shuffled, with ids far
// apart (which it must not make a table of) or with a report twice.
func TestOrderBlocks(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	var s blockScratch
	for round := range 3000 {
		n := rnd.IntN(50)
		var data []byte
		bs := make([]block, n)
		for i := range bs {
			id := uint32(i)
			switch round % 4 {
			case 1: // runs, as two workers spill them
				id = uint32(i/2 + (i%2)*n)
			case 2: // far apart
				id = rnd.Uint32()
			case 3: // some report twice
				id = uint32(rnd.IntN(n + 1))
			}
			start := len(data)
			data = append(data, byte(rnd.IntN(3)), byte(rnd.IntN(3)))
			bs[i] = block{id: id, count: uint64(i), start: start, end: len(data)}
		}
		if round%4 != 0 {
			rnd.Shuffle(n, func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		}
		want := slices.Clone(bs)
		slices.SortStableFunc(want, func(a, b block) int {
			return cmp.Or(cmp.Compare(a.id, b.id), bytes.Compare(data[a.start:a.end], data[b.start:b.end]))
		})
		got := s.order(slices.Clone(bs), data)
		// Blocks of one report with equal bytes may come either way: compare
		// what the merge reads, ids and bytes.
		same := len(got) == len(want)
		for i := 0; same && i < len(got); i++ {
			same = got[i].id == want[i].id && bytes.Equal(data[got[i].start:got[i].end], data[want[i].start:want[i].end])
		}
		if !same {
			t.Fatalf("round %d: order gave %v, want %v", round, got, want)
		}
		if cap(s.at) > 4*50+64 {
			t.Fatalf("round %d: a table of %d for at most 50 blocks", round, cap(s.at))
		}
	}
}
