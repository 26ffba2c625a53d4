// Package check finds what a published report got wrong: figures that do
// not add up, shares and rates that do not match their parts, template text
// nobody deleted (and the cover page's stamp placeholders and blank fields,
// which an import keeps as written), required sections left empty, links
// that lead nowhere.
//
// Every finding has a stable code, a severity and the place it is about, and
// says in Chinese the figure as written, the figure recomputed, the
// difference and what to do. Nothing is ever corrected silently: the text is
// what was published, and the checks only point.
//
// Arithmetic is exact decimal throughout (package decimal), rounding half up
// at the precision the author used.
package check

import (
	"cmp"
	"slices"
	"strings"

	"gongkai/internal/report"
)

// Severity says how much a finding matters.
type Severity int

const (
	Info    Severity = iota // worth knowing: a share truncated rather than rounded
	Warning                 // likely wrong: template text, an empty required section
	Error                   // wrong: figures that do not add up
)

var severityNames = [...]string{"info", "warning", "error"}
var severityChinese = [...]string{"提示", "警告", "错误"}

func (s Severity) String() string { return severityNames[s] }

// Chinese is the severity as the user reads it.
func (s Severity) Chinese() string { return severityChinese[s] }

// Finding is one thing a check found. The command line prints it, as text
// or as JSON of its own shape (cli's jsonFinding).
type Finding struct {
	Code     string
	Severity Severity
	Pos      report.Pos
	Message  string
	Hint     string

	// Where on the report page the finding belongs: the report's folder
	// and the data block (empty for text).
	Report string
	Block  string
}

// String is the finding as the terminal prints it.
func (f Finding) String() string {
	s := f.Pos.String() + ": " + f.Severity.Chinese() + " [" + f.Code + "] " + f.Message
	if f.Hint != "" {
		s += "。" + f.Hint
	}
	return s
}

// Sort orders findings by file, line, column and code.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.Pos.Path, b.Pos.Path), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), strings.Compare(a.Code, b.Code))
	})
}

// Count tallies findings by severity.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}
