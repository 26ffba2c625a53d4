// Package history lines up figures across reports: a unit's figures year by
// year, for its page (orgs/ORG_ID/), and a year's reports side by side, for
// the year's page. Like the model it reads, it is pure: no I/O, no HTML, no
// URLs; the renderer turns each figure's report and block into a link.
//
// Which figure is which: the 年初预算 of a report is its budget block with id
// "initial", its 决算 is report.Report.FinalBudget, and a budget's total is
// its stated total, or the sum of its items when none is stated (as the list
// pages show it). A budget's classes are known by their code, or by their
// name where they have none. A counts block's figure is its stated total,
// else the sum of its items; a metric's is its value.
//
// A year without a report, or a report without the figure, is a gap, never a
// zero. Amounts are shown in one money unit: 元 and 万元 are converted into
// each other exactly, by moving the decimal point; an amount in any other
// unit is left out, and the unit's Notes say so.
package history

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// Cell is one figure of one year, or a gap.
type Cell struct {
	Value decimal.Dec // in the series' unit
	OK    bool        // false: a gap
	// Report and Block are where the figure came from; Stated and Unit,
	// the figure as that report wrote it, before any conversion.
	Report *report.Report
	Block  string
	Stated decimal.Dec
	Unit   string
}

// Series is one figure across years: a budget total, a class of the initial
// budget, or a counts or metrics block.
type Series struct {
	Kind  string // "budget", "counts" or "metrics"
	Key   string // unique among a unit's series of its kind
	Code  string // a budget class's code, if it has one
	Name  string // as the newest report names it
	Unit  string
	Cells []Cell // one per year of the Unit
}

// Years is how many years have a figure.
func (s *Series) Years() int {
	n := 0
	for _, c := range s.Cells {
		if c.OK {
			n++
		}
	}
	return n
}

// Unit is one unit's figures year by year.
type Unit struct {
	Org *report.Org
	// Years run from the first report's year to the last's, oldest first,
	// with every year between: a year without a report is a gap.
	Years   []int
	Reports []*report.Report // the report of each year; nil in a gap
	Money   string           // the unit of every amount
	Initial Series           // 年初预算 totals
	Final   Series           // 决算 totals
	Classes []Series         // the initial budget by class
	Lines   []Series         // counts and metrics blocks that two or more years have
	// Notes say, in Chinese, which amounts were converted and which were
	// left out and why.
	Notes []string
}

// UnlistedKey is the class of the money a budget's items do not account for
// (its stated total less the sum of its items), named 未列明 as on the
// report pages.
const UnlistedKey = "unlisted"

// Multi reports whether the unit has reports in two or more years: only
// then does it have a history to chart.
func (u *Unit) Multi() bool {
	n := 0
	for _, r := range u.Reports {
		if r != nil {
			n++
		}
	}
	return n >= 2
}

// Of lines up the unit's figures by year. Of two reports of one year, the
// one in force (neither withdrawn nor superseded) is taken, else the first.
func Of(o *report.Org) *Unit {
	u := &Unit{Org: o}
	byYear := map[int]*report.Report{}
	for _, r := range o.Reports {
		if prev, ok := byYear[r.Year]; !ok || (!inForce(prev) && inForce(r)) {
			byYear[r.Year] = r
		}
	}
	if len(byYear) == 0 {
		return u
	}
	first, last := years(byYear)
	for y := first; y <= last; y++ {
		u.Years = append(u.Years, y)
		u.Reports = append(u.Reports, byYear[y])
	}
	u.money()
	u.lines()
	return u
}

func inForce(r *report.Report) bool { return r.Withdrawn == nil && r.SupersededBy == "" }

func years(m map[int]*report.Report) (first, last int) {
	first, last = 1<<31-1, -1<<31
	for y := range m {
		first, last = min(first, y), max(last, y)
	}
	return first, last
}

// newest is the reports from the newest year back, without gaps, with the
// index of each one's year.
func (u *Unit) newest() ([]*report.Report, []int) {
	var rs []*report.Report
	var is []int
	for i := len(u.Reports) - 1; i >= 0; i-- {
		if r := u.Reports[i]; r != nil {
			rs, is = append(rs, r), append(is, i)
		}
	}
	return rs, is
}

