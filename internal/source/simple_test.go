package source

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestDecodeSimple(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool // whether the fast path takes it
	}{
		{"", true},
		{"title = \"二、一般公共预算支出情况\"\nweight = 2\n", true},
		{"# 注释\n\ta = -0.50 # 原文\nb = true\nc = false\n", true},
		{"[[budget]]\nid = \"a\"\n  [[budget.items]]\n  name = \"甲\"\n  amount = 1.5\n  [[budget.items]]\n  name = \"乙\"\n[[budget]]\nid = \"b\"\n", true},
		{"[site]\nx = 1\n[site.footer]\ny = \"\"\n", true},
		{"a = 1#c\nb = \"#\"#c\n", true},
		{"published = 2024-04-30\n", true},
		{"published = 2024-02-30\n", false},
		{"published = 2024-4-30\n", false},
		{"t = 2024-04-30T08:00:00\n", false},
		{"a = \"\\u00e9\"\n", false},
		{"a = 'literal'\n", false},
		{"a = \"\"\"\nx\n\"\"\"\n", false},
		{"a.b = 1\n", false},
		{"\"a\" = 1\n", false},
		{"a = 1_000\n", false},
		{"a = +1\n", false},
		{"a = 1e3\n", false},
		{"a = 01\n", false},
		{"a = 1.\n", false},
		{"a = [1, 2]\n", false},
		{"a = {b = 1}\n", false},
		{"a = 1\na = 2\n", false},
		{"[a]\n[a]\n", false},
		{"[a.b]\n", false},
		{"a = 1\n[a]\n", false},
		{"[[a]]\n[a]\n", false},
		{"a = 99999999999999999999\n", false},
		{"a = 1 x\n", false},
		{"a = \"x\" y\n", false},
		{"a\n", false},
		{"[a] x\n", false},
	}
	for _, tt := range tests {
		got, ix, ok := decodeSimple("f.md", tt.in, 2)
		if ok != tt.want {
			t.Errorf("decodeSimple(%q) ok = %v, want %v", tt.in, ok, tt.want)
			continue
		}
		if ok {
			sameAsTOML(t, tt.in, got, ix)
		}
	}
}

// TestDecodeSimpleTakesTheSample checks that the fast path reads every
// front matter of the sample site, as toml.Decode does.
func TestDecodeSimpleTakesTheSample(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../content/*/*/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, e := split(f, data)
		if e != nil {
			t.Fatal(e)
		}
		got, ix, ok := decodeSimple(doc.path, doc.fm, doc.fmLine)
		if !ok {
			t.Errorf("%s: the fast path refused it", f)
			continue
		}
		sameAsTOML(t, doc.fm, got, ix)
	}
}

// sameAsTOML checks the fast path's result against toml.Decode's and its
// key index against indexKeys' (for front matter starting on line 2).
func sameAsTOML(t *testing.T, in string, got map[string]any, ix *keyIndex) {
	t.Helper()
	if want := indexKeys(ix.path, in, ix.pos[""].Line+1); !reflect.DeepEqual(ix, want) {
		t.Fatalf("decodeSimple(%q) indexes %+v, indexKeys %+v", in, *ix, *want)
	}
	want := map[string]any{}
	if _, err := toml.Decode(in, &want); err != nil {
		t.Fatalf("decodeSimple took %q, which toml.Decode refuses: %v", in, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeSimple(%q) = %#v, toml.Decode gives %#v", in, got, want)
	}
}

// FuzzDecodeSimple holds the fast path to toml.Decode: whatever it takes,
// it must read as toml.Decode does.
func FuzzDecodeSimple(f *testing.F) {
	for _, s := range []string{
		"title = \"一\"\nweight = 3\n",
		"[[budget]]\nid = \"initial\"\ntotal = 1110.98\n  [[budget.items]]\n  code = \"204\"\n  name = \"公共安全支出\"\n  amount = 971.76\n  share = 90.49\n",
		"[[counts]]\nid = \"c\"\nexhaustive = false # 其中\n[[counts.items]]\nvalue = -0\n",
		"[a]\nb = 1\n[a.c]\nd = 2\n[e]\n",
		"a = 1\n\t# x\n b = \"\"\n",
		"as_of = 2023-10-25\npublished = 2024-02-29 # 闰年\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, ix, ok := decodeSimple("f.md", in, 2); ok {
			sameAsTOML(t, in, got, ix)
		}
	})
}
