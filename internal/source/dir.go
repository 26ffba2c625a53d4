package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// ErrSymlink is the error, wrapped in an *fs.PathError, of every operation
// of a Dir file system on a path with a symbolic link in it.
var ErrSymlink = errors.New("不能使用符号链接（gongkai 不跟随符号链接，以免发布源目录以外的文件）")

// Dir opens the site directory dir for reading, as the file system every
// command reads a site from. Load reports symbolic links where it meets them
// (it sees them in directory listings); Dir is the second line of defence,
// for everything that reads the site after Load (layouts/, static/, the
// attachments) and for a link made while a build runs:
//
//   - no path, however raced, leads outside dir;
//   - it refuses any path with a symbolic link in it, at any depth, with an
//     error that wraps ErrSymlink.
//
// On Linux it asks the kernel for both in each open (openat2FS); elsewhere
// it is an os.Root that looks at each component with Lstat before it opens
// a file, and checks that the file and the folder it opened are the ones it
// looked at (rootFS).
//
// dir itself may be a symbolic link: the user named it.
func Dir(dir string) (fs.FS, error) { return openDir(dir, true) }

// openDir is Dir, with the kernel's help where it has openat2 and kernel
// is true; tests try rootFS on Linux with kernel false.
func openDir(dir string, kernel bool) (fs.FS, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &dirError{fmt.Sprintf("源目录 %s 不存在", dir), err}
	case errors.Is(err, fs.ErrPermission):
		return nil, &dirError{fmt.Sprintf("无法读取源目录 %s：权限不足", dir), err}
	case err != nil:
		return nil, &dirError{fmt.Sprintf("无法读取源目录 %s：%v", dir, err), err}
	case !info.IsDir():
		return nil, &dirError{fmt.Sprintf("源目录 %s 不是目录", dir), nil}
	}
	if d, err := os.Open(dir); kernel && err == nil {
		if f := newOpenat2FS(d); f != nil {
			return f, nil
		}
		d.Close()
	} else if err == nil {
		d.Close()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, &dirError{fmt.Sprintf("无法读取源目录 %s：权限不足", dir), err}
		}
		return nil, &dirError{fmt.Sprintf("无法打开源目录 %s：%v", dir, err), err}
	}
	// The root stays open for as long as the file system is used: the
	// os.Root closes itself once it is unreachable.
	return rootFS{root: root, dirs: new(sync.Map)}, nil
}

// Open opens the site in dir as Dir does, and makes sure it is a site
// before anything is built from it or written beside it: it holds
// site.toml or content/. A site missing only one of them gets the
// loader's own error, which names it.
func Open(dir string) (fs.FS, error) {
	fsys, err := Dir(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{ConfigFile, ContentDir} {
		if _, err := fs.Stat(fsys, name); !errors.Is(err, fs.ErrNotExist) {
			return fsys, nil
		}
	}
	return nil, fmt.Errorf("%s 不是 gongkai 站点：缺少 site.toml 和 content/；可用 gongkai new site 创建", dir)
}

// dirError is a message for the user about the source directory, wrapping
// the error it explains so that errors.Is still sees it.
type dirError struct {
	msg string
	err error
}

func (e *dirError) Error() string { return e.msg }
func (e *dirError) Unwrap() error { return e.err }

// rootFS is the file system Dir returns.
//
// An os.Root follows links inside the root, so rootFS looks before it opens.
// To look at every folder above every file would be a dozen system calls a
// file; instead it remembers each folder it has found to be no link (nor any
// folder above it), and checks, each time it opens the folder to reach a
// file in it, that it opened that same folder. A folder replaced since, by a
// link or anything else, is looked at afresh.
type rootFS struct {
	root *os.Root
	dirs *sync.Map // slash path → fs.FileInfo of a folder with no link on its way
}

var (
	_ fs.ReadDirFS  = rootFS{}
	_ fs.ReadFileFS = rootFS{}
	_ fs.StatFS     = rootFS{}
	_ fs.ReadLinkFS = rootFS{}
)

// verified returns what the folder dir is, after making sure that neither
// it nor a folder above it is a link.
func (r rootFS) verified(op, dir string) (fs.FileInfo, error) {
	if info, ok := r.dirs.Load(dir); ok {
		return info.(fs.FileInfo), nil
	}
	if parent := path.Dir(dir); parent != "." {
		if _, err := r.verified(op, parent); err != nil {
			return nil, err
		}
	}
	info, err := r.root.Lstat(dir)
	switch {
	case err != nil:
		return nil, pathError(op, dir, err)
	case info.Mode()&fs.ModeSymlink != 0:
		return nil, &fs.PathError{Op: op, Path: dir, Err: ErrSymlink}
	case !info.IsDir():
		return nil, &fs.PathError{Op: op, Path: dir, Err: syscall.ENOTDIR}
	}
	r.dirs.Store(dir, info)
	return info, nil
}

// openDir opens the folder dir, which has no link on its way, as a root of
// its own; done closes it.
func (r rootFS) openDir(op, dir string) (sub *os.Root, done func(), err error) {
	if dir == "." {
		return r.root, func() {}, nil
	}
	// A second try follows a change of the folder since it was verified.
	for range 2 {
		info, err := r.verified(op, dir)
		if err != nil {
			return nil, nil, err
		}
		sub, err := r.root.OpenRoot(dir)
		if err != nil {
			return nil, nil, pathError(op, dir, err)
		}
		now, err := sub.Lstat(".")
		if err == nil && os.SameFile(info, now) {
			return sub, func() { sub.Close() }, nil
		}
		sub.Close()
		r.dirs.Delete(dir)
	}
	return nil, nil, &fs.PathError{Op: op, Path: dir, Err: errChanging}
}

var errChanging = errors.New("目录在读取时不断变化")

// lstat describes name without following it, or refuses a link in a folder
// above it.
func (r rootFS) lstat(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		info, err := r.root.Lstat(".")
		return info, pathError(op, name, err)
	}
	sub, done, err := r.openDir(op, path.Dir(name))
	if err != nil {
		return nil, err
	}
	defer done()
	info, err := sub.Lstat(path.Base(name))
	return info, pathError(op, name, err)
}

