package check

import (
	"bytes"
	"fmt"
	"html"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Output is what a build wrote: every file name, and the element ids of
// every HTML page. A Recorder collects it as a Writer passes files on.
//
// A site of fifty thousand reports writes three quarters of a million
// files, and the record stays to the end of the build: the names are
// kept in a few long strings, segments, each the names one merge added
// (sorted), with each file's place in them in name order, and each page's
// ids in one string (packIDs), not in a map with a string for each.
type Output struct {
	segs []string // the file names, slash-separated and relative to the output root
	at   []span   // where each file's name is, in name order
	ids  []string // each file's element ids (packIDs); "" for a file that is not a page
}

// span is where a name is in an Output's segments.
type span struct{ seg, start, end uint32 }

// compact is the Output of base less the files drop names (nil: none),
// and of files, a map of names to packed ids, which replace base's files
// of the same names. The names of files become a new segment, and base's
// stay where they are: a merge sorts and copies only the names it adds
// (serve's rebuild of a report the few dozen it wrote, a Recorder a batch
// of its files), though it lists every file anew. Segments that hold
// more bytes of dropped names than of kept ones are copied into one.
func compact(base *Output, drop func(name string) bool, files map[string]string) *Output {
	added := slices.Sorted(maps.Keys(files))
	n, size := len(added), 0
	for _, name := range added {
		size += len(name)
	}
	o := &Output{}
	if base != nil {
		n += len(base.at)
		o.segs = slices.Clip(base.segs)
	}
	o.at, o.ids = make([]span, 0, n), make([]string, 0, n)
	var sb strings.Builder
	sb.Grow(size)
	seg := uint32(len(o.segs))
	i := 0
	addNew := func(upTo string, all bool) {
		for ; i < len(added) && (all || added[i] < upTo); i++ {
			start := uint32(sb.Len())
			sb.WriteString(added[i])
			o.at = append(o.at, span{seg, start, uint32(sb.Len())})
			o.ids = append(o.ids, files[added[i]])
		}
	}
	if base != nil {
		for j := range base.at {
			name := base.name(j)
			if _, again := files[name]; again || drop != nil && drop(name) {
				continue
			}
			addNew(name, false)
			o.at = append(o.at, base.at[j])
			o.ids = append(o.ids, base.ids[j])
		}
	}
	addNew("", true)
	if len(added) > 0 {
		o.segs = append(o.segs, sb.String())
	}
	o.repack()
	return o
}

// repack copies the names into one segment when the segments hold more
// bytes of names no longer listed than of listed ones (a rebuild drops or
// replaces files), or are many: what the record holds stays within twice
// what it lists.
func (o *Output) repack() {
	kept, held := 0, 0
	for _, a := range o.at {
		kept += int(a.end - a.start)
	}
	for _, s := range o.segs {
		held += len(s)
	}
	if held <= 2*kept+4096 && len(o.segs) <= 64 {
		return
	}
	var sb strings.Builder
	sb.Grow(kept)
	for i := range o.at {
		start := uint32(sb.Len())
		sb.WriteString(o.name(i))
		o.at[i] = span{0, start, uint32(sb.Len())}
	}
	o.segs = []string{sb.String()}
}

// name is the i'th file name.
func (o *Output) name(i int) string {
	a := o.at[i]
	return o.segs[a.seg][a.start:a.end]
}

// find is the index of the file called name.
func (o *Output) find(name string) (int, bool) {
	i, found := sort.Find(len(o.at), func(i int) int { return strings.Compare(name, o.name(i)) })
	return i, found
}

// idSep ends each id of a page in its packed ids: NUL, which no attribute
// value holds (an HTML parser turns it into U+FFFD).
const idSep = '\x00'

// packIDs keeps the sorted ids of a page as one string, each written as
// the length of the prefix it shares with the one before (a byte, at most
// 255), the rest of it, and idSep: a page has a hundred ids, many of them
// alike (chart-2023-unit-budget, chart-2023-unit-budget-options), and a
// site of fifty thousand reports would otherwise hold two or three times
// the bytes and a string header for every one. An id holding idSep cannot
// be linked to (HasID) and is left out.
func packIDs(ids []string) string {
	var b []byte
	prev := ""
	for _, id := range ids {
		if id == "" || strings.IndexByte(id, idSep) >= 0 {
			continue
		}
		n := 0
		for n < len(prev) && n < len(id) && n < 255 && prev[n] == id[n] {
			n++
		}
		b = append(append(append(b, byte(n)), id[n:]...), idSep)
		prev = id
	}
	return string(b)
}

// eachID calls yield with each id of packed, in order, until it returns
// false; the id it is given is valid only during the call.
func eachID(packed string, yield func(id []byte) bool) {
	var buf [128]byte
	cur := buf[:0]
	for i := 0; i < len(packed); {
		n := int(packed[i])
		end := strings.IndexByte(packed[i+1:], idSep)
		if end < 0 || n > len(cur) {
			return // not what packIDs writes
		}
		cur = append(cur[:n], packed[i+1:i+1+end]...)
		if !yield(cur) {
			return
		}
		i += 1 + end + 1
	}
}

// Has reports whether a file called name was written.
func (o *Output) Has(name string) bool {
	_, ok := o.find(name)
	return ok
}

// IDs returns the element ids of the HTML page called name, sorted, or
// nil if there is no such page.
func (o *Output) IDs(name string) []string {
	i, ok := o.find(name)
	if !ok {
		return nil
	}
	var ids []string
	eachID(o.ids[i], func(id []byte) bool {
		ids = append(ids, string(id))
		return true
	})
	return ids
}

// HasID reports whether the HTML page called name has an element whose id
// is id.
func (o *Output) HasID(name, id string) bool {
	i, ok := o.find(name)
	if !ok || id == "" {
		return false
	}
	found := false
	eachID(o.ids[i], func(cur []byte) bool {
		c := strings.Compare(string(cur), id)
		found = c == 0
		return c < 0
	})
	return found
}

// Writer receives the output files, as render.Writer does, and keeps no
// reference to data once WriteFile returns.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Recorder passes files on to w and records them. Safe for concurrent use.
type Recorder struct {
	w     Writer
	mu    sync.Mutex
	files map[string]string // written, or expected (Expect), since the last merge
	// base is the record a rebuild continues, less the files drop names
	// and those written again, and what the Recorder merged into it.
	base *Output
	drop func(name string) bool
	done bool // Finish was called
}

// mergeAt is how many files the map of a Recorder holds before they are
// merged into its record, and at least a quarter of what the record
// holds: the map costs some 60 bytes a file more than the record, and
// the merges copy the record's list some five times in all.
const mergeAt = 1 << 14

// NewRecorder returns a Recorder that passes files on to w. A nil w keeps
// nothing but the record, for a check that needs no output directory.
func NewRecorder(w Writer) *Recorder {
	return &Recorder{w: w, files: map[string]string{}}
}

// ContinueRecorder returns a Recorder that passes files on to w and starts
// from what prev records, less the files that drop names: for a rebuild of
// part of a site, whose other files stay as they were.
func ContinueRecorder(prev *Output, drop func(name string) bool, w Writer) *Recorder {
	return &Recorder{w: w, files: map[string]string{}, base: prev, drop: drop}
}

// WriteFile passes the file on and, once it is written, records its name
// and, for an HTML page, its element ids.
func (r *Recorder) WriteFile(name string, data []byte) error {
	var ids string
	if isPage(name) {
		// Scanned before the lock: pages are written in parallel.
		ids = packIDs(elementIDs(data))
	}
	if r.w != nil {
		if err := r.w.WriteFile(name, data); err != nil {
			return err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done {
		return fmt.Errorf("%s: 写入记录已结束（内部错误）", name)
	}
	r.files[name] = ids
	if held := len(r.files); held >= mergeAt && (r.base == nil || held >= len(r.base.at)/4) {
		// drop is for the files of the build continued, all in base now.
		r.base, r.drop, r.files = compact(r.base, r.drop, r.files), nil, map[string]string{}
	}
	return nil
}

// Output returns what has been written so far. It is a snapshot: files
// written after the call are not in it.
func (r *Recorder) Output() *Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return compact(r.base, r.drop, r.files)
}

// Expect records files that will be written after Finish, not through
// the Recorder: files no page's ids are sought in, whose names are known
// before their data (the search index's shards, which a build merges
// once it has let go of the reports).
func (r *Recorder) Expect(names ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, name := range names {
		r.files[name] = ""
	}
}

// Finish ends the recording and returns what was written, letting go of
// the map it was recorded in. Files written after it are refused.
func (r *Recorder) Finish() *Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := compact(r.base, r.drop, r.files)
	r.files, r.base, r.done = nil, nil, true
	return out
}

// isPage reports whether the file called name is an HTML page.
func isPage(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")
}

var idAttr = []byte(`id="`)

// elementIDs returns the values of the id attributes of an HTML page,
// sorted and without duplicates. It is a scan for ` id="…"`, not a parse:
// the pages come from html/template, which always quotes attributes with
// '"' and escapes '"' in text and attribute values, so the pattern cannot
// start inside text, and every build runs it on every page. A false match
// (inside a script's JSON, say) could only add an id, never hide one.
func elementIDs(page []byte) []string {
	var ids []string
	for {
		i := bytes.Index(page, idAttr)
		if i < 0 {
			break
		}
		// The attribute is id itself, not data-id or grid, only
		// after white space.
		attr := i > 0 && (page[i-1] == ' ' || page[i-1] == '\n' || page[i-1] == '\t')
		page = page[i+len(idAttr):]
		if !attr {
			continue
		}
		j := bytes.IndexByte(page, '"')
		if j < 0 {
			break
		}
		id := string(page[:j])
		if strings.IndexByte(id, '&') >= 0 {
			id = html.UnescapeString(id)
		}
		ids = append(ids, id)
		page = page[j+1:]
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
