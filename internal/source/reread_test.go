package source

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/report"
)

func rereadSite() fstest.MapFS {
	return fstest.MapFS{
		ConfigFile: {Data: []byte("title = \"站\"\n")},
		"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"u\"\nunit = \"万元\"\n" +
			"[[indicators]]\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"总表\"\n+++\n序言。\n")},
		"content/2023/u/01-basic.md": {Data: []byte("+++\ntitle = \"一、基本情况\"\n+++\n正文一。\n")},
		"content/2023/u/09-self.md": {Data: []byte("+++\ntitle = \"九、自评\"\n" +
			"[[indicators]]\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"完成数\"\ndraft = true\n+++\n正文九。\n")},
	}
}

// loadOne loads src, a site of one report, and returns the report.
func loadOne(t *testing.T, src fs.FS) *report.Report {
	t.Helper()
	site, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	return site.Reports()[0]
}

// TestReread: a report that let go of its texts gets them back from
// Reread, the same as a fresh load's, and its indicator rows, if it shed
// them, from their packed bytes: Reread decodes no front matter.
func TestReread(t *testing.T) {
	t.Parallel()
	src := rereadSite()
	want := loadOne(t, src)
	for _, shed := range []bool{false, true} {
		r := loadOne(t, src)
		r.DropTexts()
		if shed {
			r.Shed()
		}
		again, err := Reread(src, r, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(again.Indicators()); n != 0 {
			t.Errorf("shed %v: Reread decoded %d indicator rows", shed, n)
		}
		if _, ok := r.Restore(again); !ok {
			t.Fatalf("shed %v: Restore refused what Reread read", shed)
		}
		if !r.Whole() || len(r.Indicators()) != 2 || r.Indicators()[1].Name != "完成数" || !r.HasDrafts() {
			t.Errorf("shed %v: after Restore whole %v, rows %d, drafts %v", shed, r.Whole(), len(r.Indicators()), r.HasDrafts())
		}
		for i, s := range r.Sections {
			if string(s.Body.Source) != string(want.Sections[i].Body.Source) {
				t.Errorf("shed %v: %s = %q, want %q", shed, s.ID, s.Body.Source, want.Sections[i].Body.Source)
			}
		}
	}
}

// TestRereadRefusesLinks: a file that became a link since the load is not
// read through it, even to a file of the very same text.
func TestRereadRefusesLinks(t *testing.T) {
	t.Parallel()
	src := rereadSite()
	r := loadOne(t, src)
	r.DropTexts()
	r.Shed()
	src["outside.md"] = src["content/2023/u/09-self.md"]
	src["content/2023/u/09-self.md"] = &fstest.MapFile{Data: []byte("../../../outside.md"), Mode: fs.ModeSymlink}
	again, err := Reread(src, r, nil)
	if err == nil || !strings.Contains(err.Error(), "content/2023/u/09-self.md") {
		t.Fatalf("Reread = %v, %v; want an error naming the link", again, err)
	}
}

// TestRereadDeleted: a file deleted since the load is an error naming it.
func TestRereadDeleted(t *testing.T) {
	t.Parallel()
	src := rereadSite()
	r := loadOne(t, src)
	delete(src, "content/2023/u/01-basic.md")
	if _, err := Reread(src, r, nil); err == nil || !strings.Contains(err.Error(), "content/2023/u/01-basic.md") {
		t.Fatalf("Reread = %v, want an error naming the deleted file", err)
	}
}

// TestRereadNotUTF8: Reread leaves the UTF-8 of what it reads to Restore's
// comparison (the load checked it): a body that is no longer UTF-8 is a
// changed file, refused by name. A front matter changed since the load, to
// bytes that are not UTF-8, is not read again: the rows rendered are those
// the load read and checked.
func TestRereadNotUTF8(t *testing.T) {
	t.Parallel()
	src := rereadSite()
	r := loadOne(t, src)
	r.DropTexts()
	src["content/2023/u/01-basic.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"一、基本情况\"\n+++\n正文\xff一。\n")}
	again, err := Reread(src, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if changed, ok := r.Restore(again); ok || changed != "content/2023/u/01-basic.md" {
		t.Errorf("Restore = %q, %v; want the changed file refused", changed, ok)
	}

	src = rereadSite()
	r = loadOne(t, src)
	r.DropTexts()
	r.Shed()
	self := "content/2023/u/09-self.md"
	src[self] = &fstest.MapFile{Data: []byte(strings.Replace(string(src[self].Data), "完成数", "完成\xff数", 1))}
	again, err = Reread(src, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Restore(again); !ok {
		t.Fatal("Restore refused a file whose body did not change")
	}
	if rows := r.Indicators(); len(rows) != 2 || rows[1].Name != "完成数" {
		t.Errorf("rows after Restore = %+v, want those the load read", rows)
	}
}
