//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// keepMode gives dir the mode of the directory it replaces, whose stat is
// st; there is no owner to keep on this system.
func keepMode(dir string, st fs.FileInfo) error { return os.Chmod(dir, st.Mode()&fs.ModePerm) }
