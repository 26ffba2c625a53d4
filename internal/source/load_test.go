package source

import (
	"errors"
	"maps"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai/internal/report"
)

// tree builds an in-memory source tree from file contents by path.
func tree(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

// goodSite is a small but complete site: two years, three reports, two units,
// data blocks in the report front matter and in a section, attachments and a
// hidden file.
func goodSite() map[string]string {
	return map[string]string{
		"site.toml": `# 测试站点
title = "测试站点"
language = "zh-CN"

[footer]
sponsor = "某单位"
`,
		"content/_index.md":      "+++\ntitle = \"首页\"\n+++\n欢迎。\n",
		"content/2023/_index.md": "2023年度概况\n",
		"content/2023/some-unit/index.md": `+++
title = "2023年度某单位整体支出绩效自评报告"
year = 2023
org = "某单位"
org_id = "some-unit"
region = "湖南省株洲市炎陵县"
unit = "万元"
published = 2024-04-30

[[budget]]
id = "initial"
title = "年初预算"
total = 1110.98

  [[budget.items]]
  code = "204"
  name = "公共安全支出"
  amount = 971.76
  share = 90.49

  [[budget.items]]
  name = "卫生健康支出"
  amount = 33.95
+++
前言文字。
`,
		"content/2023/some-unit/01-basic.md": `+++
title = "一、基本情况"
weight = 1

[[counts]]
id = "violations"
title = "查处重点交通违法行为"
unit = "起"
as_of = 2023-10-25
total = 85434
exhaustive = true
  [[counts.items]]
  name = "现场"
  value = 23934
  [[counts.items]]
  name = "非现场"
  value = 61500
+++
基本情况正文。
`,
		"content/2023/some-unit/02-budget.md": `+++
title = "二、预算"

[[metrics]]
id = "accidents"
name = "道路交通事故"
unit = "起"
value = 2083
previous = 1737
change = 19.9
+++
`,
		"content/2023/some-unit/03-notes.md": "+++\ntitle = \"三、说明\"\n+++\n",
		"content/2023/some-unit/report.pdf":  "%PDF-1.4",
		"content/2023/some-unit/img/a.png":   "\x89PNG",
		"content/2023/some-unit/.DS_Store":   "junk",
		"content/2022/some-unit/index.md": `+++
title = "2022年度报告"
year = 2022
org = "某单位旧称"
org_id = "some-unit"
unit = "万元"
+++
`,
		"content/2022/another/index.md": `+++
title = "2022年度另一单位报告"
year = 2022
org = "另一单位"
org_id = "another"
unit = "万元"
+++
`,
	}
}

func TestLoadGoodSite(t *testing.T) {
	t.Parallel()
	site, err := Load(tree(goodSite()))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	c := site.Config
	if c.Title != "测试站点" || c.Language != "zh-CN" || c.Footer.Sponsor != "某单位" {
		t.Errorf("Config = %+v", c)
	}
	if site.Home.Title != "首页" || string(site.Home.Body.Source) != "\n\n\n欢迎。\n" {
		t.Errorf("Home = %q, %q", site.Home.Title, site.Home.Body.Source)
	}

	if len(site.Years) != 2 || site.Years[0].Year != 2023 || site.Years[1].Year != 2022 {
		t.Fatalf("Years not 2023, 2022 (newest first): %v", years(site))
	}
	y23, y22 := site.Years[0], site.Years[1]
	if string(y23.Page.Body.Source) != "2023年度概况\n" || y23.Page.Title != "" {
		t.Errorf("2023 page = %q, %q", y23.Page.Title, y23.Page.Body.Source)
	}
	if len(y23.Reports) != 1 {
		t.Fatalf("2023 has %d reports, want 1", len(y23.Reports))
	}
	// 另 (U+53E6) sorts before 某 (U+67D0): reports are ordered by org name.
	if got := slugs(y22.Reports); got != "another some-unit" {
		t.Errorf("2022 reports = %s, want another some-unit", got)
	}

	r := y23.Reports[0]
	const dir = "content/2023/some-unit"
	if r.Slug != "some-unit" || r.Dir != dir || r.Year != 2023 {
		t.Errorf("Slug, Dir, Year = %q, %q, %d", r.Slug, r.Dir, r.Year)
	}
	if r.Title != "2023年度某单位整体支出绩效自评报告" || r.Org != "某单位" || r.OrgID != "some-unit" ||
		r.Region != "湖南省株洲市炎陵县" || r.Unit != "万元" {
		t.Errorf("metadata = %q %q %q %q %q", r.Title, r.Org, r.OrgID, r.Region, r.Unit)
	}
	if r.Pos != (report.Pos{Path: dir + "/index.md"}) {
		t.Errorf("Pos = %v", r.Pos)
	}
	if r.Published != (report.Date{Year: 2024, Month: 4, Day: 30}) {
		t.Errorf("Published = %v", r.Published)
	}
	// The preface keeps the file's line numbers: 24 lines of front matter
	// become empty lines.
	if want := strings.Repeat("\n", 24) + "前言文字。\n"; string(r.Preface.Source) != want {
		t.Errorf("Preface = %q, want %q", r.Preface.Source, want)
	}
	if r.Preface.Pos != (report.Pos{Path: dir + "/index.md", Line: 1}) {
		t.Errorf("Preface.Pos = %v", r.Preface.Pos)
	}
	if got := strings.Join(r.Attachments, " "); got != "img/a.png report.pdf" {
		t.Errorf("Attachments = %q, want img/a.png report.pdf", got)
	}

	// 01-basic has weight 1, so it moves after the unweighted sections, which
	// keep their file-name order.
	var ids []string
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "02-budget 03-notes 01-basic" {
		t.Errorf("Sections = %s, want 02-budget 03-notes 01-basic", got)
	}
	if len(r.Sections) == 3 {
		basic := r.Sections[2]
		if basic.Title != "一、基本情况" || basic.Weight != 1 {
			t.Errorf("01-basic: title %q, weight %d", basic.Title, basic.Weight)
		}
		if basic.Pos != (report.Pos{Path: dir + "/01-basic.md"}) {
			t.Errorf("01-basic Pos = %v", basic.Pos)
		}
		if want := strings.Repeat("\n", 18) + "基本情况正文。\n"; string(basic.Body.Source) != want {
			t.Errorf("01-basic Body = %q, want %q", basic.Body.Source, want)
		}
		if len(basic.Counts) != 1 {
			t.Fatalf("01-basic has %d counts blocks, want 1", len(basic.Counts))
		}
		cnt := basic.Counts[0]
		if cnt.Pos.String() != dir+"/01-basic.md:5:1" {
			t.Errorf("counts Pos = %v", cnt.Pos)
		}
		if len(cnt.Items) != 2 || cnt.Items[1].Pos.String() != dir+"/01-basic.md:15:3" {
			t.Errorf("counts items = %+v", cnt.Items)
		}
		if cnt.AsOf != (report.Date{Year: 2023, Month: 10, Day: 25}) || !cnt.Exhaustive || cnt.Total == nil || *cnt.Total != 85434 {
			t.Errorf("counts = %+v", cnt)
		}
		if cnt.Sum.String() != "85434" || cnt.TotalFig.Differs() || !cnt.TotalFig.HasComputed {
			t.Errorf("counts not derived: Sum %s, TotalFig %+v", cnt.Sum, cnt.TotalFig)
		}
	}

	if len(r.Budgets) != 1 {
		t.Fatalf("%d budgets in index.md, want 1", len(r.Budgets))
	}
	b := r.Budgets[0]
	if b.ID != "initial" || b.Title != "年初预算" || b.Total == nil || b.Total.String() != "1110.98" {
		t.Errorf("budget = %q %q %v", b.ID, b.Title, b.Total)
	}
	if got := b.Pos.String(); got != dir+"/index.md:10:1" {
		t.Errorf("budget Pos = %s, want line 10 col 1", got)
	}
	if len(b.Items) != 2 {
		t.Fatalf("%d items, want 2", len(b.Items))
	}
	for i, want := range []string{dir + "/index.md:15:3", dir + "/index.md:21:3"} {
		if got := b.Items[i].Pos.String(); got != want {
			t.Errorf("item %d Pos = %s, want %s", i, got, want)
		}
	}
	it := b.Items[0]
	if it.Code != "204" || it.Name != "公共安全支出" || it.Amount.String() != "971.76" || it.Share == nil || it.Share.String() != "90.49" {
		t.Errorf("item 0 = %+v", it)
	}
	if b.Items[1].Share != nil || b.Items[1].Code != "" {
		t.Errorf("item 1 has a share or code it did not state: %+v", b.Items[1])
	}
	// Load derives the figures.
	if b.Sum.String() != "1005.71" || b.Unlisted.String() != "105.27" || it.ShareFig.Computed.String() != "87.47" {
		t.Errorf("budget not derived: Sum %s, Unlisted %s, share %s", b.Sum, b.Unlisted, it.ShareFig.Computed)
	}
	if blk := r.Block("accidents"); blk == nil || blk.Position().String() != dir+"/02-budget.md:4:1" {
		t.Errorf("metric block = %v", blk)
	}

	if len(site.Orgs) != 2 || site.Orgs[0].ID != "another" || site.Orgs[1].ID != "some-unit" {
		t.Fatalf("Orgs = %v", site.Orgs)
	}
	o := site.Orgs[1]
	if o.Name != "某单位" {
		t.Errorf("org name = %q, want the newest report's 某单位", o.Name)
	}
	if len(o.Reports) != 2 || o.Reports[0] != r || o.Reports[1].Year != 2022 {
		t.Errorf("org reports not 2023 then 2022: %v", o.Reports)
	}
	if len(site.Orgs[0].Reports) != 1 || site.Orgs[0].Name != "另一单位" {
		t.Errorf("org another = %+v", site.Orgs[0])
	}
}

func years(s *report.Site) []int {
	var ys []int
	for _, y := range s.Years {
		ys = append(ys, y.Year)
	}
	return ys
}

func slugs(rs []*report.Report) string {
	var ss []string
	for _, r := range rs {
		ss = append(ss, r.Slug)
	}
	return strings.Join(ss, " ")
}

// base is the smallest valid site; each error case edits a copy of it.
func base() map[string]string {
	return map[string]string{
		"site.toml":               "title = \"站点\"\n",
		"content/2023/u/index.md": baseIndex,
	}
}

const baseIndex = `+++
title = "报告"
year = 2023
org = "某单位"
org_id = "u"
unit = "万元"
+++
`

// deleted, as a file's content in a case, removes the file from the base site.
const deleted = "\x00deleted"

func TestLoadBase(t *testing.T) {
	t.Parallel()
	site, err := Load(tree(base()))
	if err != nil {
		t.Fatalf("the base site of the error cases does not load: %v", err)
	}
	if len(site.Reports()) != 1 {
		t.Fatalf("%d reports, want 1", len(site.Reports()))
	}
}

// loadErrors loads base() with the given files replaced and returns the
// errors, one string each.
func loadErrors(t *testing.T, files map[string]string) []string {
	t.Helper()
	all := base()
	for p, s := range files {
		if s == deleted {
			delete(all, p)
			continue
		}
		all[p] = s
	}
	site, err := Load(tree(all))
	if err == nil {
		t.Fatalf("Load succeeded, want errors")
	}
	if site != nil {
		t.Errorf("Load returned a site along with errors")
	}
	var list List
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, want List", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	if joined := strings.Join(got, "\n"); err.Error() != joined {
		t.Errorf("List.Error() = %q, want the errors joined by newlines %q", err.Error(), joined)
	}
	return got
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	const (
		idx = "content/2023/u/index.md"
		sec = "content/2023/u/01-a.md"
	)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "syntax error column in characters",
			files: map[string]string{sec: "+++\ntitle = \"中文标题\n+++\n"},
			// 13 characters precede the end of the line, but 21 bytes do.
			want: []string{sec + ":2:14: TOML 语法错误：strings cannot contain newlines"},
		},
		{
			name: "syntax error on line 7 after Chinese text",
			files: map[string]string{sec: `+++
title = "二、预算"
[[budget]]
id = "b"
title = "预算"
  [[budget.items]]
  name = "公共安全支出" x
+++
`},
			want: []string{sec + ":7:18: TOML 语法错误：expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead"},
		},
		{
			name:  "syntax error in site.toml counts from line 1",
			files: map[string]string{"site.toml": "# 站点\ntitle = \"站点\"\nlanguage = zh\n"},
			want:  []string{`site.toml:3:12: TOML 语法错误：expected value but found "zh" instead`},
		},
		{
			name:  "year as a string",
			files: map[string]string{idx: strings.Replace(baseIndex, "year = 2023", `year = "2023"`, 1)},
			want:  []string{idx + `:3:1: 键 "year" 应为整数，实际为字符串 "2023"`},
		},
		{
			name:  "year as a float",
			files: map[string]string{idx: strings.Replace(baseIndex, "year = 2023", `year = 2023.0`, 1)},
			want:  []string{idx + `:3:1: 键 "year" 应为整数，实际为小数 2023`},
		},
		{
			name:  "title not a string in site.toml",
			files: map[string]string{"site.toml": "title = 3\n"},
			want:  []string{`site.toml:1:1: 键 "title" 应为字符串（加引号），实际为整数 3`},
		},
		{
			name: "amount as a string",
			files: map[string]string{sec: `+++
title = "二、预算"
[[budget]]
id = "b"
title = "预算"
  [[budget.items]]
  name = "公共安全支出"
  amount = "971.76"
+++
`},
			want: []string{sec + `:8:3: 键 "amount" 应为数字（不加引号），实际为字符串 "971.76"`},
		},
		{
			name: "type error in the second item of the second budget",
			files: map[string]string{sec: `+++
title = "二、预算"
[[budget]]
id = "a"
title = "预算"
  [[budget.items]]
  name = "甲"
  amount = 1
  [[budget.items]]
  name = "乙"
  amount = 2
[[budget]]
id = "b"
title = "决算"
  [[budget.items]]
  name = "甲"
  amount = 1
  [[budget.items]]
  name = "乙"
  amount = 2
  share = "5%"
+++
`},
			want: []string{sec + `:21:3: 键 "share" 应为数字（不加引号），实际为字符串 "5%"`},
		},
		{
			name: "bool expected",
			files: map[string]string{sec: `+++
title = "一"
[[counts]]
id = "c"
title = "次数"
exhaustive = "是"
+++
`},
			want: []string{sec + `:6:1: 键 "exhaustive" 应为布尔值（true 或 false），实际为字符串 "是"`},
		},
		{
			name:  "unknown key suggests the close one",
			files: map[string]string{sec: "+++\ntitle = \"一\"\nwieght = 2\n+++\n"},
			want:  []string{sec + `:3:1: 未知的键 "wieght"，是否想写 "weight"？`},
		},
		{
			name:  "key in the wrong case",
			files: map[string]string{sec: "+++\nTitle = \"一\"\n+++\n"},
			want: []string{
				sec + `:1:1: 缺少必填的键 "title"`,
				sec + `:2:1: 未知的键 "Title"，是否想写 "title"？`,
			},
		},
		{
			name:  "unknown key with nothing close",
			files: map[string]string{sec: "+++\ntitle = \"一\"\nauthor = \"张三\"\n+++\n"},
			want:  []string{sec + `:3:1: 未知的键 "author"`},
		},
		{
			name: "unknown key deep in counts items",
			files: map[string]string{sec: `+++
title = "一"
[[counts]]
id = "c"
title = "次数"
  [[counts.items]]
  name = "甲"
  value = 1
  [[counts.items]]
  name = "乙"
  valeu = 2
+++
`},
			want: []string{
				sec + `:9:3: 缺少必填的键 "value"`,
				sec + `:11:3: 未知的键 "valeu"，是否想写 "value"？`,
			},
		},
		{
			name:  "unknown key in site.toml table",
			files: map[string]string{"site.toml": "title = \"站点\"\n[footer]\nicp = \"\"\nbeian = \"\"\n"},
			want:  []string{`site.toml:4:1: 未知的键 "beian"`},
		},
		{
			name:  "missing section title",
			files: map[string]string{sec: "+++\nweight = 1\n+++\n正文\n"},
			want:  []string{sec + `:1:1: 缺少必填的键 "title"`},
		},
		{
			name: "missing budget id",
			files: map[string]string{sec: `+++
title = "一"

[[budget]]
title = "预算"
+++
`},
			want: []string{sec + `:4:1: 缺少必填的键 "id"`},
		},
		{
			name:  "missing site title",
			files: map[string]string{"site.toml": "language = \"zh-CN\"\n"},
			want:  []string{`site.toml:1:1: 缺少必填的键 "title"`},
		},
		{
			name:  "year differs from the folder",
			files: map[string]string{idx: strings.Replace(baseIndex, "year = 2023", "year = 2022", 1)},
			want:  []string{idx + ":3:1: year = 2022 与所在的年份目录 2023 不一致"},
		},
		{
			name:  "org_id not fit for a web address",
			files: map[string]string{idx: strings.Replace(baseIndex, `org_id = "u"`, `org_id = "交警 大队"`, 1)},
			want:  []string{idx + `:5:10: org_id "交警 大队" 会成为单位页网址的一部分，只能用小写英文字母、数字和连字符，如 yanling-traffic-police`},
		},
		{
			name:  "attachment named like a generated file",
			files: map[string]string{"content/2023/u/data.json": "{}"},
			want:  []string{"content/2023/u/data.json: 附件不能命名为 data.json：生成的报告页面会用到这个文件名（以及 data/ 目录），请改名"},
		},
		{
			name:  "attachment in the data folder",
			files: map[string]string{"content/2023/u/data/a.csv": "x"},
			want:  []string{"content/2023/u/data/a.csv: 附件不能命名为 data/a.csv：生成的报告页面会用到这个文件名（以及 data/ 目录），请改名"},
		},
		{
			name: "duplicate block id across sections",
			files: map[string]string{
				sec:                      "+++\ntitle = \"一\"\n[[budget]]\nid = \"x\"\ntitle = \"预算\"\n+++\n",
				"content/2023/u/02-b.md": "+++\ntitle = \"二\"\n\n[[metrics]]\nid = \"x\"\nname = \"事故\"\nvalue = 1\n+++\n",
			},
			want: []string{`content/2023/u/02-b.md:4:1: 数据块 id "x" 重复，已在 ` + sec + `:3:1 使用`},
		},
		{
			name:  "unterminated front matter",
			files: map[string]string{sec: "+++\ntitle = \"一\"\n\n正文\n"},
			want:  []string{sec + ":1:1: front matter 没有结束：找不到第二行 “+++”"},
		},
		{
			name:  "section without front matter",
			files: map[string]string{sec: "# 一、基本情况\n\n正文\n"},
			want:  []string{sec + ":1:1: 缺少 front matter：章节文件应以 “+++” 行开始，至少写明 title"},
		},
		{
			name:  "report without front matter",
			files: map[string]string{idx: "报告\n"},
			want:  []string{idx + ":1:1: 缺少 front matter：文件应以 “+++” 行开始，写明 title、year、org 等"},
		},
		{
			name: "GB18030 file",
			// 中文 in GB18030 is D6D0 CEC4.
			files: map[string]string{sec: "+++\ntitle = \"\xd6\xd0\xce\xc4\"\n+++\n"},
			want:  []string{sec + ":2:10: 文件是 GB18030/GBK 编码（中文版 Office、记事本常用），gongkai 只读 UTF-8。请在站点源目录中运行以下命令转换后再试：iconv -f GB18030 -t UTF-8 content/2023/u/01-a.md -o content/2023/u/01-a.md.utf8 && mv content/2023/u/01-a.md.utf8 content/2023/u/01-a.md（或在编辑器中“另存为”，编码选 UTF-8）"},
		},
		{
			name:  "GB18030 after UTF-8 Chinese counts characters",
			files: map[string]string{sec: "+++\ntitle = \"一\"\n+++\n中文\xd6\xd0\n"},
			want:  []string{sec + ":4:3: 文件不是 UTF-8 编码，也不像 GB18030/GBK；请在编辑器中“另存为”，编码选 UTF-8"},
		},
		{
			name:  "folder that is not a year",
			files: map[string]string{"content/misc/a.md": "+++\ntitle = \"杂项\"\n+++\n"},
			want:  []string{"content/misc: content/ 下只能有 _index.md 和年份目录（如 2023/）"},
		},
		{
			name:  "file in content",
			files: map[string]string{"content/readme.txt": "说明"},
			want:  []string{"content/readme.txt: content/ 下只能有 _index.md 和年份目录（如 2023/）"},
		},
		{
			name:  "report folder name not a slug",
			files: map[string]string{"content/2023/Bad_Slug/index.md": baseIndex},
			want:  []string{`content/2023/Bad_Slug: 报告目录名 "Bad_Slug" 会成为网址的一部分，只能用小写英文字母、数字和连字符，如 yanling-traffic-police`},
		},
		{
			name:  "stray file in a year",
			files: map[string]string{"content/2023/notes.txt": "备忘"},
			want:  []string{"content/2023/notes.txt: 年份目录下只能有 _index.md 和报告目录"},
		},
		{
			name:  "report folder without index.md",
			files: map[string]string{"content/2023/empty/report.pdf": "%PDF"},
			want:  []string{"content/2023/empty: 报告目录缺少 index.md"},
		},
		{
			name:  "no site.toml",
			files: map[string]string{"site.toml": deleted},
			want:  []string{"site.toml: 缺少站点配置文件 site.toml（源目录中应有 site.toml、content/ 等；可用 gongkai new site 创建站点）"},
		},
		{
			name:  "no content",
			files: map[string]string{"content/2023/u/index.md": deleted},
			want:  []string{"content: 缺少内容目录 content/（报告放在 content/年份/报告目录/ 下；可用 gongkai new site 创建站点）"},
		},
		{
			name:  "date as a string",
			files: map[string]string{idx: strings.Replace(baseIndex, "+++\n", "+++\npublished = \"2024-04-30\"\n", 1)},
			want:  []string{idx + `:2:1: 键 "published" 应为日期（如 2024-04-30，不加引号），实际为字符串 "2024-04-30"`},
		},
		{
			name:  "datetime instead of a date",
			files: map[string]string{idx: strings.Replace(baseIndex, "+++\n", "+++\npublished = 2024-04-30T10:00:00\n", 1)},
			want:  []string{idx + `:2:1: 键 "published" 应为日期（如 2024-04-30，不加引号），实际为日期时间`},
		},
		{
			name:  "time instead of a date",
			files: map[string]string{idx: strings.Replace(baseIndex, "+++\n", "+++\npublished = 10:00:00\n", 1)},
			want:  []string{idx + `:2:1: 键 "published" 应为日期（如 2024-04-30，不加引号），实际为日期时间`},
		},
		{
			name: "too many decimals",
			files: map[string]string{sec: `+++
title = "一"
[[budget]]
id = "b"
title = "预算"
  [[budget.items]]
  name = "甲"
  amount = 1.1234567
+++
`},
			want: []string{sec + `:8:12: 键 "amount" 的数值 1.1234567 超出可精确表示的范围：最多 10 位整数、6 位小数`},
		},
		{
			name: "integer too large",
			files: map[string]string{sec: `+++
title = "一"
[[metrics]]
id = "m"
name = "甲"
value = 10000000000000
+++
`},
			want: []string{sec + `:6:1: 键 "value" 的数值 10000000000000 超出可精确表示的范围：最多 10 位整数、6 位小数`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := loadErrors(t, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadAllErrors checks that one load reports the errors of every file,
// sorted by path, then line.
func TestLoadAllErrors(t *testing.T) {
	t.Parallel()
	got := loadErrors(t, map[string]string{
		"site.toml":               "title = \"站点\"\ntitel = \"x\"\n",
		"content/_index.md":       "+++\ntitle = 1\n+++\n",
		"content/2023/u/02-b.md":  "+++\ntitle = \"二\"\nwieght = 1\n+++\n",
		"content/2023/u/01-a.md":  "+++\n\n[[budget]]\nid = \"b\"\ntitle = \"预算\"\n  [[budget.items]]\n  name = \"甲\"\n  amount = \"1\"\n+++\n",
		"content/2023/u/index.md": strings.Replace(baseIndex, "year = 2023", "year = 2024", 1),
		"content/2023/x/01-a.md":  "no front matter\n",
		"content/2022/v/index.md": "+++\ntitle = \"中文标题\n+++\n",
	})
	want := []string{
		`content/2022/v/index.md:2:14: TOML 语法错误：strings cannot contain newlines`,
		`content/2023/u/01-a.md:1:1: 缺少必填的键 "title"`,
		`content/2023/u/01-a.md:8:3: 键 "amount" 应为数字（不加引号），实际为字符串 "1"`,
		`content/2023/u/02-b.md:3:1: 未知的键 "wieght"，是否想写 "weight"？`,
		`content/2023/u/index.md:3:1: year = 2024 与所在的年份目录 2023 不一致`,
		`content/2023/x: 报告目录缺少 index.md`,
		`content/_index.md:2:1: 键 "title" 应为字符串（加引号），实际为整数 1`,
		`site.toml:2:1: 未知的键 "titel"，是否想写 "title"？`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestListSort checks the order of errors on one path: by line, then column,
// keeping the order of equal positions.
func TestListSort(t *testing.T) {
	t.Parallel()
	l := List{
		{Pos: report.Pos{Path: "b.md", Line: 1, Col: 1}, Msg: "b"},
		{Pos: report.Pos{Path: "a.md", Line: 10, Col: 1}, Msg: "a10"},
		{Pos: report.Pos{Path: "a.md", Line: 2, Col: 5}, Msg: "a2:5"},
		{Pos: report.Pos{Path: "a.md", Line: 2, Col: 3}, Msg: "first"},
		{Pos: report.Pos{Path: "a.md", Line: 2, Col: 3}, Msg: "second"},
		{Pos: report.Pos{Path: "a.md"}, Msg: "file"},
	}
	l.Sort()
	want := "a.md: file\na.md:2:3: first\na.md:2:3: second\na.md:2:5: a2:5\na.md:10:1: a10\nb.md:1:1: b"
	if l.Error() != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", l.Error(), want)
	}
}

// TestLoadOddInputs feeds odd index.md files to Load: none may panic, and each
// gives either a report or errors that say what is wrong.
func TestLoadOddInputs(t *testing.T) {
	t.Parallel()
	const idx = "content/2023/u/index.md"
	head := strings.TrimSuffix(baseIndex, "+++\n")
	missing := func(keys ...string) []string {
		var w []string
		for _, k := range keys {
			w = append(w, idx+`:1:1: 缺少必填的键 "`+k+`"`)
		}
		return w
	}
	tests := []struct {
		name  string
		index string
		want  []string                             // errors; none: the load must succeed
		check func(t *testing.T, r *report.Report) // on success
	}{
		{name: "empty file", index: "", want: []string{idx + ":1:1: 缺少 front matter：文件应以 “+++” 行开始，写明 title、year、org 等"}},
		{name: "only +++", index: "+++", want: []string{idx + ":1:1: front matter 没有结束：找不到第二行 “+++”"}},
		{name: "only +++ and newline", index: "+++\n", want: []string{idx + ":1:1: front matter 没有结束：找不到第二行 “+++”"}},
		{name: "empty front matter", index: "+++\n+++", want: missing("title", "year", "org", "org_id", "unit")},
		{name: "CRLF and BOM", index: "\uFEFF" + strings.ReplaceAll(baseIndex, "\n", "\r\n")},
		{name: "budget is a number", index: head + "budget = 3\n+++\n", want: []string{idx + `:7:1: 键 "budget" 应为表的数组（[[budget]]），实际为整数 3`}},
		{name: "budget is an array of numbers", index: head + "budget = [1, 2]\n+++\n", want: []string{
			idx + `:7:1: "budget" 的第 1 项应为表，实际为整数 1`,
			idx + `:7:1: "budget" 的第 2 项应为表，实际为整数 2`,
		}},
		{name: "budget is a table", index: head + "[budget]\nid = \"b\"\n+++\n", want: []string{idx + `:7:1: 键 "budget" 应为表的数组（[[budget]]），实际为表`}},
		{name: "budget items without a budget", index: head + "[[budget.items]]\nname = \"甲\"\n+++\n", want: []string{idx + `:1:1: 键 "budget" 应为表的数组（[[budget]]），实际为表`}},
		{name: "items is a string", index: head + "[[budget]]\nid = \"b\"\ntitle = \"预算\"\nitems = \"甲\"\n+++\n", want: []string{idx + `:10:1: 键 "items" 应为表的数组（[[items]]），实际为字符串 "甲"`}},
		{name: "empty array of blocks", index: head + "budget = []\n+++\n", check: func(t *testing.T, r *report.Report) {
			if len(r.Budgets) != 0 {
				t.Errorf("%d budgets, want 0", len(r.Budgets))
			}
		}},
		{
			name:  "inline array of inline tables",
			index: head + "[[budget]]\nid = \"b\"\ntitle = \"预算\"\nitems = [{name = \"甲\", amount = 1}, {name = \"乙\", amount = 2.5, share = 71.43}]\n+++\n",
			check: func(t *testing.T, r *report.Report) {
				b := r.Budgets[0]
				if len(b.Items) != 2 || b.Items[1].Name != "乙" || b.Items[1].Amount.String() != "2.5" || b.Sum.String() != "3.5" {
					t.Errorf("items = %+v, sum %s", b.Items, b.Sum)
				}
				// Keys in inline tables are not indexed: items point at their key.
				if got := b.Items[1].Pos.String(); got != idx+":10:1" {
					t.Errorf("inline item Pos = %s, want the items key", got)
				}
			},
		},
		{
			name:  "inline array of blocks",
			index: head + "budget = [{id = \"b\", title = \"预算\", items = [{name = \"甲\", amount = 1}]}]\n+++\n",
			check: func(t *testing.T, r *report.Report) {
				if len(r.Budgets) != 1 || len(r.Budgets[0].Items) != 1 || r.Budgets[0].Sum.String() != "1" {
					t.Errorf("budgets = %+v", r.Budgets)
				}
			},
		},
		{
			name: "multi-line inline array",
			index: head + `[[counts]]
id = "c"
title = "次数"
items = [
  {name = "甲", value = 1},
  {name = "乙 = [[x]]", value = 2},
]
note = "后"
+++
`,
			check: func(t *testing.T, r *report.Report) {
				c := r.Counts[0]
				if c.Sum.String() != "3" || c.Note != "后" || c.Items[1].Name != "乙 = [[x]]" {
					t.Errorf("counts = %+v", c)
				}
			},
		},
		{name: "error inside an inline table points at its key", index: head + "[[budget]]\nid = \"b\"\ntitle = \"预算\"\nitems = [{name = \"甲\"}]\n+++\n", want: []string{idx + `:10:1: 缺少必填的键 "amount"`}},
		{name: "array element not a table", index: head + "[[budget]]\nid = \"b\"\ntitle = \"预算\"\nitems = [{name = \"甲\", amount = 1}, 2]\n+++\n", want: []string{idx + `:10:1: "items" 的第 2 项应为表，实际为整数 2`}},
		{name: "a block key that is derived", index: head + "[[budget]]\nid = \"b\"\ntitle = \"预算\"\nsum = 3\n+++\n", want: []string{idx + `:10:1: 未知的键 "sum"`}},
		{name: "Chinese key", index: head + "\"标题\" = \"x\"\n+++\n", want: []string{idx + `:7:1: 未知的键 "标题"`}},
		{name: "nan", index: head + "[[metrics]]\nid = \"m\"\nname = \"甲\"\nvalue = nan\n+++\n", want: []string{idx + `:10:1: 键 "value" 应为有限的数，实际为 NaN`}},
		{name: "huge float", index: head + "[[metrics]]\nid = \"m\"\nname = \"甲\"\nvalue = 1e300\n+++\n", want: []string{idx + `:10:9: 键 "value" 的数值 1e300 超出可精确表示的范围：最多 10 位整数、6 位小数`}},
		{name: "smallest integer", index: head + "[[counts]]\nid = \"c\"\ntitle = \"甲\"\ntotal = -9223372036854775808\n+++\n", check: func(t *testing.T, r *report.Report) {
			if *r.Counts[0].Total != -9223372036854775808 {
				t.Errorf("total = %d", *r.Counts[0].Total)
			}
		}},
		{name: "duplicate key", index: head + "title = \"又一个\"\n+++\n", want: []string{idx + `:7:1: TOML 语法错误：Key 'title' has already been defined.`}},
		// The parser stops at the newline, which it counts as the next line.
		{name: "unclosed header", index: head + "[[budget\nid = \"b\"\n+++\n", want: []string{idx + `:7:9: TOML 语法错误：expected '.' or ']' to end table name, but got '\n' instead`}},
		{name: "half-closed header", index: head + "[[budget]\nid = \"b\"\n+++\n", want: []string{idx + `:7:9: TOML 语法错误：expected end of table array name delimiter ']', but got '\n' instead`}},
		{name: "missing value", index: head + "region =\n+++\n", want: []string{idx + `:7:9: TOML 语法错误：expected value but found '\n' instead`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := base()
			files[idx] = tt.index
			site, err := Load(tree(files))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if tt.check != nil {
					tt.check(t, site.Reports()[0])
				}
				return
			}
			if err == nil {
				t.Fatalf("Load succeeded, want errors:\n%s", strings.Join(tt.want, "\n"))
			}
			if err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadDoesNotKeepState loads one tree twice, concurrently with another,
// and checks the results are the same: Load has no global state.
func TestLoadDoesNotKeepState(t *testing.T) {
	t.Parallel()
	fsys := tree(goodSite())
	a, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(maps.Clone(fsys))
	if err != nil {
		t.Fatal(err)
	}
	if slugs(a.Reports()) != slugs(b.Reports()) || a.Reports()[0] == b.Reports()[0] {
		t.Errorf("two loads differ or share reports")
	}
}

func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"",
		"+++",
		"+++\n+++",
		baseIndex,
		strings.ReplaceAll(baseIndex, "\n", "\r\n"),
		baseIndex + "正文\n",
		strings.TrimSuffix(baseIndex, "+++\n") + "[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 1110.98\n  [[budget.items]]\n  name = \"甲\"\n  amount = 971.76\n  share = 90.49\n+++\n",
		strings.TrimSuffix(baseIndex, "+++\n") + "[[counts]]\nid = \"c\"\ntitle = \"次数\"\ntotal = 3\nexhaustive = true\nitems = [{name = \"甲\", value = 1}]\n+++\n",
		strings.TrimSuffix(baseIndex, "+++\n") + "[[metrics]]\nid = \"m\"\nname = \"甲\"\nvalue = 1625\nof = 2277\nrate = 71.36\n+++\n",
		"+++\nnote = \"\"\"\n[[budget]]\n\"\"\"\nbudget = [1, {id = 2}]\n+++\n",
		"+++\ntitle = \"\xd6\xd0\xce\xc4\"\n+++\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, index string) {
		t.Parallel()
		files := base()
		files["content/2023/u/index.md"] = index
		Load(tree(files)) // must not panic
	})
}

// TestStatedPrecision checks that a stated figure keeps the decimals written:
// TOML reads "60.0" as the float 60, but the author claimed one decimal.
func TestStatedPrecision(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"站\"\n")},
		"content/2023/unit/index.md": {Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"unit\"\nunit = \"万元\"\n" +
			"[[metrics]]\nid = \"pass\"\nname = \"及格率\"\nvalue = 3\nof = 5\nrate = 60.0 # 原文 60.0%\n" +
			"[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = 1_000.50\n  [[budget.items]]\n  name = \"甲\"\n  amount = 1000.5\n  share = 100.00\n+++\n")},
	}
	site, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := site.Reports()[0]
	m := r.Metrics[0]
	if got := m.Rate.String(); got != "60.0" {
		t.Errorf("rate = %s, want 60.0", got)
	}
	if got := m.RateFig.Computed.String(); got != "60.0" {
		t.Errorf("computed rate = %s, want 60.0 (at the stated precision)", got)
	}
	b := r.Budgets[0]
	if got := b.Total.String(); got != "1000.50" {
		t.Errorf("total = %s, want 1000.50", got)
	}
	if got := b.Items[0].Share.String(); got != "100.00" {
		t.Errorf("share = %s, want 100.00", got)
	}
}

