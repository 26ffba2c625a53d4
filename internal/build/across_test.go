package build

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// TestUpdateChecksAcross checks that serve's rebuild of one report makes
// the findings across reports again for the whole site: editing last
// year's report, or another unit's, changes what is found about a report
// that was not edited.
func TestUpdateChecksAcross(t *testing.T) {
	t.Parallel()
	index := func(year int, id, extra string) string {
		return fmt.Sprintf("+++\ntitle = \"%d年度报告\"\nyear = %d\norg = \"单位%s\"\norg_id = \"%s\"\nunit = \"万元\"\n%s+++\n正文\n", year, year, id, id, extra)
	}
	metric := func(value, previous string) string {
		s := "[[metrics]]\nid = \"complaints\"\nname = \"受理投诉\"\nunit = \"件\"\nvalue = " + value + "\n"
		if previous != "" {
			s += "previous = " + previous + "\n"
		}
		return s
	}
	class := func(name string) string {
		return "[[budget]]\nid = \"initial\"\ntitle = \"年初预算\"\n  [[budget.items]]\n  code = \"204\"\n  name = \"" + name + "\"\n  amount = 1.00\n"
	}
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"site.toml":               "title = \"站\"\n[check]\nrequired_sections = []\n",
		"content/2022/u/index.md": index(2022, "u", metric("120", "")),
		"content/2023/u/index.md": index(2023, "u", metric("130", "120")+class("公共安全支出")),
		"content/2023/v/index.md": index(2023, "v", class("公共安全支出")),
	})
	p := New(os.DirFS(src), Options{})
	prev, files, err := p.Update(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, edit := range []struct {
		file, text string
		want       []string
	}{
		{"content/2022/u/index.md", index(2022, "u", metric("125", "")),
			[]string{"PREVIOUS-MISMATCH content/2023/u/index.md"}},
		{"content/2023/v/index.md", index(2023, "v", class("公共安全")),
			[]string{"PREVIOUS-MISMATCH content/2023/u/index.md", "CLASS-CODE-NAME content/2023/u/index.md", "CLASS-CODE-NAME content/2023/v/index.md"}},
		{"content/2022/u/index.md", index(2022, "u", metric("120", "")),
			[]string{"CLASS-CODE-NAME content/2023/u/index.md", "CLASS-CODE-NAME content/2023/v/index.md"}},
		// v's report joins unit u, which then has two reports for 2023:
		// neither stands against 2022, and the rebuild of v alone must
		// make u's comparisons again too.
		{"content/2023/v/index.md", index(2023, "u", metric("999", "121")+class("公共安全")),
			[]string{"CLASS-CODE-NAME content/2023/u/index.md", "CLASS-CODE-NAME content/2023/v/index.md"}},
		{"content/2023/v/index.md", index(2023, "v", class("公共安全支出")), nil},
	} {
		writeTree(t, src, map[string]string{edit.file: edit.text})
		next, nextFiles, err := p.Update(prev, files, []string{edit.file})
		if err != nil || !next.Incremental {
			t.Fatalf("after editing %s: incremental %v, %v", edit.file, next != nil && next.Incremental, err)
		}
		if got := codes(next.Findings); !slices.Equal(got, edit.want) {
			t.Errorf("after editing %s: findings %q, want %q", edit.file, got, edit.want)
		}
		full, err := Check(os.DirFS(src))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := codes(next.Findings), codes(full); !slices.Equal(got, want) {
			t.Errorf("after editing %s: findings %q, a full build's %q", edit.file, got, want)
		}
		prev, files = next, nextFiles
	}
}
