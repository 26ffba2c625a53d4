// Package output writes a built site to disk atomically. Files go into a
// fresh temporary directory beside the target; only when every file is
// written does the temporary directory replace the target. A failed or killed
// build leaves the previous output as it was, and nothing from an earlier build
// lingers in the new one.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Marker is the file that marks a directory as gongkai's output, so that a
// build never replaces a directory it did not make.
const Marker = ".gongkai-output"

const markerText = "This directory is written by gongkai build and is replaced whole on every build.\n"

// Dir is an output directory being written.
type Dir struct {
	target string
	tmp    string
	mu     sync.Mutex
	dirs   map[string]bool
}

// Create starts writing the output for target. It refuses a target that
// exists, is not empty, and was not made by gongkai.
func Create(target string) (*Dir, error) {
	d, err := create(target, Marker)
	if err != nil {
		return nil, err
	}
	if err := d.WriteFile(Marker, []byte(markerText)); err != nil {
		d.Abort()
		return nil, err
	}
	return d, nil
}

// CreateOwned is Create for output that carries its own proof of origin:
// the target may be replaced only if it holds the file owner (an archive's
// MANIFEST.sha256), and no marker is added.
func CreateOwned(target, owner string) (*Dir, error) { return create(target, owner) }

func create(target, owner string) (*Dir, error) {
	target = filepath.Clean(target)
	if err := checkTarget(target, owner); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(target)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("创建输出目录的上级目录：%w", err)
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, tmpPrefix(base))
	if err != nil {
		return nil, fmt.Errorf("创建临时输出目录：%w", err)
	}
	return &Dir{target: target, tmp: tmp, dirs: map[string]bool{}}, nil
}

func tmpPrefix(base string) string { return "." + base + ".gongkai-tmp-" }

// removeStale deletes temporary directories that a killed build left behind.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, tmpPrefix(base)+"*"))
	old, _ := filepath.Glob(filepath.Join(parent, "."+base+".gongkai-old-*"))
	for _, m := range append(matches, old...) {
		os.RemoveAll(m)
	}
}

func checkTarget(target, owner string) error {
	st, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("输出路径 %s 已存在且不是目录", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, owner)); err != nil {
		return fmt.Errorf("拒绝覆盖 %s：该目录不是 gongkai 生成的（缺少 %s），其中的文件会丢失；请换一个 --out 目录，或确认后手动删除它", target, owner)
	}
	return nil
}

// WriteFile writes one file; name is slash-separated and relative to the root.
// It is safe to call from several goroutines.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("输出文件名无效：%q", name)
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	// The directory counts as made only once MkdirAll has returned: a
	// goroutine writing into it must not find it marked but not yet there.
	d.mu.Lock()
	if !d.dirs[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			d.mu.Unlock()
			return err
		}
		d.dirs[dir] = true
	}
	d.mu.Unlock()
	return os.WriteFile(p, data, 0o644)
}

// Commit replaces the target with what was written.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Stat(d.target); err == nil {
		parent, base := filepath.Split(d.target)
		if parent == "" {
			parent = "."
		}
		o, err := os.MkdirTemp(parent, "."+base+".gongkai-old-")
		if err != nil {
			d.Abort()
			return err
		}
		old = filepath.Join(o, base)
		if err := os.Rename(d.target, old); err != nil {
			os.Remove(o)
			d.Abort()
			return fmt.Errorf("替换输出目录：%w", err)
		}
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		if old != "" {
			os.Rename(old, d.target) // put the previous output back
			os.RemoveAll(filepath.Dir(old))
		}
		d.Abort()
		return fmt.Errorf("替换输出目录：%w", err)
	}
	if old != "" {
		return os.RemoveAll(filepath.Dir(old))
	}
	return nil
}

// Abort discards what was written; the target is untouched.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }
