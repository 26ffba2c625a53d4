package report_test

import (
	"os"
	"testing"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// BenchmarkShed packs the indicator rows and data blocks of 500 generated
// reports (ShedBlocks) and reports the bytes they take a report, and the
// rows and blocks a report has.
//
//	go test ./internal/report -run '^$' -bench Shed -benchtime 1x
func BenchmarkShed(b *testing.B) {
	dir := b.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: 500, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for range b.N {
		site, err := source.Load(os.DirFS(dir))
		if err != nil {
			b.Fatal(err)
		}
		packed, rows, blocks, packedBlocks := 0, 0, 0, 0
		for _, r := range site.Reports() {
			rows += len(r.Indicators())
			blocks += len(r.Blocks())
			r.ShedBlocks()
			packed += report.PackedSize(r)
			packedBlocks += report.PackedBlocksSize(r)
		}
		n := float64(len(site.Reports()))
		b.ReportMetric(float64(packed)/n, "packed-bytes/report")
		b.ReportMetric(float64(rows)/n, "rows/report")
		b.ReportMetric(float64(packedBlocks)/n, "packed-block-bytes/report")
		b.ReportMetric(float64(blocks)/n, "blocks/report")
	}
}
