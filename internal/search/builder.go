package search

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"

	"gongkai/internal/markdown"
	"gongkai/internal/pool"
	"gongkai/internal/report"
	"gongkai/internal/route"
)

// Writer receives the index files (render.Writer; this package renders no
// page, so it names the interface it needs itself).
type Writer interface {
	WriteFile(name string, data []byte) error
}

// ShardBytes is about how large a key shard grows: a query loads one shard
// a key, and up to six keys. Smaller shards load fewer bytes of other keys
// but make more files.
const ShardBytes = 4 << 10

// Builder gathers the index of a site's reports as they are rendered, in
// parallel: Text with each text's facts, Report once a report's page is
// written, Flush once every page is, and Finish at the end. Report queues
// the report's text; the worker whose report fills a batch indexes the
// batch and writes its text files, and Flush does the rest. Once a report
// is indexed, the Builder keeps nothing of it: the text is written out,
// and the report's entries in the postings of its keys are spilled to
// temporary files, which Finish reads back a bucket of keys at a time.
//
// Indexing reports a batch at a time, rather than each between the
// rendering of two pages, keeps the tables of the counting and of the
// gzip in the processor's cache: the build of the 1,000-report benchmark
// corpus took a tenth less processor time (medians of 7 builds: 6.7 s
// against 7.5 s).
type Builder struct {
	w   Writer
	ids map[*report.Report]uint32
	rep []*report.Report // by number

	mu    sync.Mutex
	prose map[*report.Report]map[string]string // the prose of each text by its file, until Report
	queue []queued                             // the reports waiting to be indexed
	batch int                                  // how many make a batch: batchSize
	err   error                                // the first error writing a text file

	textsOnly bool  // no keys: see NewTexts
	spill     spill // the postings, until Finish
}

// New returns the Builder of the index of reps, writing to w.
func New(reps []*report.Report, w Writer) *Builder {
	rep := slices.Clone(reps)
	slices.SortFunc(rep, func(a, b *report.Report) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), strings.Compare(a.Dir, b.Dir))
	})
	ids := make(map[*report.Report]uint32, len(rep))
	for i, r := range rep {
		ids[r] = uint32(i)
	}
	return &Builder{w: w, ids: ids, rep: rep, prose: map[*report.Report]map[string]string{}, batch: batchSize}
}

// NewTexts returns a Builder of reps that writes their text files and the
// table of reports, but no keys: for KeepKeys.
func NewTexts(reps []*report.Report, w Writer) *Builder {
	b := New(reps, w)
	b.textsOnly = true
	return b
}

// Hold lets up to about n bytes of postings wait in memory until Finish,
// rather than in temporary files: what a small site's build may hold
// beside its texts. It is called before the first report is indexed.
func (b *Builder) Hold(n int64) { b.spill.hold.Store(max(n, 0)) }

// Close lets go of the postings gathered so far; Finish and KeepKeys do
// it themselves, a build that stops before them calls it.
func (b *Builder) Close() {
	b.mu.Lock()
	b.queue = nil
	b.mu.Unlock()
	b.spill.close()
}