func TestLoadReport(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"content/2023/u/index.md": {Data: []byte(baseIndex)},
		"content/2023/u/01-a.md":  {Data: []byte("+++\ntitle = \"一\"\n+++\n正文\n")},
		"content/2023/v/index.md": {Data: []byte(strings.Replace(baseIndex, "year = 2023", "year = 2022", 1))},
	}
	r, err := LoadReport(fsys, "content/2023/u")
	if err != nil {
		t.Fatal(err)
	}
	if r.Slug != "u" || r.Year != 2023 || len(r.Sections) != 1 || r.Sections[0].ID != "01-a" {
		t.Errorf("report = %s %d %d sections", r.Slug, r.Year, len(r.Sections))
	}
	if _, err := LoadReport(fsys, "content/2023/v"); err == nil || !strings.Contains(err.Error(), "content/2023/v/index.md:3:1: year = 2022 与所在的年份目录 2023 不一致") {
		t.Errorf("err = %v", err)
	}
	for _, dir := range []string{"content/2023", "content/misc/u", "other/2023/u"} {
		if _, err := LoadReport(fsys, dir); err == nil {
			t.Errorf("LoadReport(%s) succeeded", dir)
		}
	}
}

// TestLoadedThenShed: Loaded sees every report whole, with its indicator
// rows and texts; then a report beyond the text budget lets go of both
// when Shed is set, and of its texts alone when it is not, while one within
// the budget keeps everything.
func TestLoadedThenShed(t *testing.T) {
	t.Parallel()
	src := fstest.MapFS{ConfigFile: {Data: []byte("title = \"站\"\n[check]\nignore = [\"X\"]\n")}}
	for _, u := range []string{"a", "b", "c"} {
		src["content/2023/"+u+"/index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"" + u + "\"\nunit = \"万元\"\n+++\n")}
		src["content/2023/"+u+"/09-self.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"九\"\n[[indicators]]\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"完成数\"\n+++\n正文。\n")}
	}
	all, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	one := all.Reports()[0].TextSize()
	for _, shed := range []bool{false, true} {
		var mu sync.Mutex
		seen := map[string]bool{}
		loaded := func(cfg *report.Config, r *report.Report) {
			mu.Lock()
			defer mu.Unlock()
			seen[r.Dir] = r.Whole() && len(r.Indicators()) == 1 && len(cfg.Check.Ignore) == 1
		}
		// Three reports take PerReport each out of the budget, which leaves
		// room for one report's text.
		site, err := LoadWith(src, Options{TextBudget: one + 3*7, PerReport: 7, Loaded: loaded, Shed: shed})
		if err != nil {
			t.Fatal(err)
		}
		whole, rows := 0, 0
		for _, r := range site.Reports() {
			if !seen[r.Dir] {
				t.Errorf("shed %v: Loaded did not see %s whole, with its site's [check]", shed, r.Dir)
			}
			if r.Whole() {
				whole++
			}
			rows += len(r.Indicators())
		}
		wantRows := 1
		if !shed {
			wantRows = 3
		}
		if whole != 1 || rows != wantRows {
			t.Errorf("shed %v: %d reports whole, %d indicator rows; want 1 and %d", shed, whole, rows, wantRows)
		}
	}
}

// TestBudget: each report takes PerReport out of the text budget, down to
// nothing; a negative budget keeps every text whatever the site's size.
func TestBudget(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		opt  Options
		n    int
		want int64
	}{
		{Options{TextBudget: 100}, 1000, 100},
		{Options{TextBudget: 100, PerReport: 10}, 0, 100},
		{Options{TextBudget: 100, PerReport: 10}, 3, 70},
		{Options{TextBudget: 100, PerReport: 10}, 10, 0},
		{Options{TextBudget: 100, PerReport: 10}, 50000, 0},
		{Options{TextBudget: -1, PerReport: 10}, 50000, -1},
	} {
		if got := tt.opt.Budget(tt.n); got != tt.want {
			t.Errorf("%+v.Budget(%d) = %d, want %d", tt.opt, tt.n, got, tt.want)
		}
	}
}
