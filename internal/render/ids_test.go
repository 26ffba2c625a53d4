package render

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai"
	"gongkai/internal/theme"
)

// idsText is a section whose headings each make an id the page also gives
// one of its own elements, and whose fences place figures twice.
const idsText = `+++
title = "一、情况"
[[metrics]]
id = "speed"
name = "超速"
unit = "起"
value = 10
previous = 8
+++

## initial

## data-final

## chart-2023-unit-final

## chart-2023-unit-final-options

## data-final-1

## chart-2023-unit-final-1

## chart-2023-unit-budget-compare-options

## data-speed

## data-speed-1

## 02-budget

## 02-budget-h

## 03-scores-indicators

## section-data-cases

## toc-title

## report-data-h

## report-indicators

## main

` + "```chart\ndata = \"final\"\n```\n\n```chart\ndata = \"final\"\ntype = \"pie\"\n```\n\n" +
	"```chart\ndata = \"speed\"\n```\n\n```chart\ndata = \"speed\"\n```\n\n```chart\ndata = \"budget-compare\"\n```\n"

const idsIndicators = `+++
title = "三、绩效自评"
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "查处交通违法行为"
target = "≥80000起"
actual = "85434起"
weight = 10
score = 10
+++

## data-final-2

## chart-2023-unit-final-2
`

var (
	chartElem  = regexp.MustCompile(`<div class="chart chart-\w+" id="([^"]*)" data-chart="([^"]*)"`)
	chartData  = regexp.MustCompile(`<script type="application/json" id="([^"]*)">`)
	fragmentRe = regexp.MustCompile(`\shref="#([^"]*)"`)
)

// TestHeadingIDsCollide renders a report whose headings make every kind of
// id the page gives its own elements (a block's table, a metric's row, a
// chart and its options, a section, its heading and indicator table, the
// layout's), and whose sections' file names collide too: every id on the
// page must be unique, and every chart's container must name its own
// options, so that each chart draws.
func TestHeadingIDsCollide(t *testing.T) {
	t.Parallel()
	fsys := fenceSite(idsText)
	fsys["content/2023/unit/index.md"] = &fstest.MapFile{Data: []byte(fenceIndex[:len(fenceIndex)-4] + `
[[indicators]]
level1 = "产出指标"
level2 = "质量指标"
name = "办结率"
target = "100%"
actual = "100%"
weight = 10
score = 10
+++
`)}
	fsys["content/2023/unit/02-budget-h.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"二之一\"\n+++\n\n## 02-budget-h\n")}
	fsys["content/2023/unit/03-scores.md"] = &fstest.MapFile{Data: []byte(idsIndicators)}
	fsys["content/2023/unit/data-cases.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"四\"\n+++\n\n## data-cases\n")}
	fsys["content/2023/unit/main.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"五\"\n+++\n\n## main\n")}
	r := newRenderer(t, nil)
	w := newMemWriter()
	if err := r.Job(Options{Charts: true}).Site(loadSite(t, fsys), fsys, theme.New(nil, gongkai.Static()), w); err != nil {
		t.Fatal(err)
	}
	page := string(w.files["2023/unit/index.html"])
	seen := ids(t, "report page", page)

	// Each chart names its own options, which exist once.
	charts := chartElem.FindAllStringSubmatch(page, -1)
	if len(charts) != 7 {
		t.Errorf("%d charts, want 7 (final twice, speed twice, the comparison, initial, cases)", len(charts))
	}
	options := map[string]int{}
	for _, m := range chartData.FindAllStringSubmatch(page, -1) {
		options[m[1]]++
	}
	for _, m := range charts {
		if m[2] != m[1]+"-options" || options[m[2]] != 1 {
			t.Errorf("chart %q: data-chart=%q, %d such options", m[1], m[2], options[m[2]])
		}
	}
	if len(options) != len(charts) {
		t.Errorf("%d options scripts for %d charts", len(options), len(charts))
	}
	// The page's own elements keep their ids; the headings move aside.
	for _, id := range []string{
		"data-final", "chart-2023-unit-final", "chart-2023-unit-final-options", "data-speed", "data-budget-compare",
		"chart-2023-unit-budget-compare-options", "02-budget", "02-budget-h", "section-02-budget-h", "03-scores-indicators",
		"report-indicators", "section-data-cases", "section-main", "toc-title", "report-data-h",
	} {
		if !seen[id] {
			t.Errorf("no element has id %q", id)
		}
	}
	for heading, id := range map[string]string{
		"initial":                       "initial",
		"data-final":                    "data-final-1",
		"chart-2023-unit-final":         "chart-2023-unit-final-1",
		"chart-2023-unit-final-options": "chart-2023-unit-final-options-1",
		"02-budget-h":                   "02-budget-h-1",
		"toc-title":                     "toc-title-1",
	} {
		if !strings.Contains(page, `<h2 id="`+id+`">`+heading+`</h2>`) {
			t.Errorf("heading %q does not have id %q", heading, id)
		}
	}
	// Every link within the page finds its element.
	for _, m := range fragmentRe.FindAllStringSubmatch(page, -1) {
		if !seen[m[1]] {
			t.Errorf("link to #%s, which no element has", m[1])
		}
	}
}
