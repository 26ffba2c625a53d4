package benchcorpus

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/build"
	"gongkai/internal/check"
	"gongkai/internal/source"
)

// tree reads every file under dir by its slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func generate(t *testing.T, opt Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	opt := Options{Reports: 40, Seed: 7}
	a, b := tree(t, generate(t, opt)), tree(t, generate(t, opt))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with one seed", name)
		}
	}
	opt.Seed = 8
	other := tree(t, generate(t, opt))
	same := 0
	for name, data := range a {
		if strings.HasSuffix(name, "/01-basic.md") && bytes.Equal(data, other[name]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d sections are the same with another seed", same)
	}
}

// TestLoads loads a corpus as gongkai does and runs every check on it: the
// figures agree, so there must be no finding at all.
func TestLoads(t *testing.T) {
	t.Parallel()
	const n = 23 // not a multiple of the years: the last unit misses some
	dir := generate(t, Options{Reports: n, Seed: 1})
	site, err := source.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(site.Reports()); got != n {
		t.Errorf("%d reports, want %d", got, n)
	}
	if len(site.Years) != 5 {
		t.Errorf("%d years, want 5", len(site.Years))
	}
	if len(site.Orgs) != (n+4)/5 {
		t.Errorf("%d units, want %d", len(site.Orgs), (n+4)/5)
	}
	// Every unit reports in every year, but the last, which runs out.
	full := 0
	for _, o := range site.Orgs {
		if len(o.Reports) == 5 {
			full++
		}
	}
	if full != n/5 {
		t.Errorf("%d units report in all 5 years, want %d", full, n/5)
	}
	for _, r := range site.Reports() {
		if len(r.Sections) != 9 {
			t.Errorf("%s: %d sections, want 9", r.Dir, len(r.Sections))
		}
		for _, s := range r.Sections {
			if n := len(s.Body.Source); n < 2048 || n > 6*1024 {
				t.Errorf("%s: %d bytes of text, want 2 to 5 KB and a table", s.Pos.Path, n)
			}
		}
	}
	findings, err := build.Check(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("finding: %s", f)
	}
}

// TestHugo checks that the Hugo site holds the same content, and builds it
// when Hugo is installed.
func TestHugo(t *testing.T) {
	t.Parallel()
	opt := Options{Reports: 12, Seed: 3}
	gk := tree(t, generate(t, opt))
	dir := t.TempDir()
	if err := GenerateHugo(dir, opt); err != nil {
		t.Fatal(err)
	}
	hg := tree(t, dir)
	for name, data := range gk {
		if !strings.HasPrefix(name, "content/") {
			continue
		}
		hname := strings.TrimSuffix(name, "/index.md")
		if hname != name {
			hname += "/_index.md"
		}
		if !bytes.Equal(hg[hname], data) {
			t.Errorf("%s differs from the gongkai site's %s", hname, name)
		}
	}
	for _, name := range []string{"config.toml", "layouts/_default/list.html", "layouts/partials/report.html", "static/assets/site.css"} {
		if hg[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil || testing.Short() {
		t.Skip("hugo not installed, or -short")
	}
	out := t.TempDir()
	cmd := exec.Command(hugo, "--quiet", "--source", dir, "--destination", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	page, err := os.ReadFile(filepath.Join(out, "2023", "yanling-education", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"九、绩效自评结果及其他需要说明的情况", "<table", "决算", "绩效自评表"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("Hugo's report page lacks %q", want)
		}
	}
}

func TestFixed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n      int64
		places int
		want   string
	}{{199, 1, "19.9"}, {-5, 1, "-0.5"}, {0, 2, "0.00"}, {97176, 2, "971.76"}, {7, 2, "0.07"}} {
		if got := fixed(c.n, c.places); got != c.want {
			t.Errorf("fixed(%d, %d) = %q, want %q", c.n, c.places, got, c.want)
		}
	}
	if got := ratio(1, 3, 10000); got != 3333 {
		t.Errorf("ratio(1, 3) = %d", got)
	}
	if got := ratio(-1, 8, 1000); got != -125 {
		t.Errorf("ratio(-1, 8) = %d", got)
	}
}

// TestAcrossYears checks that a unit's reports agree across years: each
// year's previous values and last year's budget totals are the values of
// the unit's report of the year before, so the checks across reports find
// nothing — and find the one previous value a test then changes.
func TestAcrossYears(t *testing.T) {
	t.Parallel()
	dir := generate(t, Options{Reports: 15, Seed: 5})
	files := tree(t, dir)
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	site, err := source.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range check.Across(site) {
		t.Errorf("finding: %s", f)
	}
	compared := 0
	for _, r := range site.Reports() {
		for _, d := range r.AllData() {
			for _, m := range d.Metrics {
				if m.Previous != nil && r.Year > 2019 {
					compared++
				}
			}
		}
	}
	if compared < 10*4 {
		t.Errorf("%d previous values to compare, want at least 40", compared)
	}

	name := "content/2021/" + site.Orgs[0].ID + "/02-general-budget.md"
	text := string(fsys[name].Data)
	i := strings.Index(text, "id = \"initial-total\"")
	j := i + strings.Index(text[i:], "previous = ")
	fsys[name] = &fstest.MapFile{Data: []byte(text[:j] + "previous = 1" + text[j+len("previous = "):])}
	site, err = source.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range check.Across(site) {
		codes = append(codes, f.Code)
	}
	if !slices.Equal(codes, []string{"TOTAL-MISMATCH-PREV"}) {
		t.Errorf("after changing one previous total: %v, want [TOTAL-MISMATCH-PREV]", codes)
	}
}
