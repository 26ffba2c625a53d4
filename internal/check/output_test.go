package check

import (
	"slices"
	"strings"
	"testing"
)

// TestPackedIDs: a page's ids, packed by the prefixes they share, come back
// as they were, and HasID finds each and nothing else.
func TestPackedIDs(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("长", 100) // 300 bytes: a prefix longer than a byte counts
	ids := []string{"", "a", "a&b", "chart-2023-u-budget", "chart-2023-u-budget-options", "chart-2023-u-final",
		"data-甲", long + "1", long + "2", "nul\x00id", "z"}
	slices.Sort(ids)
	rec := NewRecorder(nil)
	page := ""
	for _, id := range ids {
		page += ` <p id="` + id + `">`
	}
	if err := rec.WriteFile("2023/u/index.html", []byte(page)); err != nil {
		t.Fatal(err)
	}
	if err := rec.WriteFile("2023/u/data.csv", []byte(`id="x"`)); err != nil {
		t.Fatal(err)
	}
	out := rec.Finish()
	want := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == "" || strings.Contains(id, "\x00") })
	if got := out.IDs("2023/u/index.html"); !slices.Equal(got, want) {
		t.Errorf("IDs = %q\nwant %q", got, want)
	}
	for _, id := range want {
		if !out.HasID("2023/u/index.html", id) {
			t.Errorf("HasID(%.20q) = false", id)
		}
	}
	for _, id := range []string{"", "chart", "chart-2023-u-budget-", "a&", "b", long, long + "3", "nul", "nul\x00id", "zz"} {
		if out.HasID("2023/u/index.html", id) {
			t.Errorf("HasID(%.20q) = true", id)
		}
	}
	if !out.Has("2023/u/data.csv") || out.IDs("2023/u/data.csv") != nil || out.HasID("2023/u/data.csv", "x") {
		t.Errorf("a file that is not a page has ids, or is missing")
	}
	for _, name := range []string{"2023/u", "2023/u/index.htm", "", "2023/u/index.html/"} {
		if out.Has(name) {
			t.Errorf("Has(%q) = true", name)
		}
	}
	// A rebuild starts from the record, less what it writes again.
	again := ContinueRecorder(out, func(name string) bool { return name == "2023/u/data.csv" }, nil).Finish()
	if again.Has("2023/u/data.csv") || !again.HasID("2023/u/index.html", long+"2") {
		t.Errorf("the continued record lost a page or kept a dropped file")
	}
}

// TestContinueMerges: a continued record, its base less the files dropped
// or written again merged with the new ones, is the record a fresh
// Recorder makes of the same files, whatever order they come in.
func TestContinueMerges(t *testing.T) {
	t.Parallel()
	page := func(id string) []byte { return []byte(`<p id="` + id + `">`) }
	first := map[string][]byte{"a.html": page("a"), "b/x.csv": nil, "b/y.html": page("y"), "c.js": nil, "d/e.html": page("e"), "z.txt": nil}
	rec := NewRecorder(nil)
	for name, data := range first {
		if err := rec.WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
	}
	base := rec.Finish()
	drop := func(name string) bool { return strings.HasPrefix(name, "b/") }
	again := map[string][]byte{"0.css": nil, "b/y.html": page("y2"), "bb.html": page("bb"), "c.js": nil, "d/e.html": page("e2"), "zz/1.csv": nil}
	cont := ContinueRecorder(base, drop, nil)
	for name, data := range again {
		if err := cont.WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
	}
	cont.Expect("d/f.js")
	want := NewRecorder(nil)
	for name, data := range first {
		if _, ok := again[name]; !ok && !drop(name) {
			want.WriteFile(name, data)
		}
	}
	for name, data := range again {
		want.WriteFile(name, data)
	}
	want.Expect("d/f.js")
	got, w := cont.Finish(), want.Finish()
	if !slices.Equal(got.ends, w.ends) || got.names != w.names || !slices.Equal(got.ids, w.ids) {
		t.Errorf("continued record:\n%q %v %q\nwant\n%q %v %q", got.names, got.ends, got.ids, w.names, w.ends, w.ids)
	}
	if !got.HasID("d/e.html", "e2") || got.HasID("d/e.html", "e") || got.Has("b/x.csv") || !got.Has("b/y.html") {
		t.Errorf("the continued record keeps a dropped file or an old page's ids")
	}
}
