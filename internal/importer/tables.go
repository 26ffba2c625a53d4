package importer

import (
	"fmt"
	"gongkai/internal/scaffold"
	"regexp"
	"strings"
)

// A table reaches the importer as Markdown table lines: from a .docx (see
// writeTable) or as a .txt or .md file wrote it. Two kinds become data
// blocks, a budget table and a 绩效自评表; any other table stays in the text
// as it is, as every table does.

var (
	// tableRule is the cell of a Markdown table's delimiter row: "---", ":--:".
	tableRule = regexp.MustCompile(`^:?-{3,}:?$`)
	// tableNumber is a figure as a table cell may hold it: no thousands
	// separators, since the loader would not read them either.
	tableNumber = regexp.MustCompile(`^` + figure + `$`)
	// headerUnit is the money unit in a column header: "金额（万元）".
	headerUnit = regexp.MustCompile(`[（(](万元|元)[）)]`)
)

// tableLine says whether a line is a row of a Markdown table.
func tableLine(s string) bool { return strings.HasPrefix(s, "|") }

// cells splits a Markdown table row into its cells, trimmed, with the \|
// that writeTable escapes unescaped.
func cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, `\|`) {
		row = row[:len(row)-1]
	}
	var out []string
	var c strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			c.WriteByte('|')
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(c.String()))
			c.Reset()
		default:
			c.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(c.String()))
}

// table reads the Markdown table whose lines are rows (header, delimiter
// row, body) and that follows the paragraph before (or ""). looked says it
// is a budget table or a 绩效自评表, whether or not it parsed.
func (f *Figures) table(rows []Line, before string) (b *Block, looked bool) {
	if len(rows) < 2 {
		return nil, false
	}
	for _, c := range cells(rows[1].Text) {
		if !tableRule.MatchString(c) {
			return nil, false
		}
	}
	head := cells(rows[0].Text)
	src := fmt.Sprintf("%s:%d", f.File, rows[0].No)
	if col := columns(head, indicatorColumns); col != nil {
		return f.indicatorTable(col, rows[2:], src), true
	}
	if col := columns(head, budgetColumns); col != nil && col["amount"] >= 0 && (col["code"] >= 0 || col["name"] >= 0) {
		if m := headerUnit.FindStringSubmatch(head[col["amount"]]); m != nil && m[1] != f.Unit {
			return nil, true
		}
		return f.budgetTable(col, rows[2:], before, src), true
	}
	return nil, false
}

// column is a key of a data block and the headers that may name its
// column; required columns must all be there for the table to be read.
type column struct {
	key      string
	required bool
	match    func(h string) bool
}

func is(names ...string) func(string) bool {
	return func(h string) bool {
		for _, n := range names {
			if h == n {
				return true
			}
		}
		return false
	}
}

func has(parts ...string) func(string) bool {
	return func(h string) bool {
		for _, p := range parts {
			if strings.Contains(h, p) {
				return true
			}
		}
		return false
	}
}

var indicatorColumns = []column{
	{"level1", true, is("一级指标")},
	{"level2", true, is("二级指标")},
	{"name", true, is("三级指标")},
	{"target", true, is("指标值", "年度指标值")},
	{"actual", true, is("实际完成值")},
	{"weight", true, is("分值")},
	{"score", true, is("得分")},
	{"note", false, has("偏差原因")},
}

// budgetColumns: the code and name columns are each optional, but a budget
// table has one of them (checked by the caller).
var budgetColumns = []column{
	{"code", false, is("科目编码")},
	{"name", false, is("科目名称", "项目")},
	{"amount", true, has("金额")},
	{"share", false, has("占比", "比例")},
}

// columns finds each column of want in the header, by index; -1 for an
// optional column not there. It returns nil when a required column is
// missing or a header names two columns.
func columns(head []string, want []column) map[string]int {
	col := map[string]int{}
	for _, w := range want {
		col[w.key] = -1
		for i, h := range head {
			if !w.match(strings.Join(strings.Fields(h), "")) {
				continue
			}
			if col[w.key] >= 0 {
				return nil
			}
			col[w.key] = i
		}
		if w.required && col[w.key] < 0 {
			return nil
		}
	}
	return col
}

// cell is the cell of row in column i, or "" when there is none.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// isTotal says whether a row names the total: 合计, 总计, "合 计".
func isTotal(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	return s == "合计" || s == "总计" || s == "总分"
}

// empty says whether every cell of row is empty.
func empty(row []string) bool {
	for _, c := range row {
		if c != "" {
			return false
		}
	}
	return true
}

