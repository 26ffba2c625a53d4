package jsontext

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestAppendStringMatchesEncoding compares AppendString with encoding/json,
// with and without HTML escaping, on random strings of Chinese, ASCII and
// everything JSON escapes, invalid UTF-8 included.
func TestAppendStringMatchesEncoding(t *testing.T) {
	t.Parallel()
	pieces := []string{"", "报告", "a", " ", "<", ">", "&", `"`, `\`, "\x00", "\x1f", "\n", "\u2028", "\u2029", "\xff", "\xe4\xb8", "\xed\xa0\x80", "𠀀", "{}"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		s := ""
		for range r.IntN(8) {
			s += pieces[r.IntN(len(pieces))]
		}
		for _, html := range []bool{true, false} {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
			if got := AppendString([]byte("x"), s, html); !bytes.Equal(got[1:], want) || got[0] != 'x' {
				t.Fatalf("%q (html %v): %s, want %s", s, html, got, want)
			}
		}
	}
}
