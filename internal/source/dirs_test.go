package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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

// TestOpen checks that a site needs only one of site.toml and content/ to
// open (the loader names the other if it is missing), and that an empty
// folder is told what a site needs.
func TestOpen(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"site.toml", "content"} {
		src := t.TempDir()
		if err := os.Mkdir(filepath.Join(src, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(src); err != nil {
			t.Errorf("with only %s: %v", name, err)
		}
	}
	empty := t.TempDir()
	if _, err := Open(empty); err == nil || !strings.Contains(err.Error(), "不是 gongkai 站点：缺少 site.toml 和 content/") {
		t.Errorf("Open(empty) = %v", err)
	}
	missing := filepath.Join(empty, "nowhere")
	if _, err := Open(missing); err == nil || !strings.Contains(err.Error(), "源目录 "+missing+" 不存在") {
		t.Errorf("Open(missing) = %v", err)
	}
	file := filepath.Join(empty, "site.toml")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file); err == nil || !strings.Contains(err.Error(), "不是目录") {
		t.Errorf("Open(a file) = %v", err)
	}
}
