package build

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/check"
	"gongkai/internal/render"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// buildIn builds src in memory with a text budget.
func buildIn(t *testing.T, src fstest.MapFS, budget int64) (map[string][]byte, []check.Finding) {
	t.Helper()
	w := render.NewMemory(map[string][]byte{})
	b, err := New(src, Options{TextBudget: budget}).Run(w)
	if err != nil {
		t.Fatal(err)
	}
	return w.Files, b.Findings
}

// readTree reads a directory into a MapFS, skipping what a build ignores.
func readTree(t *testing.T, dir string, keep func(string) bool) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(p) {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDroppedTextsBuildTheSameSite checks that a build that lets go of the
// texts after checking them, and reads them again to render, writes the same
// bytes and finds the same findings as one that keeps them: on the sample
// site (template text, empty sections, mismatched figures), on a site with
// broken links and chart fences, and on generated reports.
func TestDroppedTextsBuildTheSameSite(t *testing.T) {
	t.Parallel()
	gen := t.TempDir()
	if err := benchcorpus.Generate(gen, benchcorpus.Options{Reports: 12, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	links := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"站\"\n")},
		"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"u\"\nunit = \"万元\"\n" +
			"[[counts]]\nid = \"c\"\ntitle = \"次数\"\n  [[counts.items]]\n  name = \"甲\"\n  value = 3\n+++\n见[第一章](#nowhere)与[附件](missing.pdf)。\n")},
		"content/2023/u/01-a.md": {Data: []byte("+++\ntitle = \"一、基本情况\"\n+++\n\n××年度两方面：一是……\n\n```chart\ndata = \"c\"\n```\n\n[坏链接](../../2022/x/)\n")},
	}
	// Indicator rows whose weights and scores do not add up, one a draft:
	// findings a load that let go of the rows before checking them would
	// lose.
	rows := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"站\"\n")},
		"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"2023年度单位整体支出绩效自评报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"u\"\nunit = \"万元\"\nscore = 95\ngrade = \"优\"\n+++\n")},
		"content/2023/u/09-self.md": {Data: []byte("+++\ntitle = \"九、自评结果\"\n" +
			"[[indicators]]\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"完成数\"\nweight = 30\nscore = 20\n" +
			"[[indicators]]\nlevel1 = \"效益指标\"\nlevel2 = \"社会效益\"\nname = \"满意度\"\nweight = 30\nscore = 30\ndraft = true\n+++\n正文。\n")},
	}
	sites := map[string]fstest.MapFS{
		"indicators": rows,
		"sample":     readTree(t, "../..", func(p string) bool { return p == "site.toml" || strings.HasPrefix(p, "content/") }),
		"links":      links,
		"generated":  readTree(t, gen, func(string) bool { return true }),
	}
	for name, src := range sites {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			kept, keptFindings := buildIn(t, src, -1)
			dropped, droppedFindings := buildIn(t, src, 1)
			if len(kept) == 0 {
				t.Fatal("the build wrote nothing")
			}
			if k, d := slices.Sorted(maps.Keys(kept)), slices.Sorted(maps.Keys(dropped)); !slices.Equal(k, d) {
				t.Fatalf("files differ:\nkept:    %q\ndropped: %q", k, d)
			}
			for name, data := range kept {
				if !bytes.Equal(data, dropped[name]) {
					t.Errorf("%s differs when texts are dropped", name)
				}
			}
			if !reflect.DeepEqual(keptFindings, droppedFindings) {
				t.Errorf("findings differ:\nkept:    %v\ndropped: %v", keptFindings, droppedFindings)
			}
			if name != "generated" && len(keptFindings) == 0 {
				t.Errorf("no findings: the site should have some")
			}
			if name == "indicators" && !slices.ContainsFunc(keptFindings, func(f check.Finding) bool { return strings.HasPrefix(f.Code, "INDICATOR-") }) {
				t.Errorf("no INDICATOR- finding about the rows: %v", keptFindings)
			}
		})
	}
}

