package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"gongkai/internal/report"
)

// MaxFileSize is the most a Markdown or TOML source file may hold. A report's
// largest file, its index.md with every data block, is some tens of
// kilobytes; the limit keeps a wrong or hostile file from taking the memory
// and time of a build.
const MaxFileSize = 4 << 20

// MaxAttachmentSize is the largest attachment a report may carry. A build
// holds an attachment in memory while it copies it, and serve holds every
// one: a scanned report of a few hundred pages is well under it.
const MaxAttachmentSize = 256 << 20

// readFile reads the source file p, which must be a regular file (not a
// symbolic link, when link is true: a file that a directory listing has not
// vouched for) of at most MaxFileSize bytes. It reports every problem but a
// missing file, for which it returns found false and leaves the message to
// the caller.
func (l *loader) readFile(p string, link bool) (data []byte, found bool) {
	var size int64
	var regular bool
	var err error
	if r, ok := l.fsys.(regularReader); ok {
		// It refuses a link itself, wherever on the path.
		data, size, regular, err = r.readRegular(p, MaxFileSize, l.buf)
	} else {
		data, size, regular, err = readRegular(l.fsys, p, link, MaxFileSize, l.buf)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false
	case err != nil:
		l.fsError(p, "无法读取", err)
	case !regular:
		l.errs.add(report.Pos{Path: p}, "不是普通文件，无法作为源文件读取")
	case size > MaxFileSize:
		l.tooLarge(p, fmt.Sprint(size))
	case len(data) > MaxFileSize:
		l.tooLarge(p, fmt.Sprintf("超过 %d", MaxFileSize))
	default:
		return data, true
	}
	return nil, true
}

// regularReader is a file system that reads a regular file whole in a few
// system calls (openat2FS on Linux): a build reads every source file, and
// a large site's build reads each twice.
type regularReader interface {
	readRegular(name string, limit int64, buf *Buffers) (data []byte, size int64, regular bool, err error)
}

// readRegular reads name in fsys whole if it is a regular file of at most
// limit bytes, as regularReader says; with link, a symbolic link at name
// is an error wrapping ErrSymlink. A directory, a named pipe or a device is
// not read (reading a pipe would wait for ever), nor a file whose size is
// over limit; and since a file may grow while it is read, reading stops
// past limit. The bytes are taken from buf.
func readRegular(fsys fs.FS, name string, link bool, limit int64, buf *Buffers) (data []byte, size int64, regular bool, err error) {
	if link {
		info, err := fs.Lstat(fsys, name)
		if err != nil {
			return nil, 0, false, err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, 0, false, &fs.PathError{Op: "lstat", Path: name, Err: ErrSymlink}
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, 0, false, err
	case !info.Mode().IsRegular():
		return nil, info.Size(), false, nil
	case info.Size() > limit:
		return nil, info.Size(), true, nil
	}
	data, err = readAtMost(f, info.Size(), limit+1, buf)
	return data, info.Size(), true, err
}

// readAtMost reads r to its end or to limit bytes, whichever comes first,
// into a slice sized for the size r says it has: a file of that size is
// read with no buffer but the slice it is kept in, taken from buf.
func readAtMost(r io.Reader, size, limit int64, buf *Buffers) ([]byte, error) {
	data := buf.take(int(min(size, limit) + 1))
	for int64(len(data)) < limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // let append grow it
		}
		end := min(int64(cap(data)), limit)
		n, err := r.Read(data[len(data):end])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

func (l *loader) tooLarge(p, size string) {
	l.errs.add(report.Pos{Path: p}, "文件过大（%s 字节，上限 %d 字节，即 %d MiB）：源文件应是报告的文字和数据，请拆分或删减", size, MaxFileSize, MaxFileSize>>20)
}

// fsError reports an error of the file system about p, saying in words
// what a user can act on: a permission, a symbolic link.
func (l *loader) fsError(p, what string, err error) {
	switch {
	case errors.Is(err, ErrSymlink):
		// A Dir file system names the link in the error, which may be a
		// folder above p.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			p = pe.Path
		}
		l.symlink(p)
	case errors.Is(err, fs.ErrPermission):
		l.errs.add(report.Pos{Path: p}, "%s：权限不足（请检查文件和目录的读取权限）", what)
	case errors.Is(err, fs.ErrNotExist):
		l.errs.add(report.Pos{Path: p}, "%s：不存在", what)
	default:
		l.errs.add(report.Pos{Path: p}, "%s：%v", what, err)
	}
}

// symlink reports the symbolic link p, with where it points when the file
// system can say.
func (l *loader) symlink(p string) {
	msg := "不能使用符号链接"
	if target, err := fs.ReadLink(l.fsys, p); err == nil {
		msg += fmt.Sprintf("（指向 %s）", quoteName(target))
	}
	l.errs.add(report.Pos{Path: p}, "%s：gongkai 不跟随符号链接，以免发布源目录以外的文件；请换成文件或目录本身", msg)
}
