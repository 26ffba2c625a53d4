// Package jsontext writes JSON as encoding/json writes it, without its
// reflection: the pages' data and the charts' options are written member
// by member (Writer), and their text, which nearly never needs an escape,
// is copied as it is (AppendString).
package jsontext

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// AppendString appends s as a JSON string as encoding/json writes it: with
// <, > and & escaped when html is set, as json.Marshal does, or not, as an
// Encoder after SetEscapeHTML(false). Text that needs no escape is copied;
// anything else goes through encoding/json itself.
func AppendString(dst []byte, s string, html bool) []byte {
	if plain(s, html) {
		return append(append(append(dst, '"'), s...), '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(s); err != nil {
		panic(err) // a string always encodes
	}
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// plain reports whether encoding/json writes s between quotes as it is:
// valid UTF-8 with no control character, quote, backslash, U+2028 or
// U+2029, nor <, > or & when html is set.
func plain(s string, html bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || html && (c == '<' || c == '>' || c == '&') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += n
	}
	return true
}

// Writer appends JSON as encoding/json writes it: compact, as json.Marshal
// does, or with Indent set, indented by two spaces as an Encoder after
// SetIndent("", "  "); strings with <, > and & escaped when HTML is set.
// The caller writes the members in their order and leaves out what
// omitempty would.
type Writer struct {
	B      []byte
	Indent bool
	HTML   bool
	// members is, for each object or array open, how many members or
	// elements it has so far.
	members []int
}

// Open opens an object or an array, c being '{' or '['.
func (w *Writer) Open(c byte) {
	w.B = append(w.B, c)
	w.members = append(w.members, 0)
}

// Close closes the innermost object or array, c being '}' or ']'.
func (w *Writer) Close(c byte) {
	n := w.members[len(w.members)-1]
	w.members = w.members[:len(w.members)-1]
	if n > 0 && w.Indent {
		w.newline()
	}
	w.B = append(w.B, c)
}

// Elem starts an element of the innermost array.
func (w *Writer) Elem() {
	last := &w.members[len(w.members)-1]
	if *last++; *last > 1 {
		w.B = append(w.B, ',')
	}
	if w.Indent {
		w.newline()
	}
}

// Key starts a member of the innermost object; name needs no escaping.
func (w *Writer) Key(name string) {
	w.Elem()
	w.B = append(append(append(w.B, '"'), name...), '"', ':')
	if w.Indent {
		w.B = append(w.B, ' ')
	}
}

func (w *Writer) newline() {
	w.B = append(w.B, '\n')
	for range len(w.members) {
		w.B = append(w.B, "  "...)
	}
}

// String writes s as a JSON string.
func (w *Writer) String(s string) { w.B = AppendString(w.B, s, w.HTML) }

// Bool writes true or false.
func (w *Writer) Bool(v bool) { w.B = strconv.AppendBool(w.B, v) }

// Int writes v.
func (w *Writer) Int(v int64) { w.B = strconv.AppendInt(w.B, v, 10) }

// Raw writes s, a JSON number or literal, as it is.
func (w *Writer) Raw(s string) { w.B = append(w.B, s...) }
