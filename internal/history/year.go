package history

import (
	"fmt"
	"slices"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// TopN is how many units the chart of a year's totals shows at most: the
// largest, so that the chart stays readable; the table lists every one.
const TopN = 20

// Row is one report of a year.
type Row struct {
	Report *report.Report
	// Initial and Final are the report's totals in its own unit.
	Initial, Final Cell
	// Ratio is 决算 / 年初预算 in %, to two places, when both are there and
	// the initial budget is not zero.
	Ratio    decimal.Dec
	HasRatio bool
	// Errors and Warnings are what the checks found in the report.
	Errors, Warnings int
}

// Year is one year's reports side by side.
type Year struct {
	Year *report.Year
	Rows []Row // as the year lists its reports
	// Money is the unit of the chart's amounts; Top, the reports it shows,
	// largest 决算 (else 年初预算) first, with their totals in Money.
	Money string
	Top   []Row
	// More is set when the year has more reports with totals than Top.
	More  bool
	Notes []string // in Chinese: amounts the chart had to leave out
}

// YearOf lines up the year's reports; tally counts the errors and warnings
// the checks found in a report.
func YearOf(y *report.Year, tally func(*report.Report) (errors, warnings int)) *Year {
	out := &Year{Year: y}
	amounts := map[string][]decimal.Dec{}
	newest := ""
	for _, r := range y.Reports {
		row := Row{Report: r}
		if b := r.InitialBudget(); b != nil {
			row.Initial = Cell{Value: b.Base(), OK: true, Report: r, Block: b.ID, Stated: b.Base(), Unit: r.Unit}
			amounts[r.Unit] = append(amounts[r.Unit], row.Initial.Value)
		}
		if b := r.FinalBudget(); b != nil {
			row.Final = Cell{Value: b.Base(), OK: true, Report: r, Block: b.ID, Stated: b.Base(), Unit: r.Unit}
			amounts[r.Unit] = append(amounts[r.Unit], row.Final.Value)
		}
		if row.Initial.OK && row.Final.OK {
			row.Ratio, row.HasRatio = decimal.Percent(row.Final.Value, row.Initial.Value, 2)
		}
		if tally != nil {
			row.Errors, row.Warnings = tally(r)
		}
		out.Rows = append(out.Rows, row)
		if newest == "" && (row.Initial.OK || row.Final.OK) {
			newest = r.Unit
		}
	}
	// With an unknown unit in the mix, the first report with figures
	// names the chart's unit.
	out.Money = moneyUnit(amounts, newest)
	for _, row := range out.Rows {
		if !row.Initial.OK && !row.Final.OK {
			continue
		}
		top, ok := row, true
		for _, c := range []*Cell{&top.Initial, &top.Final} {
			if c.OK {
				if c.Value, ok = convert(c.Stated, c.Unit, out.Money); !ok {
					break
				}
			}
		}
		if !ok {
			out.Notes = append(out.Notes, fmt.Sprintf("%s的金额单位为“%s”，不能精确换算为“%s”，未列入图表。", row.Report.Org, row.Report.Unit, out.Money))
			continue
		}
		out.Top = append(out.Top, top)
	}
	slices.SortStableFunc(out.Top, func(a, b Row) int { return size(b).Cmp(size(a)) })
	if len(out.Top) > TopN {
		out.Top, out.More = out.Top[:TopN], true
	}
	return out
}

// size ranks a report in the chart: its 决算, else its 年初预算.
func size(r Row) decimal.Dec {
	if r.Final.OK {
		return r.Final.Value
	}
	return r.Initial.Value
}
