//go:build unix

package output

import (
	"io"
	"io/fs"
	"syscall"
)

// writeFile writes data to the new file name, 0644 less the umask, as
// os.WriteFile does, in three system calls: os.OpenFile on Linux also
// makes the descriptor non-blocking, offers it to the runtime's poller,
// which refuses a regular file, and makes it blocking again (five calls
// more for each of a site's files). The last element of name may not be a
// symbolic link: the folder is the build's own.
func writeFile(name string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n <= 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
