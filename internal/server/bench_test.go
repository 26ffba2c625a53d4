package server

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"gongkai/internal/benchcorpus"
)

// BenchmarkIncrementalEdit1000 times what serve does when an author saves
// one section of one report in a site of 1,000 reports: the rebuild of that
// report and of the pages that list it. It reports the median too, the
// figure the author feels.
func BenchmarkIncrementalEdit1000(b *testing.B) {
	dir := benchSite(b)
	s := &site{src: os.DirFS(dir)}
	if res := s.rebuild(nil, true); res.files == nil {
		b.Fatalf("full build failed: %v", res.problems)
	}
	name := editedSection(s)
	file := filepath.Join(dir, filepath.FromSlash(name))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// The first sentence of the text, after the front matter.
	body := bytes.Index(orig[3:], []byte("+++")) + 6
	end := body + bytes.Index(orig[body:], []byte("。"))
	var took []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		edited := slices.Concat(orig[:end], fmt.Appendf(nil, "，第%d次修改", len(took)+1), orig[end:])
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		res := s.rebuild([]string{name}, false)
		took = append(took, time.Since(start))
		if res.files == nil || res.reports != 1 {
			b.Fatalf("rebuild: %d reports, problems %v", res.reports, res.problems)
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}

// benchSite generates the benchmark site of 1,000 reports.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// editedSection is the section the benchmarks edit: the first of a report
// in the middle of the newest year of s's last build.
func editedSection(s *site) string {
	model := s.last.Site()
	rep := model.Years[0].Reports[len(model.Years[0].Reports)/2]
	return path.Join(rep.Dir, "01-basic.md")
}
