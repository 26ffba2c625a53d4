// Package theme layers a site's own layouts/ and static/ over the built-in
// ones, file by file: a file the site has wins, every other file comes from
// the built-in theme.
package theme

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Overlay is a read-only file system showing upper over lower.
type Overlay struct {
	upper, lower fs.FS
}

// New returns upper over lower. A nil upper is an empty one.
func New(upper, lower fs.FS) *Overlay { return &Overlay{upper: upper, lower: lower} }

// Open opens name from upper if it is there, else from lower.
func (o *Overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if o.upper != nil {
		f, err := o.upper.Open(name)
		if err == nil {
			st, serr := f.Stat()
			if serr == nil && !st.IsDir() {
				return f, nil
			}
			f.Close()
			if serr == nil && st.IsDir() {
				return o.openDir(name)
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	f, err := o.lower.Open(name)
	if err != nil {
		return nil, err
	}
	if st, serr := f.Stat(); serr == nil && st.IsDir() {
		f.Close()
		return o.openDir(name)
	}
	return f, nil
}

// ReadDir merges both layers' entries, upper winning, sorted by name.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var (
		entries []fs.DirEntry
		found   bool
		seen    = map[string]bool{}
	)
	for _, layer := range []fs.FS{o.upper, o.lower} {
		if layer == nil {
			continue
		}
		es, err := fs.ReadDir(layer, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				entries = append(entries, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// openDir returns a directory whose entries are the merged ones.
func (o *Overlay) openDir(name string) (fs.File, error) {
	entries, err := o.ReadDir(name)
	if err != nil {
		return nil, err
	}
	var info fs.FileInfo
	for _, layer := range []fs.FS{o.upper, o.lower} {
		if layer == nil {
			continue
		}
		if st, err := fs.Stat(layer, name); err == nil {
			info = st
			break
		}
	}
	return &dir{info: info, entries: entries}, nil
}

type dir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.off += len(rest)
	return rest, nil
}
