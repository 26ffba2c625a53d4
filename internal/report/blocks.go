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
// answer. The benchmark corpus's ten blocks a report pack in some 580
// bytes (BenchmarkShed), where the decoder's structs take some 5.7 KB,
// full of pointers for the collector to follow.
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
func (r *Report) packBlocks() []byte { return pack(r.AllData(), codeBlocks) }

// unpackBlocks gives the report and its sections back the blocks
// packBlocks packed, derived again, or nothing if the bytes are damaged.
func (r *Report) unpackBlocks() error {
	all, ok := unpack(r.blocks, len(r.Sections)+1, codeBlocks)
	if !ok {
		return errBlocks
	}
	for i, d := range r.AllData() {
		d.Budgets, d.Counts, d.Metrics = all[i].Budgets, all[i].Counts, all[i].Metrics
	}
	r.Derive()
	return nil
}

// codeBlocks packs or unpacks the data blocks of ds.
func codeBlocks(c coder, ds []*Data) {
	for _, d := range ds {
		codeList(c, &d.Budgets, (*Budget).code)
		codeList(c, &d.Counts, (*Counts).code)
		codeList(c, &d.Metrics, (*Metric).code)
	}
}

func (b *Budget) code(c coder) {
	c.pos(&b.Pos)
	c.word(&b.ID)
	c.word(&b.Title)
	c.optDec(&b.Total)
	c.word(&b.Note)
	codeList(c, &b.Items, func(it *BudgetItem, c coder) {
		c.pos(&it.Pos)
		c.word(&it.Code)
		c.word(&it.Name)
		c.dec(&it.Amount)
		c.optDec(&it.Share)
	})
	c.provenance(&b.Provenance)
}

func (cs *Counts) code(c coder) {
	c.pos(&cs.Pos)
	c.word(&cs.ID)
	c.word(&cs.Title)
	c.word(&cs.Unit)
	c.date(&cs.AsOf)
	c.optInt64(&cs.Total)
	c.bool(&cs.Exhaustive)
	c.word(&cs.Note)
	codeList(c, &cs.Items, func(it *CountItem, c coder) {
		c.pos(&it.Pos)
		c.word(&it.Name)
		c.int64(&it.Value)
		c.bool(&it.Approx)
	})
	c.provenance(&cs.Provenance)
}

func (m *Metric) code(c coder) {
	c.pos(&m.Pos)
	c.word(&m.ID)
	c.word(&m.Name)
	c.word(&m.Unit)
	c.dec(&m.Value)
	for _, d := range [...]**decimal.Dec{&m.Previous, &m.Change, &m.Of, &m.Rate} {
		c.optDec(d)
	}
	c.date(&m.AsOf)
	c.word(&m.Note)
	c.provenance(&m.Provenance)
}
