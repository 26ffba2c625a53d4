package source

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gongkai/internal/report"
)

// keyIndex maps a key path with array indexes, such as
// "budget[0].items[2].amount", to where the key is written in the file.
// BurntSushi/toml keeps no positions of keys in arrays of tables, so the
// front matter is scanned line by line. Keys inside inline tables and
// multi-line arrays are not indexed; a lookup falls back to the enclosing key.
type keyIndex struct {
	path string
	pos  map[string]report.Pos
	// raw holds the text of each single-line value as written, so that a
	// number keeps the decimals its author wrote ("60.0" is not "60").
	raw map[string]string
	// fm and firstLine are the front matter indexed and the line it
	// starts on, for the numbers the index does not hold (numbers.go).
	fm        string
	firstLine int
}

// release empties ix and keeps it for the next newIndexer. Nothing may use
// ix after: the positions and texts found in it are values, copied out.
func (ix *keyIndex) release() {
	clear(ix.pos)
	clear(ix.raw)
	ix.path, ix.fm = "", ""
	keyIndexes.Put(ix)
}

// indexer builds a keyIndex line by line, for indexKeys and decodeSimple.
type indexer struct {
	ix     *keyIndex
	arrays map[string]int // resolved array path → number of elements so far
	table  string         // resolved path of the current table
}

// keyIndexes keeps key indexes, their maps emptied, for the next front
// matter (document.release): made anew for every file, the maps were 5%
// of what a large build allocates.
var keyIndexes = sync.Pool{New: func() any {
	return &keyIndex{pos: map[string]report.Pos{}, raw: map[string]string{}}
}}

func newIndexer(path, fm string, firstLine int) *indexer {
	ix := keyIndexes.Get().(*keyIndex)
	ix.path, ix.fm, ix.firstLine = path, fm, firstLine
	// The root is the opening "+++" line, or line 1 of a file of pure TOML.
	ix.pos[""] = report.Pos{Path: path, Line: max(1, firstLine-1), Col: 1}
	return &indexer{ix: ix, arrays: map[string]int{}}
}

// header indexes a [table] or, with array, an [[array.of.tables]] header
// of the given keys, written at line, col.
func (in *indexer) header(keys []string, array bool, line, col int) {
	parent, last := resolve(in.arrays, keys)
	in.table = join(parent, last)
	if array {
		arr := in.table
		in.table = arr + "[" + strconv.Itoa(in.arrays[arr]) + "]"
		in.arrays[arr]++
	}
	in.ix.pos[in.table] = report.Pos{Path: in.ix.path, Line: line, Col: col}
}

// key indexes key = value of the current table, and returns the value
// without its comment and the brackets it leaves open.
func (in *indexer) key(key, value string, line, col int) (code string, depth int) {
	keyPath := join(in.table, key)
	in.ix.pos[keyPath] = report.Pos{Path: in.ix.path, Line: line, Col: col}
	code, depth = scan(value)
	in.ix.raw[keyPath] = strings.TrimSpace(code)
	return code, depth
}

func indexKeys(path, fm string, firstLine int) *keyIndex {
	in := newIndexer(path, fm, firstLine)
	var closeString string // non-empty inside a multi-line string
	depth := 0             // bracket depth inside a multi-line value
	lineNo := firstLine - 1
	for line := range strings.SplitSeq(fm, "\n") {
		lineNo++
		if closeString != "" {
			if strings.Count(line, closeString)%2 == 1 {
				closeString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		t := strings.TrimSpace(line)
		col := utf8.RuneCountInString(line[:len(line)-len(strings.TrimLeft(line, " \t"))]) + 1
		switch {
		case t == "" || t[0] == '#':
		case strings.HasPrefix(t, "[["):
			name, _, _ := strings.Cut(t[2:], "]]")
			in.header(splitKey(name), true, lineNo, col)
		case t[0] == '[':
			name, _, _ := strings.Cut(t[1:], "]")
			in.header(splitKey(name), false, lineNo, col)
		default:
			key, value, ok := strings.Cut(t, "=")
			if !ok {
				continue
			}
			key = strings.TrimSpace(key)
			if strings.ContainsAny(key, `."'`) {
				key = strings.Join(splitKey(key), ".")
			}
			value, depth = in.key(key, value, lineNo, col)
			// A multi-line string starts the value; three quotes
			// inside a one-line string ("'''") open nothing.
			v := strings.TrimSpace(value)
			for _, q := range []string{`"""`, `'''`} {
				if strings.HasPrefix(v, q) && strings.Count(v, q)%2 == 1 {
					closeString = q
				}
			}
		}
	}
	return in.ix
}

// resolve turns a header's dotted key into a path with indexes: a parent that
// is an array of tables means its latest element.
func resolve(arrays map[string]int, parts []string) (parent, last string) {
	for _, p := range parts[:len(parts)-1] {
		parent = join(parent, p)
		if n := arrays[parent]; n > 0 {
			parent += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return parent, parts[len(parts)-1]
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// splitKey splits a dotted key, dropping quotes and spaces around parts.
func splitKey(k string) []string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return parts
}

// bracketDepth counts the brackets and braces a value leaves open, outside
// strings and comments.
func bracketDepth(s string) int {
	_, depth := scan(s)
	return depth
}

// scan returns s without its comment, and the brackets and braces s leaves
// open outside strings. A backslash escapes the next character of a basic
// string, so that "\"[" opens no bracket.
func scan(s string) (code string, depth int) {
	var quote rune
	escaped := false
	for i, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return s[:i], depth
		case r == '[' || r == '{':
			depth++
		case r == ']' || r == '}':
			depth--
		}
	}
	return s, depth
}

// find returns where the key at path is written, or the nearest enclosing key
// or table that was indexed, or the start of the front matter.
func (ix *keyIndex) find(path string) report.Pos {
	for path != "" {
		if p, ok := ix.pos[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return ix.pos[""]
}
