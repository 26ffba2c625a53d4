package quality

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the columns of WriteCSV.
var csvHeader = []string{"年度", "单位", "单位标识", "报告目录", "级别", "代码", "文件", "行", "列", "说明", "建议"}

// WriteCSV writes the findings as the page lists them, one row each, for
// Excel: UTF-8 with a byte order mark (without it Excel reads the Chinese
// as the local code page), lines ending in CRLF, fields quoted as RFC 4180
// says. A text field that a spreadsheet would take for a formula gets a
// leading apostrophe (see cell).
func (q *Report) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("写 CSV：%w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("写 CSV：%w", err)
	}
	for _, g := range q.Groups {
		for _, f := range g.Findings {
			row := []string{g.YearValue(), cell(g.Name()), cell(g.OrgID), cell(g.Dir), f.Severity.Chinese(), cell(f.Code),
				cell(f.Pos.Path), number(f.Pos.Line), number(f.Pos.Col), cell(f.Message), cell(f.Hint)}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("写 CSV：%w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("写 CSV：%w", err)
	}
	return nil
}

// cell makes text safe to open in a spreadsheet: one that starts with
// = + - or @ (or a tab or carriage return, which some spreadsheets skip
// before such a character) would be run as a formula, so it starts with
// an apostrophe instead, which Excel shows as text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// number is a line or column, empty when unknown.
func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