// pathError gives an os.Root error the path the caller asked for: an
// os.Root error names the root's own directory, which a message about the
// site should not show.
func pathError(op, name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// Open opens name, which must have no symbolic link in it.
func (r rootFS) Open(name string) (fs.File, error) {
	return r.open("open", name)
}

func (r rootFS) open(op, name string) (*os.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		f, err := r.root.Open(".")
		return f, pathError(op, name, err)
	}
	sub, done, err := r.openDir(op, path.Dir(name))
	if err != nil {
		return nil, err
	}
	defer done()
	base := path.Base(name)
	before, err := sub.Lstat(base)
	if err != nil {
		return nil, pathError(op, name, err)
	}
	if before.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: op, Path: name, Err: ErrSymlink}
	}
	// O_NONBLOCK keeps a named pipe from blocking the open (until a
	// writer comes); reading a file or a folder is not changed by it.
	f, err := sub.OpenFile(base, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, pathError(op, name, err)
	}
	// A link put in the file's place after Lstat is followed by the open
	// (within the root): the file opened is then not the one looked at.
	after, err := f.Stat()
	if err != nil || !os.SameFile(before, after) {
		f.Close()
		if err == nil {
			err = ErrSymlink
		}
		return nil, pathError(op, name, err)
	}
	return f, nil
}

// ReadFile reads name, which must have no symbolic link in it.
func (r rootFS) ReadFile(name string) ([]byte, error) {
	f, err := r.open("open", name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return data, pathError("read", name, err)
}

// ReadDir lists the directory name, which must have no symbolic link in its
// path; the entries themselves may be links, which they say in their type.
func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := r.open("readdir", name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, pathError("readdir", name, err)
}

// Stat describes name, which must have no symbolic link in it.
func (r rootFS) Stat(name string) (fs.FileInfo, error) {
	info, err := r.lstat("stat", name)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: ErrSymlink}
	}
	return info, err
}

// Lstat describes name without following it: the last component may be a
// symbolic link, and Lstat says so, for Load to report it.
func (r rootFS) Lstat(name string) (fs.FileInfo, error) {
	return r.lstat("lstat", name)
}

// ReadLink returns where the link name points, for a message about it.
func (r rootFS) ReadLink(name string) (string, error) {
	if _, err := r.lstat("readlink", name); err != nil {
		return "", err
	}
	target, err := r.root.Readlink(name)
	return target, pathError("readlink", name, err)
}
