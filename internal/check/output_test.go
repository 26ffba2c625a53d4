package check

import (
	"fmt"
	"maps"
	"math/rand/v2"
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
	if !slices.Equal(names(got), names(w)) || !slices.Equal(got.ids, w.ids) {
		t.Errorf("continued record:\n%q %q\nwant\n%q %q", names(got), got.ids, names(w), w.ids)
	}
	if !got.HasID("d/e.html", "e2") || got.HasID("d/e.html", "e") || got.Has("b/x.csv") || !got.Has("b/y.html") {
		t.Errorf("the continued record keeps a dropped file or an old page's ids")
	}
}

// names lists the file names of o, in order.
func names(o *Output) []string {
	var ns []string
	for i := range o.at {
		ns = append(ns, o.name(i))
	}
	return ns
}

// TestRecorderMerges: a Recorder that merges its files into its record as
// they come (mergeAt) records what a map of every file would: each name
// once, in order, with the ids of its last write; continuing a record, it
// drops the files drop names only from the record continued, not when a
// file of that name is written again after a merge.
func TestRecorderMerges(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(3, 4))
	want := map[string]string{}
	write := func(rec *Recorder, n int, dir string) {
		for range n {
			name := fmt.Sprintf("%s/%d/p%d.html", dir, rnd.IntN(50), rnd.IntN(n/40))
			id := fmt.Sprintf("id-%d", rnd.IntN(1000))
			if err := rec.WriteFile(name, []byte(`<p id="`+id+`">`)); err != nil {
				t.Fatal(err)
			}
			want[name] = packIDs([]string{id})
		}
	}
	check := func(what string, o *Output) {
		t.Helper()
		names := names(o)
		if !slices.Equal(names, slices.Sorted(maps.Keys(want))) {
			t.Fatalf("%s: %d names, want %d, in order", what, len(names), len(want))
		}
		for i, name := range names {
			if o.ids[i] != want[name] {
				t.Fatalf("%s: %s has ids %q, want %q", what, name, o.ids[i], want[name])
			}
		}
	}
	rec := NewRecorder(nil)
	write(rec, 3*mergeAt, "a")
	write(rec, mergeAt, "b")
	if rec.base == nil || len(rec.base.segs) < 2 {
		t.Fatalf("%d files made no merges", 4*mergeAt)
	}
	base := rec.Finish()
	check("first build", base)

	drop := func(name string) bool { return strings.HasPrefix(name, "b/") }
	for name := range want {
		if drop(name) {
			delete(want, name)
		}
	}
	cont := ContinueRecorder(base, drop, nil)
	write(cont, 2*mergeAt, "b")
	write(cont, mergeAt, "c")
	check("continued build", cont.Finish())
}

// TestOutputRepacks: a record continued again and again, each time
// replacing some files, keeps at most twice the bytes of the names it
// lists, in at most 65 segments.
func TestOutputRepacks(t *testing.T) {
	t.Parallel()
	var o *Output
	for round := range 300 {
		files := map[string]string{}
		for i := range 20 {
			files[fmt.Sprintf("r%d/page-%d.html", (round+i)%40, i)] = ""
		}
		o = compact(o, func(name string) bool { return strings.HasPrefix(name, fmt.Sprintf("r%d/", round%40)) }, files)
		kept, held := 0, 0
		for i := range o.at {
			kept += len(o.name(i))
		}
		for _, s := range o.segs {
			held += len(s)
		}
		if len(o.segs) > 65 || held > 2*kept+4096 {
			t.Fatalf("round %d: %d segments of %d bytes for %d bytes of names", round, len(o.segs), held, kept)
		}
	}
}
