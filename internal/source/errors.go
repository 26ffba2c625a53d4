package source

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gongkai/internal/report"
)

// Error is one problem in a source file.
type Error struct {
	Pos  report.Pos
	Msg  string
	Code string // a check code for the error's kind, such as "ENCODING"; "" for the rest
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// List is every error of one load, in file and line order.
type List []*Error

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the errors by file, line and column.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(strings.Compare(a.Pos.Path, b.Pos.Path), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}

// errs collects errors; the zero value is ready to use.
type errs struct{ list List }

func (e *errs) add(pos report.Pos, format string, args ...any) {
	e.list = append(e.list, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}
