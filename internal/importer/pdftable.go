package importer

import (
	"regexp"
	"strings"
)

// A table in a PDF reaches pdftotext -layout as lines whose cells are
// separated by two spaces or more, each cell starting near the column of
// the cell above it. tableEnd finds such lines; table writes them as a
// Markdown table when every word falls into one column, else as rows of
// text, one line each.

var spaces = regexp.MustCompile(` +`)

// tableEnd is the end (exclusive) of the table that starts at lines[i], or
// i when none does: two rows of cells or more. A line whose words fall one
// each into different columns is a row too, though a single space parts
// its cells ("其中：行政运行 300.00"); so is a line of one cell before a
// row (the text of a cell merged over several rows, which the layout
// centres between them).
func tableEnd(lines []pdfLine, i int) int {
	if i >= len(lines) || lines[i].cells == nil {
		return i
	}
	cols := lines[i].cells
	row := func(l pdfLine) bool { return l.cells != nil || aligned(cols, l) }
	rows, j := 1, i+1
	for ; j < len(lines); j++ {
		l := lines[j]
		switch {
		case l.cells != nil:
			rows++
			if len(l.cells) > len(cols) {
				cols = l.cells
			}
		case strings.TrimSpace(l.text) == "":
			return end(i, j, rows)
		case row(l), j+1 < len(lines) && row(lines[j+1]):
		default:
			return end(i, j, rows)
		}
	}
	return end(i, j, rows)
}

// aligned says whether the words of l fall each into a column of its own,
// two columns or more.
func aligned(cols []span, l pdfLine) bool {
	ws := words(l.text, spaces)
	if len(ws) < 2 {
		return false
	}
	last := -1
	for _, w := range ws {
		c := columnOf(cols, w)
		if c <= last {
			return false
		}
		last = c
	}
	return true
}

func end(i, j, rows int) int {
	if rows < 2 {
		return i
	}
	return j
}

// table writes rows as a Markdown table, the first row its header. The
// columns are those of the row with the most cells; every word of every
// row goes into the column it overlaps, or the nearest one; two cells of a
// row (two spaces apart) never share a column. A line of one
// cell that fills only columns the row above leaves empty is that row's
// merged cell and joins it, as Word keeps a merged cell's text in its first
// row. When a word overlaps two columns, the columns do not line up and the
// rows are kept as text, one a line; so they are when two cells would
// share one.
func table(rows []pdfLine) []string {
	var cols []span
	for _, r := range rows {
		if len(r.cells) > len(cols) {
			cols = r.cells
		}
	}
	var grid [][]string
	for n, r := range rows {
		row := make([]string, len(cols))
		ws := words(r.text, spaces)
		last := -1 // the last column an earlier cell of the row went to
		for _, cell := range words(r.text, gap) {
			hi := last
			for _, w := range ws {
				if w.start < cell.start || w.end > cell.end {
					continue
				}
				c := columnOf(cols, w)
				if c < 0 || c <= last {
					return textRows(rows)
				}
				if row[c] != "" {
					row[c] += " "
				}
				row[c] += w.text
				hi = max(hi, c)
			}
			last = hi
		}
		if n > 1 && len(words(r.text, spaces)) == 1 && fits(grid[len(grid)-1], row) {
			prev := grid[len(grid)-1]
			for c, s := range row {
				if s != "" {
					prev[c] = s
				}
			}
			continue
		}
		grid = append(grid, row)
	}
	cell := strings.NewReplacer("|", `\|`)
	var out []string
	for n, row := range grid {
		var b strings.Builder
		b.WriteByte('|')
		for _, s := range row {
			b.WriteString(" " + cell.Replace(unspace(s)) + " |")
		}
		out = append(out, b.String())
		if n == 0 {
			out = append(out, "|"+strings.Repeat(" --- |", len(cols)))
		}
	}
	return out
}

// columnOf is the index of the column of cols that w overlaps, the nearest
// one when it overlaps none, or -1 when it overlaps two or lies as near to
// two.
func columnOf(cols []span, w span) int {
	best, dist, tie := -1, 0, false
	for i, c := range cols {
		d := max(c.start-w.end, w.start-c.end, 0)
		if overlap := min(c.end, w.end) - max(c.start, w.start); overlap > 0 {
			d = -1
		}
		switch {
		case best < 0 || d < dist:
			best, dist, tie = i, d, false
		case d == dist:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}

// fits says whether row fills only cells that prev leaves empty: a line of
// one word is then the rest of the row above.
func fits(prev, row []string) bool {
	for c, s := range row {
		if s != "" && prev[c] != "" {
			return false
		}
	}
	return true
}

// textRows keeps a table whose columns do not line up as lines of text,
// its cells two spaces apart.
func textRows(rows []pdfLine) []string {
	var out []string
	for _, r := range rows {
		var cells []string
		for _, w := range words(r.text, gap) {
			cells = append(cells, unspace(w.text))
		}
		out = append(out, strings.Join(cells, "  "))
	}
	return out
}
