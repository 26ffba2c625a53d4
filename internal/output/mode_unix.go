//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// keepMode gives dir the mode, and where the process may set them the owner
// and group, of the directory it replaces, whose stat is st. The owner goes
// first, since changing it may clear the set-group-id bit.
func keepMode(dir string, st fs.FileInfo) error {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		uid, gid := int(sys.Uid), int(sys.Gid)
		// Only root may give a directory away, and only a member may
		// set its group; otherwise what cannot be kept is this
		// process's own, as for any new directory.
		err := os.Lchown(dir, uid, gid)
		if errors.Is(err, fs.ErrPermission) {
			err = os.Lchown(dir, -1, gid)
		}
		if err != nil && !errors.Is(err, fs.ErrPermission) {
			return err
		}
	}
	return os.Chmod(dir, st.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky))
}
