package search

import "unicode"

// Fold maps a character as search compares it: full-width ASCII (Ａ, ２, ／)
// to ASCII and Latin capitals to small letters. Each character folds to
// one of the same length in UTF-16, so that search.js can highlight a
// match found in the folded text at the same offsets in the original; the
// script folds exactly the same characters.
func Fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// Indexable reports whether a folded character makes keys: letters and
// decimal digits of every script (search.js: /[\p{L}\p{Nd}]/u).
func Indexable(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// A key is one indexable character or two adjacent ones, packed: a pair
// has bigram set and its first character shifted above the second.
type key uint64

const (
	bigram   key = 1 << 62
	runeBits     = 21 // enough for every Unicode code point
)

func unigramKey(r rune) key { return key(r) }
func pairKey(a, b rune) key { return bigram | key(a)<<runeBits | key(b) }

// String is the key as the shards name it: its one or two characters.
func (k key) String() string {
	if k&bigram == 0 {
		return string(rune(k))
	}
	mask := key(1)<<runeBits - 1
	return string([]rune{rune(k >> runeBits & mask), rune(k & mask)})
}

// keys calls add with every key of text: each indexable character and each
// pair of adjacent indexable characters, folded. It may repeat a key.
func keys(text string, add func(key)) {
	var prev rune = -1
	for _, r := range text {
		r = Fold(r)
		if !Indexable(r) {
			prev = -1
			continue
		}
		add(unigramKey(r))
		if prev >= 0 {
			add(pairKey(prev, r))
		}
		prev = r
	}
}

// shardOf is the key shard of k among n: FNV-1a over its code points, as
// search.js computes it.
func shardOf(k key, n int) int {
	h := uint32(2166136261)
	for _, r := range k.String() {
		h ^= uint32(r)
		h *= 16777619
	}
	return int(h % uint32(n))
}
