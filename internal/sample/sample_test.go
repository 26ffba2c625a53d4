package sample

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/report"
	"gongkai/internal/source"
)

func TestFS(t *testing.T) {
	t.Parallel()
	fsys := FS(t)
	for _, name := range []string{"site.toml", "content/_index.md", "content/2023/yanling-traffic-police/02-general-budget.md"} {
		if fsys[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	for name := range fsys {
		if name != "site.toml" && !strings.HasPrefix(name, "content/") {
			t.Errorf("%s is not part of the sample site", name)
		}
	}
	// Each call is a copy of its own.
	delete(fsys, "site.toml")
	if FS(t)["site.toml"] == nil {
		t.Error("a change to one copy reached the next")
	}
}

func TestReport(t *testing.T) {
	t.Parallel()
	r := Report(t)
	if r.Dir != "content/2023/yanling-traffic-police" || r.Year != 2023 {
		t.Errorf("Report = %s %d", r.Dir, r.Year)
	}
	if b, ok := r.Block("initial").(*report.Budget); !ok || b.Sum.String() != "1110.87" {
		t.Errorf("the seed's 年初预算 is not loaded and derived: %+v", r.Block("initial"))
	}
}

// TestBlock loads each of the seed's blocks alone, as Block gives it, and
// compares it with the block of the seed.
func TestBlock(t *testing.T) {
	t.Parallel()
	seed := Report(t)
	for _, want := range seed.Blocks() {
		id := want.BlockID()
		text := Block(t, id)
		if strings.HasSuffix(strings.TrimSpace(text), "+++") || strings.Count(text, "id = ") != 1 {
			t.Errorf("%s: not one block:\n%s", id, text)
			continue
		}
		fsys := fstest.MapFS{
			"site.toml": {Data: []byte("title = \"站\"\n")},
			"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"某单位\"\norg_id = \"u\"\n" +
				"unit = \"万元\"\n" + text + "+++\n")},
		}
		site, err := source.Load(fsys)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		got := site.Reports()[0].Block(id)
		if got == nil {
			t.Errorf("%s: not loaded from\n%s", id, text)
			continue
		}
		if g, w := unplaced(got), unplaced(want); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: loaded alone as\n%+v\nwant\n%+v", id, g, w)
		}
	}
}

// unplaced is a copy of a block and its items without their positions,
// which differ between the sample and a file of one block.
func unplaced(b report.Block) any {
	switch b := b.(type) {
	case *report.Budget:
		c := *b
		c.Pos, c.Items = report.Pos{}, nil
		for _, it := range b.Items {
			i := *it
			i.Pos = report.Pos{}
			c.Items = append(c.Items, &i)
		}
		return c
	case *report.Counts:
		c := *b
		c.Pos, c.Items = report.Pos{}, nil
		for _, it := range b.Items {
			i := *it
			i.Pos = report.Pos{}
			c.Items = append(c.Items, &i)
		}
		return c
	case *report.Metric:
		c := *b
		c.Pos = report.Pos{}
		return c
	}
	return b
}

func TestTopTable(t *testing.T) {
	t.Parallel()
	for line, want := range map[string]bool{
		"[[budget]]":       true,
		"[[counts]]":       true,
		"[check]":          true,
		"[[budget.items]]": false,
		"[footer.x]":       false,
		"id = \"initial\"": false,
		"# [[budget]]":     false,
		"":                 false,
	} {
		if got := topTable(line); got != want {
			t.Errorf("topTable(%q) = %v, want %v", line, got, want)
		}
	}
}
