package cli

import (
	"fmt"
	"os"
	"time"

	"gongkai/internal/output"
)

// holdbuild is a build that stays in the middle of writing: it takes the
// output lock of OUT as gongkai build does, writes a file into its
// temporary folder, creates READY, and waits until RELEASE exists (at
// most a minute) before it gives up without replacing OUT. A script runs
// it in the background to put a second build beside a running one:
//
//	holdbuild OUT READY RELEASE
func holdbuild() int {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: holdbuild OUT READY RELEASE")
		return 2
	}
	out, ready, release := os.Args[1], os.Args[2], os.Args[3]
	d, err := output.Create(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer d.Abort()
	if err := d.WriteFile("index.html", []byte("half-written")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := os.WriteFile(ready, nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(release); err == nil {
			return 0
		}
	}
	fmt.Fprintln(os.Stderr, "holdbuild: never released")
	return 1
}
