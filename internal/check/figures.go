package check

import (
	"fmt"
	"regexp"
	"strconv"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// halfCent is 0.005 of the money unit: the most a figure rounded to two
// places can be off, so n rounded items may add up n × halfCent away from
// their rounded total.
var halfCent = decimal.New(5, 3)

// largeGap is the share of a total (1%) beyond which a gap is an error, not
// a rounding matter.
var largeGap = decimal.FromInt(1)

// verdict is how a stated percentage compares with its recomputation.
type verdict int

const (
	agrees    verdict = iota // equal at the stated precision, or one unit in the last place off
	truncated                // equal only when cut instead of rounded
	differs
)

// judge compares a stated percentage with n/of at the stated precision,
// rounded half up. It returns the rounded figure and a finer one for the
// message.
func judge(stated, n, of decimal.Dec) (verdict, decimal.Dec, decimal.Dec) {
	places := stated.Scale()
	rounded, ok := decimal.Percent(n, of, places)
	if !ok {
		return agrees, rounded, rounded
	}
	fine, _ := decimal.Percent(n, of, min(places+3, decimal.MaxScale))
	cut, _ := decimal.PercentTruncated(n, of, places)
	ulp := decimal.New(1, places)
	switch {
	case stated.Equal(rounded):
		return agrees, rounded, fine
	case stated.Equal(cut):
		return truncated, rounded, fine
	case stated.Sub(rounded).Abs().Cmp(ulp) <= 0:
		return agrees, rounded, fine
	}
	return differs, rounded, fine
}

func tolerance(n int) decimal.Dec {
	t := decimal.Dec{}
	for range n {
		t = t.Add(halfCent)
	}
	return t
}

// figures checks the arithmetic of one report's data blocks.
func figures(r *report.Report, add func(Finding)) {
	for _, d := range r.AllData() {
		for _, b := range d.Budgets {
			budget(r, b, add)
		}
		for _, c := range d.Counts {
			counts(r, c, add)
		}
		for _, m := range d.Metrics {
			metric(r, m, add)
		}
	}
	indicators(r, add)
	yearInTitle(r, add)
}

func budget(r *report.Report, b *report.Budget, add func(Finding)) {
	u := r.Unit
	at := func(pos report.Pos) Finding {
		return Finding{Pos: pos, Report: r.Dir, Block: b.ID}
	}
	tol := tolerance(len(b.Items))
	covered := true // the items are meant to be the whole total
	if b.Total != nil && len(b.Items) > 0 {
		gap := b.Total.Sub(b.Sum)
		if gap.Abs().Cmp(tol) > 0 {
			f := at(b.Pos)
			f.Code = "BUDGET-TOTAL"
			pct, _ := decimal.Percent(gap.Abs(), *b.Total, 2)
			switch {
			case pct.Cmp(largeGap) > 0 && gap.Sign() > 0:
				covered = false
				f.Severity = Error
				f.Message = fmt.Sprintf("%s各项相加为 %s%s，原文总计为 %s%s，相差 %s%s，占总计的 %s%%，这部分金额没有列明用途",
					b.Title, b.Sum, u, b.Total, u, gap, u, pct)
				f.Hint = "补全缺少的支出科目，或核对总计"
			case pct.Cmp(largeGap) > 0:
				covered = false
				f.Severity = Error
				f.Message = fmt.Sprintf("%s各项相加为 %s%s，超出原文总计 %s%s %s%s（%s%%）",
					b.Title, b.Sum, u, b.Total, u, gap.Abs(), u, pct)
				f.Hint = "核对各项金额与总计"
			default:
				f.Severity = Warning
				f.Message = fmt.Sprintf("%s各项相加为 %s%s，原文总计为 %s%s，相差 %s%s（超出四舍五入允许的 ±%s%s）",
					b.Title, b.Sum, u, b.Total, u, gap.Abs(), u, tol, u)
				f.Hint = "核对各项金额与总计，以决算报表为准"
			}
			add(f)
		}
	}
	base := b.Base()
	allShares := len(b.Items) > 0
	var shares decimal.Dec
	for _, it := range b.Items {
		if it.Share == nil {
			allShares = false
			continue
		}
		shares = shares.Add(*it.Share)
		v, rounded, fine := judge(*it.Share, it.Amount, base)
		f := at(it.Pos)
		switch v {
		case differs:
			f.Code, f.Severity = "SHARE-MISMATCH", Error
			f.Message = fmt.Sprintf("%s中“%s”的占比原文为 %s%%，按金额 %s%s ÷ %s %s%s 核算为 %s%%，相差 %s 个百分点",
				b.Title, it.Name, it.Share, it.Amount, u, baseName(b), base, u, rounded, it.Share.Sub(rounded).Abs())
			f.Hint = "核对该项金额、总计或占比"
		case truncated:
			f.Code, f.Severity = "SHARE-TRUNC", Info
			f.Message = fmt.Sprintf("%s中“%s”的占比原文为 %s%%，核算为 %s%%，四舍五入应为 %s%%：原文是截断而非四舍五入",
				b.Title, it.Name, it.Share, fine, rounded)
			f.Hint = "数值本身无误；如需统一，可改为四舍五入"
		default:
			continue
		}
		add(f)
	}
	// The stated shares must make up 100% when the items are the whole.
	if allShares && covered && b.Total != nil {
		hundred := decimal.FromInt(100)
		if gap := shares.Sub(hundred); gap.Abs().Cmp(tolerance(len(b.Items))) > 0 {
			f := at(b.Pos)
			f.Code, f.Severity = "SHARE-SUM", Error
			f.Message = fmt.Sprintf("%s各项占比原文相加为 %s%%，应为 100%%（四舍五入允许 ±%s），相差 %s 个百分点",
				b.Title, shares, tolerance(len(b.Items)), gap.Abs())
			f.Hint = "逐项核对占比，占比应为该项金额除以总计"
			add(f)
		}
	}
}

func baseName(b *report.Budget) string {
	if b.Total != nil {
		return "总计"
	}
	return "各项合计"
}

func counts(r *report.Report, c *report.Counts, add func(Finding)) {
	if c.Total == nil || len(c.Items) == 0 {
		return
	}
	f := Finding{Pos: c.Pos, Report: r.Dir, Block: c.ID, Severity: Error}
	// In decimal, so that a sum or a gap beyond int64 is exact too.
	total := decimal.FromInt(*c.Total)
	switch {
	case c.Exhaustive && !c.Sum.Equal(total):
		f.Code = "COUNTS-TOTAL"
		f.Message = fmt.Sprintf("%s各项相加为 %s%s，原文合计为 %s%s，相差 %s%s", c.Title, c.Sum, c.Unit, total, c.Unit, total.Sub(c.Sum).Abs(), c.Unit)
		f.Hint = "各项应是合计的完整分解；若只列了部分项目，请设 exhaustive = false"
	case !c.Exhaustive && c.Sum.Cmp(total) > 0:
		f.Code = "COUNTS-EXCEED"
		f.Message = fmt.Sprintf("%s所列“其中”各项相加为 %s%s，超过原文总数 %s%s %s%s", c.Title, c.Sum, c.Unit, total, c.Unit, c.Sum.Sub(total), c.Unit)
		f.Hint = "“其中”各项之和不能超过总数，请核对"
	default:
		return
	}
	add(f)
}

func metric(r *report.Report, m *report.Metric, add func(Finding)) {
	at := func(code string, sev Severity, msg, hint string) {
		add(Finding{Code: code, Severity: sev, Pos: m.Pos, Report: r.Dir, Block: m.ID, Message: msg, Hint: hint})
	}
	if m.Change != nil && m.Previous != nil {
		diff := m.Value.Sub(*m.Previous)
		switch v, rounded, fine := judge(*m.Change, diff, *m.Previous); v {
		case differs:
			at("CHANGE-MISMATCH", Error, fmt.Sprintf("%s同比变化原文为 %s%%，按 (%s − %s) ÷ %s 核算为 %s%%，相差 %s 个百分点",
				m.Name, m.Change, m.Value, m.Previous, m.Previous, rounded, m.Change.Sub(rounded).Abs()),
				"核对本年数、上年数或变化率；下降应写为负数")
		case truncated:
			at("CHANGE-TRUNC", Info, fmt.Sprintf("%s同比变化原文为 %s%%，核算为 %s%%，四舍五入应为 %s%%：原文是截断而非四舍五入",
				m.Name, m.Change, fine, rounded), "数值本身无误；如需统一，可改为四舍五入")
		}
	}
	if m.Rate != nil && m.Of != nil {
		switch v, rounded, fine := judge(*m.Rate, m.Value, *m.Of); v {
		case differs:
			at("RATE-MISMATCH", Error, fmt.Sprintf("%s原文为 %s%%，按 %s ÷ %s 核算为 %s%%，相差 %s 个百分点",
				m.Name, m.Rate, m.Value, m.Of, rounded, m.Rate.Sub(rounded).Abs()), "核对分子、分母或比率")
		case truncated:
			at("RATE-TRUNC", Info, fmt.Sprintf("%s原文为 %s%%，按 %s ÷ %s 核算为 %s%%，四舍五入应为 %s%%：原文是截断而非四舍五入",
				m.Name, m.Rate, m.Value, m.Of, fine, rounded), "数值本身无误；如需统一，可改为四舍五入")
		}
	}
}

var hundred = decimal.FromInt(100)

func indicators(r *report.Report, add func(Finding)) {
	rows := r.Indicators()
	if len(rows) == 0 {
		if r.Score != nil || r.Grade != "" {
			key := "grade"
			if r.Score != nil {
				key = "score"
			}
			add(Finding{Code: "INDICATOR-TOTAL", Severity: Warning, Pos: r.Where(key), Report: r.Dir,
				Message: "报告写明了自评得分或等级，但没有绩效自评表（[[indicators]]）可供核对",
				Hint:    "补录绩效自评表，或删去 score、grade"})
		}
		return
	}
	for _, in := range rows {
		if in.Score != nil && in.Weight != nil && in.Score.Cmp(*in.Weight) > 0 {
			add(Finding{Code: "INDICATOR-SCORE", Severity: Error, Pos: in.Pos, Report: r.Dir, Block: "indicators",
				Message: fmt.Sprintf("指标“%s”得分 %s 超过其分值 %s", in.Name, in.Score, in.Weight),
				Hint:    "得分不能高于分值"})
		}
	}
	s := report.ScoresOf(rows)
	first := rows[0].Pos
	if !s.Weight.Equal(hundred) {
		add(Finding{Code: "INDICATOR-WEIGHTS", Severity: Error, Pos: first, Report: r.Dir, Block: "indicators",
			Message: fmt.Sprintf("绩效自评表各指标分值相加为 %s，应为 100", s.Weight),
			Hint:    "核对各指标分值"})
	}
	if r.Score != nil && !r.Score.Equal(s.Score) {
		add(Finding{Code: "INDICATOR-TOTAL", Severity: Error, Pos: r.Where("score"), Report: r.Dir, Block: "indicators",
			Message: fmt.Sprintf("自评总分原文为 %s，绩效自评表各项得分相加为 %s，相差 %s", r.Score, s.Score, r.Score.Sub(s.Score).Abs()),
			Hint:    "核对各项得分与总分"})
	}
	if r.Grade != "" && r.Grade != s.Grade {
		add(Finding{Code: "INDICATOR-GRADE", Severity: Error, Pos: r.Where("grade"), Report: r.Dir, Block: "indicators",
			Message: fmt.Sprintf("自评等级原文为“%s”，按得分合计 %s 应为“%s”（优 ≥90，良 80–90，中 60–80，差 <60）", r.Grade, s.Score, s.Grade),
			Hint:    "核对等级或得分"})
	}
}

// titleYear finds the fiscal year a title names: "2023年度…".
var titleYear = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年`)

func yearInTitle(r *report.Report, add func(Finding)) {
	m := titleYear.FindStringSubmatch(r.Title)
	if m == nil {
		return
	}
	if y, _ := strconv.Atoi(m[1]); y != r.Year {
		add(Finding{Code: "YEAR-TITLE", Severity: Error, Pos: r.Where("title"), Report: r.Dir,
			Message: fmt.Sprintf("标题中的年份为 %d，而报告的 year 为 %d（所在目录 %d）", y, r.Year, r.Year),
			Hint:    "核对标题或年份目录"})
	}
}
