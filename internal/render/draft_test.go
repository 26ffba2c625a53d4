package render

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// draftSite is a report with imported blocks, some still marked draft.
func draftSite() fstest.MapFS {
	return fstest.MapFS{
		"site.toml": {Data: []byte("title = \"站\"\n")},
		"content/2023/unit/index.md": {Data: []byte(`+++
title = "2023年度某单位整体支出绩效自评报告"
year = 2023
org = "某单位"
org_id = "unit"
unit = "万元"
[[budget]]
id = "initial"
title = "年初预算"
draft = true
source = "02-general-budget.md:12"
  [[budget.items]]
  name = "公共安全支出"
  amount = 1.00
[[budget]]
id = "final"
title = "决算"
source = "02-general-budget.md:30"
  [[budget.items]]
  name = "公共安全支出"
  amount = 1.00
[[counts]]
id = "cases"
title = "案件"
draft = true
[[metrics]]
id = "rate"
name = "结案率"
value = 1
draft = true
source = "03-work.md:9"
[[metrics]]
id = "count"
name = "办结数"
value = 2
[[indicators]]
name = "甲"
weight = 100
draft = true
source = "05-table.md:21"
+++
`)},
	}
}

func TestDraftNotes(t *testing.T) {
	t.Parallel()
	page := build(t, draftSite(), nil, nil)["2023/unit/index.html"]
	for _, c := range []struct {
		id, end string
		want    string // the note, or "" for none
	}{
		{"data-initial", "figure", `<p class="draft-note">导入数据，待核对（来源：02-general-budget.md:12）</p>`},
		// A block with a source but no draft mark has been checked.
		{"data-final", "figure", ""},
		{"data-cases", "figure", `<p class="draft-note">导入数据，待核对</p>`},
	} {
		fig := element(t, page, c.id, c.end)
		if got := strings.Count(fig, `class="draft-note"`); got != min(len(c.want), 1) {
			t.Errorf("%s: %d draft notes, want %d:\n%s", c.id, got, min(len(c.want), 1), fig)
		}
		if c.want != "" && !strings.Contains(fig, c.want) {
			t.Errorf("%s lacks %s:\n%s", c.id, c.want, fig)
		}
	}
	// In a table of several metrics, the note names the draft one only.
	for _, want := range []string{
		`<p class="draft-note">导入数据，待核对：结案率（来源：03-work.md:9）</p>`,
		`<p class="draft-note">导入数据，待核对（来源：05-table.md:21）</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if got := strings.Count(page, `class="draft-note"`); got != 4 {
		t.Errorf("%d draft notes on the page, want 4", got)
	}
	if strings.Contains(page, "办结数（来源") || strings.Contains(page, "：办结数") {
		t.Error("a metric not marked draft has a note")
	}
}

// draftBlock is what data.json says of a block's provenance; pointers tell
// an absent key from a zero one.
type draftBlock struct {
	ID     string  `json:"id"`
	Draft  *bool   `json:"draft"`
	Source *string `json:"source"`
}

func TestDraftDataJSON(t *testing.T) {
	t.Parallel()
	var d struct {
		Budgets, Counts, Metrics []draftBlock
		Indicators               []struct {
			Draft  bool   `json:"draft"`
			Source string `json:"source"`
		}
	}
	if err := json.Unmarshal([]byte(build(t, draftSite(), nil, nil)["2023/unit/data.json"]), &d); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, bs := range [][]draftBlock{d.Budgets, d.Counts, d.Metrics} {
		for _, b := range bs {
			s := "draft=absent"
			if b.Draft != nil {
				s = "draft=" + strconv.FormatBool(*b.Draft)
			}
			if b.Source != nil {
				s += " source=" + *b.Source
			}
			got[b.ID] = s
		}
	}
	want := map[string]string{
		"initial": "draft=true source=02-general-budget.md:12",
		"final":   "draft=absent source=02-general-budget.md:30",
		"cases":   "draft=true",
		"rate":    "draft=true source=03-work.md:9",
		"count":   "draft=absent",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("data.json block %s: %s, want %s", id, got[id], w)
		}
	}
	if len(d.Indicators) != 1 || !d.Indicators[0].Draft || d.Indicators[0].Source != "05-table.md:21" {
		t.Errorf("data.json indicators = %+v", d.Indicators)
	}
}
