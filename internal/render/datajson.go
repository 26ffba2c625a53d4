package render

import (
	"gongkai/internal/decimal"
	"gongkai/internal/jsontext"
	"gongkai/internal/report"
)

// appendDataJSON appends data.json of r: its figures as encoding/json
// writes dataFile (data_test.go) with two spaces of indent and no HTML
// escaping, which TestDataJSONMatchesEncoding holds it to. Reflection over
// every row of every block cost as much as writing the page's blocks:
//
//	{"title", "year", "org", "org_id", "region"?, "unit", "published"?,
//	 "budgets": [{"id", "title", "section"?, "total": figure|null,
//	              "share_sum": figure|null, "unlisted"?,
//	              "items": [{"code"?, "name", "amount", "share": figure|null}],
//	              "draft"?, "source"?}],
//	 "counts": [{"id", "title", "section"?, "unit"?, "as_of"?, "exhaustive",
//	             "total"?, "sum", "items": [{"name", "value", "approx"?}],
//	             "draft"?, "source"?}],
//	 "metrics": [{"id", "name", "section"?, "unit"?, "as_of"?, "value",
//	              "previous"?, "change"?, "of"?, "rate"?, "note"?,
//	              "draft"?, "source"?}],
//	 "indicators": [{"section"?, "level1"?, "level2"?, "name", "target"?,
//	                 "actual"?, "weight"?, "score"?, "note"?,
//	                 "draft"?, "source"?}]}
//
// where ? marks a member left out when empty, and a figure is
// {"stated"?, "computed"?}: what the original printed, and gongkai's sum.
func appendDataJSON(dst []byte, r *report.Report) []byte {
	j := jsonOut{jsontext.Writer{B: dst, Indent: true}}
	j.Open('{')
	j.str("title", r.Title)
	j.int("year", int64(r.Year))
	j.str("org", r.Org)
	j.str("org_id", r.OrgID)
	j.omit("region", r.Region)
	j.str("unit", r.Unit)
	j.omit("published", r.Published.String())
	secs, all := sectionIDs(r), r.AllData()
	blocks(&j, "budgets", secs, all, func(d *report.Data) []*report.Budget { return d.Budgets }, func(sec string, b *report.Budget) {
		j.str("id", b.ID)
		j.str("title", b.Title)
		j.omit("section", sec)
		j.figure("total", b.TotalFig, false)
		j.figure("share_sum", b.ShareSum, false)
		if b.Unlisted.Sign() > 0 {
			j.dec("unlisted", b.Unlisted)
		}
		objects(&j, "items", b.Items, func(it *report.BudgetItem) {
			j.omit("code", it.Code)
			j.str("name", it.Name)
			j.dec("amount", it.Amount)
			j.figure("share", it.ShareFig, false)
		})
		j.draft(b.Provenance)
	})
	blocks(&j, "counts", secs, all, func(d *report.Data) []*report.Counts { return d.Counts }, func(sec string, c *report.Counts) {
		j.str("id", c.ID)
		j.str("title", c.Title)
		j.omit("section", sec)
		j.omit("unit", c.Unit)
		j.omit("as_of", c.AsOf.String())
		j.bool("exhaustive", c.Exhaustive)
		if c.Total != nil {
			j.int("total", *c.Total)
		}
		j.dec("sum", c.Sum)
		objects(&j, "items", c.Items, func(it *report.CountItem) {
			j.str("name", it.Name)
			j.int("value", it.Value)
			if it.Approx {
				j.bool("approx", true)
			}
		})
		j.draft(c.Provenance)
	})
	blocks(&j, "metrics", secs, all, func(d *report.Data) []*report.Metric { return d.Metrics }, func(sec string, m *report.Metric) {
		j.str("id", m.ID)
		j.str("name", m.Name)
		j.omit("section", sec)
		j.omit("unit", m.Unit)
		j.omit("as_of", m.AsOf.String())
		j.dec("value", m.Value)
		j.optDec("previous", m.Previous)
		j.figure("change", m.ChangeFig, true)
		j.optDec("of", m.Of)
		j.figure("rate", m.RateFig, true)
		j.omit("note", m.Note)
		j.draft(m.Provenance)
	})
	blocks(&j, "indicators", secs, all, func(d *report.Data) []*report.Indicator { return d.Indicators }, func(sec string, in *report.Indicator) {
		j.omit("section", sec)
		j.omit("level1", in.Level1)
		j.omit("level2", in.Level2)
		j.str("name", in.Name)
		j.omit("target", in.Target)
		j.omit("actual", in.Actual)
		j.optDec("weight", in.Weight)
		j.optDec("score", in.Score)
		j.omit("note", in.Note)
		j.draft(in.Provenance)
	})
	j.Close('}')
	return append(j.B, '\n')
}

// blocks writes name, an array of an object for each block of, in the
// data of every front matter, by write with the front matter's section id.
func blocks[T any](j *jsonOut, name string, secs []string, all []*report.Data, of func(*report.Data) []T, write func(sec string, b T)) {
	j.Key(name)
	j.Open('[')
	for i, d := range all {
		for _, b := range of(d) {
			j.object(func() { write(secs[i], b) })
		}
	}
	j.Close(']')
}

// objects writes name, an array of an object for each of xs, by write.
func objects[T any](j *jsonOut, name string, xs []T, write func(T)) {
	j.Key(name)
	j.Open('[')
	for _, x := range xs {
		j.object(func() { write(x) })
	}
	j.Close(']')
}

// jsonOut appends JSON indented as json.Encoder.SetIndent("", "  ")
// indents it, without HTML escaping (the data files are never in a page),
// a member at a time.
type jsonOut struct{ jsontext.Writer }

// object writes an element of the innermost array: an object whose
// members members writes.
func (j *jsonOut) object(members func()) {
	j.Elem()
	j.Open('{')
	members()
	j.Close('}')
}

func (j *jsonOut) str(name, s string) {
	j.Key(name)
	j.String(s)
}

// omit writes s unless it is empty: omitempty.
func (j *jsonOut) omit(name, s string) {
	if s != "" {
		j.str(name, s)
	}
}

func (j *jsonOut) int(name string, v int64) {
	j.Key(name)
	j.Int(v)
}

func (j *jsonOut) bool(name string, v bool) {
	j.Key(name)
	j.Bool(v)
}

func (j *jsonOut) dec(name string, d decimal.Dec) {
	j.Key(name)
	j.Raw(d.String())
}

func (j *jsonOut) optDec(name string, d *decimal.Dec) {
	if d != nil {
		j.dec(name, *d)
	}
}

// figure writes f as {"stated", "computed"}, each when it has it, or null
// when it has neither; omitted then, if omit.
func (j *jsonOut) figure(name string, f report.Figure, omit bool) {
	if !f.HasStated && !f.HasComputed {
		if !omit {
			j.Key(name)
			j.Raw("null")
		}
		return
	}
	j.Key(name)
	j.Open('{')
	if f.HasStated {
		j.dec("stated", f.Stated)
	}
	if f.HasComputed {
		j.dec("computed", f.Computed)
	}
	j.Close('}')
}

func (j *jsonOut) draft(p report.Provenance) {
	if p.Draft {
		j.bool("draft", true)
	}
	j.omit("source", p.Source)
}
