package report

import (
	"errors"

	"gongkai/internal/decimal"
)

// errBlocks reports packed data blocks that packBlocks did not write.
var errBlocks = errors.New("report: the packed data blocks are damaged")

// ShedBlocks lets go of the report's data blocks until Restore gives them
// back, packed in bytes (packBlocks), and of its indicator rows (Shed):
// once a one-shot build has written the pages that list reports, only
// the report's own page needs them. It keeps, as DropBlocks does, the
// budgets of the year's beginning and end without their items, whose
// totals the year's table gives again at the end. HasDrafts keeps its
// answer. A report holds some 4 KB of blocks made of pointers for the
// collector to follow, and packed they take about a quarter of that.
func (r *Report) ShedBlocks() {
	if r.blocks != nil {
		return
	}
	r.Shed()
	r.blocks = r.packBlocks()
	r.dropBlocks()
}

// packBlocks packs the budgets, counts and metrics of the report and of
// each section, in that order: for each the stated fields, which Derive
// works the rest out of again.
func (r *Report) packBlocks() []byte {
	var p packer
	for _, d := range r.AllData() {
		p.uvarint(uint64(len(d.Budgets)))
		for _, b := range d.Budgets {
			p.budget(b)
		}
		p.uvarint(uint64(len(d.Counts)))
		for _, c := range d.Counts {
			p.counts(c)
		}
		p.uvarint(uint64(len(d.Metrics)))
		for _, m := range d.Metrics {
			p.metric(m)
		}
	}
	return p.b
}

func (p *packer) budget(b *Budget) {
	p.pos(b.Pos)
	p.word(b.ID)
	p.word(b.Title)
	p.optDec(b.Total)
	p.word(b.Note)
	p.uvarint(uint64(len(b.Items)))
	for _, it := range b.Items {
		p.pos(it.Pos)
		p.word(it.Code)
		p.word(it.Name)
		p.dec(it.Amount)
		p.optDec(it.Share)
	}
	p.provenance(b.Provenance)
}

func (p *packer) counts(c *Counts) {
	p.pos(c.Pos)
	p.word(c.ID)
	p.word(c.Title)
	p.word(c.Unit)
	p.date(c.AsOf)
	p.bool(c.Total != nil)
	if c.Total != nil {
		p.varint(*c.Total)
	}
	p.bool(c.Exhaustive)
	p.word(c.Note)
	p.uvarint(uint64(len(c.Items)))
	for _, it := range c.Items {
		p.pos(it.Pos)
		p.word(it.Name)
		p.varint(it.Value)
		p.bool(it.Approx)
	}
	p.provenance(c.Provenance)
}

func (p *packer) metric(m *Metric) {
	p.pos(m.Pos)
	p.word(m.ID)
	p.word(m.Name)
	p.word(m.Unit)
	p.dec(m.Value)
	for _, d := range [...]*decimal.Dec{m.Previous, m.Change, m.Of, m.Rate} {
		p.optDec(d)
	}
	p.date(m.AsOf)
	p.word(m.Note)
	p.provenance(m.Provenance)
}

// unpackBlocks gives the report and its sections back the blocks
// packBlocks packed, derived again, or nothing if the bytes are damaged.
func (r *Report) unpackBlocks() error {
	u := unpacker{b: r.blocks}
	all := make([]Data, len(r.Sections)+1)
	for i := range all {
		d := &all[i]
		d.Budgets = unpackList(&u, (*unpacker).budget)
		d.Counts = unpackList(&u, (*unpacker).counts)
		d.Metrics = unpackList(&u, (*unpacker).metric)
	}
	if u.err != nil || len(u.b) > 0 {
		return errBlocks
	}
	for i, d := range r.AllData() {
		d.Budgets, d.Counts, d.Metrics = all[i].Budgets, all[i].Counts, all[i].Metrics
	}
	r.Derive()
	return nil
}

func (u *unpacker) budget(b *Budget) {
	b.Pos = u.pos()
	b.ID, b.Title = u.word(), u.word()
	b.Total = u.optDec()
	b.Note = u.word()
	b.Items = unpackList(u, func(u *unpacker, it *BudgetItem) {
		it.Pos = u.pos()
		it.Code, it.Name = u.word(), u.word()
		it.Amount = u.dec()
		it.Share = u.optDec()
	})
	b.Provenance = u.provenance()
}

func (u *unpacker) counts(c *Counts) {
	c.Pos = u.pos()
	c.ID, c.Title, c.Unit = u.word(), u.word(), u.word()
	c.AsOf = u.date()
	if u.bool() {
		total := u.varint()
		c.Total = &total
	}
	c.Exhaustive = u.bool()
	c.Note = u.word()
	c.Items = unpackList(u, func(u *unpacker, it *CountItem) {
		it.Pos = u.pos()
		it.Name = u.word()
		it.Value = u.varint()
		it.Approx = u.bool()
	})
	c.Provenance = u.provenance()
}

func (u *unpacker) metric(m *Metric) {
	m.Pos = u.pos()
	m.ID, m.Name, m.Unit = u.word(), u.word(), u.word()
	m.Value = u.dec()
	for _, d := range [...]**decimal.Dec{&m.Previous, &m.Change, &m.Of, &m.Rate} {
		*d = u.optDec()
	}
	m.AsOf = u.date()
	m.Note = u.word()
	m.Provenance = u.provenance()
}
