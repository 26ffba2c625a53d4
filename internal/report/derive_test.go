package report_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"gongkai/internal/decimal"
	"gongkai/internal/report"
	"gongkai/internal/sample"
)

// d parses a decimal written in a test.
func d(t *testing.T, s string) decimal.Dec {
	t.Helper()
	v, err := decimal.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func dp(t *testing.T, s string) *decimal.Dec {
	t.Helper()
	v := d(t, s)
	return &v
}

// budget builds a budget block from "amount/share" pairs; an empty share is
// not stated.
func budget(t *testing.T, id, title, total string, items ...string) *report.Budget {
	t.Helper()
	b := &report.Budget{ID: id, Title: title}
	if total != "" {
		b.Total = dp(t, total)
	}
	for _, it := range items {
		amount, share, _ := strings.Cut(it, "/")
		bi := &report.BudgetItem{Name: amount, Amount: d(t, amount)}
		if share != "" {
			bi.Share = dp(t, share)
		}
		b.Items = append(b.Items, bi)
	}
	return b
}

// figure formats a Figure as "stated|computed", with "-" for a missing side.
func figure(f report.Figure) string {
	s, c := "-", "-"
	if f.HasStated {
		s = f.Stated.String()
	}
	if f.HasComputed {
		c = f.Computed.String()
	}
	return s + "|" + c
}

// seedReport holds the seed's 年初预算 and 决算 in one section: their stated
// figures, read from the sample site, in blocks of their own, so that what
// the tests see was computed by the Derive called here, not by source.Load.
func seedReport(t *testing.T) *report.Report {
	t.Helper()
	seed := sample.Report(t)
	var budgets []*report.Budget
	for _, id := range []string{"initial", "final"} {
		b, ok := seed.Block(id).(*report.Budget)
		if !ok {
			t.Fatalf("the seed has no budget %q", id)
		}
		stated := &report.Budget{ID: b.ID, Title: b.Title, Total: b.Total}
		for _, it := range b.Items {
			stated.Items = append(stated.Items, &report.BudgetItem{Code: it.Code, Name: it.Name, Amount: it.Amount, Share: it.Share})
		}
		budgets = append(budgets, stated)
	}
	r := &report.Report{Sections: []*report.Section{{ID: "02-general-budget", Data: report.Data{Budgets: budgets}}}}
	r.Derive()
	return r
}

// seedCounts is the seed's counts block id with its stated figures only.
func seedCounts(t *testing.T, id string) *report.Counts {
	t.Helper()
	c, ok := sample.Report(t).Block(id).(*report.Counts)
	if !ok {
		t.Fatalf("the seed has no counts block %q", id)
	}
	stated := &report.Counts{ID: c.ID, Total: c.Total, Exhaustive: c.Exhaustive}
	for _, it := range c.Items {
		stated.Items = append(stated.Items, &report.CountItem{Name: it.Name, Value: it.Value})
	}
	return stated
}

func TestDeriveInitialBudget(t *testing.T) {
	t.Parallel()
	b := seedReport(t).Block("initial").(*report.Budget)
	if got := b.Sum.String(); got != "1110.87" {
		t.Errorf("Sum = %s, want 1110.87", got)
	}
	if got := figure(b.TotalFig); got != "1110.98|1110.87" {
		t.Errorf("TotalFig = %s, want 1110.98|1110.87", got)
	}
	if !b.TotalFig.Differs() || b.TotalFig.Diff().String() != "0.11" {
		t.Errorf("TotalFig.Differs() = %v, Diff = %s; want true, 0.11", b.TotalFig.Differs(), b.TotalFig.Diff())
	}
	if got := b.Base().String(); got != "1110.98" {
		t.Errorf("Base = %s, want the stated total 1110.98", got)
	}
	// Shares are of the stated total, at the two places the author used.
	want := []string{"90.49|87.47", "5.33|5.34", "3.05|3.06", "4.12|4.13"}
	for i, it := range b.Items {
		if got := figure(it.ShareFig); got != want[i] {
			t.Errorf("item %d ShareFig = %s, want %s", i, got, want[i])
		}
	}
	if !b.Items[0].ShareFig.Differs() || b.Items[0].ShareFig.Diff().String() != "3.02" {
		t.Errorf("item 0 share: Differs %v, Diff %s; want true, 3.02", b.Items[0].ShareFig.Differs(), b.Items[0].ShareFig.Diff())
	}
	if !b.HasShares {
		t.Error("HasShares = false")
	}
	// The computed share sum is the part of the total the items cover, not
	// the sum of rounded shares (which would be 100.00).
	if got := figure(b.ShareSum); got != "102.99|99.99" {
		t.Errorf("ShareSum = %s, want 102.99|99.99", got)
	}
	if !b.ShareSum.Differs() {
		t.Error("ShareSum does not differ")
	}
	if got := b.Unlisted.String(); got != "0.11" {
		t.Errorf("Unlisted = %s, want 0.11", got)
	}
}

func TestDeriveFinalBudget(t *testing.T) {
	t.Parallel()
	b := seedReport(t).Block("final").(*report.Budget)
	if got := b.Sum.String(); got != "688.955" {
		t.Errorf("Sum = %s, want 688.955", got)
	}
	if got := figure(b.TotalFig); got != "1643.98|688.955" || b.TotalFig.Diff().String() != "955.025" {
		t.Errorf("TotalFig = %s, Diff %s", got, b.TotalFig.Diff())
	}
	if got := b.Unlisted.String(); got != "955.025" {
		t.Errorf("Unlisted = %s, want 955.025", got)
	}
	// 0.055 / 1643.98 = 0.003346…%: at the three places stated, 0.003.
	want := []string{"0.003|0.003", "33.95|33.96", "3.43|3.44", "1.85|1.86", "2.65|2.65"}
	differs := []bool{false, true, true, true, false}
	for i, it := range b.Items {
		if got := figure(it.ShareFig); got != want[i] || it.ShareFig.Differs() != differs[i] {
			t.Errorf("item %d ShareFig = %s (differs %v), want %s (%v)", i, got, it.ShareFig.Differs(), want[i], differs[i])
		}
	}
	// Stated shares add to 41.883, three places: the computed side follows.
	if got := figure(b.ShareSum); got != "41.883|41.908" {
		t.Errorf("ShareSum = %s, want 41.883|41.908", got)
	}
}

func TestDeriveBudgetWithoutTotal(t *testing.T) {
	t.Parallel()
	b := budget(t, "b", "支出", "", "30/", "10/25", "60/")
	r := &report.Report{Data: report.Data{Budgets: []*report.Budget{b}}}
	r.Derive()
	if b.Sum.String() != "100" || b.Base().String() != "100" {
		t.Errorf("Sum, Base = %s, %s; want 100, 100", b.Sum, b.Base())
	}
	if got := figure(b.TotalFig); got != "-|100" || b.TotalFig.Differs() {
		t.Errorf("TotalFig = %s, want -|100 and no difference", got)
	}
	// Shares of the sum, at two places when none is stated.
	want := []string{"-|30.00", "25|10", "-|60.00"}
	for i, it := range b.Items {
		if got := figure(it.ShareFig); got != want[i] {
			t.Errorf("item %d ShareFig = %s, want %s", i, got, want[i])
		}
	}
	if got := figure(b.ShareSum); got != "25|100" {
		t.Errorf("ShareSum = %s, want 25|100", got)
	}
	if !b.Unlisted.IsZero() {
		t.Errorf("Unlisted = %s, want 0", b.Unlisted)
	}
}

func TestDeriveBudgetEdgeCases(t *testing.T) {
	t.Parallel()
	noShares := budget(t, "a", "甲", "10", "4", "6")
	over := budget(t, "b", "乙", "10", "8", "7")
	empty := budget(t, "c", "丙", "")
	r := &report.Report{Data: report.Data{Budgets: []*report.Budget{noShares, over, empty}}}
	r.Derive()
	if noShares.HasShares || figure(noShares.ShareSum) != "-|100.00" {
		t.Errorf("no shares: HasShares %v, ShareSum %s; want false, -|100.00", noShares.HasShares, figure(noShares.ShareSum))
	}
	// Items over the total leave nothing unlisted.
	if !over.Unlisted.IsZero() || over.TotalFig.Diff().String() != "-5" {
		t.Errorf("over: Unlisted %s, Diff %s; want 0, -5", over.Unlisted, over.TotalFig.Diff())
	}
	// Nothing to divide by: no computed shares.
	if empty.Sum.String() != "0" || empty.ShareSum.HasComputed {
		t.Errorf("empty: Sum %s, ShareSum %+v", empty.Sum, empty.ShareSum)
	}
}

// TestDeriveIdempotent derives twice: figures must not accumulate.
func TestDeriveIdempotent(t *testing.T) {
	t.Parallel()
	r := seedReport(t)
	c := &report.Counts{ID: "c", Items: []*report.CountItem{{Value: 2}, {Value: 3}}}
	r.Counts = []*report.Counts{c}
	r.Derive()
	r.Derive()
	b := r.Block("initial").(*report.Budget)
	if b.Sum.String() != "1110.87" || figure(b.ShareSum) != "102.99|99.99" || b.Unlisted.String() != "0.11" || c.Sum.String() != "5" {
		t.Errorf("after two Derives: Sum %s, ShareSum %s, Unlisted %s, counts %s", b.Sum, figure(b.ShareSum), b.Unlisted, c.Sum)
	}
}

// TestDeriveBeyondInt64: a thousand items of the largest figure the range
// allows add up, and divide, exactly; in int64 units they would wrap around.
func TestDeriveBeyondInt64(t *testing.T) {
	t.Parallel()
	items := make([]string, 1000)
	for i := range items {
		items[i] = "9999999999.999999"
	}
	b := budget(t, "b", "决算", "", items...)
	most := int64(9223372036854775807)
	c := &report.Counts{ID: "c", Total: &most, Exhaustive: true, Items: []*report.CountItem{{Value: most}, {Value: most}, {Value: -1}}}
	r := &report.Report{Data: report.Data{Budgets: []*report.Budget{b}, Counts: []*report.Counts{c}}}
	r.Derive()
	if b.Sum.String() != "9999999999999.999000" || figure(b.TotalFig) != "-|9999999999999.999000" {
		t.Errorf("Sum %s, TotalFig %s", b.Sum, figure(b.TotalFig))
	}
	if got := figure(b.Items[0].ShareFig); got != "-|0.10" {
		t.Errorf("share of one item = %s, want -|0.10", got)
	}
	if got := figure(b.ShareSum); got != "-|100.00" {
		t.Errorf("share sum = %s, want -|100.00", got)
	}
	if figure(c.TotalFig) != "9223372036854775807|18446744073709551613" || c.TotalFig.Diff().String() != "-9223372036854775806" {
		t.Errorf("counts: Sum %s, TotalFig %s", c.Sum, figure(c.TotalFig))
	}
}

func TestDeriveCounts(t *testing.T) {
	t.Parallel()
	total := func(n int64) *int64 { return &n }
	items := func(vs ...int64) []*report.CountItem {
		var its []*report.CountItem
		for _, v := range vs {
			its = append(its, &report.CountItem{Name: "x", Value: v})
		}
		return its
	}
	// The seed's 85434 violations, by how they were found (all of them) and
	// by kind (其中: some kinds only).
	exhaustive := seedCounts(t, "enforcement-mode")
	mismatch := &report.Counts{ID: "b", Total: total(100), Exhaustive: true, Items: items(40, 50)}
	partial := seedCounts(t, "violations")
	noTotal := &report.Counts{ID: "d", Exhaustive: true, Items: items(1, 2)}
	r := &report.Report{Data: report.Data{Counts: []*report.Counts{exhaustive, mismatch, partial, noTotal}}}
	r.Derive()

	if exhaustive.Sum.String() != "85434" || figure(exhaustive.TotalFig) != "85434|85434" || exhaustive.TotalFig.Differs() {
		t.Errorf("exhaustive: Sum %s, TotalFig %s, differs %v", exhaustive.Sum, figure(exhaustive.TotalFig), exhaustive.TotalFig.Differs())
	}
	if mismatch.Sum.String() != "90" || figure(mismatch.TotalFig) != "100|90" || !mismatch.TotalFig.Differs() || mismatch.TotalFig.Diff().String() != "10" {
		t.Errorf("mismatch: Sum %s, TotalFig %s, Diff %s", mismatch.Sum, figure(mismatch.TotalFig), mismatch.TotalFig.Diff())
	}
	// 其中: the items are a part of the total, so there is nothing to compare.
	if partial.Sum.String() != "11044" || figure(partial.TotalFig) != "-|-" || partial.TotalFig.Differs() {
		t.Errorf("partial: Sum %s, TotalFig %s", partial.Sum, figure(partial.TotalFig))
	}
	if noTotal.Sum.String() != "3" || figure(noTotal.TotalFig) != "-|-" {
		t.Errorf("no total: Sum %s, TotalFig %s", noTotal.Sum, figure(noTotal.TotalFig))
	}

	if partial.HasApprox() {
		t.Error("HasApprox without approximate items")
	}
	partial.Items[1].Approx = true
	if !partial.HasApprox() {
		t.Error("HasApprox = false with an approximate item")
	}
}

func TestDeriveMetrics(t *testing.T) {
	t.Parallel()
	change := &report.Metric{ID: "accidents", Value: d(t, "2083"), Previous: dp(t, "1737"), Change: dp(t, "19.9")}
	rate := &report.Metric{ID: "rate", Value: d(t, "1625"), Of: dp(t, "2277"), Rate: dp(t, "71.36")}
	unstated := &report.Metric{ID: "unstated", Value: d(t, "2083"), Previous: dp(t, "1737")}
	fall := &report.Metric{ID: "fall", Value: d(t, "90"), Previous: dp(t, "120"), Change: dp(t, "-25")}
	zero := &report.Metric{ID: "zero", Value: d(t, "5"), Previous: dp(t, "0"), Of: dp(t, "0")}
	onlyStated := &report.Metric{ID: "stated", Value: d(t, "5"), Change: dp(t, "3.5"), Rate: dp(t, "80")}
	plain := &report.Metric{ID: "plain", Value: d(t, "5")}
	r := &report.Report{Sections: []*report.Section{{Data: report.Data{Metrics: []*report.Metric{change, rate, unstated, fall, zero, onlyStated, plain}}}}}
	r.Derive()

	tests := []struct {
		name    string
		f       report.Figure
		want    string
		differs bool
	}{
		{"change stated 19.9", change.ChangeFig, "19.9|19.9", false},
		{"no rate on a change", change.RateFig, "-|-", false},
		{"rate stated 71.36", rate.RateFig, "71.36|71.37", true},
		{"no change on a rate", rate.ChangeFig, "-|-", false},
		{"change not stated: two places", unstated.ChangeFig, "-|19.92", false},
		{"a fall at no places", fall.ChangeFig, "-25|-25", false},
		{"change from zero", zero.ChangeFig, "-|-", false},
		{"rate of zero", zero.RateFig, "-|-", false},
		{"stated change without previous", onlyStated.ChangeFig, "3.5|-", false},
		{"stated rate without of", onlyStated.RateFig, "80|-", false},
		{"plain change", plain.ChangeFig, "-|-", false},
	}
	for _, tt := range tests {
		if got := figure(tt.f); got != tt.want || tt.f.Differs() != tt.differs {
			t.Errorf("%s: %s (differs %v), want %s (%v)", tt.name, got, tt.f.Differs(), tt.want, tt.differs)
		}
	}
	if got := rate.RateFig.Diff().String(); got != "-0.01" {
		t.Errorf("rate Diff = %s, want -0.01", got)
	}
}

func TestFigureDiffers(t *testing.T) {
	t.Parallel()
	one, oneZero := d(t, "1"), d(t, "1.0")
	tests := []struct {
		f    report.Figure
		want bool
	}{
		{report.Figure{}, false},
		{report.Figure{Stated: one, HasStated: true}, false},
		{report.Figure{Computed: one, HasComputed: true}, false},
		{report.Figure{Stated: one, HasStated: true, Computed: oneZero, HasComputed: true}, false}, // values, not scales
		{report.Figure{Stated: one, HasStated: true, Computed: d(t, "1.01"), HasComputed: true}, true},
	}
	for i, tt := range tests {
		if got := tt.f.Differs(); got != tt.want {
			t.Errorf("%d: Differs() = %v, want %v", i, got, tt.want)
		}
	}
}

func TestSiteIndex(t *testing.T) {
	t.Parallel()
	rep := func(year int, org, orgID, slug string) *report.Report {
		return &report.Report{Year: year, Org: org, OrgID: orgID, Slug: slug}
	}
	police22 := rep(2022, "炎陵县公安局交通警察大队", "police", "police")
	police23 := rep(2023, "炎陵县公安局交通警察大队（新）", "police", "police")
	police23b := rep(2023, "炎陵县公安局交通警察大队（新）", "police", "a-police-extra")
	finance23 := rep(2023, "A财政局", "finance", "finance")
	edu21 := rep(2021, "教育局", "edu", "edu")
	s := &report.Site{
		Years: []*report.Year{
			{Year: 2022, Reports: []*report.Report{police22}},
			{Year: 2021, Reports: []*report.Report{edu21}},
			{Year: 2023, Reports: []*report.Report{police23, finance23, police23b}},
		},
		Orgs: []*report.Org{{ID: "stale"}},
	}
	s.Index()
	s.Index() // idempotent

	var years []int
	for _, y := range s.Years {
		years = append(years, y.Year)
	}
	if len(years) != 3 || years[0] != 2023 || years[1] != 2022 || years[2] != 2021 {
		t.Errorf("years = %v, want 2023 2022 2021", years)
	}
	// By org name (in code point order: "A" before any Chinese), then slug.
	if got := slugs(s.Years[0].Reports); got != "finance a-police-extra police" {
		t.Errorf("2023 reports = %s", got)
	}
	if got := slugs(s.Reports()); got != "finance a-police-extra police police edu" {
		t.Errorf("Reports() = %s", got)
	}
	var orgs []string
	for _, o := range s.Orgs {
		orgs = append(orgs, o.ID+":"+o.Name+":"+slugs(o.Reports))
	}
	want := "edu:教育局:edu finance:A财政局:finance police:炎陵县公安局交通警察大队（新）:a-police-extra police police"
	if got := strings.Join(orgs, " "); got != want {
		t.Errorf("orgs = %s\nwant   %s", got, want)
	}
	if o := s.Orgs[2]; o.Reports[1] != police23 || o.Reports[2] != police22 {
		t.Errorf("police reports not newest first")
	}
}

func slugs(rs []*report.Report) string {
	var ss []string
	for _, r := range rs {
		ss = append(ss, r.Slug)
	}
	return strings.Join(ss, " ")
}

func TestSortSections(t *testing.T) {
	t.Parallel()
	r := &report.Report{Sections: []*report.Section{
		{ID: "03-c"},
		{ID: "01-a", Weight: 5},
		{ID: "09-z", Weight: -1},
		{ID: "02-b"},
		{ID: "04-d", Weight: 5},
	}}
	r.SortSections()
	var ids []string
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "09-z 02-b 03-c 01-a 04-d" {
		t.Errorf("sections = %s, want 09-z 02-b 03-c 01-a 04-d", got)
	}
}

func TestFinalBudget(t *testing.T) {
	t.Parallel()
	b := func(id, title string) *report.Budget { return &report.Budget{ID: id, Title: title} }
	withSections := func(own []*report.Budget, secs ...[]*report.Budget) *report.Report {
		r := &report.Report{Data: report.Data{Budgets: own}}
		for _, bs := range secs {
			r.Sections = append(r.Sections, &report.Section{Data: report.Data{Budgets: bs}})
		}
		return r
	}
	tests := []struct {
		name string
		r    *report.Report
		want string // the id, or "" for nil
	}{
		{"none", withSections(nil), ""},
		{"no 决算", withSections([]*report.Budget{b("initial", "年初预算")}), ""},
		{"id final wins over an earlier title", withSections(
			[]*report.Budget{b("x", "2023年决算")},
			[]*report.Budget{b("initial", "年初预算"), b("final", "支出")},
		), "final"},
		{"id final wins over a later title", withSections(
			[]*report.Budget{b("final", "支出")},
			[]*report.Budget{b("y", "决算")},
		), "final"},
		{"the last title naming 决算", withSections(
			[]*report.Budget{b("a", "决算（一）")},
			[]*report.Budget{b("b", "年初预算")},
			[]*report.Budget{b("c", "决算（二）"), b("d", "调整预算")},
		), "c"},
	}
	for _, tt := range tests {
		got := ""
		if f := tt.r.FinalBudget(); f != nil {
			got = f.ID
		}
		if got != tt.want {
			t.Errorf("%s: FinalBudget = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestBlocks(t *testing.T) {
	t.Parallel()
	pos := func(line int) report.Pos { return report.Pos{Path: "a.md", Line: line, Col: 1} }
	sec := &report.Section{Data: report.Data{
		Budgets:    []*report.Budget{{ID: "b2", Pos: pos(20)}, {ID: "b1", Pos: pos(3)}},
		Counts:     []*report.Counts{{ID: "c", Title: "次数", Pos: pos(10)}},
		Metrics:    []*report.Metric{{ID: "m", Name: "事故", Pos: pos(15)}},
		Indicators: []*report.Indicator{{Name: "指标二"}},
	}}
	r := &report.Report{
		Data:     report.Data{Metrics: []*report.Metric{{ID: "own", Pos: pos(30)}}, Indicators: []*report.Indicator{{Name: "指标一"}}},
		Sections: []*report.Section{sec},
	}
	var got []string
	for _, b := range r.Blocks() {
		got = append(got, b.Kind()+":"+b.BlockID())
	}
	// The report's own blocks first, then each section's in line order.
	if s := strings.Join(got, " "); s != "metrics:own budget:b1 counts:c metrics:m budget:b2" {
		t.Errorf("Blocks = %s", s)
	}
	if b := r.Block("c"); b == nil || b.BlockTitle() != "次数" || b.Position() != pos(10) {
		t.Errorf("Block(c) = %v", b)
	}
	if b := r.Block("m"); b == nil || b.BlockTitle() != "事故" {
		t.Errorf("Block(m) = %v", b)
	}
	if b := r.Block("nope"); b != nil {
		t.Errorf("Block(nope) = %v, want nil", b)
	}
	is := r.Indicators()
	if len(is) != 2 || is[0].Name != "指标一" || is[1].Name != "指标二" {
		t.Errorf("Indicators = %v", is)
	}
}

// TestBlockIsFirstOfBlocks: Block finds, among blocks that share an id
// (which the load refuses, but the model allows), the one Blocks lists
// first: the report's own before a section's, the earlier line first, on
// one line a budget, then counts, then a metric.
func TestBlockIsFirstOfBlocks(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 2))
	ids := []string{"a", "b", "c"}
	data := func() report.Data {
		var d report.Data
		for range rnd.IntN(4) {
			d.Budgets = append(d.Budgets, &report.Budget{ID: ids[rnd.IntN(3)], Title: fmt.Sprint(rnd.Int()), Pos: report.Pos{Line: rnd.IntN(4)}})
		}
		for range rnd.IntN(4) {
			d.Counts = append(d.Counts, &report.Counts{ID: ids[rnd.IntN(3)], Title: fmt.Sprint(rnd.Int()), Pos: report.Pos{Line: rnd.IntN(4)}})
		}
		for range rnd.IntN(4) {
			d.Metrics = append(d.Metrics, &report.Metric{ID: ids[rnd.IntN(3)], Name: fmt.Sprint(rnd.Int()), Pos: report.Pos{Line: rnd.IntN(4)}})
		}
		return d
	}
	for range 2000 {
		r := &report.Report{Data: data()}
		for range rnd.IntN(3) {
			r.Sections = append(r.Sections, &report.Section{Data: data()})
		}
		for _, id := range append(ids, "none") {
			var want report.Block
			for _, b := range r.Blocks() {
				if b.BlockID() == id {
					want = b
					break
				}
			}
			if got := r.Block(id); got != want {
				t.Fatalf("Block(%q) = %v, want %v, the first of Blocks", id, got, want)
			}
		}
	}
}

func TestDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d           report.Date
		iso, chines string
		zero        bool
	}{
		{report.Date{Year: 2024, Month: 4, Day: 30}, "2024-04-30", "2024年4月30日", false},
		{report.Date{Year: 2023, Month: 10, Day: 5}, "2023-10-05", "2023年10月5日", false},
		{report.Date{Year: 999, Month: 1, Day: 1}, "0999-01-01", "999年1月1日", false},
		{report.Date{}, "", "", true},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.iso {
			t.Errorf("String() = %q, want %q", got, tt.iso)
		}
		if got := tt.d.Chinese(); got != tt.chines {
			t.Errorf("Chinese() = %q, want %q", got, tt.chines)
		}
		if got := tt.d.IsZero(); got != tt.zero {
			t.Errorf("%v IsZero() = %v", tt.d, got)
		}
	}
}

