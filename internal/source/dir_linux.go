package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// openat2FS is the file system Dir returns on a Linux kernel with
// openat2(2) (5.6 and later): each open is one system call that the kernel
// refuses when any component of the path is a symbolic link or leads out of
// the directory (RESOLVE_NO_SYMLINKS, RESOLVE_BENEATH). It is race-free and
// costs what os.DirFS costs, where rootFS, which looks at each folder before
// it opens it, costs half as much again on a large site.
type openat2FS struct {
	dir *os.File // the site directory, held open
}

// newOpenat2FS returns the file system of the open directory dir, or nil
// when the kernel has no openat2.
func newOpenat2FS(dir *os.File) fs.FS {
	fd, err := unix.Openat2(int(dir.Fd()), ".", &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_BENEATH})
	if err != nil {
		return nil
	}
	unix.Close(fd)
	return openat2FS{dir: dir}
}

func (f openat2FS) Open(name string) (fs.File, error) {
	fd, err := f.open(name)
	if err != nil {
		return nil, err
	}
	// O_NONBLOCK keeps a FIFO from blocking the open; reading a file is
	// not changed by it. Clear it so that reads behave as usual.
	if err := unix.SetNonblock(fd, false); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), path.Join(f.dir.Name(), name)), nil
}

// open opens name for reading, non-blocking, and returns its descriptor.
func (f openat2FS) open(name string) (int, error) {
	if !fs.ValidPath(name) {
		return -1, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	how := &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK, Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_BENEATH}
	var fd int
	var err error
	for {
		fd, err = unix.Openat2(int(f.dir.Fd()), name, how)
		if !errors.Is(err, unix.EINTR) && !errors.Is(err, unix.EAGAIN) {
			break
		}
	}
	switch {
	case errors.Is(err, unix.ELOOP), errors.Is(err, unix.EXDEV):
		// A link somewhere on the path: RESOLVE_NO_SYMLINKS refuses it
		// with ELOOP, RESOLVE_BENEATH one leading out with EXDEV.
		return -1, &fs.PathError{Op: "open", Path: f.link(name), Err: ErrSymlink}
	case err != nil:
		return -1, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fd, nil
}

// readRegular is readRegular of the package in the fewest system calls:
// open (which refuses a link anywhere on the path), stat, read to the end,
// close; Open and an os.File take three more.
func (f openat2FS) readRegular(name string, limit int64, buf *Buffers) (data []byte, size int64, regular bool, err error) {
	fd, err := f.open(name)
	if err != nil {
		return nil, 0, false, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, 0, false, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFREG:
		return nil, st.Size, false, nil
	case st.Size > limit:
		return nil, st.Size, true, nil
	}
	data, err = readAtMost(fdReader(fd), st.Size, limit+1, buf)
	if err != nil {
		return nil, st.Size, true, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, st.Size, true, nil
}

// fdReader reads the descriptor of a regular file, for readAtMost. A
// regular file answers a read with less than it asked for only at its
// end, which Read then says at once: a file of the size it stated is read
// in one call, not a second one that finds nothing more.
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(int(fd), p)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return 0, err
		case n < len(p):
			return n, io.EOF
		}
		return n, nil
	}
}

// ReadDir lists a folder sorted by name, as fs.ReadDir does; the entries'
// types are those of the entries themselves, links not followed.
func (f openat2FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	entries, err := file.(*os.File).ReadDir(-1)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return entries, nil
}

// parent opens the folder of name, refusing links on its way, and returns
// it with the base name.
func (f openat2FS) parent(op, name string) (*os.File, string, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	d, err := f.Open(path.Dir(name))
	if err != nil {
		return nil, "", &fs.PathError{Op: op, Path: name, Err: err.(*fs.PathError).Err}
	}
	return d.(*os.File), path.Base(name), nil
}

// Lstat describes name itself, a link not followed; no folder on its way
// may be a link.
func (f openat2FS) Lstat(name string) (fs.FileInfo, error) {
	if name == "." {
		return f.dir.Stat()
	}
	d, base, err := f.parent("lstat", name)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var st unix.Stat_t
	if err := unix.Fstatat(int(d.Fd()), base, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return statInfo{name: base, st: st}, nil
}

// link names the first component of name that is a symbolic link, for an
// open the kernel refused; name itself when none is found (it changed).
func (f openat2FS) link(name string) string {
	parts := strings.Split(name, "/")
	for i := range parts {
		prefix := strings.Join(parts[:i+1], "/")
		var st unix.Stat_t
		if unix.Fstatat(int(f.dir.Fd()), prefix, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
			return prefix
		}
	}
	return name
}

// statInfo is an fs.FileInfo of a unix.Stat_t.
type statInfo struct {
	name string
	st   unix.Stat_t
}

func (i statInfo) Name() string       { return i.name }
func (i statInfo) Size() int64        { return i.st.Size }
func (i statInfo) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i statInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i statInfo) Sys() any           { return &i.st }
func (i statInfo) Mode() fs.FileMode {
	m := fs.FileMode(i.st.Mode & 0o777)
	switch i.st.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	}
	return m
}

// ReadLink says where the link name points, for the message that refuses it.
func (f openat2FS) ReadLink(name string) (string, error) {
	d, base, err := f.parent("readlink", name)
	if err != nil {
		return "", err
	}
	defer d.Close()
	buf := make([]byte, 4096)
	n, err := unix.Readlinkat(int(d.Fd()), base, buf)
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return string(buf[:n]), nil
}
