package search

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gongkai/internal/markdown"
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
const ShardBytes = 8 << 10

// Builder gathers the index of a site's reports as they are rendered, in
// parallel: Text with each text's facts, Report once a report's page is
// written (which writes its text file), and Finish at the end. What it
// keeps of a report once Report returns is the report's number in the
// postings of its keys: the texts are written out, not held.
type Builder struct {
	w   Writer
	ids map[*report.Report]uint32
	rep []*report.Report // by number

	mu    sync.Mutex
	prose map[*report.Report]map[string]string // the prose of each text by its file, until Report
	err   error                                // the first error writing a text file

	parts [parts]part // the postings, by key
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
	b := &Builder{w: w, ids: ids, rep: rep, prose: map[*report.Report]map[string]string{}}
	for i := range b.parts {
		b.parts[i].post = map[key][]byte{}
	}
	return b
}

// Text keeps the prose of one text of rep, read off the parse that
// rendered it (render.Options.Text). It is safe for concurrent use.
func (b *Builder) Text(rep *report.Report, t report.Text, facts *markdown.Facts) {
	var sb strings.Builder
	for i, l := range facts.Prose {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(l.Text)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.prose[rep]
	if m == nil {
		m = map[string]string{}
		b.prose[rep] = m
	}
	m[t.Pos.Path] = sb.String()
}

// doc is a report as its text file holds it, for search.js.
type doc struct {
	Title string `json:"t"`
	Org   string `json:"o"`
	Year  int    `json:"y"`
	URL   string `json:"u"` // of the page, from the site root
	// Sections are [title, anchor, text]: first the report's own part
	// (its title, unit and preface, with no anchor), then each section.
	Sections [][3]string `json:"s"`
}

// Report indexes rep and writes its text file, once its page is written
// (render.Options.Done); it is safe for concurrent use. A report the
// Builder was not made with is ignored. An error writing is kept for
// Finish and Refresh to return: Done has no way to.
func (b *Builder) Report(rep *report.Report) {
	if err := b.report(rep); err != nil {
		b.mu.Lock()
		b.err = cmp.Or(b.err, err)
		b.mu.Unlock()
	}
}

func (b *Builder) report(rep *report.Report) error {
	id, ok := b.ids[rep]
	if !ok {
		return nil
	}
	b.mu.Lock()
	prose := b.prose[rep]
	delete(b.prose, rep)
	b.mu.Unlock()

	d := doc{Title: rep.Title, Org: rep.Org, Year: rep.Year, URL: route.Report(rep.Year, rep.Slug)}
	head := joinLines(rep.Title, rep.Org, rep.Region, prose[rep.Preface.Pos.Path], dataText(&rep.Data))
	d.Sections = append(d.Sections, [3]string{"", "", head})
	anchors := route.SectionAnchors(rep.SectionIDs())
	for i, s := range rep.Sections {
		d.Sections = append(d.Sections, [3]string{s.Title, anchors[i], joinLines(s.Title, prose[s.Body.Pos.Path], dataText(&s.Data))})
	}

	texts := make([]string, 0, len(d.Sections)+1)
	texts = append(texts, joinLines(rep.Title, rep.Org))
	for _, sec := range d.Sections {
		texts = append(texts, sec[2])
	}
	if err := b.index(id, texts); err != nil {
		return err
	}

	data, err := encodeDoc(d)
	if err != nil {
		return err
	}
	js := fmt.Appendf(nil, "gongkaiSearch.text(%d,%q);\n", id, data)
	return b.w.WriteFile(TextFile(id), js)
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

// gzipPool keeps gzip writers for encodeDoc: each holds about a megabyte
// of state, too much to make for every report.
var gzipPool = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// encodeDoc is d as JSON, gzipped (Chinese text shrinks to about a
// quarter; the best compression saves a few per cent more for twice the
// time) and in base64, which a script can carry; search.js unpacks it with
// the browser's DecompressionStream.
func encodeDoc(d doc) (string, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	zw := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(zw)
	// The header carries no name and no time: the same site, the same bytes.
	zw.Reset(&buf)
	if _, err := zw.Write(raw); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// dataText is the names and words of the data blocks of d, one a line: the
// 科目名称 of budgets, the items of counts, the metrics and the indicator
// rows, as the page's tables show them.
func dataText(d *report.Data) string {
	var lines []string
	add := func(s ...string) {
		for _, x := range s {
			if x != "" {
				lines = append(lines, x)
			}
		}
	}
	for _, bl := range d.Budgets {
		add(bl.Title, bl.Note)
		for _, it := range bl.Items {
			add(strings.TrimSpace(it.Code+" "+it.Name), it.Amount.String())
		}
	}
	for _, c := range d.Counts {
		add(c.Title, c.Note)
		for _, it := range c.Items {
			add(it.Name + " " + strconv.FormatInt(it.Value, 10) + c.Unit)
		}
		if c.Total != nil {
			add(strconv.FormatInt(*c.Total, 10) + c.Unit)
		}
	}
	for _, m := range d.Metrics {
		add(m.Name+" "+m.Value.String()+m.Unit, m.Note)
	}
	for _, in := range d.Indicators {
		add(strings.Join(slices.DeleteFunc([]string{in.Level1, in.Level2, in.Name}, func(s string) bool { return s == "" }), " "), in.Target, in.Actual, in.Note)
	}
	return strings.Join(lines, "\n")
}

func joinLines(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "\n")
}

// Carry takes over the postings of the key shards among files, a previous
// build's output of the same reports, but for the reports in again, which
// are rendered and indexed anew: serve's rebuild of a few reports gives
// the same index as a full build without parsing the other reports' texts.
func (b *Builder) Carry(files map[string][]byte, again []*report.Report) error {
	skip := map[uint32]bool{}
	for _, r := range again {
		if id, ok := b.ids[r]; ok {
			skip[id] = true
		}
	}
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
			pt := &b.parts[partOf(kk)]
			post := pt.post[kk]
			err := readPostings([]byte(enc), func(id, sections uint32, named bool, most uint32) {
				if !skip[id] && int(id) < len(b.rep) {
					post = appendStats(appendVarint(post, uint64(id)), sections, named, most)
				}
			})
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if len(post) > 0 {
				pt.post[kk] = post
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
	if b.err != nil {
		return b.err
	}
	n := 0
	for name := range files {
		if IsKeyFile(name) {
			n++
		}
	}
	return b.writeMeta(max(n, 1))
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

// Finish writes the key shards and the table of reports, once every report
// is indexed.
func (b *Builder) Finish() error {
	if b.err != nil {
		return b.err
	}
	var ks []key
	for i := range b.parts {
		for k := range b.parts[i].post {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	// The encoded postings first, to know how many shards they need.
	enc := make([][]byte, len(ks))
	total := 0
	var cs []chunk
	for i, k := range ks {
		pt := &b.parts[partOf(k)]
		var err error
		if cs, err = chunks(pt.post[k], cs[:0]); err != nil {
			return err
		}
		enc[i] = appendPostings(nil, pt.post[k], cs)
		delete(pt.post, k)
		total += len(enc[i]) + len(k.String()) + 6
	}
	n := max(1, (total+ShardBytes-1)/ShardBytes)
	shards := make([][]int, n)
	for i, k := range ks {
		s := shardOf(k, n)
		shards[s] = append(shards[s], i)
	}
	var buf bytes.Buffer
	for s, members := range shards {
		buf.Reset()
		fmt.Fprintf(&buf, "gongkaiSearch.keys(%d,{", s)
		for j, i := range members {
			if j > 0 {
				buf.WriteByte(',')
			}
			name, _ := json.Marshal(ks[i].String())
			buf.Write(name)
			buf.WriteByte(':')
			buf.WriteByte('"')
			buf.Write(enc[i])
			buf.WriteByte('"')
		}
		buf.WriteString("});\n")
		if err := b.w.WriteFile(KeyFile(s), bytes.Clone(buf.Bytes())); err != nil {
			return err
		}
	}
	return b.writeMeta(n)
}

// meta is the table of reports of meta.js.
type meta struct {
	Version int      `json:"v"`
	Shards  int      `json:"keys"`
	Orgs    []string `json:"orgs"`    // the units' ids, sorted
	Reports [][2]int `json:"reports"` // by number: year, index in Orgs
}

func (b *Builder) writeMeta(shards int) error {
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
	return b.w.WriteFile(MetaFile, slices.Concat([]byte("gongkaiSearch.meta("), data, []byte(");\n")))
}