// budgetTable reads the rows of a budget table. The 合计 row gives the
// stated total. When the codes nest (类 204 above 款 20402), only the
// outermost rows are items, since the rest are parts of them; a code not
// under one of those gives no block.
func (f *Figures) budgetTable(col map[string]int, rows []Line, before, src string) *Block {
	type item struct{ code, name, amount, share string }
	var items []item
	total := ""
	for _, r := range rows {
		row := cells(r.Text)
		if empty(row) {
			continue
		}
		code, name := cell(row, col["code"]), cell(row, col["name"])
		amount, share := cell(row, col["amount"]), strings.TrimRight(cell(row, col["share"]), "%％")
		if !tableNumber.MatchString(amount) || share != "" && !tableNumber.MatchString(share) {
			return nil
		}
		if isTotal(name) || name == "" && isTotal(code) {
			if total != "" {
				return nil
			}
			total = amount
			continue
		}
		if name == "" {
			return nil
		}
		// "其中：行政运行" without a code of its own is a part of the row
		// above, which already counts it.
		if code == "" && (strings.HasPrefix(name, "其中：") || strings.HasPrefix(name, "其中:")) {
			continue
		}
		if code == "" {
			code = classes[name]
		}
		items = append(items, item{code, name, amount, share})
	}
	short := 0
	for _, it := range items {
		if it.code != "" && (short == 0 || len(it.code) < short) {
			short = len(it.code)
		}
	}
	var top []item
	for _, it := range items {
		if len(it.code) == short || it.code == "" {
			top = append(top, it)
			continue
		}
		under := false
		for _, t := range top {
			under = under || t.code != "" && strings.HasPrefix(it.code, t.code)
		}
		if !under {
			return nil
		}
	}
	if len(top) == 0 {
		return nil
	}
	id, title := "", "预算表"
	switch {
	case strings.Contains(before, "年初预算"):
		id, title = "initial", "年初预算"
	case strings.Contains(before, "决算"):
		id, title = "final", "决算"
	}
	id = f.id(id, "budget")
	var w strings.Builder
	fmt.Fprintf(&w, "\n[[budget]]\n  id = %s\n  title = %s\n", scaffold.TOMLString(id), scaffold.TOMLString(title))
	if total != "" {
		fmt.Fprintf(&w, "  total = %s\n", total)
	}
	fmt.Fprintf(&w, "  draft = true\n  source = %s\n", scaffold.TOMLString(src))
	for _, it := range top {
		w.WriteString("\n  [[budget.items]]\n")
		if it.code != "" {
			fmt.Fprintf(&w, "    code = %s\n", scaffold.TOMLString(it.code))
		}
		fmt.Fprintf(&w, "    name = %s\n    amount = %s\n", scaffold.TOMLString(it.name), it.amount)
		if it.share != "" {
			fmt.Fprintf(&w, "    share = %s\n", it.share)
		}
	}
	return &Block{Kind: "budget", ID: id, Title: title, Items: len(top), Source: src, TOML: w.String(), Chart: true}
}

// indicatorTable reads the rows of a 绩效自评表 as [[indicators]] rows,
// each with the line it stands on as its source. A row naming the total
// (合计, 总分) is left out: the table's total is derived from its rows.
// Cells a merge left empty are left out, not filled in.
func (f *Figures) indicatorTable(col map[string]int, rows []Line, src string) *Block {
	var w strings.Builder
	n := 0
	for _, r := range rows {
		row := cells(r.Text)
		if empty(row) || isTotal(cell(row, col["level1"])) || isTotal(cell(row, col["name"])) {
			continue
		}
		name := cell(row, col["name"])
		weight, score := cell(row, col["weight"]), cell(row, col["score"])
		if name == "" || weight != "" && !tableNumber.MatchString(weight) || score != "" && !tableNumber.MatchString(score) {
			return nil
		}
		w.WriteString("\n[[indicators]]\n")
		for _, k := range []string{"level1", "level2", "name", "target", "actual"} {
			if v := cell(row, col[k]); v != "" {
				fmt.Fprintf(&w, "  %s = %s\n", k, scaffold.TOMLString(v))
			}
		}
		if weight != "" {
			fmt.Fprintf(&w, "  weight = %s\n", weight)
		}
		if score != "" {
			fmt.Fprintf(&w, "  score = %s\n", score)
		}
		if v := cell(row, col["note"]); v != "" {
			fmt.Fprintf(&w, "  note = %s\n", scaffold.TOMLString(v))
		}
		fmt.Fprintf(&w, "  draft = true\n  source = %s\n", scaffold.TOMLString(fmt.Sprintf("%s:%d", f.File, r.No)))
		n++
	}
	if n == 0 {
		return nil
	}
	return &Block{Kind: "indicators", ID: "indicators", Title: "绩效自评表", Items: n, Source: src, TOML: w.String()}
}