func TestPosString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    report.Pos
		want string
	}{
		{report.Pos{Path: "content/2023/u/index.md"}, "content/2023/u/index.md"},
		{report.Pos{Path: "a.md", Line: 7}, "a.md:7"},
		{report.Pos{Path: "a.md", Line: 7, Col: 16}, "a.md:7:16"},
		{report.Pos{Path: "a.md", Col: 3}, "a.md"}, // no line: the whole file
		{report.Pos{}, ""},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestTextIsBlank(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"":             true,
		"\n\n \t\r\n":  true,
		"\n\n正文\n":     false,
		"\u3000":       false, // an ideographic space is text to Markdown
		"\n\n<!-- -->": false,
	} {
		if got := (report.Text{Source: []byte(s)}).IsBlank(); got != want {
			t.Errorf("IsBlank(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestFigureOverGap(t *testing.T) {
	t.Parallel()
	r := seedReport(t)
	total := r.Block("initial").(*report.Budget).TotalFig // 1110.98 stated, 1110.87 computed
	if !total.Over() || total.Gap().String() != "0.11" {
		t.Errorf("total: Over %v, Gap %s; want true, 0.11", total.Over(), total.Gap())
	}
	rate := report.Figure{Stated: d(t, "71.36"), HasStated: true, Computed: d(t, "71.37"), HasComputed: true}
	if rate.Over() || rate.Gap().String() != "0.01" {
		t.Errorf("rate: Over %v, Gap %s; want false, 0.01", rate.Over(), rate.Gap())
	}
	same := report.Figure{Stated: d(t, "1"), HasStated: true, Computed: d(t, "1.0"), HasComputed: true}
	if same.Over() || !same.Gap().IsZero() {
		t.Errorf("same: Over %v, Gap %s; want false, 0", same.Over(), same.Gap())
	}
}

func TestFooterIsZero(t *testing.T) {
	t.Parallel()
	if !(report.Footer{}).IsZero() {
		t.Error("empty footer is not zero")
	}
	if (report.Footer{ICP: "湘ICP备00000000号"}).IsZero() {
		t.Error("footer with an ICP number is zero")
	}
}

func TestGrade(t *testing.T) {
	t.Parallel()
	for score, want := range map[string]string{"100": "优", "90": "优", "89.99": "良", "80": "良", "79.5": "中", "60": "中", "59.99": "差", "0": "差"} {
		d, err := decimal.Parse(score)
		if err != nil {
			t.Fatal(err)
		}
		if got := report.Grade(d); got != want {
			t.Errorf("report.Grade(%s) = %s, want %s", score, got, want)
		}
	}
}

func TestScoresOf(t *testing.T) {
	t.Parallel()
	ten, nine := decimal.FromInt(10), decimal.New(95, 1)
	s := report.ScoresOf([]*report.Indicator{{Name: "a", Weight: &ten, Score: &nine}, {Name: "b", Weight: &ten}, {Name: "c"}})
	if s.Weight.String() != "20" || s.Score.String() != "9.5" || s.Grade != "差" {
		t.Errorf("ScoresOf = %+v", s)
	}
}

func TestUnlistedShare(t *testing.T) {
	t.Parallel()
	b := seedReport(t).Block("final").(*report.Budget)
	if b.Unlisted.String() != "955.025" || b.UnlistedShare.String() != "58.09" {
		t.Errorf("Unlisted = %s (%s%%), want 955.025 (58.09%%)", b.Unlisted, b.UnlistedShare)
	}
}

func TestCloneReplace(t *testing.T) {
	t.Parallel()
	a := &report.Report{Dir: "content/2023/a", Slug: "a", Year: 2023, Org: "甲", OrgID: "a"}
	b := &report.Report{Dir: "content/2023/b", Slug: "b", Year: 2023, Org: "乙", OrgID: "b"}
	s := &report.Site{Years: []*report.Year{{Year: 2023, Reports: []*report.Report{a, b}}}}
	s.Index()
	c := s.Clone()
	a2 := &report.Report{Dir: "content/2023/a", Slug: "a", Year: 2023, Org: "丙", OrgID: "c"}
	if !c.Replace(a2) {
		t.Fatal("Replace found no report")
	}
	c.Index()
	// Reports sort by org name: 乙 (U+4E59) before 甲 (U+7532) and 丙 (U+4E19) before 乙.
	if got := s.Years[0].Reports; got[0] != b || got[1] != a || s.Orgs[0].Name != "甲" {
		t.Error("Replace on the clone changed the original")
	}
	if got := c.Years[0].Reports; got[0] != a2 || got[1] != b || len(c.Orgs) != 2 || c.Orgs[1].ID != "c" || c.Orgs[1].Name != "丙" {
		t.Errorf("clone after Replace: reports %v, orgs %v", got, c.Orgs)
	}
	if c.Replace(&report.Report{Dir: "content/2023/z"}) {
		t.Error("Replace of an unknown folder succeeded")
	}
}
