package render

import (
	"bytes"
	"strconv"

	"gongkai/internal/chart"
	"gongkai/internal/check"
	"gongkai/internal/history"
	"gongkai/internal/report"
	"gongkai/internal/route"
	"gongkai/internal/sheet"
)

// History is a unit's figures across years as its page shows them: charts,
// then the same figures as tables whose rows are figures and whose columns
// are years, each figure linked to the place in its report it came from.
type History struct {
	*history.Unit
	// Budget is the tables of the totals and of the initial budget by
	// class (when any class is known); Figures, of the counts and metrics
	// blocks, or nil when no block is in two or more years.
	Budget  []*HistoryTable
	Figures *HistoryTable
	// Charts are the totals' and the classes' charts; LineCharts, one per
	// counts or metrics block. Empty when charts are off.
	Charts     []Chart
	LineCharts []Chart
	CSV        string // relative to the page
}

// HistoryTable is a table of figures across years: a row per figure, a
// column per year.
type HistoryTable struct {
	Root    string // the page's prefix of links to the site root
	Caption string
	Head    string // of the rows' column
	Units   bool   // rows differ in unit: a column says each one's
	Years   []HistoryYear
	Rows    []HistoryRow
}

// HistoryYear is a column of a unit's tables: a year and its report, if
// the unit published one that year.
type HistoryYear struct {
	Year  int
	Title string // the report's title; "" in a gap
	Href  string // the report's page, from the site root; "" in a gap
}

// HistoryRow is one figure across years.
type HistoryRow struct {
	Name, Code, Unit string
	Cells            []Cell
}

// Cell is a figure in a table of figures from several reports: its text
// and the link to the figure on its report's page, from the site root.
type Cell struct {
	Text string
	Href string // "" for a gap, whose text is —
}

// cell is a history cell as a table shows it.
func cell(c history.Cell) Cell {
	if !c.OK {
		return Cell{Text: "—"}
	}
	return Cell{Text: c.Value.String(), Href: figureHref(c.Report, c.Block)}
}

// figureHref is the link to a data block's figure on its report's page.
func figureHref(r *report.Report, block string) string {
	return reportURL(r) + "#" + route.BlockAnchor(block)
}

func historyRow(s history.Series) HistoryRow {
	row := HistoryRow{Name: s.Name, Code: s.Code, Unit: s.Unit, Cells: make([]Cell, len(s.Cells))}
	for i, c := range s.Cells {
		row.Cells[i] = cell(c)
	}
	return row
}

// history is a unit's history for its page, or nil when the unit has
// reports in fewer than two years.
func (j *Job) history(o *report.Org) (*History, error) {
	u := history.Of(o)
	if !u.Multi() {
		return nil, nil
	}
	h := &History{Unit: u, CSV: route.HistoryCSV}
	var years []HistoryYear
	for i, y := range u.Years {
		col := HistoryYear{Year: y}
		if r := u.Reports[i]; r != nil {
			col.Title, col.Href = r.Title, reportURL(r)
		}
		years = append(years, col)
	}
	table := func(caption, head string, units bool, series ...history.Series) *HistoryTable {
		t := &HistoryTable{Root: route.Root(route.Org(o.ID)), Caption: caption, Head: head, Units: units, Years: years}
		for _, s := range series {
			t.Rows = append(t.Rows, historyRow(s))
		}
		return t
	}
	h.Budget = []*HistoryTable{table("历年年初预算与决算总计（单位："+u.Money+"）", "项目", false, u.Initial, u.Final)}
	if len(u.Classes) > 0 {
		h.Budget = append(h.Budget, table("历年年初预算（按功能分类，单位："+u.Money+"）", "科目", false, u.Classes...))
	}
	if len(u.Lines) > 0 {
		h.Figures = table("历年业务数据与指标", "数据", true, u.Lines...)
	}
	if !j.opt.Charts {
		return h, nil
	}
	cs, err := chart.History(u)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Type == chart.Line && c.ID != chart.HistoryTotalsID {
			h.LineCharts = append(h.LineCharts, Chart{Chart: c, CSV: route.HistoryCSV})
		} else {
			h.Charts = append(h.Charts, Chart{Chart: c, CSV: route.HistoryCSV})
		}
	}
	return h, nil
}

// historyHeader is the first line of history.csv.
var historyHeader = []string{"年度", "报告", "报告路径", "数据", "科目编码", "项目", "数值", "单位", "原文数值", "原文单位"}

// historyCSV is a unit's figures across years, one row per figure, years
// in order, a gap having no row: UTF-8 with a byte-order mark and CRLF line
// ends, as data.csv, so that Excel opens it by double-click.
func historyCSV(h *History) ([]byte, error) {
	var buf bytes.Buffer
	w, err := sheet.NewWriter(&buf)
	if err != nil {
		return nil, err
	}
	if err := w.Write(historyHeader); err != nil {
		return nil, err
	}
	u := h.Unit
	for i, y := range u.Years {
		row := func(what string, s history.Series) error {
			c := s.Cells[i]
			if !c.OK {
				return nil
			}
			item := s.Name
			if what == "年初预算" || what == "决算" {
				item = "合计"
			}
			return w.Write([]string{strconv.Itoa(y), sheet.Cell(c.Report.Title), c.Report.Path(), what, sheet.Cell(s.Code), sheet.Cell(item),
				c.Value.String(), sheet.Cell(s.Unit), c.Stated.String(), sheet.Cell(c.Unit)})
		}
		if err := row("年初预算", u.Initial); err != nil {
			return nil, err
		}
		if err := row("决算", u.Final); err != nil {
			return nil, err
		}
		for _, s := range u.Classes {
			if err := row("年初预算（按功能分类）", s); err != nil {
				return nil, err
			}
		}
		for _, s := range u.Lines {
			if err := row(s.Key, s); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// Summary is a year's reports side by side, as the year's page shows them.
type Summary struct {
	*history.Year
	Rows  []SummaryRow
	Chart *Chart // nil when charts are off or no report has a total
}

// SummaryRow is one report of a year.
type SummaryRow struct {
	Report           *report.Report
	Initial, Final   Cell   // with the report's money unit
	Ratio            string // 决算 / 年初预算, %, or —
	Errors, Warnings int
}

// summary is the year's reports side by side, with what the checks found
// in each.
func (j *Job) summary(y *report.Year) (*Summary, error) {
	tally := func(r *report.Report) (errs, warns int) {
		for _, f := range j.found[r.Dir] {
			switch f.Severity {
			case check.Error:
				errs++
			case check.Warning:
				warns++
			}
		}
		return errs, warns
	}
	yt := history.YearOf(y, tally)
	s := &Summary{Year: yt}
	money := func(c history.Cell) Cell {
		if !c.OK {
			return Cell{Text: "—"}
		}
		return Cell{Text: c.Value.String() + " " + c.Unit, Href: figureHref(c.Report, c.Block)}
	}
	for _, r := range yt.Rows {
		row := SummaryRow{Report: r.Report, Initial: money(r.Initial), Final: money(r.Final), Ratio: "—", Errors: r.Errors, Warnings: r.Warnings}
		if r.HasRatio {
			row.Ratio = r.Ratio.String() + "%"
		}
		s.Rows = append(s.Rows, row)
	}
	if !j.opt.Charts {
		return s, nil
	}
	c, err := chart.Year(yt)
	if err != nil || c == nil {
		return s, err
	}
	s.Chart = &Chart{Chart: c}
	return s, nil
}
