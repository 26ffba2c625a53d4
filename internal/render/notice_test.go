package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

func noticeSite() fstest.MapFS {
	index := func(year, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + year + "年度某单位整体支出绩效自评报告\"\nyear = " + year +
			"\norg = \"某单位\"\norg_id = \"unit\"\nunit = \"万元\"\n" + extra + "+++\n")}
	}
	return fstest.MapFS{
		"site.toml":                        {Data: []byte("title = \"站\"\n")},
		"content/2023/unit/index.md":       index("2023", "superseded_by = \"2023/unit-fixed\"\n"),
		"content/2023/unit-fixed/index.md": index("2023", ""),
		"content/2022/unit/index.md":       index("2022", "[withdrawn]\ndate = 2023-05-01\nreason = \"数据有误，已重新公开\"\n"),
	}
}

func TestWithdrawnAndSuperseded(t *testing.T) {
	t.Parallel()
	files := build(t, noticeSite(), nil, nil)
	old := files["2023/unit/index.html"]
	if !strings.Contains(old, `<strong>本报告已被替代：</strong>请以<a href="../../2023/unit-fixed/index.html">《2023年度某单位整体支出绩效自评报告》</a>为准。`) {
		t.Errorf("superseded report lacks the notice with a link:\n%s", old)
	}
	fixed := files["2023/unit-fixed/index.html"]
	if !strings.Contains(fixed, `本报告替代了<a href="../../2023/unit/index.html">`) {
		t.Error("the replacement does not say what it replaces")
	}
	withdrawn := files["2022/unit/index.html"]
	if !strings.Contains(withdrawn, `<strong>本报告已于2023年5月1日撤回。</strong>撤回原因：数据有误，已重新公开。原文保留于此，供查阅。`) {
		t.Error("withdrawn report lacks the notice")
	}
	// Lists keep both, marked.
	if y := files["2023/index.html"]; !strings.Contains(y, `（已被替代）`) || strings.Count(y, "<tr>") != 3 {
		t.Errorf("year page:\n%s", y)
	}
	if org := files["orgs/unit/index.html"]; !strings.Contains(org, "（已撤回）") {
		t.Error("unit page does not mark the withdrawn report")
	}
}
