package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/markdown"
	"gongkai/internal/report"
)

// coverLabels are the fields of a report's cover page and of the approval
// box of the self-evaluation form. A published report has no use for them,
// and an import keeps them as written, so a field left blank in the
// original ("审核意见：", "填报日期：    年  月  日") reaches the text. A
// field with something in it ("填报日期：2024年4月30日") is the unit's own
// statement and is fine: only an empty one is a finding.
var coverLabels = []string{
	"评价类型",
	"审核意见",
	"审核人",
	"填报单位",
	"填报人",
	"填报日期",
	"联系人",
	"联系电话",
	"单位负责人",
}

// coverFiller is what a blank field of a printed form holds: the line to
// write on, and the skeleton of a date to be filled in by hand.
func coverFiller(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '_', '＿', '-', '－', '—', '–', '…', '.', '．', '·', '/', '／', '年', '月', '日':
		return true
	}
	return false
}

// coverField is a cover label followed by a colon in a line of prose: the
// label as written starts at byte start, its colon ends at byte end.
type coverField struct{ start, end int }

// emptyCoverFields returns the fields of line whose value is blank: only
// filler up to the next field or the end of the line. A field is a label
// and a colon (white space between the characters is ignored, as a cover
// page spaces out "填 报 人：" to align it) where the label begins the line,
// one of its sentences (a table cell), or follows white space or
// punctuation: "本次审核意见：" in running text is not a field. starts
// reports whether a rune index begins a sentence of the line.
//
// It looks for the colons of the line and reads the labels backwards from
// them, so that a line without a colon costs two byte searches, and a line
// without a blank field allocates nothing.
func emptyCoverFields(line string, starts func(byteIndex int) bool) []coverField {
	var fields []coverField
	// ascii and wide are where the next colon of each kind is, found by
	// searches that run at the speed of memchr (strings.IndexAny decodes
	// every character of a line that is not ASCII), or len(line).
	next := func(from int, colon string) int {
		if k := strings.Index(line[from:], colon); k >= 0 {
			return from + k
		}
		return len(line)
	}
	ascii, wide := next(0, ":"), next(0, "：")
	for ascii < len(line) || wide < len(line) {
		var colon, end int
		if ascii < wide {
			colon, end = ascii, ascii+1
			ascii = next(end, ":")
		} else {
			colon, end = wide, wide+len("：")
			wide = next(end, "：")
		}
		start, ok := coverLabelBefore(line[:colon])
		if !ok {
			continue
		}
		if start > 0 {
			prev, _ := utf8.DecodeLastRuneInString(line[:start])
			if !unicode.IsSpace(prev) && !unicode.IsPunct(prev) && !starts(start) {
				continue
			}
		}
		fields = append(fields, coverField{start, end})
	}
	var empty []coverField
	for k, f := range fields {
		end := len(line)
		if k+1 < len(fields) {
			end = fields[k+1].start
		}
		if strings.IndexFunc(line[f.end:end], func(r rune) bool { return !coverFiller(r) }) < 0 {
			empty = append(empty, f)
		}
	}
	return empty
}

// coverLabelBefore reports whether s ends with a cover label, white space
// ignored, and the byte where the label starts.
func coverLabelBefore(s string) (int, bool) {
next:
	for _, label := range coverLabels {
		at := len(s)
		for j := len(label); j > 0; {
			want, n := utf8.DecodeLastRuneInString(label[:j])
			j -= n
			for {
				r, m := utf8.DecodeLastRuneInString(s[:at])
				if m == 0 {
					continue next
				}
				at -= m
				if !unicode.IsSpace(r) {
					if r != want {
						continue next
					}
					break
				}
			}
		}
		return at, true
	}
	return 0, false
}

const coverHint = "公开的报告不需要封面和审核栏：删除这一行，或填上实际内容（已填写内容的栏目不会被标出）"

// coverText adds a COVER-TEXT finding for the prose line p, at pos's line,
// when it holds a cover-page field left blank: one finding for the line,
// at the first such field, quoting each.
func coverText(rep *report.Report, p markdown.ProseLine, pos report.Pos, add func(Finding)) {
	starts := func(b int) bool {
		i := utf8.RuneCountInString(p.Text[:b])
		for start := range p.Sentences() {
			if start == i {
				return true
			}
		}
		return false
	}
	empty := emptyCoverFields(p.Text, starts)
	if len(empty) == 0 {
		return
	}
	var quoted []string
	for _, f := range empty {
		quoted = append(quoted, "“"+p.Text[f.start:f.end]+"”")
	}
	pos.Col = p.Col(utf8.RuneCountInString(p.Text[:empty[0].start]))
	add(Finding{Code: "COVER-TEXT", Severity: Warning, Report: rep.Dir, Pos: pos,
		Message: "疑似未填写的封面或审核栏栏目" + strings.Join(quoted, "、"), Hint: coverHint})
}