// Text keeps the prose of one text of rep, read off the parse that
// rendered it (render.Options.Text). It is safe for concurrent use.
func (b *Builder) Text(rep *report.Report, t report.Text, facts *markdown.Facts) {
	if Off {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.prose[rep]
	if m == nil {
		m = map[string]string{}
		b.prose[rep] = m
	}
	// The parse joined the lines already: the prose of a province's texts
	// passes through here, and is not copied.
	m[t.Pos.Path] = facts.ProseText
}

// doc is a report as its text file holds it, for search.js.
type doc struct {
	Title string
	Org   string
	Year  int
	URL   string // of the page, from the site root
	// Sections are first the report's own part (its title, unit and
	// preface, with no anchor), then each section.
	Sections []docSection
}

// docSection is a section as the text file holds it: [title, anchor,
// text], the text its lines joined by newlines.
type docSection struct {
	Title, Anchor string
	Lines         []string // none empty; a line may hold newlines
}

// batchSize is how many reports wait to be indexed together: a few
// megabytes of text.
const batchSize = 64

// queued is a report waiting to be indexed: its number and its text
// file's content, whose keys are counted.
type queued struct {
	id uint32
	d  doc
}

// Report queues rep to be indexed and its text file written, once its
// page is written (render.Options.Done); it is safe for concurrent use.
// When the queue holds a batch, this call indexes it. A report the
// Builder was not made with is ignored. An error writing is kept for
// Flush, Finish and KeepKeys to return: Done has no way to.
func (b *Builder) Report(rep *report.Report) {
	if Off {
		return
	}
	id, ok := b.ids[rep]
	if !ok {
		return
	}
	b.mu.Lock()
	prose := b.prose[rep]
	delete(b.prose, rep)
	b.mu.Unlock()
	d := b.doc(rep, prose)
	b.mu.Lock()
	b.queue = append(b.queue, queued{id, d})
	var batch []queued
	if len(b.queue) >= b.batch {
		batch, b.queue = b.queue, nil
	}
	b.mu.Unlock()
	if len(batch) > 0 {
		b.keep(b.index(batch))
	}
}

// keep keeps err, the first of the errors of indexing.
func (b *Builder) keep(err error) {
	if err != nil {
		b.mu.Lock()
		b.err = cmp.Or(b.err, err)
		b.mu.Unlock()
	}
}

// Flush indexes the reports still queued, in parallel, and returns the
// first error of indexing any report so far. Finish, KeepKeys and Carry
// flush first themselves; Files counts only what is flushed.
func (b *Builder) Flush() error {
	b.mu.Lock()
	batch := b.queue
	b.queue = nil
	b.mu.Unlock()
	b.keep(pool.Each(len(batch), func(i int) error { return b.index(batch[i : i+1]) }))
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// doc is rep as its text file holds it, the prose of its texts by file.
func (b *Builder) doc(rep *report.Report, prose map[string]string) doc {
	d := doc{Title: rep.Title, Org: rep.Org, Year: rep.Year, URL: route.Report(rep.Year, rep.Slug)}
	// The lines of every section share one slice: a report's few
	// allocations, not a few a section.
	var lines []string
	add := func(title, anchor string, data *report.Data, text ...string) {
		start := len(lines)
		for _, t := range text {
			lines = appendLine(lines, t)
		}
		lines = appendData(lines, data)
		d.Sections = append(d.Sections, docSection{title, anchor, lines[start:len(lines):len(lines)]})
	}
	add("", "", &rep.Data, rep.Title, rep.Org, rep.Region, prose[rep.Preface.Pos.Path])
	anchors := route.SectionAnchors(rep.SectionIDs())
	for i, s := range rep.Sections {
		add(s.Title, anchors[i], &s.Data, s.Title, prose[s.Body.Pos.Path])
	}
	return d
}

// index counts the keys of the reports of batch, spills their postings
// and writes their text files.
func (b *Builder) index(batch []queued) error {
	if !b.textsOnly {
		w := workPool.Get().(*work)
		defer workPool.Put(w)
		for i := range batch {
			w.count(batch[i].id, &batch[i].d)
		}
		if err := w.spill(b); err != nil {
			return err
		}
	}
	e := encoderPool.Get().(*encoder)
	defer encoderPool.Put(e)
	for i := range batch {
		js, err := e.textFile(batch[i].id, &batch[i].d)
		if err != nil {
			return err
		}
		// The writer keeps no reference (Writer): e's buffer serves the
		// next report.
		if err := b.w.WriteFile(TextFile(batch[i].id), js); err != nil {
			return err
		}
	}
	return nil
}

// TextFile is the name of the text file of report number id.
func TextFile(id uint32) string {
	return route.SearchDir + "/t/" + strconv.FormatUint(uint64(id), 10) + ".js"
}

// KeyFile is the name of key shard n.
func KeyFile(n int) string { return route.SearchDir + "/k/" + strconv.Itoa(n) + ".js" }

// IsKeyFile reports whether name is a key shard.
func IsKeyFile(name string) bool { return strings.HasPrefix(name, route.SearchDir+"/k/") }

// MetaFile is the name of the index's table of reports.
const MetaFile = route.SearchDir + "/meta.js"

// encoder is the scratch space of writing a text file, kept for the next
// (encoderPool): the JSON grows to tens of kilobytes, and a gzip writer
// holds about a megabyte of state, too much to make for every report.
type encoder struct {
	raw []byte // the JSON, in UTF-16
	gz  bytes.Buffer
	zw  *gzip.Writer
	js  []byte // the text file
}

// textLevel is the text files' compression. UTF-16 takes two bytes for a
// Han character where UTF-8 takes three, and compresses as well. On the
// benchmark corpus's texts, in one run: klauspost/compress's level 4 of
// UTF-16 gave 6.35 MB in 0.27 s, the standard library's level 2 of UTF-16
// 6.47 MB in 0.44 s; its level 6 of UTF-8, used before, 6.39 MB in about
// twice the time of its level 2 (another run).
const textLevel = 4

var encoderPool = sync.Pool{New: func() any {
	zw, err := gzip.NewWriterLevel(nil, textLevel)
	if err != nil {
		panic(err) // textLevel is a valid level
	}
	return &encoder{zw: zw}
}}

// textFile is the text file of report number id, d: a script that gives
// search.js d as JSON in UTF-16 (little-endian), gzipped (Chinese text
// shrinks to about a quarter) and in base64, which a script can carry;
// search.js unpacks it with the browser's DecompressionStream and
// TextDecoder. The bytes are e's until its next call.
func (e *encoder) textFile(id uint32, d *doc) ([]byte, error) {
	e.raw = d.appendJSON(e.raw[:0])
	e.gz.Reset()
	// The header carries no name and no time: the same site, the same bytes.
	// klauspost/compress writes the zero time.Time's seconds as they are
	// (a date in 2042); time.Unix(0, 0) is written as 0, as the standard
	// library writes the zero time.
	e.zw.Reset(&e.gz)
	e.zw.ModTime = time.Unix(0, 0)
	if _, err := e.zw.Write(e.raw); err != nil {
		return nil, err
	}
	if err := e.zw.Close(); err != nil {
		return nil, err
	}
	js := strconv.AppendUint(append(e.js[:0], "gongkaiSearch.text("...), uint64(id), 10)
	js = base64.StdEncoding.AppendEncode(append(js, ',', '"'), e.gz.Bytes())
	e.js = append(js, "\");\n"...)
	return e.js, nil
}

// appendJSON appends d in UTF-16 (little-endian) as encoding/json would
// write {"t":…,"o":…,"y":…,"u":…,"s":[[title,anchor,text],…]}, without
// escaping <, > and & for HTML (the JSON is never in a page) and with no
// reflection, which cost as much as the gzip.
func (d *doc) appendJSON(dst []byte) []byte {
	dst = appendASCII16(dst, `{"t":`)
	dst = appendJSONString(dst, d.Title)
	dst = appendASCII16(dst, `,"o":`)
	dst = appendJSONString(dst, d.Org)
	dst = appendASCII16(dst, `,"y":`)
	dst = appendASCII16(dst, strconv.Itoa(d.Year))
	dst = appendASCII16(dst, `,"u":`)
	dst = appendJSONString(dst, d.URL)
	dst = appendASCII16(dst, `,"s":[`)
	for i, sec := range d.Sections {
		if i > 0 {
			dst = append(dst, ',', 0)
		}
		dst = append(dst, '[', 0)
		dst = appendJSONString(dst, sec.Title)
		dst = append(dst, ',', 0)
		dst = appendJSONString(dst, sec.Anchor)
		dst = append(dst, ',', 0)
		dst = appendJSONString(dst, sec.Lines...)
		dst = append(dst, ']', 0)
	}
	return appendASCII16(dst, "]}")
}

// appendASCII16 appends the ASCII text s in UTF-16.
func appendASCII16(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, s[i], 0)
	}
	return dst
}

