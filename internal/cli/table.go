package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// printTable prints rows as columns that line up in a terminal: a Han
// character takes two columns there (see width), which text/tabwriter does
// not know.
// The last column is not padded.
func printTable(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-width(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// shorten keeps s to about limit runes, its start and its end, so that a
// hostile manifest's ten-megabyte cell does not fill the screen.
func shorten(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit/2]) + "…" + string(r[len(r)-limit/2:])
}
