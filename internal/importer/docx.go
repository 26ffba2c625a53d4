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
	t := &Text{Name: name, Body: body, Headings: headings}
	for _, im := range d.Images {
		t.Files = append(t.Files, File{Name: im.Name, Data: im.Data})
	}
	return t, nil
}

// DocxText writes a Word document as lines: paragraphs (a line break in a
// paragraph starts a new line), tables as Markdown table rows with the
// first row as the header, and pictures as Markdown images of the files
// Document.Images holds. A footnote becomes a Markdown footnote: "[^1]"
// where the text refers to it, "[^1]: …" on the line after that
// paragraph, so that both land in the same section file; a footnote
// referred to from where a mark cannot stand (a table cell) is written as
// a line of its own at the end, so that its text is never lost. It also
// gives the heading level of each line that begins a paragraph styled as
// a heading, by line number, since a heading in Word need not be numbered.
func DocxText(d *docx.Document) (string, map[int]int) {
	var b strings.Builder
	headings := map[int]int{}
	line := 1
	placed := make([]bool, len(d.Footnotes))
	for _, bl := range d.Blocks {
		switch {
		case bl.Para != nil:
			if bl.Para.Level > 0 {
				headings[line] = bl.Para.Level
			}
			s := bl.Para.Number + withMarks(bl.Para, d.Images)
			line += strings.Count(s, "\n") + 1
			b.WriteString(s)
			b.WriteByte('\n')
			for _, m := range bl.Para.Marks {
				if n := m.Note; n > 0 && n <= len(d.Footnotes) && !placed[n-1] {
					placed[n-1] = true
					// A footnote is one paragraph: its own line breaks
					// would end it.
					fmt.Fprintf(&b, "[^%d]: %s\n", n, strings.Join(strings.Fields(d.Footnotes[n-1]), " "))
					line++
				}
			}
		case bl.Table != nil:
			line += writeTable(&b, bl.Table.Rows)
		}
	}
	for i, n := range d.Footnotes {
		if !placed[i] {
			b.WriteString(n)
			b.WriteByte('\n')
		}
	}
	return b.String(), headings
}

// altEscape keeps a picture's description inside the brackets of a
// Markdown image.
var altEscape = strings.NewReplacer("\\", "\\\\", "[", "\\[", "]", "\\]", "\n", " ", "\r", " ")

// withMarks is a paragraph's text with its footnote references and
// pictures written in as Markdown where the document shows them.
func withMarks(p *docx.Paragraph, images []docx.Image) string {
	if len(p.Marks) == 0 {
		return p.Text
	}
	var b strings.Builder
	at := 0
	for _, m := range p.Marks {
		b.WriteString(p.Text[at:m.At])
		at = m.At
		switch {
		case m.Note > 0:
			fmt.Fprintf(&b, "[^%d]", m.Note)
		case m.Image > 0:
			fmt.Fprintf(&b, "![%s](%s)", altEscape.Replace(m.Alt), images[m.Image-1].Name)
		}
	}
	b.WriteString(p.Text[at:])
	return b.String()
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
