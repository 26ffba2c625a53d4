package render

import (
	"bytes"
	"path"
	"strconv"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
	"gongkai/internal/route"
	"gongkai/internal/sheet"
)

// sectionIDs pairs each front matter of the report with its section id ("" for
// index.md), in the order of Report.AllData.
func sectionIDs(r *report.Report) []string {
	ids := []string{""}
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	return ids
}

// csvHeader names the columns of data.csv.
var csvHeader = []string{"数据块ID", "数据块", "章节", "项目", "科目编码", "指标", "原文数值", "核算数值", "单位", "说明"}

// The columns of data.csv that hold numbers.
const (
	statedCol   = 6
	computedCol = 7
)

// csvTable is data.csv encoded, with where each row ends and the id of its
// block, so that a chart's CSV is the header and some of these rows rather
// than a second encoding.
type csvTable struct {
	data   []byte   // the byte-order mark, the header and the rows
	header int      // where the header ends
	ends   []int    // where each row ends
	ids    []string // the block id of each row
}

// encodeCSV encodes the header and rows, as csvRows gives them, as
// data.csv: one row per value, starting with a byte-order mark and ending
// lines with CRLF so that Excel opens the Chinese text correctly by
// double-click, into buf, which is empty: the table holds its bytes.
func encodeCSV(buf *bytes.Buffer, rows [][]string) (*csvTable, error) {
	w, err := sheet.NewWriter(buf)
	if err != nil {
		return nil, err
	}
	t := &csvTable{ends: make([]int, len(rows)), ids: make([]string, len(rows))}
	for i, row := range append([][]string{csvHeader}, rows...) {
		if err := w.Write(row); err != nil {
			return nil, err
		}
		w.Flush()
		if i == 0 {
			t.header = buf.Len()
		} else {
			t.ends[i-1], t.ids[i-1] = buf.Len(), row[0]
		}
	}
	t.data = buf.Bytes()
	return t, w.Error()
}

// only appends to out the CSV of the rows whose block ids keep reports
// true. The indicator table's id is "indicators".
func (t *csvTable) only(out []byte, keep func(id string) bool) []byte {
	out = append(out, t.data[:t.header]...)
	start := t.header
	for i, end := range t.ends {
		if keep(t.ids[i]) {
			out = append(out, t.data[start:end]...)
		}
		start = end
	}
	return out
}

// csvRows are the rows of data.csv, each starting with its block's id, and
// with text cells made inert.
func csvRows(r *report.Report) [][]string {
	var rows [][]string
	str := func(d *decimal.Dec) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	fig := func(f report.Figure) (string, string) {
		var s, c string
		if f.HasStated {
			s = f.Stated.String()
		}
		if f.HasComputed {
			c = f.Computed.String()
		}
		return s, c
	}
	secs := sectionIDs(r)
	for i, d := range r.AllData() {
		sec := secs[i]
		for _, b := range d.Budgets {
			row := func(item, code, field, stated, computed, unit, note string) {
				rows = append(rows, []string{b.ID, b.Title, sec, item, code, field, stated, computed, unit, note})
			}
			for _, it := range b.Items {
				row(it.Name, it.Code, "金额", it.Amount.String(), "", r.Unit, "")
				if s, c := fig(it.ShareFig); s != "" || c != "" {
					row(it.Name, it.Code, "占比", s, c, "%", "")
				}
			}
			if b.Unlisted.Sign() > 0 {
				row("未列明", "", "金额", "", b.Unlisted.String(), r.Unit, "总计减各项之和")
			}
			s, c := fig(b.TotalFig)
			row("合计", "", "总计", s, c, r.Unit, "核算数值为各项之和")
			if s, c := fig(b.ShareSum); s != "" {
				row("合计", "", "占比", s, c, "%", "核算数值为各项合计占总计的比例")
			}
		}
		for _, c := range d.Counts {
			for _, it := range c.Items {
				note := ""
				if it.Approx {
					note = "余（原文为约数）"
				}
				rows = append(rows, []string{c.ID, c.Title, sec, it.Name, "", "数量", strconv.FormatInt(it.Value, 10), "", c.Unit, note})
			}
			total, note := "", "所列各项之和（“其中”部分项目）"
			if c.Total != nil {
				total = strconv.FormatInt(*c.Total, 10)
			}
			if c.Exhaustive {
				note = "各项之和"
			}
			rows = append(rows, []string{c.ID, c.Title, sec, "合计", "", "总数", total, c.Sum.String(), c.Unit, note})
		}
		for _, m := range d.Metrics {
			row := func(field, stated, computed, unit string) {
				rows = append(rows, []string{m.ID, m.Name, sec, m.Name, "", field, stated, computed, unit, m.Note})
			}
			row("数值", m.Value.String(), "", m.Unit)
			if m.Previous != nil {
				row("上年同期", str(m.Previous), "", m.Unit)
			}
			if s, c := fig(m.ChangeFig); s != "" || c != "" {
				row("同比变化", s, c, "%")
			}
			if m.Of != nil {
				row("基数", str(m.Of), "", m.Unit)
			}
			if s, c := fig(m.RateFig); s != "" || c != "" {
				row("比率", s, c, "%")
			}
		}
		for _, in := range d.Indicators {
			rows = append(rows,
				[]string{"indicators", "绩效自评表", sec, in.Name, "", "分值", str(in.Weight), "", "分", in.Level1 + "/" + in.Level2},
				[]string{"indicators", "绩效自评表", sec, in.Name, "", "得分", str(in.Score), "", "分", in.Note})
		}
	}
	for _, row := range rows {
		for i, cell := range row {
			if i != statedCol && i != computedCol {
				row[i] = sheet.Cell(cell)
			}
		}
	}
	return rows
}

// writeData writes data.json and data.csv, which is t.
func writeData(r *report.Report, t *csvTable, dir string, w Writer) error {
	// The writer keeps no reference (see Writer).
	err := usingMarkup(func(mk *markup) error {
		mk.b = appendDataJSON(mk.b, r)
		return w.WriteFile(path.Join(dir, route.DataJSON), mk.b)
	})
	if err != nil {
		return err
	}
	return w.WriteFile(path.Join(dir, route.DataCSV), t.data)
}
