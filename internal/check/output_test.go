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