// appendJSONString appends lines joined by newlines as one JSON string in
// UTF-16: quotes, backslashes and control characters escaped, invalid
// UTF-8 as U+FFFD.
func appendJSONString(dst []byte, lines ...string) []byte {
	n := 4
	for _, s := range lines {
		n += 2*len(s) + 4
	}
	dst = slices.Grow(dst, n)
	dst = append(dst, '"', 0)
	for j, s := range lines {
		if j > 0 {
			dst = append(dst, '\\', 0, 'n', 0)
		}
		dst = appendJSONChars(dst, s)
	}
	return append(dst, '"', 0)
}

// appendJSONChars appends the characters of s as appendJSONString writes
// them, without quotes.
func appendJSONChars(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 0x20 && c != '"' && c != '\\':
				dst = append(dst, c, 0)
			case c == '"' || c == '\\':
				dst = append(dst, '\\', 0, c, 0)
			case c == '\n':
				dst = append(dst, '\\', 0, 'n', 0)
			case c == '\t':
				dst = append(dst, '\\', 0, 't', 0)
			default:
				dst = append(dst, '\\', 0, 'u', 0, '0', 0, '0', 0, hex[c>>4], 0, hex[c&15], 0)
			}
			continue
		}
		// Three bytes, as every Han character takes, are the common case.
		if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				dst = append(dst, byte(r), byte(r>>8))
				i += 3
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			dst = append(dst, byte(r1), byte(r1>>8))
			r = r2
		}
		dst = append(dst, byte(r), byte(r>>8))
	}
	return dst
}

