package report

import (
	"cmp"
	"slices"
	"strings"

	"gongkai/internal/decimal"
)

// Figure is a figure as the original text stated it beside the same figure
// recomputed from its parts. Either may be missing.
type Figure struct {
	Stated      decimal.Dec
	HasStated   bool
	Computed    decimal.Dec
	HasComputed bool
}

func stated(d *decimal.Dec) Figure {
	if d == nil {
		return Figure{}
	}
	return Figure{Stated: *d, HasStated: true}
}

// Differs reports whether both figures exist and are not equal. It is exact:
// how much difference is tolerable is for the checks to say, not the model.
func (f Figure) Differs() bool {
	return f.HasStated && f.HasComputed && !f.Stated.Equal(f.Computed)
}

// Diff is Stated − Computed.
func (f Figure) Diff() decimal.Dec { return f.Stated.Sub(f.Computed) }

// Over reports whether the stated figure is larger than the computed one.
func (f Figure) Over() bool { return f.Diff().Sign() > 0 }

// Gap is |Stated − Computed|.
func (f Figure) Gap() decimal.Dec { return f.Diff().Abs() }

// defaultPlaces is the precision of a computed percentage the text did not state.
const defaultPlaces = 2

// percentAt computes n/of in % at the precision of the stated figure, or at
// defaultPlaces when none was stated.
func percentAt(f Figure, n, of decimal.Dec) Figure {
	places := defaultPlaces
	if f.HasStated {
		places = f.Stated.Scale()
	}
	f.Computed, f.HasComputed = decimal.Percent(n, of, places)
	return f
}

// Derive computes every derived figure of the report's blocks. It is
// idempotent and must run before the report is checked or rendered.
func (r *Report) Derive() {
	for _, d := range r.AllData() {
		for _, b := range d.Budgets {
			b.derive()
		}
		for _, c := range d.Counts {
			c.derive()
		}
		for _, m := range d.Metrics {
			m.derive()
		}
	}
}

// AllData lists the report's own data, then each section's, in order.
func (r *Report) AllData() []*Data {
	ds := make([]*Data, 1, 1+len(r.Sections))
	ds[0] = &r.Data
	for _, s := range r.Sections {
		ds = append(ds, &s.Data)
	}
	return ds
}

// Blocks lists every data block with an id in the report.
func (r *Report) Blocks() []Block {
	var bs []Block
	for _, d := range r.AllData() {
		bs = append(bs, d.Blocks()...)
	}
	return bs
}

// Block finds a data block by id: the first in the order of Blocks, which
// it does not make. The year pages look up two blocks of every report.
func (r *Report) Block(id string) Block {
	if b := r.Data.block(id); b != nil {
		return b
	}
	for _, s := range r.Sections {
		if b := s.block(id); b != nil {
			return b
		}
	}
	return nil
}

// block is the first of d's blocks named id in the order of Blocks: the
// one on the first line, a budget before counts and counts before a metric
// on the same line.
func (d *Data) block(id string) Block {
	var found Block
	line := 0
	take := func(b Block) {
		if b.BlockID() == id && (found == nil || b.Position().Line < line) {
			found, line = b, b.Position().Line
		}
	}
	for _, b := range d.Budgets {
		take(b)
	}
	for _, b := range d.Counts {
		take(b)
	}
	for _, b := range d.Metrics {
		take(b)
	}
	return found
}

// Indicators lists every indicator row of the report, in order.
func (r *Report) Indicators() []*Indicator {
	var is []*Indicator
	for _, d := range r.AllData() {
		is = append(is, d.Indicators...)
	}
	return is
}

// InitialBudget is the budget block of the year's initial budget (年初预算),
// the block with id "initial"; nil if none.
func (r *Report) InitialBudget() *Budget {
	b, _ := r.Block("initial").(*Budget)
	return b
}

