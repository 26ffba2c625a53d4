package search

// The postings of a key are the sorted numbers of the reports holding it,
// written as the first number and then the gaps, each gap as a varint of
// base64url digits: five bits of value a digit, the sixth set on every
// digit but the last. Most keys of a large site are in many reports, whose
// gaps are small: one byte a report.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendPostings appends the encoding of ids, sorted and without repeats.
func appendPostings(dst []byte, ids []uint32) []byte {
	prev := uint32(0)
	for i, id := range ids {
		v := id
		if i > 0 {
			v = id - prev
		}
		prev = id
		for v >= 32 {
			dst = append(dst, digits[32|v&31])
			v >>= 5
		}
		dst = append(dst, digits[v])
	}
	return dst
}

// decodePostings is the inverse of appendPostings, for the tests; search.js
// has its own.
func decodePostings(s string) []uint32 {
	var ids []uint32
	var v, shift, prev uint32
	for i := 0; i < len(s); i++ {
		d := uint32(indexOf(s[i]))
		v |= (d & 31) << shift
		shift += 5
		if d&32 != 0 {
			continue
		}
		if len(ids) > 0 {
			v += prev
		}
		ids = append(ids, v)
		prev, v, shift = v, 0, 0
	}
	return ids
}

func indexOf(c byte) int {
	for i := 0; i < len(digits); i++ {
		if digits[i] == c {
			return i
		}
	}
	return 0
}
