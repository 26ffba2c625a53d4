package source

import "testing"

func TestReportDirOf(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"content/2023/u/index.md":      "content/2023/u",
		"content/2023/u/01-a.md":       "content/2023/u",
		"content/2023/u/img/chart.png": "content/2023/u",
		"content/2023/u":               "content/2023/u",
		"content/2023/_index.md":       "",
		"content/2023/.u.md.swp":       "",
		"content/_index.md":            "",
		"content/abcd/u/index.md":      "",
		"layouts/2023/u/index.md":      "",
		"site.toml":                    "",
		"content/2023":                 "",
		"content/20233/u/index.md":     "",
	} {
		got, ok := ReportDirOf(name)
		if got != want || ok != (want != "") {
			t.Errorf("ReportDirOf(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}