// FinalBudget is the budget block of the final accounts (决算): the block with
// id "final", else the last block whose title names 决算; nil if none.
func (r *Report) FinalBudget() *Budget {
	var found *Budget
	for _, d := range r.AllData() {
		for _, b := range d.Budgets {
			if b.ID == "final" {
				return b
			}
			if strings.Contains(b.Title, "决算") {
				found = b
			}
		}
	}
	return found
}

func (b *Budget) derive() {
	b.Sum = decimal.Dec{}
	b.HasShares = false
	var statedShares decimal.Dec
	for _, it := range b.Items {
		b.Sum = b.Sum.Add(it.Amount)
		if it.Share != nil {
			b.HasShares = true
			statedShares = statedShares.Add(*it.Share)
		}
	}
	b.TotalFig = stated(b.Total)
	b.TotalFig.Computed, b.TotalFig.HasComputed = b.Sum, true
	base := b.Base()
	for _, it := range b.Items {
		it.ShareFig = percentAt(stated(it.Share), it.Amount, base)
	}
	// The computed side of the share sum is the part of the base the items
	// cover, not the sum of rounded shares, which would hide a gap in rounding.
	b.ShareSum = Figure{}
	if b.HasShares {
		b.ShareSum = Figure{Stated: statedShares, HasStated: true}
	}
	b.ShareSum = percentAt(b.ShareSum, b.Sum, base)
	b.Unlisted, b.UnlistedShare = decimal.Dec{}, decimal.Dec{}
	if b.Total != nil && b.Total.Cmp(b.Sum) > 0 {
		b.Unlisted = b.Total.Sub(b.Sum)
		b.UnlistedShare, _ = decimal.Percent(b.Unlisted, *b.Total, defaultPlaces)
	}
}

// Base is the block's total as it is published, and what shares are
// shares of: the stated total when there is one (that is what the author
// divided by), else the sum of the items.
func (b *Budget) Base() decimal.Dec {
	if b.Total != nil {
		return *b.Total
	}
	return b.Sum
}

func (c *Counts) derive() {
	c.Sum = decimal.Dec{}
	for _, it := range c.Items {
		c.Sum = c.Sum.Add(decimal.FromInt(it.Value))
	}
	c.TotalFig = Figure{}
	if c.Total != nil && c.Exhaustive {
		c.TotalFig = Figure{
			Stated: decimal.FromInt(*c.Total), HasStated: true,
			Computed: c.Sum, HasComputed: true,
		}
	}
}

// HasApprox reports whether any item is an approximate "more than" figure, so
// that the sum is a lower bound.
func (c *Counts) HasApprox() bool {
	return slices.ContainsFunc(c.Items, func(it *CountItem) bool { return it.Approx })
}

func (m *Metric) derive() {
	m.ChangeFig = stated(m.Change)
	if m.Previous != nil {
		m.ChangeFig = percentAt(m.ChangeFig, m.Value.Sub(*m.Previous), *m.Previous)
	}
	m.RateFig = stated(m.Rate)
	if m.Of != nil {
		m.RateFig = percentAt(m.RateFig, m.Value, *m.Of)
	}
}

// Index sorts the site's years (newest first) and reports, and joins each
// unit's reports across years by org_id. It must run after every report is in.
func (s *Site) Index() {
	slices.SortFunc(s.Years, func(a, b *Year) int { return cmp.Compare(b.Year, a.Year) })
	orgs := map[string]*Org{}
	for _, y := range s.Years {
		slices.SortFunc(y.Reports, func(a, b *Report) int {
			return cmp.Or(strings.Compare(a.Org, b.Org), strings.Compare(a.Slug, b.Slug))
		})
		for _, r := range y.Reports {
			o := orgs[r.OrgID]
			if o == nil {
				o = &Org{ID: r.OrgID, Name: r.Org}
				orgs[r.OrgID] = o
			}
			// Years come newest first, so the first report seen names the unit.
			o.Reports = append(o.Reports, r)
		}
	}
	// Replacements are resolved within the site: an archive of one year
	// has no link to a report of another.
	byPath := map[string]*Report{}
	for _, r := range s.Reports() {
		byPath[r.Path()] = r
	}
	s.replacement, s.supersedes = map[*Report]*Report{}, map[*Report][]*Report{}
	for _, r := range s.Reports() {
		if n := byPath[r.SupersededBy]; n != nil && n != r {
			s.replacement[r] = n
			s.supersedes[n] = append(s.supersedes[n], r)
		}
	}
	s.Orgs = s.Orgs[:0]
	for _, o := range orgs {
		s.Orgs = append(s.Orgs, o)
	}
	slices.SortFunc(s.Orgs, func(a, b *Org) int { return strings.Compare(a.ID, b.ID) })
}

