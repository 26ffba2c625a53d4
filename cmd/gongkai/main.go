// Command gongkai builds the static site of a set of performance disclosures.
// See gongkai help.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"gongkai/internal/cli"
)

func main() {
	// A build allocates much short-lived memory (parsed Markdown, pages on
	// their way to disk) and holds little: collecting half as often cuts the
	// time of a 1,000-report build by about a tenth, for about 70 MB more
	// peak memory (BenchmarkBuild1000, scripts/bench-vs-hugo.sh). GOGC, when
	// set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	// A soft limit keeps a large site under 1 GB: 10,000 reports hold some
	// 450 MB of text and figures, which GOGC=200 would let grow to 2 GB.
	// Near the limit the collector runs more often instead. GOMEMLIMIT,
	// when set, still decides.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(900 << 20)
	}
	os.Exit(run())
}

// run runs the command, under the CPU profiler when GONGKAI_CPUPROFILE names
// a file to write the profile to, and with a heap profile at the end when
// GONGKAI_MEMPROFILE names one: how the performance work measures whole
// processes (go tool pprof FILE).
func run() int {
	if name := os.Getenv("GONGKAI_CPUPROFILE"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gongkai: GONGKAI_CPUPROFILE: %v\n", err)
			return cli.ExitError
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(os.Stderr, "gongkai: GONGKAI_CPUPROFILE: %v\n", err)
			return cli.ExitError
		}
		defer pprof.StopCPUProfile()
	}
	code := cli.Main(os.Args[1:], os.Stdout, os.Stderr)
	// GONGKAI_MEMPROFILE names a file for a heap profile taken at the end,
	// before anything is let go: what a build still holds (go tool pprof
	// -sample_index=inuse_space FILE).
	if name := os.Getenv("GONGKAI_MEMPROFILE"); name != "" {
		f, err := os.Create(name)
		if err == nil {
			err = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gongkai: GONGKAI_MEMPROFILE: %v\n", err)
		}
	}
	return code
}