// appendData appends the names and words of the data blocks of d, a line
// each: the 科目名称 of budgets, the items of counts, the metrics and the
// indicator rows, as the page's tables show them.
func appendData(lines []string, d *report.Data) []string {
	for _, bl := range d.Budgets {
		lines = appendLine(appendLine(lines, bl.Title), bl.Note)
		for _, it := range bl.Items {
			lines = appendLine(appendLine(lines, strings.TrimSpace(it.Code+" "+it.Name)), it.Amount.String())
		}
	}
	for _, c := range d.Counts {
		lines = appendLine(appendLine(lines, c.Title), c.Note)
		for _, it := range c.Items {
			lines = appendLine(lines, it.Name+" "+strconv.FormatInt(it.Value, 10)+c.Unit)
		}
		if c.Total != nil {
			lines = appendLine(lines, strconv.FormatInt(*c.Total, 10)+c.Unit)
		}
	}
	for _, m := range d.Metrics {
		lines = appendLine(appendLine(lines, m.Name+" "+m.Value.String()+m.Unit), m.Note)
	}
	for _, in := range d.Indicators {
		name := strings.Join(slices.DeleteFunc([]string{in.Level1, in.Level2, in.Name}, func(s string) bool { return s == "" }), " ")
		lines = appendLine(appendLine(appendLine(appendLine(lines, name), in.Target), in.Actual), in.Note)
	}
	return lines
}

// appendLine appends s to lines unless it is empty.
func appendLine(lines []string, s string) []string {
	if s == "" {
		return lines
	}
	return append(lines, s)
}

