package search

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gongkai/internal/markdown"
	"gongkai/internal/render"
	"gongkai/internal/report"
	"gongkai/internal/route"
)

// many is n reports of a few units over three years, each with a text of
// its own.
func many(n int) ([]*report.Report, map[*report.Report]map[string]string) {
	var reps []*report.Report
	md := map[*report.Report]map[string]string{}
	for i := range n {
		year := 2021 + i%3
		slug := fmt.Sprintf("unit-%03d", i/3)
		r := &report.Report{Slug: slug, Dir: fmt.Sprintf("content/%d/%s", year, slug), Year: year,
			Org: fmt.Sprintf("虚构第%d单位", i/3), OrgID: slug, Title: fmt.Sprintf("%d年度虚构第%d单位报告", year, i/3),
			Sections: []*report.Section{{ID: "01-basic", Title: "一、基本情况"}}}
		r.Sections[0].Body.Pos.Path = r.Dir + "/01-basic.md"
		md[r] = map[string]string{r.Sections[0].Body.Pos.Path: fmt.Sprintf("完成项目验收%d个，处理投诉举报%d件。", i, i*7%1000)}
		reps = append(reps, r)
	}
	return reps, md
}

// TestBatches: reports are indexed a batch at a time by the worker whose
// report fills it, and the rest on Flush; the index is the same bytes
// whatever the batch, with reports fed from two goroutines at once.
func TestBatches(t *testing.T) {
	needIndex(t)
	t.Parallel()
	reps, md := many(150)
	conv := markdown.New()
	build := func(batch int) map[string][]byte {
		mem := render.NewMemory(map[string][]byte{})
		b := New(reps, mem)
		b.batch = batch
		var wg sync.WaitGroup
		for half := range 2 {
			wg.Go(func() {
				for _, r := range reps[half*len(reps)/2 : (half+1)*len(reps)/2] {
					for path, src := range md[r] {
						facts := conv.Inspect([]byte(src))
						b.Text(r, report.Text{Pos: report.Pos{Path: path}}, &facts)
					}
					b.Report(r)
				}
			})
		}
		wg.Wait()
		texts := func() int {
			n := 0
			for name := range mem.Files {
				if strings.HasPrefix(name, route.SearchDir+"/t/") {
					n++
				}
			}
			return n
		}
		if got, want := texts(), len(reps)/batch*batch; got != want {
			t.Errorf("batch %d: %d text files before Flush, want %d", batch, got, want)
		}
		if err := b.Flush(); err != nil {
			t.Fatal(err)
		}
		if got := texts(); got != len(reps) {
			t.Errorf("batch %d: %d text files after Flush, want %d", batch, got, len(reps))
		}
		if err := b.Finish(mem); err != nil {
			t.Fatal(err)
		}
		return mem.Files
	}
	want := build(1)
	for _, batch := range []int{batchSize, 1000} {
		got := build(batch)
		if len(got) != len(want) {
			t.Fatalf("batch %d: %d files, want %d", batch, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("batch %d: %s differs from the index of one report at a time", batch, name)
			}
		}
	}
}
