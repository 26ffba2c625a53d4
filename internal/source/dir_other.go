//go:build !linux

package source

import (
	"io/fs"
	"os"
)

// newOpenat2FS is nil where there is no openat2(2): Dir uses rootFS.
func newOpenat2FS(*os.File) fs.FS { return nil }