// Carry takes over the postings of the key shards among files, a previous
// build's output of the same reports, but for the reports in again, which
// are rendered and indexed anew: serve's rebuild of a few reports gives
// the same index as a full build without parsing the other reports' texts.
func (b *Builder) Carry(files map[string][]byte, again []*report.Report) error {
	if err := b.Flush(); err != nil {
		return err
	}
	skip := map[uint32]bool{}
	for _, r := range again {
		if id, ok := b.ids[r]; ok {
			skip[id] = true
		}
	}
	var block, rec []byte
	for name, data := range files {
		if !IsKeyFile(name) {
			continue
		}
		open, end := bytes.IndexByte(data, '{'), bytes.LastIndexByte(data, '}')
		if open < 0 || end < open {
			return fmt.Errorf("%s: 不是搜索索引文件", name)
		}
		var shard map[string]string
		if err := json.Unmarshal(data[open:end+1], &shard); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for k, enc := range shard {
			kk, ok := parseKey(k)
			if !ok {
				return fmt.Errorf("%s: 不是搜索索引文件", name)
			}
			es, err := DecodePostings(enc)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			for _, e := range es {
				if skip[e.Report] || int(e.Report) >= len(b.rep) {
					continue
				}
				rec = appendRecord(rec[:0], kk, e)
				block = appendBlock(block[:0], e.Report, 1, rec)
				if err := b.spill.write(hashOf(kk)%spillBuckets, block, 1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// KeepKeys ends an index of some reports (serve's rebuild of a few) that
// keeps the key shards in files as they are: it writes the table of
// reports alone, since a report's year and unit may have changed. The
// reports indexed anew keep their old keys until the next full index;
// the page verifies every hit against their new text files.
func (b *Builder) KeepKeys(files map[string][]byte) error {
	err := b.Flush()
	b.Close()
	if err != nil || Off {
		return err
	}
	n := 0
	for name := range files {
		if IsKeyFile(name) {
			n++
		}
	}
	return b.writeMeta(b.w, max(n, 1))
}

// parseKey is the key named k in a shard.
func parseKey(k string) (key, bool) {
	rs := []rune(k)
	switch len(rs) {
	case 1:
		return unigramKey(rs[0]), true
	case 2:
		return pairKey(rs[0], rs[1]), true
	case 3:
		return tripleKey(rs[0], rs[1], rs[2]), true
	}
	return 0, false
}

// shardCount is how many key shards the postings of a site take, about
// ShardBytes each, from the number of its entries (a key and a report): a
// power of two, so that the shards of a spill bucket are its own.
func shardCount(entries int64) int {
	// An entry takes under two bytes of a shard, its key's name included,
	// on the benchmark corpus.
	n := 1
	for int64(n)*ShardBytes < entries*7/4 {
		n *= 2
	}
	return n
}

// Finish writes the key shards and the table of reports to w, once every
// report is indexed (the text files went to the Builder's own writer). It
// reads the spilled postings a bucket at a time (all the buckets of a
// shard, for a site of fewer shards than buckets).
func (b *Builder) Finish(w Writer) error {
	defer b.Close()
	if Off {
		return nil
	}
	if err := b.Flush(); err != nil {
		return err
	}
	n := shardCount(b.spill.records.Load())
	groups := min(n, spillBuckets)
	// The groups in parallel: each holds a 256th of the postings, or all of
	// a small site's shard.
	// Each worker's scratch space goes from group to group, and with
	// Finish: a sync.Pool would keep it after the index is written.
	free := make(chan *group, groups)
	err := pool.Each(groups, func(g int) error {
		var p *group
		select {
		case p = <-free:
		default:
			p = &group{}
		}
		defer func() {
			p.reset()
			free <- p
		}()
		for bucket := g; bucket < spillBuckets; bucket += groups {
			var err error
			if p.data, err = b.spill.take(bucket, p.data); err == nil {
				err = readBlocks(&p.blocks, p.data, p.add)
			}
			if err != nil {
				return err
			}
		}
		// The group's shards are g, g+groups, …: the keys of each, sorted.
		shards := make([][]int32, (n-g+groups-1)/groups)
		for i, k := range p.keys {
			s := shardOf(k, n) / groups
			shards[s] = append(shards[s], int32(i))
		}
		var buf []byte
		for j, members := range shards {
			slices.SortFunc(members, func(a, b int32) int { return cmp.Compare(p.keys[a], p.keys[b]) })
			s := g + j*groups
			buf = fmt.Appendf(buf[:0], "gongkaiSearch.keys(%d,{", s)
			for m, i := range members {
				if m > 0 {
					buf = append(buf, ',')
				}
				// A key is letters and digits: nothing in it needs escaping.
				buf = append(append(append(buf, '"'), p.keys[i].String()...), '"', ':', '"')
				buf = append(appendPostings(buf, p.lists[i]), '"')
			}
			buf = append(buf, "});\n"...)
			if err := w.WriteFile(KeyFile(s), bytes.Clone(buf)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return b.writeMeta(w, n)
}

// Files are the names Finish writes, known once every report is indexed
// and Flush has returned: a build records them before it lets go of the
// reports, and merges the postings after.
func (b *Builder) Files() []string {
	if Off {
		return nil
	}
	names := []string{MetaFile}
	for s := range shardCount(b.spill.records.Load()) {
		names = append(names, KeyFile(s))
	}
	return names
}

// group is the scratch space of Finish's work on one group of buckets,
// kept for the next: the postings of its keys, whose lists keep their
// room from group to group.
type group struct {
	at     numbers // a key's number, in keys and lists
	keys   []key
	lists  [][]Entry
	data   []byte       // a bucket of the spill
	blocks blockScratch // where its blocks are
}

// add appends e to the postings of k. The blocks come sorted by report: a
// report indexed twice (Carry's and a new block) keeps its first entry.
func (p *group) add(k key, e Entry) {
	at := p.at.find(k)
	i := *at
	if i < 0 {
		i = int32(len(p.keys))
		*at = i
		p.keys = append(p.keys, k)
		if int(i) < len(p.lists) {
			p.lists[i] = p.lists[i][:0]
		} else {
			p.lists = append(p.lists, nil)
		}
	}
	es := p.lists[i]
	if l := len(es) - 1; l >= 0 && es[l].Report == e.Report {
		return
	}
	p.lists[i] = append(es, e)
}

func (p *group) reset() {
	p.at.reset()
	p.keys = p.keys[:0]
}

// numbers numbers keys: an open-addressing table, as the counting's, of a
// key and its number. A group looks up every record of its buckets, and a
// map's lookups were a fifth of the merge. (One generic table for both
// made the counting a tenth slower: BenchmarkCount, 8.9 against 10.1 ms.)
type numbers struct {
	slots []numbered // a power of two long; key 0 marks a free slot
	used  int
}

type numbered struct {
	k key
	i int32
}

// find returns where k's number is kept, -1 when k is new: the caller
// sets it.
func (t *numbers) find(k key) *int32 {
	if t.used+1 > len(t.slots)/2 {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	h := homeOf(k, len(t.slots))
	for t.slots[h].k != k {
		if t.slots[h].k == 0 {
			t.used++
			t.slots[h] = numbered{k: k, i: -1}
			break
		}
		h = (h + 1) & mask
	}
	return &t.slots[h].i
}

// grow doubles the table, or makes its first slots.
func (t *numbers) grow() {
	old := t.slots
	t.slots = make([]numbered, max(2*len(old), 1<<10))
	t.used = 0
	for _, sl := range old {
		if sl.k != 0 {
			*t.find(sl.k) = sl.i
		}
	}
}

func (t *numbers) reset() {
	clear(t.slots)
	t.used = 0
}

// meta is the table of reports of meta.js.
type meta struct {
	Version int      `json:"v"`
	Shards  int      `json:"keys"`
	Orgs    []string `json:"orgs"`    // the units' ids, sorted
	Reports [][2]int `json:"reports"` // by number: year, index in Orgs
}

func (b *Builder) writeMeta(w Writer, shards int) error {
	m := meta{Version: 2, Shards: shards, Orgs: []string{}, Reports: make([][2]int, len(b.rep))}
	for _, r := range b.rep {
		m.Orgs = append(m.Orgs, r.OrgID)
	}
	slices.Sort(m.Orgs)
	m.Orgs = slices.Compact(m.Orgs)
	for i, r := range b.rep {
		o, _ := slices.BinarySearch(m.Orgs, r.OrgID)
		m.Reports[i] = [2]int{r.Year, o}
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return w.WriteFile(MetaFile, slices.Concat([]byte("gongkaiSearch.meta("), data, []byte(");\n")))
}
