package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/benchcorpus"
)

// TestCorpusHistory builds a synthetic site (benchcorpus: generated text,
// marked as such on its home page) of two units over three years, and
// checks each unit's page and history.csv.
func TestCorpusHistory(t *testing.T) {
	t.Parallel()
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	if err := benchcorpus.Generate(src, benchcorpus.Options{Reports: 6, Years: 3, FirstYear: 2021, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	units, err := os.ReadDir(filepath.Join(src, "content", "2021"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range units {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	if len(ids) != 2 {
		t.Fatalf("units %q", ids)
	}
	if _, err := Write(os.DirFS(src), out, Options{}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, id := range ids {
		page := read("orgs/" + id + "/index.html")
		for _, want := range []string{`id="chart-history-totals"`, `id="chart-history-classes"`, `id="chart-history-counts-main-tasks"`, `<a href="history.csv" download>`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %s", id, want)
			}
		}
		csv := read("orgs/" + id + "/history.csv")
		for _, y := range []string{"2021", "2022", "2023"} {
			if !strings.Contains(page, `href="../../`+y+`/`+id+`/index.html#data-initial"`) {
				t.Errorf("%s: no link to the %s report's initial budget", id, y)
			}
			if !strings.Contains(csv, "\r\n"+y+",") || !strings.Contains(csv, ","+y+"/"+id+",年初预算,,合计,") {
				t.Errorf("%s: history.csv lacks %s:\n%s", id, y, csv)
			}
		}
	}
	if y := read("2022/index.html"); strings.Count(y, `data-label="决算占年初预算">`) != 2 {
		t.Errorf("2022 page:\n%s", y)
	}
}
