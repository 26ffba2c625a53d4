package output

import "golang.org/x/sys/unix"

// exchange swaps two existing paths in one step, renameat2(RENAME_EXCHANGE),
// so that the target is never missing. It fails, having moved nothing, on
// kernels before 3.15 and file systems without it.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
