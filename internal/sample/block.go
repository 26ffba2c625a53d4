package sample

import (
	"strings"
	"testing"
)

// Block returns the TOML of the seed's data block id — its [[budget]],
// [[counts]] or [[metrics]] table with its items — as the sample writes it,
// for a test that builds a site of its own around some of the seed's
// figures. The comments that open the next block are not part of it.
func Block(t testing.TB, id string) string {
	t.Helper()
	b := Report(t).Block(id)
	if b == nil {
		t.Fatalf("the seed has no data block %q", id)
	}
	pos := b.Position()
	data := FS(t)[pos.Path]
	if data == nil || pos.Line < 1 {
		t.Fatalf("data block %q: no source at %s", id, pos)
	}
	lines := strings.SplitAfter(string(data.Data), "\n")
	if pos.Line > len(lines) {
		t.Fatalf("data block %q: %s is past the end of the file", id, pos)
	}
	end := pos.Line
	for ; end < len(lines); end++ {
		if l := strings.TrimSpace(lines[end]); l == "+++" || topTable(l) {
			break
		}
	}
	for end > pos.Line {
		if l := strings.TrimSpace(lines[end-1]); l != "" && !strings.HasPrefix(l, "#") {
			break
		}
		end--
	}
	return strings.Join(lines[pos.Line-1:end], "")
}

// topTable reports whether a line opens a table of the front matter's top
// level, such as [[budget]] or [check], which ends the block before it; an
// item's [[budget.items]] does not.
func topTable(line string) bool {
	name, ok := strings.CutPrefix(line, "[")
	if !ok {
		return false
	}
	name, _, ok = strings.Cut(strings.TrimPrefix(name, "["), "]")
	return ok && !strings.Contains(name, ".")
}
