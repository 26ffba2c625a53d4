// Package sheet writes CSV files for spreadsheets, as the site's data.csv
// and history.csv and the quality report's CSV are: UTF-8 with a byte
// order mark (without it Excel reads the Chinese as the local code page),
// lines ending in CRLF, fields quoted as RFC 4180 says, and no text cell a
// spreadsheet would run as a formula.
package sheet

import (
	"encoding/csv"
	"io"
	"strings"
)

// NewWriter writes the byte order mark to w and returns a CSV writer to it
// that ends lines with CRLF.
func NewWriter(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw, nil
}

// Cell keeps a text cell from being read as a formula: one starting with
// =, +, - or @ (or a tab or carriage return, which some spreadsheets skip
// before such a character) gets a leading apostrophe, which Excel and WPS
// show as text and do not evaluate. Numbers are not cells for it: a
// negative amount stays a number.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
