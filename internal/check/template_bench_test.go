package check

import (
	"testing"

	"gongkai/internal/markdown"
	"gongkai/internal/report"
	"gongkai/internal/sample"
)

// BenchmarkTextCheck runs Text.Check over the texts of the sample report,
// their facts read beforehand as render hands them over: the cost of the
// template and cover-page rules alone.
func BenchmarkTextCheck(b *testing.B) {
	r := sample.Report(b)
	md := markdown.New()
	texts := []report.Text{r.Preface}
	for _, s := range r.Sections {
		texts = append(texts, s.Body)
	}
	facts := make([]markdown.Facts, len(texts))
	size := 0
	for i, tx := range texts {
		facts[i] = md.Inspect(tx.Source)
		size += len(tx.Source)
	}
	tc := NewText(report.SiteCheck{})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, tx := range texts {
			tc.Check(r, tx, &facts[i], func(Finding) {})
		}
	}
}
