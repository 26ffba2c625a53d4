package check

import (
	"fmt"
	"strings"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// totalSuffix ends the id of a metric that states a budget block's total
// against last year's: "initial-total" is the total of the block "initial".
// A report has no other way to state last year's budget, so this is the
// rule docs/content.md gives the author.
const totalSuffix = "-total"

// previousYear compares what each report states about last year with what
// the same unit published the year before: a metric's previous against
// last year's metric of the same id (PREVIOUS-MISMATCH), and a metric
// "<budget id>-total" against last year's total of that budget block
// (TOTAL-MISMATCH-PREV). Only consecutive years are compared, and only the
// report of a year that stands (neither withdrawn nor superseded), since
// the figures of one taken back are not what the unit published last.
func previousYear(site *report.Site, some func(*report.Org) bool, add func(Finding)) {
	for _, o := range site.Orgs {
		if !some(o) {
			continue
		}
		byYear := standing(site, o)
		for _, cur := range o.Reports {
			if byYear[cur.Year] != cur {
				continue
			}
			if last := byYear[cur.Year-1]; last != nil {
				comparePrevious(cur, last, add)
			}
		}
	}
}

// standing maps each year to the one report of the unit that stands in
// it; a year with none, or with two, has no entry.
func standing(site *report.Site, o *report.Org) map[int]*report.Report {
	byYear, twice := map[int]*report.Report{}, map[int]bool{}
	for _, r := range o.Reports {
		if r.Withdrawn != nil || site.Replacement(r) != nil {
			continue
		}
		if byYear[r.Year] != nil {
			twice[r.Year] = true
		}
		byYear[r.Year] = r
	}
	for y := range twice {
		delete(byYear, y)
	}
	return byYear
}

// comparePrevious checks the previous values of cur against last, the
// unit's report of the year before.
func comparePrevious(cur, last *report.Report, add func(Finding)) {
	metrics, budgets := map[string]*report.Metric{}, map[string]*report.Budget{}
	for _, d := range last.AllData() {
		for _, m := range d.Metrics {
			metrics[m.ID] = m
		}
		for _, b := range d.Budgets {
			budgets[b.ID] = b
		}
	}
	for _, d := range cur.AllData() {
		for _, m := range d.Metrics {
			if m.Previous == nil {
				continue
			}
			if id, ok := strings.CutSuffix(m.ID, totalSuffix); ok && budgets[id] != nil {
				if b := budgets[id]; m.Unit == "" || m.Unit == last.Unit {
					total, what := budgetTotal(b)
					if !sameFigure(*m.Previous, total) {
						add(Finding{Code: "TOTAL-MISMATCH-PREV", Severity: Warning, Pos: m.Pos, Report: cur.Dir, Block: m.ID,
							Message: fmt.Sprintf("指标“%s”（%s）所列上年数为 %s，而 %d 年度报告的“%s”（%s）%s为 %s",
								m.Name, m.ID, m.Previous, last.Year, b.Title, b.Pos, what, total),
							Hint: "上年数应与上年报告公开的合计一致；如上年报告有误，请在 note 中说明更正情况"})
					}
				}
				continue
			}
			lm := metrics[m.ID]
			if lm == nil || lm.Unit != m.Unit || !samePeriod(m.AsOf, lm.AsOf) {
				continue
			}
			if !sameFigure(*m.Previous, lm.Value) {
				add(Finding{Code: "PREVIOUS-MISMATCH", Severity: Warning, Pos: m.Pos, Report: cur.Dir, Block: m.ID,
					Message: fmt.Sprintf("指标“%s”（%s）所列上年数为 %s，而 %d 年度报告（%s）公开的数值为 %s",
						m.Name, m.ID, m.Previous, last.Year, lm.Pos, lm.Value),
					Hint: "上年数应与上年报告公开的数值一致；如上年报告有误，请在 note 中说明更正情况"})
			}
		}
	}
}

// budgetTotal is the total a budget block published (Budget.Base), and
// what it is: the stated total, or the items' sum when it states none.
func budgetTotal(b *report.Budget) (decimal.Dec, string) {
	how := "各项之和"
	if b.Total != nil {
		how = "所列合计"
	}
	return b.Base(), how
}

// sameFigure reports whether previous, as this year's report writes it,
// is last year's figure: last year's is rounded half up to the places
// previous is written with, so 1111 may stand for 1110.98.
func sameFigure(previous, last decimal.Dec) bool {
	if last.Scale() > previous.Scale() {
		last = last.Round(previous.Scale())
	}
	return previous.Equal(last)
}

// samePeriod reports whether two cut-off dates a year apart cover the same
// part of the year: both none (the whole year) or the same month and day.
// A figure to 25 October is not last year's figure to 31 December.
func samePeriod(a, b report.Date) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() && b.IsZero()
	}
	return a.Month == b.Month && a.Day == b.Day
}
