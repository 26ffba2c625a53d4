// Command gencorpus writes a synthetic site for benchmarks (see package
// benchcorpus): a gongkai site and, optionally, the equivalent Hugo site.
//
//	go run ./internal/benchcorpus/cmd/gencorpus -n 1000 -seed 1 -out DIR [-hugo DIR]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"gongkai/internal/benchcorpus"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of reports")
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same tree")
	firstYear := fs.Int("first-year", 2019, "first fiscal year")
	years := fs.Int("years", 5, "number of years the reports spread over")
	out := fs.String("out", "", "directory of the gongkai site (empty or new)")
	hugo := fs.String("hugo", "", "directory of the equivalent Hugo site (empty or new); none if empty")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" && *hugo == "" || fs.NArg() > 0 || *n < 1 || *years < 1 {
		fmt.Fprintln(stderr, "usage: gencorpus -n N -seed S -out DIR [-hugo DIR]")
		return 2
	}
	opt := benchcorpus.Options{Reports: *n, Seed: *seed, FirstYear: *firstYear, Years: *years}
	if *out != "" {
		if err := benchcorpus.Generate(*out, opt); err != nil {
			fmt.Fprintln(stderr, "gencorpus:", err)
			return 1
		}
	}
	if *hugo != "" {
		if err := benchcorpus.GenerateHugo(*hugo, opt); err != nil {
			fmt.Fprintln(stderr, "gencorpus:", err)
			return 1
		}
	}
	return 0
}
