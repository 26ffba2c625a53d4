package source

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// BurntSushi/toml hands every float over as a float64, which cannot hold
// every figure of the documented range (9999999999.999999 is the float of
// 9999999999.999998 too) and turns 1e-400 into 0. A figure is therefore read
// from its text: the key index keeps the text of every value written on a
// key's own line, and for a value inside an inline table or a multi-line
// array, whose text it does not keep, the front matter's float literals are
// listed and matched by value.

// literal is a float as written in front matter, and where.
type literal struct {
	text string
	pos  report.Pos
}

// floatLiterals lists the float literals of front matter, outside strings,
// comments and keys, in order.
func floatLiterals(path, fm string, firstLine int) []literal {
	var lits []literal
	line, lineStart := firstLine, 0
	// skip moves past fm[i:j], counting the lines it spans.
	skip := func(i, j int) int {
		j = min(j, len(fm))
		for k := i; k < j; k++ {
			if fm[k] == '\n' {
				line, lineStart = line+1, k+1
			}
		}
		return j
	}
	for i := 0; i < len(fm); {
		c := fm[i]
		switch {
		case c == '#':
			end := strings.IndexByte(fm[i:], '\n')
			if end < 0 {
				end = len(fm) - i
			}
			i += end
		case strings.HasPrefix(fm[i:], `"""`), strings.HasPrefix(fm[i:], `'''`):
			i = skip(i, i+3+stringEnd(fm[i+3:], fm[i:i+3]))
		case c == '"' || c == '\'':
			i = skip(i, i+1+stringEnd(fm[i+1:], fm[i:i+1]))
		case tokenByte(c):
			j := i
			for j < len(fm) && tokenByte(fm[j]) {
				j++
			}
			rest := strings.TrimLeft(fm[j:], " \t")
			if tok := fm[i:j]; floatLiteral(tok) && !strings.HasPrefix(rest, "=") {
				col := utf8.RuneCountInString(fm[lineStart:i]) + 1
				lits = append(lits, literal{text: tok, pos: report.Pos{Path: path, Line: line, Col: col}})
			}
			i = j
		default:
			i = skip(i, i+1)
		}
	}
	return lits
}

// stringEnd is the length of a string's rest s up to and including the
// closing quote q; a backslash escapes the next byte of a basic string. A
// one-line string that the line ends unclosed ends there.
func stringEnd(s, q string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case q[0] == '"' && s[i] == '\\':
			i++
		case len(q) == 1 && s[i] == '\n':
			return i
		case strings.HasPrefix(s[i:], q):
			// A closing """ may be preceded by up to two quotes of the
			// string itself: """a""""" ends at the last three.
			n := len(q)
			for n < len(q)+2 && i+n < len(s) && s[i+n] == q[0] {
				n++
			}
			return i + n
		}
	}
	return len(s)
}

// tokenByte reports whether c can be part of a bare value or key.
func tokenByte(c byte) bool {
	return !strings.ContainsRune(" \t\r\n,[]{}=#\"'", rune(c))
}

