package check

import (
	"fmt"
	"strings"

	"gongkai/internal/report"
)

// classUse is one budget item that writes a functional class code.
type classUse struct {
	code, name string
	pos        report.Pos
	report     string
	block      string
}

// classNames finds, among all units' budgets of one year, a functional
// class (支出功能分类) code written with different names, and a class name
// written with different codes: a typo in a code moves money to another
// class without anyone seeing it. The name that most items of the year
// write for a code (and the code most write for a name) is taken as right,
// and every other item is pointed at, with a place that writes the right
// one; on a tie every side is pointed at.
//
// Names are compared across codes only for codes of a 类 (three digits):
// below it, the national classification repeats names such as 行政运行
// under every 类, and two codes with one name are no mistake.
func classNames(site *report.Site, some func(*report.Year) bool, add func(Finding)) {
	for _, y := range site.Years {
		if !some(y) {
			continue
		}
		var uses []classUse
		for _, r := range y.Reports {
			for _, d := range r.AllData() {
				for _, b := range d.Budgets {
					for _, it := range b.Items {
						code, name := strings.TrimSpace(it.Code), strings.TrimSpace(it.Name)
						if code != "" && name != "" {
							uses = append(uses, classUse{code, name, it.Pos, r.Dir, b.ID})
						}
					}
				}
			}
		}
		// In the order of the year's reports (by org, then folder) and of
		// their blocks: as fixed as an order by position, without sorting
		// a whole year's items on every rebuild serve makes.
		byCode := odd(uses, func(u classUse) string { return u.code }, func(u classUse) string { return u.name })
		byName := odd(uses, func(u classUse) string {
			if len(u.code) != 3 {
				return "" // not a 类: see above
			}
			return u.name
		}, func(u classUse) string { return u.code })
		for i, u := range uses {
			var says []string
			if other, ok := byCode[i]; ok {
				says = append(says, fmt.Sprintf("科目编码 %s 在此名为“%s”，而 %d 年度另有 %d 处名为“%s”（如 %s）",
					u.code, u.name, y.Year, other.n, other.value, other.pos))
			}
			if other, ok := byName[i]; ok {
				says = append(says, fmt.Sprintf("科目“%s”在此编码为 %s，而 %d 年度另有 %d 处编码为 %s（如 %s）",
					u.name, u.code, y.Year, other.n, other.value, other.pos))
			}
			if len(says) > 0 {
				add(Finding{Code: "CLASS-CODE-NAME", Severity: Warning, Pos: u.pos, Report: u.report, Block: u.block,
					Message: strings.Join(says, "；"),
					Hint:    "核对支出功能分类科目的编码与名称：编码写错会把资金计入另一类"})
			}
		}
	}
}

// majority is the value most uses of a key write, how many, and the first
// place that writes it.
type majority struct {
	value string
	n     int
	pos   report.Pos
}

// odd groups uses (sorted by place) by key, leaving out those whose key
// is empty, and returns, for the index of
// each use whose value is not its key's most written one, that value.
// On a tie for the most written, each use is pointed at the first use of
// another tied value, so both sides of the disagreement are named.
func odd(uses []classUse, key, value func(classUse) string) map[int]majority {
	counts := map[string]map[string]*majority{}
	for _, u := range uses {
		if key(u) == "" {
			continue
		}
		vs := counts[key(u)]
		if vs == nil {
			vs = map[string]*majority{}
			counts[key(u)] = vs
		}
		if m := vs[value(u)]; m != nil {
			m.n++
		} else {
			vs[value(u)] = &majority{value: value(u), n: 1, pos: u.pos}
		}
	}
	out := map[int]majority{}
	for i, u := range uses {
		vs := counts[key(u)]
		if key(u) == "" || len(vs) < 2 {
			continue
		}
		// The most written value other than this use's, first by count
		// and then by value, so the choice never depends on map order.
		var best *majority
		for _, m := range vs {
			if m.value == value(u) {
				continue
			}
			if best == nil || m.n > best.n || (m.n == best.n && m.value < best.value) {
				best = m
			}
		}
		if best.n >= vs[value(u)].n {
			out[i] = *best
		}
	}
	return out
}
