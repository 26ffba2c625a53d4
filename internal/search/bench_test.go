package search_test

import (
	"os"
	"strings"
	"testing"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/build"
	"gongkai/internal/render"
	"gongkai/internal/route"
)

// BenchmarkIndexSize builds the 1,000-report benchmark corpus in memory and
// reports the bytes of the search index against those of the HTML pages
// (the target: at most 25%), the largest key shard and the mean text file.
//
//	go test ./internal/search -run '^$' -bench IndexSize -benchtime 1x
func BenchmarkIndexSize(b *testing.B) {
	dir := b.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	// b.Loop here crashes the Go 1.26.8 compiler (iter.Seq2); b.N does not.
	for range b.N {
		mem := render.NewMemory(map[string][]byte{})
		if _, err := build.New(os.DirFS(dir), build.Options{}).Run(mem); err != nil {
			b.Fatal(err)
		}
		var html, index, keys, texts, maxKey, nText int
		for name, data := range mem.Files {
			switch {
			case name == route.Search:
				html += len(data)
			case strings.HasPrefix(name, route.SearchDir+"/"):
				index += len(data)
				if strings.HasPrefix(name, route.SearchDir+"/k/") {
					keys += len(data)
					maxKey = max(maxKey, len(data))
				}
				if strings.HasPrefix(name, route.SearchDir+"/t/") {
					texts += len(data)
					nText++
				}
			case strings.HasSuffix(name, ".html"):
				html += len(data)
			}
		}
		b.ReportMetric(float64(html), "html-bytes")
		b.ReportMetric(float64(index), "index-bytes")
		b.ReportMetric(100*float64(index)/float64(html), "index-%-of-html")
		b.ReportMetric(float64(keys), "key-bytes")
		b.ReportMetric(float64(maxKey), "max-shard-bytes")
		b.ReportMetric(float64(texts)/float64(max(nText, 1)), "text-bytes/report")
	}
}
