package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/source"
)

// acrossReport is the index.md of unit id's report of year, with extra
// front matter (data blocks, keys) appended.
func acrossReport(year int, id, org, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: fmt.Appendf(nil, "+++\ntitle = \"%d年度%s整体支出绩效自评报告\"\nyear = %d\norg = \"%s\"\norg_id = \"%s\"\nunit = \"万元\"\n%s+++\n",
		year, org, year, org, id, extra)}
}

const (
	metric2022 = "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 120\n"
	budget2022 = "[[budget]]\nid = \"initial\"\ntitle = \"年初预算\"\ntotal = 1110.98\n  [[budget.items]]\n  code = \"204\"\n  name = \"公共安全支出\"\n  amount = 1110.98\n"
)

func TestAcross(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		files map[string]string // path → front matter extra, for unit "u" unless path says otherwise
		want  []string          // code and position of each finding of the checks across reports
	}{
		{name: "previous equals last year's value",
			files: map[string]string{
				"2022/u": metric2022,
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 120\n",
			}},
		{name: "previous differs",
			files: map[string]string{
				"2022/u": metric2022,
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\n",
			},
			want: []string{"PREVIOUS-MISMATCH content/2023/u/index.md:7:1 指标“受理投诉”（complaints）所列上年数为 125，而 2022 年度报告（content/2022/u/index.md:7:1）公开的数值为 120"}},
		{name: "previous rounded to its own places",
			files: map[string]string{
				"2022/u": "[[metrics]]\nid = \"m\"\nname = \"经费\"\nvalue = 12.346\n",
				"2023/u": "[[metrics]]\nid = \"m\"\nname = \"经费\"\nvalue = 13\nprevious = 12.35\n",
			}},
		{name: "years not consecutive",
			files: map[string]string{
				"2021/u": metric2022,
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\n",
			}},
		{name: "another unit",
			files: map[string]string{
				"2022/v": metric2022,
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\n",
			}},
		{name: "another unit of measure",
			files: map[string]string{
				"2022/u": metric2022,
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"起\"\nvalue = 130\nprevious = 125\n",
			}},
		{name: "a cut-off date is another period",
			files: map[string]string{
				"2022/u": metric2022 + "as_of = 2022-12-31\n",
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\nas_of = 2023-10-25\n",
			}},
		{name: "the same cut-off date",
			files: map[string]string{
				"2022/u": metric2022 + "as_of = 2022-10-25\n",
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\nas_of = 2023-10-25\n",
			},
			want: []string{"PREVIOUS-MISMATCH content/2023/u/index.md:7:1 指标“受理投诉”（complaints）所列上年数为 125，而 2022 年度报告（content/2022/u/index.md:7:1）公开的数值为 120"}},
		{name: "a withdrawn report is not last year's",
			files: map[string]string{
				"2022/u": "withdrawn = { date = 2023-05-01, reason = \"数字有误\" }\n" + metric2022,
				"2023/u": "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\n",
			}},
		{name: "budget total equals last year's",
			files: map[string]string{
				"2022/u": budget2022,
				"2023/u": "[[metrics]]\nid = \"initial-total\"\nname = \"年初预算\"\nunit = \"万元\"\nvalue = 1200\nprevious = 1110.98\n",
			}},
		{name: "budget total differs",
			files: map[string]string{
				"2022/u": budget2022,
				"2023/u": "[[metrics]]\nid = \"initial-total\"\nname = \"年初预算\"\nunit = \"万元\"\nvalue = 1200\nprevious = 1110.87\n",
			},
			want: []string{"TOTAL-MISMATCH-PREV content/2023/u/index.md:7:1 指标“年初预算”（initial-total）所列上年数为 1110.87，而 2022 年度报告的“年初预算”（content/2022/u/index.md:7:1）所列合计为 1110.98"}},
		{name: "budget without a total: its sum",
			files: map[string]string{
				"2022/u": strings.Replace(budget2022, "total = 1110.98\n", "", 1),
				"2023/u": "[[metrics]]\nid = \"initial-total\"\nname = \"年初预算\"\nvalue = 1200\nprevious = 1000\n",
			},
			want: []string{"TOTAL-MISMATCH-PREV content/2023/u/index.md:7:1 指标“年初预算”（initial-total）所列上年数为 1000，而 2022 年度报告的“年初预算”（content/2022/u/index.md:7:1）各项之和为 1110.98"}},
		{name: "same code, same name",
			files: map[string]string{
				"2023/u": budget2022,
				"2023/v": budget2022,
			}},
		{name: "same code, another name: a tie names both",
			files: map[string]string{
				"2023/u": budget2022,
				"2023/v": strings.Replace(budget2022, "公共安全支出", "公共安全", 1),
			},
			want: []string{
				"CLASS-CODE-NAME content/2023/u/index.md:11:3 科目编码 204 在此名为“公共安全支出”，而 2023 年度另有 1 处名为“公共安全”（如 content/2023/v/index.md:11:3）",
				"CLASS-CODE-NAME content/2023/v/index.md:11:3 科目编码 204 在此名为“公共安全”，而 2023 年度另有 1 处名为“公共安全支出”（如 content/2023/u/index.md:11:3）",
			}},
		{name: "a typo in a code: the majority stands",
			files: map[string]string{
				"2023/u": budget2022,
				"2023/v": budget2022,
				"2023/w": strings.Replace(budget2022, "204", "205", 1),
				"2023/x": strings.Replace(strings.Replace(budget2022, "204", "205", 1), "公共安全支出", "教育支出", 1),
				"2023/y": strings.Replace(strings.Replace(budget2022, "204", "205", 1), "公共安全支出", "教育支出", 1),
			},
			want: []string{"CLASS-CODE-NAME content/2023/w/index.md:11:3 科目编码 205 在此名为“公共安全支出”，而 2023 年度另有 2 处名为“教育支出”（如 content/2023/x/index.md:11:3）；科目“公共安全支出”在此编码为 205，而 2023 年度另有 2 处编码为 204（如 content/2023/u/index.md:11:3）"}},
		{name: "other years are other classifications",
			files: map[string]string{
				"2022/u": budget2022,
				"2023/v": strings.Replace(budget2022, "公共安全支出", "公共安全", 1),
			}},
		{name: "one name under two 项 codes is no mistake",
			files: map[string]string{
				"2023/u": strings.Replace(strings.Replace(budget2022, "204", "2010101", 1), "公共安全支出", "行政运行", 1),
				"2023/v": strings.Replace(strings.Replace(budget2022, "204", "2040101", 1), "公共安全支出", "行政运行", 1),
			}},
		{name: "ignored by the report",
			files: map[string]string{
				"2022/u": metric2022,
				"2023/u": "[check]\nignore = [\"PREVIOUS-MISMATCH\"]\nreason = \"上年数据已更正\"\n[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = 130\nprevious = 125\n",
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"站\"\n[check]\nrequired_sections = []\n")}}
			for dir, extra := range c.files {
				year, id, _ := strings.Cut(dir, "/")
				var y int
				fmt.Sscan(year, &y)
				fsys["content/"+dir+"/index.md"] = acrossReport(y, id, "单位"+id, extra)
			}
			site, err := source.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range Across(site) {
				got = append(got, f.Code+" "+f.Pos.String()+" "+f.Message)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
