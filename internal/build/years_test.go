package build

import (
	"bytes"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"gongkai/internal/check"
	"gongkai/internal/render"
)

// unitReport is a report of the fictional unit u in year, with an initial
// budget of amount 万元 and text.
func unitReport(year, amount, text string) string {
	return "+++\ntitle = \"" + year + "年度虚构单位整体支出绩效自评报告\"\nyear = " + year + "\norg = \"虚构单位\"\norg_id = \"u\"\nunit = \"万元\"\n" +
		"[[budget]]\nid = \"initial\"\ntitle = \"年初预算\"\ntotal = " + amount + "\n[[budget.items]]\nname = \"教育支出\"\namount = " + amount + "\n+++\n" + text + "\n"
}

// errorsCell is the count of errors a year page gives the report of dir.
func errorsCell(t *testing.T, page []byte, dir string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<a href="\.\./` + dir + `/index.html">.*?data-label="错误">(\d+)</td>`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no row for %s:\n%s", dir, page)
	}
	return string(m[1])
}

// TestYearCountsEveryFinding checks that a year page counts a report's
// errors as check counts them, a broken link's included, on a full build
// and on serve's rebuild of one report; and that the rebuild keeps the
// unit's history as a full build makes it.
func TestYearCountsEveryFinding(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"site.toml":               "title = \"虚构示例站\"\n",
		"content/2022/u/index.md": unitReport("2022", "10", "正文。"),
		"content/2023/u/index.md": unitReport("2023", "12", "见[丢失的附件](missing.pdf)。"),
		"content/2023/u/01-x.md":  "+++\ntitle = \"一、情况\"\n+++\n正文。\n",
		"content/2022/u/01-x.md":  "+++\ntitle = \"一、情况\"\n+++\n正文。\n",
	})
	p := New(os.DirFS(src), Options{ExactSearch: true})
	prev, files, err := p.Update(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	errs, _, _ := check.Count(slices.DeleteFunc(slices.Clone(prev.Findings), func(f check.Finding) bool { return f.Report != "content/2023/u" }))
	if errs == 0 || !slices.ContainsFunc(prev.Findings, func(f check.Finding) bool { return f.Code == "ATTACHMENT-MISSING" }) {
		t.Fatalf("findings %q", codes(prev.Findings))
	}
	if got, want := errorsCell(t, files["2023/index.html"], "2023/u"), strconv.Itoa(errs); got != want {
		t.Errorf("year page counts %s errors, check %s", got, want)
	}
	if !bytes.Contains(files["orgs/u/history.csv"], []byte("2023,2023年度虚构单位整体支出绩效自评报告,2023/u,年初预算,,合计,12,万元,12,万元")) {
		t.Errorf("history.csv:\n%s", files["orgs/u/history.csv"])
	}

	for _, edit := range []struct{ file, text string }{
		// The link is mended and the figure changes.
		{"content/2023/u/index.md", unitReport("2023", "15", "正文。")},
		// The 2022 report becomes another unit's: u has one year left.
		{"content/2022/u/index.md", "+++\ntitle = \"2022年度另一虚构单位整体支出绩效自评报告\"\nyear = 2022\norg = \"另一虚构单位\"\norg_id = \"other\"\nunit = \"万元\"\n+++\n正文。\n"},
	} {
		writeTree(t, src, map[string]string{edit.file: edit.text})
		next, nextFiles, err := p.Update(prev, files, []string{edit.file})
		if err != nil || !next.Incremental {
			t.Fatalf("after editing %s: incremental %v, %v", edit.file, next != nil && next.Incremental, err)
		}
		mem := render.NewMemory(map[string][]byte{})
		if _, err := New(os.DirFS(src), Options{}).Run(mem); err != nil {
			t.Fatal(err)
		}
		if a, b := slices.Sorted(maps.Keys(nextFiles)), slices.Sorted(maps.Keys(mem.Files)); !slices.Equal(a, b) {
			t.Errorf("after editing %s: files\n%q\nwant\n%q", edit.file, a, b)
		}
		for name, want := range mem.Files {
			if !bytes.Equal(nextFiles[name], want) {
				t.Errorf("after editing %s: %s differs from a full build", edit.file, name)
			}
		}
		prev, files = next, nextFiles
	}
	if got := errorsCell(t, files["2023/index.html"], "2023/u"); got != "0" {
		t.Errorf("after the fix, the year page counts %s errors", got)
	}
	if _, ok := files["orgs/u/history.csv"]; ok {
		t.Error("a unit with one year left keeps history.csv")
	}
}
