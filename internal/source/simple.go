package source

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decodeSimple decodes front matter written in the plain subset of TOML that
// reports are made of: comments, [table] and [[array.of.tables]] headers of
// bare keys, and bare keys set to a basic string without escapes, a decimal
// integer or float, a boolean or a local date. It gives what toml.Decode
// gives for the same text, with the key index that indexKeys gives, and ok
// false for anything else, which toml.Decode then reads and, where it is
// wrong, explains.
//
// It exists for speed: BurntSushi/toml spends most of a large build's load
// time lexing these few shapes, and indexing the keys is a second pass over
// the same lines. FuzzDecodeSimple holds it to the same results as both.
func decodeSimple(path, fm string, firstLine int) (m map[string]any, ix *keyIndex, ok bool) {
	if !utf8.ValidString(fm) {
		return nil, nil, false
	}
	root := map[string]any{}
	table := root
	in := newIndexer(path, fm, firstLine)
	lineNo := firstLine - 1
	for len(fm) > 0 {
		lineNo++
		line := fm
		if i := strings.IndexByte(fm, '\n'); i >= 0 {
			line, fm = fm[:i], fm[i+1:]
		} else {
			fm = ""
		}
		indented := line
		line = strings.TrimLeft(line, " \t")
		col := len(indented) - len(line) + 1 // the indent is ASCII
		if line == "" || line[0] == '#' {
			if !plainComment(line) {
				return nil, nil, false
			}
			continue
		}
		if line[0] == '[' {
			array := strings.HasPrefix(line, "[[")
			head := line[1:]
			closing := "]"
			if array {
				head, closing = line[2:], "]]"
			}
			name, rest, found := strings.Cut(head, closing)
			if !found || !endOfLine(rest) {
				return nil, nil, false
			}
			keys := strings.Split(strings.Trim(name, " \t"), ".")
			t, ok := header(root, keys, array)
			if !ok {
				return nil, nil, false
			}
			// header refuses a second [a]: a exists already.
			in.header(keys, array, lineNo, col)
			table = t
			continue
		}
		key, rest, found := strings.Cut(line, "=")
		if !found {
			return nil, nil, false
		}
		key = strings.TrimRight(key, " \t")
		if !bareKey(key) {
			return nil, nil, false
		}
		if _, dup := table[key]; dup {
			return nil, nil, false
		}
		v, ok := simpleValue(strings.TrimLeft(rest, " \t"))
		if !ok {
			return nil, nil, false
		}
		table[key] = v
		in.key(key, rest, lineNo, col)
	}
	return root, in.ix, true
}

// header finds or makes the table a header names: the last element of each
// array of tables on the way, a new element for [[…]].
func header(root map[string]any, keys []string, array bool) (map[string]any, bool) {
	t := root
	for i, k := range keys {
		if !bareKey(k) {
			return nil, false
		}
		last := i == len(keys)-1
		switch v := t[k].(type) {
		case nil: // no such key: values are never nil
			if !last {
				// An implicit parent, such as a in [a.b]:
				// toml.Decode allows [a] later, which this leaves
				// to it.
				return nil, false
			}
			n := map[string]any{}
			if array {
				t[k] = []map[string]any{n}
			} else {
				t[k] = n
			}
			return n, true
		case map[string]any:
			if last {
				// [[a]] over a table, or [a] again: toml.Decode
				// decides; [a] after [a.b] is allowed there too.
				return nil, false
			}
			t = v
		case []map[string]any:
			if last && array {
				n := map[string]any{}
				t[k] = append(v, n)
				return n, true
			}
			if last {
				return nil, false
			}
			t = v[len(v)-1]
		default:
			return nil, false
		}
	}
	return nil, false
}

// simpleValue decodes a value and what may follow it on its line.
func simpleValue(s string) (any, bool) {
	if s == "" {
		return nil, false
	}
	if s[0] == '"' {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 || strings.HasPrefix(s, `"""`) || !endOfLine(s[2+end:]) {
			return nil, false
		}
		str := s[1 : 1+end]
		for i := 0; i < len(str); i++ {
			if c := str[i]; c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f {
				return nil, false
			}
		}
		return str, true
	}
	n := strings.IndexAny(s, " \t#")
	if n < 0 {
		n = len(s)
	}
	word, rest := s[:n], s[n:]
	if !endOfLine(rest) {
		return nil, false
	}
	switch word {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	if len(word) == len("2006-01-02") && word[4] == '-' && word[7] == '-' {
		if !allDigits(word[:4]) || !allDigits(word[5:7]) || !allDigits(word[8:]) {
			return nil, false
		}
		d, err := time.ParseInLocation(time.DateOnly, word, localDate)
		return d, err == nil
	}
	digits := strings.TrimPrefix(word, "-")
	intPart, frac, isFloat := strings.Cut(digits, ".")
	if !allDigits(intPart) || (len(intPart) > 1 && intPart[0] == '0') {
		return nil, false
	}
	if !isFloat {
		i, err := strconv.ParseInt(word, 10, 64)
		return i, err == nil
	}
	if !allDigits(frac) {
		return nil, false
	}
	f, err := strconv.ParseFloat(word, 64)
	return f, err == nil
}

// localDate is the location toml.Decode gives a local date, such as
// 2024-04-30: a date without a time zone, not UTC.
var localDate = func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &m); err != nil {
		panic(err) // a constant that toml always reads
	}
	return m["d"].(time.Time).Location()
}()

// endOfLine reports whether rest is only white space and a comment.
func endOfLine(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	return rest == "" || (rest[0] == '#' && plainComment(rest))
}

// plainComment reports whether a comment has only characters TOML allows in
// one: no control characters but tab.
func plainComment(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

func bareKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
