// Package sample gives tests the repository's sample site, the real 2023
// report, as the one copy of its figures.
//
// The sample site is site.toml and content/ at the repository's root: the
// 2023 self-evaluation of 炎陵县公安局交通警察大队, its figures as the unit
// published them, errors included (items that do not add up to the stated
// totals, shares that do not match the amounts). A test that needs the
// seed's budgets, counts or metrics reads them here rather than typing them
// again, so that the figures are written once, in content/; a test that
// wants a variant of them, such as a share that agrees, makes it from what
// it read and says why.
//
// Each function reads the files afresh, so a test may change what it gets.
package sample

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"gongkai/internal/report"
	"gongkai/internal/source"
)

// FS returns the sample site, site.toml and the files under content/, in
// memory: a test may add, change or remove files of its copy.
func FS(t testing.TB) fstest.MapFS {
	t.Helper()
	root := os.DirFS(moduleRoot(t))
	fsys := fstest.MapFS{}
	add := func(p string) error {
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		fsys[p] = &fstest.MapFile{Data: data}
		return nil
	}
	err := add("site.toml")
	if err == nil {
		err = fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			return add(p)
		})
	}
	if err != nil {
		t.Fatalf("reading the sample site: %v", err)
	}
	return fsys
}

// moduleRoot is the folder of go.mod, found upward from the working
// directory, which go test sets to the folder of the package under test.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory: the sample site is at the module's root")
		}
		dir = parent
	}
}

// Site returns the sample site as source.Load reads it, figures derived.
func Site(t testing.TB) *report.Site {
	t.Helper()
	site, err := source.Load(FS(t))
	if err != nil {
		t.Fatalf("loading the sample site: %v", err)
	}
	return site
}

// Report returns the sample site's one report, the seed.
func Report(t testing.TB) *report.Report {
	t.Helper()
	rs := Site(t).Reports()
	if len(rs) != 1 {
		t.Fatalf("the sample site has %d reports, want the seed alone", len(rs))
	}
	return rs[0]
}
