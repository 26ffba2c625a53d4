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

// ShardBytes is about how large a key shard grows: a query of four
// characters loads at most three of them.
const ShardBytes = 24 << 10

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
	post  map[key][]uint32                     // the reports holding each key, unsorted until Finish
	err   error                                // the first error writing a text file
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
	return &Builder{w: w, ids: ids, rep: rep, prose: map[*report.Report]map[string]string{}, post: map[key][]uint32{}}
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

	var ks []key
	for _, s := range d.Sections {
		keys(s[2], func(k key) { ks = append(ks, k) })
	}
	slices.Sort(ks)
	ks = slices.Compact(ks)
	b.mu.Lock()
	for _, k := range ks {
		b.post[k] = append(b.post[k], id)
	}
	b.mu.Unlock()

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

// encodeDoc is d as JSON, gzipped at the best compression (Chinese text
// shrinks to about a fifth) and in base64, which a script can carry;
// search.js unpacks it with the browser's DecompressionStream.
func encodeDoc(d doc) (string, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	// The header carries no name and no time: the same site, the same bytes.
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
			rs := []rune(k)
			kk := unigramKey(rs[0])
			if len(rs) == 2 {
				kk = pairKey(rs[0], rs[1])
			}
			for _, id := range decodePostings(enc) {
				if !skip[id] && int(id) < len(b.rep) {
					b.post[kk] = append(b.post[kk], id)
				}
			}
		}
	}
	return nil
}

// Finish writes the key shards and the table of reports, once every report
// is indexed.
func (b *Builder) Finish() error {
	if b.err != nil {
		return b.err
	}
	ks := make([]key, 0, len(b.post))
	for k, ids := range b.post {
		slices.Sort(ids)
		b.post[k] = slices.Compact(ids)
		ks = append(ks, k)
	}
	slices.Sort(ks)
	// The encoded postings first, to know how many shards they need.
	enc := make([][]byte, len(ks))
	total := 0
	for i, k := range ks {
		enc[i] = appendPostings(nil, b.post[k])
		total += len(enc[i]) + len(k.String()) + 6
	}
	n := max(1, (total+ShardBytes-1)/ShardBytes)
	shards := make([][]int, n)
	for i, k := range ks {
		s := shardOf(k, n)
		shards[s] = append(shards[s], i)
	}
	for s, members := range shards {
		var buf bytes.Buffer
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
		if err := b.w.WriteFile(KeyFile(s), buf.Bytes()); err != nil {
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
	m := meta{Version: 1, Shards: shards, Orgs: []string{}, Reports: make([][2]int, len(b.rep))}
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
