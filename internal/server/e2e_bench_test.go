package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkSaveToServed1000 measures what an author waits for, as a
// browser would see it: serve runs on a site of 1,000 reports, with its
// watcher; each round appends a sentence to a section file and polls the
// report's page over HTTP until the sentence is there. It reports the
// median, the figure the author feels (the target: < 50 ms).
func BenchmarkSaveToServed1000(b *testing.B) {
	dir := benchSite(b)
	s, err := New(Config{Src: dir})
	if err != nil {
		b.Fatal(err)
	}
	name := editedSection(s.site)
	file := filepath.Join(dir, filepath.FromSlash(name))
	// content/YEAR/SLUG/… is served at YEAR/SLUG/index.html.
	page := "/" + strings.TrimPrefix(path.Dir(name), "content/") + "/index.html"

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	url := "http://" + ln.Addr().String() + page
	get := func() []byte {
		resp, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return body
	}
	get()
	// Let the watcher settle on the tree before the first save.
	time.Sleep(200 * time.Millisecond)

	var took []time.Duration
	for b.Loop() {
		mark := fmt.Appendf(nil, "第%d次保存的新句子。", len(took)+1)
		f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := f.Write(append([]byte("\n\n"), mark...)); err != nil {
			b.Fatal(err)
		}
		f.Close()
		for !bytes.Contains(get(), mark) {
			if time.Since(start) > 30*time.Second {
				b.Fatalf("%s never showed %s", page, mark)
			}
			time.Sleep(time.Millisecond)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}
