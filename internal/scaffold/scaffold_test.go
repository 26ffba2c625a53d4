package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"gongkai/internal/check"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// load loads the site in dir and runs the checks that need no built pages.
func load(t *testing.T, dir string) (*report.Site, []check.Finding) {
	t.Helper()
	fsys, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatalf("the scaffold does not load: %v", err)
	}
	return site, check.Site(site)
}

// tree lists the files and folders under dir with their modes.
func tree(t *testing.T, dir string) map[string]fs.FileMode {
	t.Helper()
	out := map[string]fs.FileMode{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.Mode()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// wantModes are the modes os.Mkdir(0755) and os.WriteFile(0644) give
// under this process's umask, which a test cannot read without setting it.
func wantModes(t *testing.T) (dirMode, fileMode fs.FileMode) {
	t.Helper()
	d := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(d, "f")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ds, _ := os.Stat(d)
	fs, _ := os.Stat(f)
	return ds.Mode(), fs.Mode()
}

func TestNewSite(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		setup func(dir string) error
	}{
		{"missing", func(string) error { return nil }},
		{"missing parents", nil},
		{"empty", func(dir string) error { return os.Mkdir(dir, 0o755) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			dir := filepath.Join(root, "site")
			if tc.setup == nil {
				dir = filepath.Join(root, "a", "b", "site")
			} else if err := tc.setup(dir); err != nil {
				t.Fatal(err)
			}
			if err := NewSite(dir, ""); err != nil {
				t.Fatal(err)
			}
			dirMode, fileMode := wantModes(t)
			got := tree(t, dir)
			want := map[string]fs.FileMode{".": dirMode, ".gitignore": fileMode, "content": dirMode,
				"content/_index.md": fileMode, "site.toml": fileMode}
			if tc.name == "empty" {
				want["."] = got["."] // the folder was there: its mode is its own
			}
			if !maps(got, want) {
				t.Errorf("files = %v, want %v", got, want)
			}
			site, findings := load(t, dir)
			if site.Config.Title != DefaultTitle || site.Config.Language != "zh-CN" {
				t.Errorf("config = %+v", site.Config)
			}
			if len(findings) > 0 {
				t.Errorf("findings on a new site: %v", findings)
			}
			if left := hiddenLeft(t, filepath.Dir(dir)); left != nil {
				t.Errorf("left beside the site: %v", left)
			}
		})
	}
}

func maps(a, b map[string]fs.FileMode) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// hiddenLeft lists the temporary folders left in dir.
func hiddenLeft(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".gongkai-new-") {
			left = append(left, e.Name())
		}
	}
	return left
}

// Every key of report.Config is in the new site.toml, set or commented.
func TestSiteTOMLExplainsEveryKey(t *testing.T) {
	t.Parallel()
	files, err := render(siteFiles, struct{ Title string }{"站"})
	if err != nil {
		t.Fatal(err)
	}
	text := string(files["site.toml"])
	for _, key := range []string{"title", "language", "base_url", "description", "[footer]", "sponsor", "site_code",
		"icp", "police", "[check]", "required_sections", "template_patterns", "ignore"} {
		if !strings.Contains(text, "\n"+key) && !strings.Contains(text, "\n# "+key) {
			t.Errorf("site.toml lacks %s", key)
		}
	}
	// Each key that is set has a comment just above it or beside it.
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "[") {
			continue
		}
		if !strings.Contains(l, "#") && (i == 0 || !strings.HasPrefix(lines[i-1], "#")) {
			t.Errorf("line %d has no comment: %s", i+1, l)
		}
	}
}

func TestNewSiteRefuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		setup func(dir string) error
	}{
		{"not empty", func(dir string) error {
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("keep"), 0o644)
		}},
		{"hidden file only", func(dir string) error {
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, ".git"), []byte("keep"), 0o644)
		}},
		{"a file", func(dir string) error { return os.WriteFile(dir, []byte("keep"), 0o644) }},
		{"a symlink to an empty folder", func(dir string) error {
			if err := os.Mkdir(dir+"-real", 0o755); err != nil {
				return err
			}
			return os.Symlink(dir+"-real", dir)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			dir := filepath.Join(root, "site")
			if err := tc.setup(dir); err != nil {
				t.Fatal(err)
			}
			before := tree(t, root)
			err := NewSite(dir, "")
			if err == nil || !strings.Contains(err.Error(), dir+" 已存在且不是空目录") {
				t.Fatalf("err = %v, want one naming %s", err, dir)
			}
			if after := tree(t, root); !maps(before, after) {
				t.Errorf("tree changed: %v, was %v", after, before)
			}
		})
	}
}

// A write that fails leaves nothing: no folder, no parents made for it, no
// temporary folder.
func TestCreateFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b", "site")
	// "x" is a file, so "x/y" cannot be written.
	err := create(dir, map[string][]byte{"x": []byte("1"), "x/y": []byte("2")}, true)
	if err == nil {
		t.Fatal("create succeeded")
	}
	if got := tree(t, root); len(got) != 1 {
		t.Errorf("left behind: %v", got)
	}
}