// TestDoneDropsTextsAfterRendering checks the order a large build relies
// on: a report is rendered before Done lets go of its texts, and a text let
// go cannot be rendered again by mistake.
func TestDoneDropsTextsAfterRendering(t *testing.T) {
	t.Parallel()
	src := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"站\"\n")},
		"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n")},
		"content/2023/u/01-a.md":  {Data: []byte("+++\ntitle = \"一\"\n+++\n正文\n")},
	}
	site, err := source.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(src, Options{}).renderer()
	if err != nil {
		t.Fatal(err)
	}
	job := r.Job(render.Options{Done: (*report.Report).DropTexts})
	w := render.NewMemory(map[string][]byte{})
	if err := job.Reports(site, site.Reports(), src, w); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(w.Files["2023/u/index.html"]), "正文") {
		t.Errorf("the page lacks its text")
	}
	if b := site.Reports()[0].Sections[0].Body; !b.Dropped || b.Source != nil {
		t.Errorf("section text = %+v, want it dropped after rendering", b)
	}
	err = job.Reports(site, site.Reports(), src, w)
	if err == nil || !strings.Contains(err.Error(), "content/2023/u/01-a.md") {
		t.Errorf("rendering a dropped text: err = %v, want one naming content/2023/u/01-a.md", err)
	}
}

// secondRead serves one file's content as changed from its second read on:
// an author saving while a build runs.
type secondRead struct {
	fstest.MapFS
	name    string
	changed []byte
	mu      sync.Mutex
	reads   map[string]int
}

func (s *secondRead) Open(name string) (fs.File, error) {
	s.mu.Lock()
	s.reads[name]++
	n := s.reads[name]
	s.mu.Unlock()
	if name == s.name && n > 1 {
		m := fstest.MapFS{name: &fstest.MapFile{Data: s.changed}}
		return m.Open(name)
	}
	return s.MapFS.Open(name)
}

