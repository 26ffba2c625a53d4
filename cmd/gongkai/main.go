// Command gongkai builds the static site of a set of performance disclosures.
// See gongkai help.
package main

import (
	"os"

	"gongkai/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
