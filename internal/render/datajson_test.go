package render

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"testing"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/decimal"
	"gongkai/internal/report"
)

// The JSON form of a report's figures. Stated values are what the original
// printed; computed ones are gongkai's, from the parts.
type dataFile struct {
	Title      string          `json:"title"`
	Year       int             `json:"year"`
	Org        string          `json:"org"`
	OrgID      string          `json:"org_id"`
	Region     string          `json:"region,omitempty"`
	Unit       string          `json:"unit"`
	Published  string          `json:"published,omitempty"`
	Budgets    []budgetJSON    `json:"budgets"`
	Counts     []countsJSON    `json:"counts"`
	Metrics    []metricJSON    `json:"metrics"`
	Indicators []indicatorJSON `json:"indicators"`
}

// draftJSON marks figures gongkai import read from a document and nobody has
// yet compared with it (draft = true), and where they were read from. Both
// are left out for a block written or checked by hand.
type draftJSON struct {
	Draft  bool   `json:"draft,omitempty"`
	Source string `json:"source,omitempty"`
}

func draft(p report.Provenance) draftJSON { return draftJSON{Draft: p.Draft, Source: p.Source} }

type figureJSON struct {
	Stated   *decimal.Dec `json:"stated,omitempty"`
	Computed *decimal.Dec `json:"computed,omitempty"`
}

func figure(f report.Figure) *figureJSON {
	if !f.HasStated && !f.HasComputed {
		return nil
	}
	var j figureJSON
	if f.HasStated {
		j.Stated = &f.Stated
	}
	if f.HasComputed {
		j.Computed = &f.Computed
	}
	return &j
}

type budgetJSON struct {
	ID       string           `json:"id"`
	Title    string           `json:"title"`
	Section  string           `json:"section,omitempty"`
	Total    *figureJSON      `json:"total"`
	ShareSum *figureJSON      `json:"share_sum"`
	Unlisted *decimal.Dec     `json:"unlisted,omitempty"`
	Items    []budgetItemJSON `json:"items"`
	draftJSON
}

type budgetItemJSON struct {
	Code   string      `json:"code,omitempty"`
	Name   string      `json:"name"`
	Amount decimal.Dec `json:"amount"`
	Share  *figureJSON `json:"share"`
}

type countsJSON struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Section    string          `json:"section,omitempty"`
	Unit       string          `json:"unit,omitempty"`
	AsOf       string          `json:"as_of,omitempty"`
	Exhaustive bool            `json:"exhaustive"`
	Total      *int64          `json:"total,omitempty"`
	Sum        decimal.Dec     `json:"sum"`
	Items      []countItemJSON `json:"items"`
	draftJSON
}

type countItemJSON struct {
	Name   string `json:"name"`
	Value  int64  `json:"value"`
	Approx bool   `json:"approx,omitempty"`
}

type metricJSON struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Section  string       `json:"section,omitempty"`
	Unit     string       `json:"unit,omitempty"`
	AsOf     string       `json:"as_of,omitempty"`
	Value    decimal.Dec  `json:"value"`
	Previous *decimal.Dec `json:"previous,omitempty"`
	Change   *figureJSON  `json:"change,omitempty"`
	Of       *decimal.Dec `json:"of,omitempty"`
	Rate     *figureJSON  `json:"rate,omitempty"`
	Note     string       `json:"note,omitempty"`
	draftJSON
}

type indicatorJSON struct {
	Section string       `json:"section,omitempty"`
	Level1  string       `json:"level1,omitempty"`
	Level2  string       `json:"level2,omitempty"`
	Name    string       `json:"name"`
	Target  string       `json:"target,omitempty"`
	Actual  string       `json:"actual,omitempty"`
	Weight  *decimal.Dec `json:"weight,omitempty"`
	Score   *decimal.Dec `json:"score,omitempty"`
	Note    string       `json:"note,omitempty"`
	draftJSON
}

