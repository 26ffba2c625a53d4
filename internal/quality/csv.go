package quality

import (
	"fmt"
	"io"
	"strconv"

	"gongkai/internal/sheet"
)

// csvHeader names the columns of WriteCSV.
var csvHeader = []string{"年度", "单位", "单位标识", "报告目录", "级别", "代码", "文件", "行", "列", "说明", "建议"}

// WriteCSV writes the findings as the page lists them, one row each, for
// Excel: UTF-8 with a byte order mark (without it Excel reads the Chinese
// as the local code page), lines ending in CRLF, fields quoted as RFC 4180
// says. A text field that a spreadsheet would take for a formula gets a
// leading apostrophe (sheet.Cell).
func (q *Report) WriteCSV(w io.Writer) error {
	cw, err := sheet.NewWriter(w)
	if err != nil {
		return fmt.Errorf("写 CSV：%w", err)
	}
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("写 CSV：%w", err)
	}
	for _, g := range q.Groups {
		for _, f := range g.Findings {
			row := []string{g.YearValue(), sheet.Cell(g.Name()), sheet.Cell(g.OrgID), sheet.Cell(g.Dir), f.Severity.Chinese(), sheet.Cell(f.Code),
				sheet.Cell(f.Pos.Path), number(f.Pos.Line), number(f.Pos.Col), sheet.Cell(f.Message), sheet.Cell(f.Hint)}
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

// number is a line or column, empty when unknown.
func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
