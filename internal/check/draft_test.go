package check

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/source"
)

func TestDrafts(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"站\"\n[check]\nrequired_sections = []\n")},
		"content/2023/u/index.md": {Data: []byte(`+++
title = "2023年度某单位整体支出绩效自评报告"
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
[[budget]]
id = "final"
title = "决算"
source = "02-general-budget.md:30"
  [[budget.items]]
  name = "公共安全支出"
  amount = 1.00
[[metrics]]
id = "rate"
name = "结案率"
value = 1
draft = true
[[indicators]]
name = "甲"
weight = 50
[[indicators]]
name = "乙"
weight = 30
draft = true
source = "05-table.md:21"
[[indicators]]
name = "丙"
weight = 20
draft = true
source = "05-table.md:22"
+++
`)},
		"content/2023/u/01-a.md": {Data: []byte(`+++
title = "一、基本情况"
[[counts]]
id = "cases"
title = "案件"
draft = true
source = "03-work.md:4"
[[counts]]
id = "done"
title = "办结"
draft = false
+++
`)},
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, f := range Site(site) {
		if f.Code == "DRAFT" {
			fmt.Fprintf(&got, "%s %s %s [%s] %s。%s\n", f.Pos, f.Severity, f.Report, f.Block, f.Message, f.Hint)
		}
	}
	want := `content/2023/u/01-a.md:3:1 info content/2023/u [] 数据块“案件”（cases）为导入的草稿数据，来源 03-work.md:4。请与原文核对后删除 draft = true
content/2023/u/index.md:7:1 info content/2023/u [] 数据块“年初预算”（initial）为导入的草稿数据，来源 02-general-budget.md:12。请与原文核对后删除 draft = true
content/2023/u/index.md:22:1 info content/2023/u [] 数据块“结案率”（rate）为导入的草稿数据，未注明来源。请与原文核对后删除 draft = true
content/2023/u/index.md:30:1 info content/2023/u [] 绩效自评表（indicators）有 2 行为导入的草稿数据，首行“乙”来源 05-table.md:21。请与原文核对后删除各行的 draft = true
`
	if got.String() != want {
		t.Errorf("DRAFT findings:\n%s\nwant:\n%s", got.String(), want)
	}
}