// floatSyntax is a TOML float: a decimal with a fraction, an exponent or both,
// or inf and nan. Underscores are removed before it is matched.
var floatSyntax = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|inf|nan)$`)

func floatLiteral(tok string) bool {
	t := strings.ReplaceAll(tok, "_", "")
	return strings.ContainsAny(t, ".eEin") && floatSyntax.MatchString(t)
}

// writes reports whether text is a float literal whose float64 is f: 1e-400
// is written for 0, since the parser rounds it to 0 too.
func writes(text string, f float64) bool {
	if text == "" {
		return false
	}
	g, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	return (err == nil || errors.Is(err, strconv.ErrRange)) && g == f
}

// literals lists the front matter's float literals, once per decoder.
func (d *decoder) literals() []literal {
	if d.lits == nil {
		d.lits = floatLiterals(d.ix.path, d.ix.fm, d.ix.firstLine)
		if d.lits == nil {
			d.lits = []literal{}
		}
	}
	return d.lits
}

// unclaimed lists the literals that are not the text of a value the key
// index holds: the candidates for a value it does not.
func (d *decoder) unclaimed() []literal {
	if d.free != nil {
		return d.free
	}
	claimed := map[literal]bool{}
	for path, raw := range d.ix.raw {
		claimed[literal{text: raw, pos: report.Pos{Path: d.ix.path, Line: d.ix.pos[path].Line}}] = true
	}
	d.free = []literal{}
	for _, l := range d.literals() {
		if !claimed[literal{text: l.text, pos: report.Pos{Path: l.pos.Path, Line: l.pos.Line}}] {
			d.free = append(d.free, l)
		}
	}
	return d.free
}

// float reads the figure the float64 f of the key at path was written as.
func (d *decoder) float(path string, pos report.Pos, key string, f float64) (decimal.Dec, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		d.errs.add(pos, "键 %q 应为有限的数，实际为 %v", key, f)
		return decimal.Dec{}, false
	}
	raw := d.ix.raw[path]
	if writes(raw, f) {
		dec, err := decimal.ParseExp(strings.ReplaceAll(raw, "_", ""))
		if err != nil {
			d.rangeError(d.literalAt(pos, raw), key, raw)
			return dec, false
		}
		return dec, true
	}
	// Not on a line of its own: the literals of this value are the
	// candidates. One of them is the text written here.
	var (
		best          decimal.Dec
		found, failed bool
	)
	for _, l := range d.unclaimed() {
		if !writes(l.text, f) {
			continue
		}
		dec, err := decimal.ParseExp(strings.ReplaceAll(l.text, "_", ""))
		switch {
		case err != nil:
			// The literal may be another key's of the same float, but
			// it is wrong wherever it is: each is reported once.
			if !d.reported[l.pos] {
				d.rangeError(l.pos, key, l.text)
				return decimal.Dec{}, false
			}
			failed = true
		case failed:
		case !found:
			best, found = dec, true
		case !dec.Equal(best):
			d.errs.add(pos, "键 %q 的数值在内联表或多行数组中，有效数字过多，无法确定原文；请将它写成单独一行的 %s = 数值", key, key)
			return decimal.Dec{}, false
		case dec.Scale() < best.Scale():
			// "1.5" and "1.50" written in two places: the shorter is
			// the one the float cannot tell apart from the longer.
			best = dec
		}
	}
	switch {
	case failed:
		return decimal.Dec{}, false
	case found:
		return best, true
	}
	// No literal found: the float's shortest text is the one written for
	// every number of up to 15 significant digits.
	dec, err := decimal.FromFloat(f)
	if err != nil || significant(dec.String()) > 15 {
		d.errs.add(pos, "键 %q 的数值 %v 无法精确读取：最多 %d 位整数、%d 位小数", key, f, decimal.MaxIntDigits, decimal.MaxScale)
		return decimal.Dec{}, false
	}
	return dec, true
}

// significant counts the significant digits of a plain decimal.
func significant(s string) int {
	s = strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(s), "0")
	return len(s)
}

// literalAt is where the value text written on the line of pos starts, or
// pos when it cannot be found.
func (d *decoder) literalAt(pos report.Pos, text string) report.Pos {
	for _, l := range d.literals() {
		if l.pos.Line == pos.Line && l.text == text {
			return l.pos
		}
	}
	return pos
}

// rangeError reports a figure that is not within the documented range.
func (d *decoder) rangeError(pos report.Pos, key, text string) {
	if d.reported == nil {
		d.reported = map[report.Pos]bool{}
	}
	d.reported[pos] = true
	d.errs.add(pos, "%s", rangeMessage(key, text))
}

func rangeMessage(key, text string) string {
	return fmt.Sprintf("键 %q 的数值 %s 超出可精确表示的范围：最多 %d 位整数、%d 位小数", key, text, decimal.MaxIntDigits, decimal.MaxScale)
}

// tomlRange matches the message BurntSushi/toml gives a number it cannot
// hold in an int64 or a float64.
var tomlRange = regexp.MustCompile(`^(\S+) is out of range for (int64|float64)$`)

// outOfRange rewrites toml's message about a number out of range, such as
// 1e400, to one that says the limit.
func outOfRange(msg string) (string, bool) {
	m := tomlRange.FindStringSubmatch(msg)
	if m == nil {
		return "", false
	}
	if m[2] == "int64" {
		return fmt.Sprintf("整数 %s 超出范围：须在 %d 到 %d 之间", m[1], int64(math.MinInt64), int64(math.MaxInt64)), true
	}
	return fmt.Sprintf("数值 %s 超出可精确表示的范围：最多 %d 位整数、%d 位小数", m[1], decimal.MaxIntDigits, decimal.MaxScale), true
}
