// Package jsontext writes JSON strings as encoding/json writes them,
// without its reflection: the pages' data and the charts' options are
// written by hand, and their text, which nearly never needs an escape, is
// copied as it is.
package jsontext

import (
	"bytes"
	"encoding/json"
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