func dataJSON(r *report.Report) dataFile {
	f := dataFile{
		Title: r.Title, Year: r.Year, Org: r.Org, OrgID: r.OrgID, Region: r.Region,
		Unit: r.Unit, Published: r.Published.String(),
		Budgets: []budgetJSON{}, Counts: []countsJSON{}, Metrics: []metricJSON{}, Indicators: []indicatorJSON{},
	}
	secs := sectionIDs(r)
	for i, d := range r.AllData() {
		for _, b := range d.Budgets {
			bj := budgetJSON{ID: b.ID, Title: b.Title, Section: secs[i], Total: figure(b.TotalFig), ShareSum: figure(b.ShareSum), Items: []budgetItemJSON{}, draftJSON: draft(b.Provenance)}
			if b.Unlisted.Sign() > 0 {
				bj.Unlisted = &b.Unlisted
			}
			for _, it := range b.Items {
				bj.Items = append(bj.Items, budgetItemJSON{Code: it.Code, Name: it.Name, Amount: it.Amount, Share: figure(it.ShareFig)})
			}
			f.Budgets = append(f.Budgets, bj)
		}
		for _, c := range d.Counts {
			cj := countsJSON{ID: c.ID, Title: c.Title, Section: secs[i], Unit: c.Unit, AsOf: c.AsOf.String(),
				Exhaustive: c.Exhaustive, Total: c.Total, Sum: c.Sum, Items: []countItemJSON{}, draftJSON: draft(c.Provenance)}
			for _, it := range c.Items {
				cj.Items = append(cj.Items, countItemJSON{Name: it.Name, Value: it.Value, Approx: it.Approx})
			}
			f.Counts = append(f.Counts, cj)
		}
		for _, m := range d.Metrics {
			f.Metrics = append(f.Metrics, metricJSON{ID: m.ID, Name: m.Name, Section: secs[i], Unit: m.Unit, AsOf: m.AsOf.String(),
				Value: m.Value, Previous: m.Previous, Change: figure(m.ChangeFig), Of: m.Of, Rate: figure(m.RateFig), Note: m.Note, draftJSON: draft(m.Provenance)})
		}
		for _, in := range d.Indicators {
			f.Indicators = append(f.Indicators, indicatorJSON{Section: secs[i], Level1: in.Level1, Level2: in.Level2, Name: in.Name,
				Target: in.Target, Actual: in.Actual, Weight: in.Weight, Score: in.Score, Note: in.Note, draftJSON: draft(in.Provenance)})
		}
	}
	return f
}

// TestDataJSONMatchesEncoding holds appendDataJSON to what encoding/json
// writes of dataFile, the schema as Go types: on every report of the
// sample, draft and block sites and a generated corpus, and on a report
// whose every string holds what JSON escapes, with and without the
// members left out when empty.
func TestDataJSONMatchesEncoding(t *testing.T) {
	t.Parallel()
	corpus := t.TempDir()
	if err := benchcorpus.Generate(corpus, benchcorpus.Options{Reports: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var reps []*report.Report
	for _, fsys := range []fs.FS{testFiles(t), draftSite(), blockSite(), os.DirFS(corpus)} {
		reps = append(reps, loadSite(t, fsys).Reports()...)
	}
	const hostile = "甲\"乙\\丙\n丁\t戊\x01己<庚>&辛\u2028壬\u2029癸\xff"
	odd := *reps[0]
	odd.Title, odd.Org, odd.Region, odd.Unit = "报告"+hostile, "单位"+hostile, "", "万元"+hostile
	odd.Published = report.Date{}
	reps = append(reps, &odd)
	// The blocks are shared with reps[0]: both write them so.
	for _, d := range odd.AllData() {
		for _, b := range d.Budgets {
			b.Title += hostile
			for _, it := range b.Items {
				it.Name += hostile
			}
		}
		for _, c := range d.Counts {
			c.Title += hostile
			for _, it := range c.Items {
				it.Name += hostile
			}
		}
		for _, m := range d.Metrics {
			m.Name, m.Note = m.Name+hostile, m.Note+hostile
		}
		for _, in := range d.Indicators {
			in.Name, in.Target, in.Note = in.Name+hostile, in.Target+hostile, in.Note+hostile
		}
	}
	drafts := 0
	for _, r := range reps {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(dataJSON(r)); err != nil {
			t.Fatal(err)
		}
		got := appendDataJSON(nil, r)
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s:\n%s", r.Dir, firstDiff(want.String(), string(got)))
		}
		drafts += bytes.Count(got, []byte(`"draft": true`))
	}
	if drafts == 0 {
		t.Error("no draft block written")
	}
}
