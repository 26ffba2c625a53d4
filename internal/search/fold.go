package search

import (
	"unicode"
	"unicode/utf8"
)

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
func Indexable(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case 0x4E00 <= r && r <= 0x9FFF: // the CJK Unified Ideographs, every one a letter
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// A key is one, two or three adjacent indexable characters (three only if
// isTriple), packed: a triple has trigram set and its characters in three
// fields of runeBits; a pair has bigram set and its first character
// shifted above the second.
type key uint64

const (
	trigram  key = 1 << 63
	bigram   key = 1 << 62
	runeBits     = 21 // enough for every Unicode code point
	runeMask     = key(1)<<runeBits - 1
)

func unigramKey(r rune) key      { return key(r) }
func pairKey(a, b rune) key      { return bigram | key(a)<<runeBits | key(b) }
func tripleKey(a, b, c rune) key { return trigram | key(a)<<(2*runeBits) | key(b)<<runeBits | key(c) }

// runes is the characters of k, and how many it has.
func (k key) runes() ([3]rune, int) {
	switch {
	case k&trigram != 0:
		return [3]rune{rune(k >> (2 * runeBits) & runeMask), rune(k >> runeBits & runeMask), rune(k & runeMask)}, 3
	case k&bigram != 0:
		return [3]rune{rune(k >> runeBits & runeMask), rune(k & runeMask)}, 2
	}
	return [3]rune{rune(k)}, 1
}

// String is the key as the shards name it: its characters.
func (k key) String() string {
	rs, n := k.runes()
	return string(rs[:n])
}

// keys calls add with every key of text: each indexable character, each
// two adjacent ones, and each three adjacent ones of which one is an ASCII
// letter or digit (see isTriple), folded. It may repeat a key. The Builder
// counts the same keys another way (work.section); TestCountsAsKeys holds
// the two together.
func keys(text string, add func(key)) {
	var p1, p2 rune = -1, -1 // the character before, and the one before it
	for _, r := range text {
		r = Fold(r)
		if !Indexable(r) {
			p1, p2 = -1, -1
			continue
		}
		add(unigramKey(r))
		if p1 >= 0 {
			add(pairKey(p1, r))
			if p2 >= 0 && isTriple(p2, p1, r) {
				add(tripleKey(p2, p1, r))
			}
		}
		p1, p2 = r, p1
	}
}

// isTriple reports whether three adjacent indexable characters make a key:
// when one of them is an ASCII letter or digit (folded). Two Han
// characters are one pair of millions, and their triples were most of the
// index's cost; but pairs of digits are a hundred, and a number is told
// apart by its triples and by the words next to it (查19, 43次).
func isTriple(a, b, c rune) bool { return min(a, b, c) < utf8.RuneSelf }

// shardOf is the key shard of k among n: FNV-1a over its code points, as
// search.js computes it.
func shardOf(k key, n int) int { return int(hashOf(k) % uint32(n)) }

// hashOf is FNV-1a over the code points of k.
func hashOf(k key) uint32 {
	rs, n := k.runes()
	h := uint32(2166136261)
	for _, r := range rs[:n] {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}
