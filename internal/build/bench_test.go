package build

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gongkai/internal/benchcorpus"
)

// bench10k runs BenchmarkBuild10000, which needs a minute and a corpus of
// 330 MB; GONGKAI_BENCH_10K=1 does too.
var bench10k = flag.Bool("bench10k", false, "run BenchmarkBuild10000")

// corpus generates a site of n reports, outside the timed loop.
func corpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := benchcorpus.Generate(dir, benchcorpus.Options{Reports: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchBuild times build.Write of an n-report site, with charts and checks,
// each time into a fresh output directory, as a first build writes it.
//
// No output is removed before the end: on ext4 without a journal (as on
// the development machine's disk) creating an inode skips, one by one, the
// inodes deleted in the last minute or more (ext4's recently_deleted), so a
// build after removing thousands of files spends seconds in the kernel.
// For the same reason, numbers are steadier with TMPDIR on a tmpfs
// (TMPDIR=/dev/shm go test …): the benchmarks before this one remove their
// temporary directories.
func benchBuild(b *testing.B, n int) {
	src := os.DirFS(corpus(b, n))
	opt := Options{}
	tmp := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		out := filepath.Join(tmp, fmt.Sprint("public", i))
		res, err := Write(src, out, opt)
		if err != nil {
			b.Fatal(err)
		}
		if res.Reports != n {
			b.Fatalf("built %d reports, want %d", res.Reports, n)
		}
		if i == 0 && len(res.Findings) > 0 {
			b.Logf("%d findings, the first: %s", len(res.Findings), res.Findings[0])
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/report")
}

func BenchmarkBuild100(b *testing.B)  { benchBuild(b, 100) }
func BenchmarkBuild1000(b *testing.B) { benchBuild(b, 1000) }

func BenchmarkBuild10000(b *testing.B) {
	if !*bench10k && os.Getenv("GONGKAI_BENCH_10K") != "1" {
		b.Skip("needs -bench10k or GONGKAI_BENCH_10K=1")
	}
	benchBuild(b, 10000)
}

// BenchmarkCheck1000 times gongkai check alone: load, checks, and the
// rendering in memory that the link checks need.
func BenchmarkCheck1000(b *testing.B) {
	src := os.DirFS(corpus(b, 1000))
	b.ReportAllocs()
	for b.Loop() {
		fs, err := Check(src)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) > 0 {
			b.Fatalf("%d findings, the first: %s", len(fs), fs[0])
		}
	}
}