func TestNewReport(t *testing.T) {
	t.Parallel()
	src := filepath.Join(t.TempDir(), "site")
	if err := NewSite(src, ""); err != nil {
		t.Fatal(err)
	}
	r := Report{Year: "2024", Org: `某县"财政"局\`, OrgID: "caizheng"}
	dir, err := NewReport(src, r)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(src, "content", "2024", "caizheng"); dir != want {
		t.Errorf("dir = %s, want %s", dir, want)
	}
	site, findings := load(t, src)
	reports := site.Reports()
	if len(reports) != 1 {
		t.Fatalf("%d reports", len(reports))
	}
	rep := reports[0]
	if rep.Title != `2024年度某县"财政"局\整体支出绩效自评报告` || rep.Org != r.Org || rep.OrgID != "caizheng" ||
		rep.Year != 2024 || rep.Unit != "万元" || rep.Region != "" || rep.Slug != "caizheng" {
		t.Errorf("report = %+v", rep)
	}
	var titles []string
	for _, s := range rep.Sections {
		titles = append(titles, s.Title)
	}
	wantTitles := []string{"一、基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况", "四、国有资本经营预算支出情况",
		"五、社会保险基金预算支出情况", "六、部门整体支出绩效情况", "七、存在的问题及原因分析", "八、下一步改进措施",
		"九、绩效自评结果及其他需要说明的情况"}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("sections = %q", titles)
	}
	// What is left to fill in is a warning per empty section, nothing else.
	var codes []string
	for _, f := range findings {
		if f.Severity != check.Warning || f.Code != "SECTION-EMPTY" {
			t.Errorf("finding on a new report: %v", f)
		}
		codes = append(codes, f.Code)
	}
	if len(codes) != 9 {
		t.Errorf("%d findings, want 9 SECTION-EMPTY: %v", len(codes), findings)
	}
}

func TestNewReportRefuses(t *testing.T) {
	t.Parallel()
	src := filepath.Join(t.TempDir(), "site")
	if err := NewSite(src, ""); err != nil {
		t.Fatal(err)
	}
	ok := Report{Year: "2024", Org: "某单位", OrgID: "u"}
	if _, err := NewReport(src, ok); err != nil {
		t.Fatal(err)
	}
	before := tree(t, src)
	for _, tc := range []struct {
		name string
		src  string
		r    Report
		want string
	}{
		{"existing bundle", src, ok, "报告目录 " + filepath.Join(src, "content", "2024", "u") + " 已存在"},
		{"existing slug", src, Report{Year: "2024", Org: "另一单位", OrgID: "v", Slug: "u"}, "--slug"},
		{"no site", t.TempDir(), Report{Year: "2024", Org: "某单位", OrgID: "w"}, "没有站点配置文件 site.toml"},
		{"short year", src, Report{Year: "24", Org: "某单位", OrgID: "w"}, `年度 "24" 应为四位数字`},
		{"year not a year", src, Report{Year: "0999", Org: "某单位", OrgID: "w"}, "四位数字"},
		{"upper case org_id", src, Report{Year: "2024", Org: "某单位", OrgID: "W"}, `--org-id "W"`},
		{"org_id with a slash", src, Report{Year: "2024", Org: "某单位", OrgID: "a/b"}, `--org-id "a/b"`},
		{"slug climbing out", src, Report{Year: "2024", Org: "某单位", OrgID: "w", Slug: "../x"}, `--slug "../x"`},
		{"slug with underscore", src, Report{Year: "2024", Org: "某单位", OrgID: "w", Slug: "a_b"}, `--slug "a_b"`},
		{"empty org", src, Report{Year: "2024", Org: " ", OrgID: "w"}, "单位名称（--org）不能为空"},
		{"org with a newline", src, Report{Year: "2024", Org: "某\n单位", OrgID: "w"}, "控制字符"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewReport(tc.src, tc.r)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one with %q", err, tc.want)
			}
		})
	}
	t.Cleanup(func() {
		if after := tree(t, src); !maps(before, after) {
			t.Errorf("a refused report changed the site: %v, was %v", after, before)
		}
	})
}

// The commented-out data block templates are valid once uncommented: an
// author who removes the "# " gets blocks that load, not errors.
func TestDataTemplatesLoad(t *testing.T) {
	t.Parallel()
	r := Report{Year: "2024", Org: "某单位", OrgID: "u"}
	files, err := render(reportFiles, struct {
		Title, Org, OrgID string
		Year              int
	}{r.Title(), r.Org, r.OrgID, 2024})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"site.toml": {Data: []byte(`title = "站"`)}}
	for name, data := range files {
		fsys["content/2024/u/"+name] = &fstest.MapFile{Data: uncomment(string(data))}
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatalf("uncommented templates do not load: %v", err)
	}
	var d report.Data
	for _, s := range site.Reports()[0].Sections {
		d.Budgets = append(d.Budgets, s.Budgets...)
		d.Counts = append(d.Counts, s.Counts...)
		d.Metrics = append(d.Metrics, s.Metrics...)
		d.Indicators = append(d.Indicators, s.Indicators...)
	}
	if len(d.Budgets) != 1 || len(d.Budgets[0].Items) != 1 || len(d.Counts) != 1 || len(d.Counts[0].Items) != 1 ||
		len(d.Metrics) != 1 || len(d.Indicators) != 1 {
		t.Errorf("blocks = %d budget, %d counts, %d metrics, %d indicators; want one of each",
			len(d.Budgets), len(d.Counts), len(d.Metrics), len(d.Indicators))
	}
}

// uncomment removes the "# " from the lines of a data block template: from
// the first "# [[" line to the end of the front matter.
func uncomment(s string) []byte {
	lines := strings.Split(s, "\n")
	on := false
	for i, l := range lines {
		switch {
		case l == "+++":
			on = false
		case strings.HasPrefix(l, "# [["):
			on = true
		}
		if on && strings.HasPrefix(l, "#") {
			lines[i] = strings.TrimPrefix(strings.TrimPrefix(l, "#"), " ")
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

func TestTOMLString(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "某单位", `a"b`, `a\b`, "a\tb\nc\x00\x7f", "“全角”"} {
		var v struct{ S string }
		if _, err := toml.Decode("S = "+TOMLString(s), &v); err != nil {
			t.Errorf("%q: %v", s, err)
		} else if v.S != s {
			t.Errorf("%q reads back as %q", s, v.S)
		}
	}
}

func TestInspect(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name            string
		allowEmpty      bool
		exists, refused bool
	}{
		{"missing", false, false, false},
		{"empty", true, true, false},
		{"empty", false, true, true},
	} {
		exists, err := inspect(filepath.Join(root, tc.name), tc.allowEmpty)
		if exists != tc.exists || errors.Is(err, ErrTaken) != tc.refused {
			t.Errorf("inspect(%s, %v) = %v, %v", tc.name, tc.allowEmpty, exists, err)
		}
	}
}
