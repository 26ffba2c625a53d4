package build

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/check"
	"gongkai/internal/render"
	"gongkai/internal/route"
	"gongkai/internal/search"
)

// writeTree writes files (slash paths) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func reportIndex(slug, title, extra string) string {
	return "+++\ntitle = \"" + title + "\"\nyear = 2023\norg = \"单位" + slug + "\"\norg_id = \"" + slug + "\"\nunit = \"万元\"\n" + extra + "+++\n正文\n"
}

// codes lists the codes of findings, with the file each is in.
func codes(fs []check.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+" "+f.Pos.Path)
	}
	return out
}

// TestUpdateMatchesRun checks that serve's rebuild of one report gives the
// files and the findings — link checks included — of a full build of the
// same source, with every text kept and with texts let go once rendered,
// where a neighbour rendered again must be read again.
func TestUpdateMatchesRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		budget int64
		exact  bool
	}{{-1, true}, {1, true}, {-1, false}} {
		budget := tc.budget
		// Without ExactSearch, the reports rendered again keep their
		// keys of the first build: the key shards alone may differ.
		compared := func(name string) bool { return tc.exact || !search.IsKeyFile(name) }
		src := t.TempDir()
		// a's indicator rows do not add up to its stated score: when b
		// changes, a is checked again as its neighbour, rows and all,
		// though a large site's load let go of them.
		writeTree(t, src, map[string]string{
			"site.toml":               "title = \"站\"\n",
			"content/2023/a/index.md": reportIndex("a", "甲报告", "superseded_by = \"2023/b\"\nscore = 95\n[[indicators]]\nname = \"完成数\"\nweight = 30\nscore = 20\n"),
			"content/2023/a/01-x.md":  "+++\ntitle = \"一、甲\"\n+++\n甲的正文，见[乙](../b/index.html)。\n",
			"content/2023/b/index.md": reportIndex("b", "乙报告", ""),
			"content/2023/b/01-x.md":  "+++\ntitle = \"一、乙\"\n+++\n乙的正文。\n",
			"content/2023/c/index.md": reportIndex("c", "丙报告", ""),
		})
		p := New(os.DirFS(src), Options{TextBudget: budget, ExactSearch: tc.exact})
		prev, files, err := p.Update(nil, nil, nil)
		if err != nil || prev.Incremental {
			t.Fatalf("budget %d: first build: incremental %v, %v", budget, prev.Incremental, err)
		}
		for _, edit := range []struct{ file, text string }{
			// A broken link and an anchor that is not there.
			{"content/2023/b/01-x.md", "+++\ntitle = \"一、乙\"\n+++\n乙的正文，见[丢失](missing.pdf)和[锚点](#nowhere)。\n"},
			// The text alone changes: the lists and the year's counts
			// stay, and are not written again.
			{"content/2023/b/01-x.md", "+++\ntitle = \"一、乙\"\n+++\n乙的正文，又改了一句，见[丢失](missing.pdf)和[锚点](#nowhere)。\n"},
			// Template text: one more warning, which the year's table counts.
			{"content/2023/b/01-x.md", "+++\ntitle = \"一、乙\"\n+++\n乙的正文，××年度，见[丢失](missing.pdf)和[锚点](#nowhere)。\n"},
			{"content/2023/b/index.md", reportIndex("b", "乙报告（修订）", "")},
			// Neither a nor b is rendered again: their findings, links'
			// included, must stand.
			{"content/2023/c/index.md", reportIndex("c", "丙报告（修订）", "")},
		} {
			writeTree(t, src, map[string]string{edit.file: edit.text})
			next, nextFiles, err := p.Update(prev, files, []string{edit.file})
			if err != nil || !next.Incremental {
				t.Fatalf("budget %d, after editing %s: incremental %v, %v", budget, edit.file, next != nil && next.Incremental, err)
			}
			mem := render.NewMemory(map[string][]byte{})
			full, err := New(os.DirFS(src), Options{TextBudget: budget}).Run(mem)
			if err != nil {
				t.Fatal(err)
			}
			a := slices.DeleteFunc(slices.Sorted(maps.Keys(nextFiles)), func(n string) bool { return !compared(n) })
			b := slices.DeleteFunc(slices.Sorted(maps.Keys(mem.Files)), func(n string) bool { return !compared(n) })
			if !slices.Equal(a, b) {
				t.Errorf("budget %d, after editing %s: files\n%q\nwant\n%q", budget, edit.file, a, b)
			}
			for name, want := range mem.Files {
				if compared(name) && !bytes.Equal(nextFiles[name], want) {
					t.Errorf("budget %d, after editing %s: %s differs from a full build", budget, edit.file, name)
				}
			}
			if got, want := codes(next.Findings), codes(full.Findings); !reflect.DeepEqual(got, want) {
				t.Errorf("budget %d, after editing %s: findings\n%q\nwant\n%q", budget, edit.file, got, want)
			}
			prev, files = next, nextFiles
		}
		if got := codes(prev.Findings); !slices.Contains(got, "ATTACHMENT-MISSING content/2023/b/01-x.md") || !slices.Contains(got, "LINK-BROKEN content/2023/b/01-x.md") {
			t.Errorf("budget %d: the rebuild's link checks found %q", budget, got)
		}
	}
}

