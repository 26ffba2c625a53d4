package source

import (
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/report"
)

// draftIndex is a report whose four kinds of data block were imported:
// each carries draft = true and the line of the document it came from.
const draftIndex = `+++
title = "报告"
year = 2023
org = "某单位"
org_id = "u"
unit = "万元"
[[budget]]
id = "initial"
title = "年初预算"
draft = true
source = "02-general-budget.md:12"
  [[budget.items]]
  name = "公共安全支出"
  amount = 1.00
[[counts]]
id = "cases"
title = "案件"
draft = true
source = "03-work.md:4"
[[metrics]]
id = "rate"
name = "结案率"
value = 1
draft = true
source = "03-work.md:9"
[[indicators]]
name = "指标"
draft = true
source = "05-table.md:20"
+++
`

func TestLoadDraftBlocks(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"站\"\n")},
		"content/2023/u/index.md": {Data: []byte(draftIndex)},
	}
	site, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := site.Years[0].Reports[0]
	got := map[string]report.Provenance{}
	for _, b := range r.Blocks() {
		got[b.BlockID()] = b.Origin()
	}
	got["indicators"] = r.Data.Indicators[0].Provenance
	want := map[string]string{
		"initial":    "02-general-budget.md:12",
		"cases":      "03-work.md:4",
		"rate":       "03-work.md:9",
		"indicators": "05-table.md:20",
	}
	for id, src := range want {
		if p := got[id]; !p.Draft || p.Source != src {
			t.Errorf("block %s: provenance = %+v, want draft from %s", id, p, src)
		}
	}
}

// TestLoadDraftKeysExact holds the new keys to the decoder's rules: matched
// exactly, typed, and a near miss still an unknown key.
func TestLoadDraftKeysExact(t *testing.T) {
	t.Parallel()
	tests := []struct{ from, to, want string }{
		{"draft = true\nsource = \"02", "drafts = true\nsource = \"02", `:10:1: 未知的键 "drafts"，是否想写 "draft"？`},
		{"draft = true\nsource = \"02", "Draft = true\nsource = \"02", `:10:1: 未知的键 "Draft"，是否想写 "draft"？`},
		{"draft = true\nsource = \"02", "draft = \"true\"\nsource = \"02", `:10:1: 键 "draft" 应为布尔值（true 或 false），实际为字符串 "true"`},
		{`source = "03-work.md:4"`, `source = 4`, `:19:1: 键 "source" 应为字符串（加引号），实际为整数 4`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{
			"site.toml":               {Data: []byte("title = \"站\"\n")},
			"content/2023/u/index.md": {Data: []byte(strings.Replace(draftIndex, tt.from, tt.to, 1))},
		}
		_, err := Load(fsys)
		if err == nil || !strings.Contains(err.Error(), "content/2023/u/index.md"+tt.want) {
			t.Errorf("%s: err = %v, want …%s", tt.to, err, tt.want)
		}
	}
}
