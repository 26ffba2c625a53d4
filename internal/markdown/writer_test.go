package markdown

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// TestPlainWriterMatchesGoldmark: the short way of plainWriter writes the
// same bytes as goldmark's own writer, for Write, RawWrite and
// SecureWrite, on text of Chinese, ASCII and every byte either writer acts
// on: backslash escapes (escaped spaces too), character references, NUL and
// what HTML escapes.
func TestPlainWriterMatchesGoldmark(t *testing.T) {
	inner := html.NewWriter(html.WithEscapedSpace())
	fast := plainWriter{inner}
	pieces := []string{"预算", "执行率", "a", "Z", "0", " ", "\n", "\\", "\\ ", "\\*", "&", "&amp;", "&#x4E2D;", "&#20013;", "&nosuch;",
		"<", ">", "\"", "'", "\x00", "\xff", "\xe4\xb8", "%", "ＡＢ", "—",
		"部门整体支出绩效", "一般公共预算财政拨款收入"}
	rng := rand.New(rand.NewPCG(1, 2))
	write := func(f func(util.BufWriter, []byte), s []byte) string {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		f(w, s)
		w.Flush()
		return b.String()
	}
	for range 20000 {
		var s []byte
		for range rng.IntN(16) {
			s = append(s, pieces[rng.IntN(len(pieces))]...)
		}
		if got, want := write(fast.Write, s), write(inner.Write, s); got != want {
			t.Fatalf("Write(%q) = %q, goldmark writes %q", s, got, want)
		}
		if got, want := write(fast.RawWrite, s), write(inner.RawWrite, s); got != want {
			t.Fatalf("RawWrite(%q) = %q, goldmark writes %q", s, got, want)
		}
		if got, want := write(fast.SecureWrite, s), write(inner.SecureWrite, s); got != want {
			t.Fatalf("SecureWrite(%q) = %q, goldmark writes %q", s, got, want)
		}
	}
	for _, c := range []byte("<>&\"\x00") {
		if !escaped[c] || !acted[c] {
			t.Errorf("%q is not marked as a byte both writers act on", c)
		}
	}
	// plain passes eight bytes above 0x7F at once.
	for c := 0x80; c < 0x100; c++ {
		if acted[c] {
			t.Errorf("%#x is acted on, and plain would pass it", c)
		}
	}
	if !acted['\\'] || escaped['\\'] {
		t.Error(`"\" must be acted on by Write only`)
	}
}