// TestArchiveRunChecksLinks checks that a run of one year, as archive makes
// it, renders only that year and still checks the links of its reports.
func TestArchiveRunChecksLinks(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"site.toml":               "title = \"站\"\n",
		"content/2023/a/index.md": reportIndex("a", "甲报告", ""),
		"content/2023/a/01-x.md":  "+++\ntitle = \"一、甲\"\n+++\n见[丢失](#nowhere)。\n",
		"content/2022/a/index.md": strings.Replace(reportIndex("a", "甲报告", ""), "2023", "2022", 1),
	})
	mem := render.NewMemory(map[string][]byte{})
	b, err := New(os.DirFS(src), Options{Year: 2023, Archive: &render.Archive{Year: 2023, Made: "今天", Version: "test"}}).Run(mem)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Files[route.Report(2022, "a")]; ok {
		t.Errorf("the archive of 2023 has the 2022 report")
	}
	if page := mem.Files[route.Report(2023, "a")]; !bytes.Contains(page, []byte("今天")) {
		t.Errorf("the archived page lacks its banner")
	}
	if got := codes(b.Findings); !slices.Contains(got, "LINK-BROKEN content/2023/a/01-x.md") {
		t.Errorf("findings %q: the archive's links were not checked", got)
	}
}

// TestRouteNamesWhatRenderWrites checks that the URL scheme is where the
// files are: each report's page, data files and section anchors.
func TestRouteNamesWhatRenderWrites(t *testing.T) {
	t.Parallel()
	mem := render.NewMemory(map[string][]byte{})
	b, err := New(os.DirFS("../.."), Options{}).Run(mem)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{route.Home, route.NotFound, route.Sitemap, route.Feed, route.Year(2023), route.Org("yanling-traffic-police")} {
		if _, ok := mem.Files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	for _, r := range b.Site().Reports() {
		page := mem.Files[route.Report(r.Year, r.Slug)]
		if page == nil {
			t.Fatalf("no page for %s", r.Dir)
		}
		for _, f := range []string{route.DataJSON, route.DataCSV} {
			if _, ok := mem.Files[route.ReportDir(r.Year, r.Slug)+"/"+f]; !ok {
				t.Errorf("no %s for %s", f, r.Dir)
			}
		}
		for i, a := range route.SectionAnchors(r.SectionIDs()) {
			s := r.Sections[i]
			if !bytes.Contains(page, []byte(`id="`+a+`"`)) || !bytes.Contains(page, []byte(`id="`+a+`-h"`)) {
				t.Errorf("%s: no element %q (and %q-h) for section %s", r.Dir, a, a, s.ID)
			}
		}
	}
}

// TestStrictRefusesSilencedDrafts checks that a strict build publishes no
// imported draft, even when the site silences the DRAFT finding.
func TestStrictRefusesSilencedDrafts(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	draft := "[[counts]]\nid = \"c\"\ntitle = \"案件\"\ndraft = true\nsource = \"x.md:3\"\n  [[counts.items]]\n  name = \"甲\"\n  value = 3\n"
	writeTree(t, src, map[string]string{
		"site.toml":               "title = \"站\"\n[check]\nignore = [\"DRAFT\"]\n",
		"content/2023/a/index.md": reportIndex("a", "甲报告", draft),
	})
	strict := Options{Strict: true}
	_, err := New(os.DirFS(src), strict).Run(render.NewMemory(map[string][]byte{}))
	if !errors.Is(err, ErrDrafts) {
		t.Fatalf("strict build of a silenced draft: %v, want ErrDrafts", err)
	}
	writeTree(t, src, map[string]string{"content/2023/a/index.md": reportIndex("a", "甲报告", strings.Replace(draft, "draft = true\n", "", 1))})
	if _, err := New(os.DirFS(src), strict).Run(render.NewMemory(map[string][]byte{})); err != nil {
		t.Fatalf("strict build once checked: %v", err)
	}
}