// money fills the budget totals and classes in one money unit.
func (u *Unit) money() {
	reps, idx := u.newest()
	amounts := map[string][]decimal.Dec{}
	for _, r := range reps {
		for _, b := range []*report.Budget{r.InitialBudget(), r.FinalBudget()} {
			if b == nil {
				continue
			}
			amounts[r.Unit] = append(amounts[r.Unit], b.Base(), b.Sum, b.Unlisted)
			for _, it := range b.Items {
				amounts[r.Unit] = append(amounts[r.Unit], it.Amount)
			}
		}
	}
	u.Money = moneyUnit(amounts, reps[0].Unit)
	n := len(u.Years)
	u.Initial = Series{Kind: "budget", Key: "initial", Name: "年初预算", Unit: u.Money, Cells: make([]Cell, n)}
	u.Final = Series{Kind: "budget", Key: "final", Name: "决算", Unit: u.Money, Cells: make([]Cell, n)}
	classes := map[string]*Series{}
	for k, r := range reps {
		i := idx[k]
		if r.Unit != u.Money && amounts[r.Unit] != nil {
			if fitsAll(map[string][]decimal.Dec{r.Unit: amounts[r.Unit]}, u.Money) {
				u.Notes = append(u.Notes, fmt.Sprintf("%d年度报告的金额单位为“%s”，已精确换算为“%s”。", r.Year, r.Unit, u.Money))
			} else {
				u.Notes = append(u.Notes, fmt.Sprintf("%d年度报告的金额单位为“%s”，不能精确换算为“%s”，其金额未列入。", r.Year, r.Unit, u.Money))
				continue
			}
		}
		cell := func(d decimal.Dec, block string) Cell {
			v, _ := convert(d, r.Unit, u.Money)
			return Cell{Value: v, OK: true, Report: r, Block: block, Stated: d, Unit: r.Unit}
		}
		if b := r.InitialBudget(); b != nil {
			u.Initial.Cells[i] = cell(b.Base(), b.ID)
			for _, it := range b.Items {
				key := classKey(it)
				s := classes[key]
				if s == nil {
					s = &Series{Kind: "budget", Key: key, Code: it.Code, Name: it.Name, Unit: u.Money, Cells: make([]Cell, n)}
					classes[key] = s
				}
				// Two items of one class in one budget add up.
				c := cell(it.Amount, b.ID)
				if s.Cells[i].OK {
					c.Value, c.Stated = s.Cells[i].Value.Add(c.Value), s.Cells[i].Stated.Add(c.Stated)
				}
				s.Cells[i] = c
			}
			if b.Unlisted.Sign() > 0 {
				s := classes[UnlistedKey]
				if s == nil {
					s = &Series{Kind: "budget", Key: UnlistedKey, Name: "未列明", Unit: u.Money, Cells: make([]Cell, n)}
					classes[UnlistedKey] = s
				}
				s.Cells[i] = cell(b.Unlisted, b.ID)
			}
		}
		if b := r.FinalBudget(); b != nil {
			u.Final.Cells[i] = cell(b.Base(), b.ID)
		}
	}
	// Oldest year first, as the table reads.
	slices.Reverse(u.Notes)
	for _, s := range classes {
		u.Classes = append(u.Classes, *s)
	}
	// Classes by code, those without one after them by name, 未列明 last.
	slices.SortFunc(u.Classes, func(a, b Series) int {
		rank := func(s Series) int {
			switch {
			case s.Key == UnlistedKey:
				return 2
			case s.Code == "":
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.Code, b.Code), strings.Compare(a.Name, b.Name))
	})
}

// classKey is how a budget class is known across years: by its code, or by
// its name where it has none.
func classKey(it *report.BudgetItem) string {
	if it.Code != "" {
		return "code:" + it.Code
	}
	return "name:" + it.Name
}

// lines fills Lines: each counts or metrics block that two or more years
// have, in the order the newest report that has it writes them. A year
// whose block is in another unit than the newest year's is a gap.
func (u *Unit) lines() {
	reps, idx := u.newest()
	type key struct{ kind, id string }
	var order []key
	found := map[key]*Series{}
	for k, r := range reps {
		i := idx[k]
		for _, b := range r.Blocks() {
			var value decimal.Dec
			var unit, name string
			switch b := b.(type) {
			case *report.Counts:
				value, unit, name = b.Sum, b.Unit, b.Title
				if b.Total != nil {
					value = decimal.FromInt(*b.Total)
				}
			case *report.Metric:
				value, unit, name = b.Value, b.Unit, b.Name
			default:
				continue
			}
			kk := key{b.Kind(), b.BlockID()}
			s := found[kk]
			if s == nil {
				s = &Series{Kind: kk.kind, Key: kk.id, Name: name, Unit: unit, Cells: make([]Cell, len(u.Years))}
				found[kk] = s
				order = append(order, kk)
			}
			if unit != s.Unit {
				u.Notes = append(u.Notes, fmt.Sprintf("“%s”%d年度的单位为“%s”，与其他年度的“%s”不同，未列入。", s.Name, r.Year, unit, s.Unit))
				continue
			}
			s.Cells[i] = Cell{Value: value, OK: true, Report: r, Block: b.BlockID(), Stated: value, Unit: unit}
		}
	}
	for _, k := range order {
		if s := found[k]; s.Years() >= 2 {
			u.Lines = append(u.Lines, *s)
		}
	}
}
