package importer

import (
	"fmt"
	"os"
	"strings"

	"gongkai/internal/docx"
)

// readDocx reads a Word document into the text the rest of the importer
// splits: one line per paragraph, its automatic number written before it
// as a reader sees it ("一、基本情况"), so that numbered headings are found
// as they are in a text file.
func readDocx(name string) (*Text, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	d, err := docx.Read(name, f, st.Size())
	if err != nil {
		return nil, err
	}
	body, headings := DocxText(d)
	if strings.TrimSpace(body) == "" {
		return nil, fmt.Errorf("%s 中没有文字，没有可导入的内容", name)
	}
	return &Text{Name: name, Body: body, Headings: headings}, nil
}

// DocxText writes a Word document as lines: paragraphs (a line break in a
// paragraph starts a new line), tables as Markdown table rows with the
// first row as the header, and the footnotes at the end in the order the
// text refers to them. It also gives the heading level of each line that
// begins a paragraph styled as a heading, by line number, since a heading
// in Word need not be numbered.
func DocxText(d *docx.Document) (string, map[int]int) {
	var b strings.Builder
	headings := map[int]int{}
	line := 1
	for _, bl := range d.Blocks {
		switch {
		case bl.Para != nil:
			if bl.Para.Level > 0 {
				headings[line] = bl.Para.Level
			}
			s := bl.Para.Number + bl.Para.Text
			line += strings.Count(s, "\n") + 1
			b.WriteString(s)
			b.WriteByte('\n')
		case bl.Table != nil:
			line += writeTable(&b, bl.Table.Rows)
		}
	}
	for _, n := range d.Footnotes {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return b.String(), headings
}

// writeTable writes rows as a Markdown table. A cell's lines are joined by
// a space and a | in it is escaped, since a Markdown table cell is one
// line; short rows are padded so that the table stays rectangular. It
// returns the number of lines written.
func writeTable(b *strings.Builder, rows [][]string) int {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return 0
	}
	cell := strings.NewReplacer("\n", " ", "|", `\|`)
	for i, r := range rows {
		b.WriteByte('|')
		for j := range cols {
			s := ""
			if j < len(r) {
				s = strings.TrimSpace(cell.Replace(r[j]))
			}
			b.WriteString(" " + s + " |")
		}
		b.WriteByte('\n')
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
	return len(rows) + 1
}