// TestLoadLetsGoOfTexts: with a text budget below the site's text, the
// load lets go of the texts and the render reads them again; a text that
// changed in between is an error naming it, never a page of two versions.
func TestLoadLetsGoOfTexts(t *testing.T) {
	t.Parallel()
	src := fstest.MapFS{
		source.ConfigFile:            {Data: []byte("title = \"站\"\n")},
		"content/2024/u/index.md":    {Data: []byte("+++\ntitle = \"2024年度某单位整体支出绩效自评报告\"\nyear = 2024\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n")},
		"content/2024/u/01-basic.md": {Data: []byte("+++\ntitle = \"一、基本情况\"\n+++\n原来的正文。\n")},
	}
	site, err := source.LoadWith(src, source.Options{TextBudget: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r := site.Reports()[0]; !r.TextsDropped() || r.Sections[0].Body.Source != nil || r.Sections[0].Body.Size == 0 {
		t.Fatalf("the load kept the texts: %+v", r.Sections[0].Body)
	}
	files, _ := buildIn(t, src, 1)
	if page := files["2024/u/index.html"]; !bytes.Contains(page, []byte("原来的正文。")) {
		t.Errorf("the page lacks the text read again:\n%s", page)
	}

	changed := &secondRead{MapFS: src, name: "content/2024/u/01-basic.md",
		changed: []byte("+++\ntitle = \"一、基本情况\"\n+++\n改过的正文。\n"), reads: map[string]int{}}
	_, err = New(changed, Options{TextBudget: 1}).Run(render.NewMemory(map[string][]byte{}))
	if err == nil || !strings.Contains(err.Error(), "content/2024/u/01-basic.md") || !strings.Contains(err.Error(), "在生成过程中被修改") {
		t.Errorf("Run = %v, want an error naming the file changed during the build", err)
	}
}

// TestOnceLetsGoOfTexts: a build whose model is not rendered again (gongkai
// build, archive) lets go of every report's texts, indicator rows and key
// places once its page is written, however little text the site holds,
// and of its blocks but the budgets whose totals the year's table gives,
// and writes the same site with the same findings: the sample site, and a
// generated one of units over three years, with histories.
func TestOnceLetsGoOfTexts(t *testing.T) {
	t.Parallel()
	years := t.TempDir()
	if err := benchcorpus.Generate(years, benchcorpus.Options{Reports: 12, Years: 3, FirstYear: 2021, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		onceLetsGo(t, readTree(t, "../..", func(p string) bool { return p == "site.toml" || strings.HasPrefix(p, "content/") }))
	})
	t.Run("years", func(t *testing.T) {
		t.Parallel()
		files := onceLetsGo(t, os.DirFS(years))
		if !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(name string) bool { return strings.HasSuffix(name, "/history.csv") }) {
			t.Error("the generated site has no unit history to compare")
		}
		// An archive of one year puts aside that year's texts alone.
		archive := func(budget int64) map[string][]byte {
			w := render.NewMemory(map[string][]byte{})
			if _, err := New(os.DirFS(years), Options{TextBudget: budget, Once: true, Year: 2022}).Run(w); err != nil {
				t.Fatal(err)
			}
			return w.Files
		}
		if !maps.EqualFunc(archive(-1), archive(1), bytes.Equal) {
			t.Error("the 2022 archive differs when the load puts its texts aside")
		}
	})
}

func onceLetsGo(t *testing.T, src fs.FS) map[string][]byte {
	run := func(opt Options) (*Build, map[string][]byte) {
		w := render.NewMemory(map[string][]byte{})
		b, err := New(src, opt).Run(w)
		if err != nil {
			t.Fatal(err)
		}
		return b, w.Files
	}
	// Large is called once when the texts exceed the budget, else never.
	var large int
	count := func() { large++ }
	kept, keptFiles := run(Options{TextBudget: -1, Large: count})
	once, onceFiles := run(Options{TextBudget: -1, Once: true, Large: count})
	if large != 0 {
		t.Errorf("Large called %d times for a site within its budget", large)
	}
	// With no text kept by the load, the texts come back from aside.
	_, asideFiles := run(Options{TextBudget: 1, Once: true, Large: count})
	if !maps.EqualFunc(keptFiles, asideFiles, bytes.Equal) {
		t.Errorf("the site differs when the load puts the texts aside")
	}
	if large != 1 {
		t.Errorf("Large called %d times for a site beyond its budget, want once", large)
	}
	// With half the texts kept, the reports whose texts were let go of
	// shed their blocks and the others render as they were read.
	half := int64(len(kept.Site().Reports()))*reportHeld + textSize(kept.Site())/2
	if _, halfFiles := run(Options{TextBudget: half, Once: true}); !maps.EqualFunc(keptFiles, halfFiles, bytes.Equal) {
		t.Errorf("the site differs when the load keeps half the texts")
	}
	for _, r := range kept.Site().Reports() {
		if r.TextsDropped() {
			t.Errorf("%s: texts let go without Once", r.Dir)
		}
	}
	for i, r := range once.Site().Reports() {
		if !r.TextsDropped() || len(r.Indicators()) != 0 || r.Sections != nil {
			t.Errorf("%s: texts, indicator rows or sections kept once the build was done with them", r.Dir)
		}
		if k := kept.Site().Reports()[i]; r.HasDrafts() != k.HasDrafts() {
			t.Errorf("%s: HasDrafts %v once shed, %v kept", r.Dir, r.HasDrafts(), k.HasDrafts())
		}
	}
	if !maps.EqualFunc(keptFiles, onceFiles, bytes.Equal) {
		t.Errorf("the site differs when the texts are let go")
	}
	if !reflect.DeepEqual(kept.Findings, once.Findings) {
		t.Errorf("findings differ:\nkept: %v\nonce: %v", kept.Findings, once.Findings)
	}
	return onceFiles
}

// TestOnceReadsTextsFromAside: a one-shot build whose load lets go of the
// texts reads them back from its temporary file, the bytes it checked: a
// file saved during the build changes nothing, and the file is gone from
// $TMPDIR afterwards. Without a temporary file it reads the files again,
// and the saved file is the error it was. Not parallel: it sets TMPDIR.
func TestOnceReadsTextsFromAside(t *testing.T) {
	src := fstest.MapFS{
		source.ConfigFile:            {Data: []byte("title = \"站\"\n")},
		"content/2024/u/index.md":    {Data: []byte("+++\ntitle = \"2024年度某单位整体支出绩效自评报告\"\nyear = 2024\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n序言。\n")},
		"content/2024/u/01-basic.md": {Data: []byte("+++\ntitle = \"一、基本情况\"\n+++\n原来的正文。\n")},
	}
	build := func() (map[string][]byte, error) {
		changed := &secondRead{MapFS: src, name: "content/2024/u/01-basic.md",
			changed: []byte("+++\ntitle = \"一、基本情况\"\n+++\n改过的正文。\n"), reads: map[string]int{}}
		w := render.NewMemory(map[string][]byte{})
		_, err := New(changed, Options{TextBudget: 1, Once: true}).Run(w)
		return w.Files, err
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	files, err := build()
	if err != nil {
		t.Fatal(err)
	}
	page := files["2024/u/index.html"]
	if !bytes.Contains(page, []byte("原来的正文。")) || !bytes.Contains(page, []byte("序言。")) || bytes.Contains(page, []byte("改过的正文。")) {
		t.Errorf("the page is not the text the load read:\n%s", page)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the build left %v in TMPDIR", left)
	}

	t.Setenv("TMPDIR", filepath.Join(tmp, "missing"))
	if _, err := build(); err == nil || !strings.Contains(err.Error(), "在生成过程中被修改") {
		t.Errorf("without a temporary file: %v, want the texts read again and the saved file named", err)
	}
}