// Replacement is the report of this site that supersedes r, or nil.
func (s *Site) Replacement(r *Report) *Report { return s.replacement[r] }

// Supersedes lists the reports of this site that r replaces, in the
// site's order.
func (s *Site) Supersedes(r *Report) []*Report { return s.supersedes[r] }

// Clone copies the site's years and their lists of reports, sharing the
// reports themselves, so that one report can be replaced without changing
// s. Run Index on the clone after replacing.
func (s *Site) Clone() *Site {
	c := &Site{Config: s.Config, Home: s.Home}
	for _, y := range s.Years {
		yc := *y
		yc.Reports = slices.Clone(y.Reports)
		c.Years = append(c.Years, &yc)
	}
	return c
}

// Replace puts rep in the place of the report from the same folder, and
// reports whether there was one.
func (s *Site) Replace(rep *Report) bool {
	for _, y := range s.Years {
		for i, r := range y.Reports {
			if r.Dir == rep.Dir {
				y.Reports[i] = rep
				return true
			}
		}
	}
	return false
}

// Reports lists every report of the site, newest year first.
func (s *Site) Reports() []*Report {
	var rs []*Report
	for _, y := range s.Years {
		rs = append(rs, y.Reports...)
	}
	return rs
}

// HasDrafts reports whether a data block or indicator row of the report
// is an imported draft (draft = true) not yet checked against its source.
func (r *Report) HasDrafts() bool {
	if r.shed {
		return r.drafts
	}
	for _, b := range r.Blocks() {
		if b.Origin().Draft {
			return true
		}
	}
	return slices.ContainsFunc(r.Indicators(), func(in *Indicator) bool { return in.Draft })
}

// SectionIDs lists the sections' ids (their file stems) in order.
func (r *Report) SectionIDs() []string {
	ids := make([]string, len(r.Sections))
	for i, s := range r.Sections {
		ids[i] = s.ID
	}
	return ids
}

// SortSections orders sections by weight, then by file name: a weight moves a
// section without renaming its file.
func (r *Report) SortSections() {
	slices.SortStableFunc(r.Sections, func(a, b *Section) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(a.ID, b.ID))
	})
}

// Scores totals the indicator table (绩效自评表).
type Scores struct {
	Weight decimal.Dec // 分值合计
	Score  decimal.Dec // 得分合计
	Grade  string      // 优, 良, 中 or 差, from the total score
}

// Grade is the band of a total score: 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60.
func Grade(score decimal.Dec) string {
	switch {
	case score.Cmp(decimal.FromInt(90)) >= 0:
		return "优"
	case score.Cmp(decimal.FromInt(80)) >= 0:
		return "良"
	case score.Cmp(decimal.FromInt(60)) >= 0:
		return "中"
	}
	return "差"
}

// ScoresOf totals rows; rows without a weight or score count as zero.
func ScoresOf(rows []*Indicator) Scores {
	var s Scores
	for _, in := range rows {
		if in.Weight != nil {
			s.Weight = s.Weight.Add(*in.Weight)
		}
		if in.Score != nil {
			s.Score = s.Score.Add(*in.Score)
		}
	}
	s.Grade = Grade(s.Score)
	return s
}
