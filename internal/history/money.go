package history

import (
	"slices"

	"gongkai/internal/decimal"
)

// exponents are the money units whose amounts history converts into one
// another, as powers of ten of 元. Moving the point is exact (see
// decimal.Dec.MovePoint); any other unit is shown only beside its own kind.
var exponents = map[string]int{"元": 0, "万元": 4}

// convert is d, in from, as an amount in to, or false when it cannot be
// said exactly: an unknown unit, or more decimal places than a Dec holds.
func convert(d decimal.Dec, from, to string) (decimal.Dec, bool) {
	if from == to {
		return d, true
	}
	ef, okf := exponents[from]
	et, okt := exponents[to]
	if !okf || !okt {
		return decimal.Dec{}, false
	}
	return d.MovePoint(ef - et)
}

// moneyUnit picks the one unit to show amounts in, given the amounts by
// the unit their reports wrote them in, and the newest report's unit. One
// unit stays as it is. Known units are shown in the largest of them that
// every amount converts into exactly (万元 for 元 figures of at most two
// decimals, else 元, which always works). With an unknown unit in the mix
// the newest report's unit wins, and what does not convert is left out.
func moneyUnit(amounts map[string][]decimal.Dec, newest string) string {
	var units []string
	for u := range amounts {
		units = append(units, u)
	}
	slices.Sort(units)
	switch {
	case len(units) == 0:
		return newest
	case len(units) == 1:
		return units[0]
	}
	for _, u := range units {
		if _, ok := exponents[u]; !ok {
			return newest
		}
	}
	// Largest first: the figures read best in the unit reports mostly use.
	slices.SortFunc(units, func(a, b string) int { return exponents[b] - exponents[a] })
	for _, to := range units {
		if fitsAll(amounts, to) {
			return to
		}
	}
	return units[len(units)-1]
}

func fitsAll(amounts map[string][]decimal.Dec, to string) bool {
	for from, ds := range amounts {
		for _, d := range ds {
			if _, ok := convert(d, from, to); !ok {
				return false
			}
		}
	}
	return true
}
