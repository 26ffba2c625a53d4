package search

import "errors"

// The postings of a key say which reports hold it and, for each, enough to
// rank and count the hits of a query before any text is loaded: whether
// the report's title or unit holds the key, in how many of its sections it
// occurs, and how often in the section that holds it most. For a query
// that is one key, these are its hits' exact count and the exact rank of
// each report's best hit; for a longer query the least of its keys' are
// bounds, which search.js tightens by reading the texts in the order of
// the bounds. Counts by section would rank without bounds
// but cost seven times the bytes (most keys are in several sections of
// every report that holds them).
//
// The postings are written in base64url digits, each number as a varint of
// five bits a digit, the sixth set on every digit but the last. Each report
// holding the key, by ascending number, is one number
//
//	(gap-1)<<5 | code
//
// where gap is the report's number plus one (the first) or its distance
// from the report before, and code, below 28, says that the title and
// unit do not hold the key, which is in code%7+1 sections, at most
// code/7+1 times in one (four reports in five of a large site); else code
// is 31 and two numbers follow: sections<<1 | named, and most. Most keys
// are in reports next to each other: a digit a report.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// The codes of the commonest stats: up to codeSections sections, up to
// codeMost times in one, not in the title or unit.
const (
	codeSections = 7
	codeMost     = 4
	codeFull     = 31
)

// Entry is what the postings of a key say of one report.
type Entry struct {
	Report   uint32
	Sections uint32 // how many of its sections hold the key
	Named    bool   // its title or unit holds the key
	Most     uint32 // the most times the key occurs in one section
}

func appendVarint(dst []byte, v uint64) []byte {
	for v >= 32 {
		dst = append(dst, digits[32|v&31])
		v >>= 5
	}
	return append(dst, digits[v])
}

// value is the number of digit c, or -1.
var value = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(digits) {
		t[digits[i]] = int8(i)
	}
	return t
}()

var errPostings = errors.New("搜索索引的倒排表已损坏")

// readVarint reads the number at s[i:] and returns it and the index after.
func readVarint(s []byte, i int) (uint64, int, error) {
	var v uint64
	for shift := 0; i < len(s) && shift < 64; shift += 5 {
		d := value[s[i]]
		i++
		if d < 0 {
			break
		}
		v |= uint64(d&31) << shift
		if d&32 == 0 {
			return v, i, nil
		}
	}
	return 0, i, errPostings
}

// appendStats appends e's stats in full: their word (statsWord) and most.
func appendStats(dst []byte, e Entry) []byte {
	return appendVarint(appendVarint(dst, statsWord(e)), uint64(e.Most))
}

// statsWord is how the postings and the spill write e's sections and
// whether it is named: sections<<1 | named.
func statsWord(e Entry) uint64 {
	v := uint64(e.Sections) << 1
	if e.Named {
		v |= 1
	}
	return v
}

// shortCode is the code of e's stats, and whether it is one of the
// commonest, which say them all.
func shortCode(e Entry) (uint64, bool) {
	if !e.Named && e.Sections >= 1 && e.Sections <= codeSections && e.Most >= 1 && e.Most <= codeMost {
		return uint64((e.Most-1)*codeSections + e.Sections - 1), true
	}
	return codeFull, false
}

// appendPostings appends the postings of es, by ascending report, as the
// shards hold them.
func appendPostings(dst []byte, es []Entry) []byte {
	prev := int64(-1)
	for _, e := range es {
		gap := uint64(int64(e.Report) - prev)
		prev = int64(e.Report)
		code, short := shortCode(e)
		dst = appendVarint(dst, (gap-1)<<5|code)
		if !short {
			dst = appendStats(dst, e)
		}
	}
	return dst
}

// readPostings calls add with each report of the postings s as the shards
// hold them.
func readPostings(s []byte, add func(id, sections uint32, named bool, most uint32)) error {
	id := int64(-1)
	for i := 0; i < len(s); {
		v, next, err := readVarint(s, i)
		if err != nil {
			return err
		}
		i = next
		if id += int64(v>>5) + 1; id > 1<<32-1 {
			return errPostings
		}
		code := v & 31
		switch {
		case code < codeSections*codeMost:
			add(uint32(id), uint32(code%codeSections+1), false, uint32(code/codeSections+1))
		case code == codeFull:
			st, next, err := readVarint(s, i)
			if err != nil {
				return err
			}
			most, next, err := readVarint(s, next)
			if err != nil {
				return err
			}
			i = next
			add(uint32(id), uint32(st>>1), st&1 != 0, uint32(most))
		default:
			return errPostings
		}
	}
	return nil
}

// DecodePostings is the entries of the postings s, for the tests and
// tools; search.js has its own reader.
func DecodePostings(s string) ([]Entry, error) {
	var out []Entry
	err := readPostings([]byte(s), func(id, sections uint32, named bool, most uint32) {
		out = append(out, Entry{Report: id, Sections: sections, Named: named, Most: most})
	})
	return out, err
}
