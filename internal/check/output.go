package check

import (
	"bytes"
	"fmt"
	"html"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Output is what a build wrote: every file name, and the element ids of
// every HTML page. A Recorder collects it as a Writer passes files on.
type Output struct {
	// files maps each file name, slash-separated and relative to the
	// output root, to its element ids (see packIDs); "" for a file that
	// is not an HTML page.
	files map[string]string
}

// idSep separates the ids of a page in one string: NUL, which no
// attribute value holds (an HTML parser turns it into U+FFFD).
const idSep = "\x00"

// packIDs keeps sorted ids as one string, each between separators: a page
// has a hundred ids or more, and a site of fifty thousand reports would
// otherwise hold a string header for every one of them.
func packIDs(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return idSep + strings.Join(ids, idSep) + idSep
}

// Has reports whether a file called name was written.
func (o *Output) Has(name string) bool {
	_, ok := o.files[name]
	return ok
}

// IDs returns the element ids of the HTML page called name, sorted, or
// nil if there is no such page.
func (o *Output) IDs(name string) []string {
	packed := o.files[name]
	if packed == "" {
		return nil
	}
	return strings.Split(packed[len(idSep):len(packed)-len(idSep)], idSep)
}

// HasID reports whether the HTML page called name has an element whose id
// is id.
func (o *Output) HasID(name, id string) bool {
	return id != "" && !strings.Contains(id, idSep) && strings.Contains(o.files[name], idSep+id+idSep)
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
	files map[string]string
	done  bool // Finish was called
}

// NewRecorder returns a Recorder that passes files on to w. A nil w keeps
// nothing but the record, for a check that needs no output directory.
func NewRecorder(w Writer) *Recorder {
	return &Recorder{w: w, files: map[string]string{}}
}

// ContinueRecorder returns a Recorder that passes files on to w and starts
// from what prev records, less the files that drop names: for a rebuild of
// part of a site, whose other files stay as they were.
func ContinueRecorder(prev *Output, drop func(name string) bool, w Writer) *Recorder {
	files := maps.Clone(prev.files)
	maps.DeleteFunc(files, func(name string, _ string) bool { return drop(name) })
	return &Recorder{w: w, files: files}
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
	return nil
}

// Output returns what has been written so far. It is a snapshot: files
// written after the call are not in it.
func (r *Recorder) Output() *Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return &Output{files: maps.Clone(r.files)}
}

// Finish ends the recording and returns what was written, without the
// copy Output makes: a site of fifty thousand reports records a quarter of
// a million files. Files written after it are refused.
func (r *Recorder) Finish() *Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := &Output{files: r.files}
	r.files, r.done = nil, true
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
