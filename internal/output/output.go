package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// Marker is the file that marks a directory as gongkai's output, so that a
// build never replaces a directory it did not make.
const Marker = ".gongkai-output"

const markerText = "This directory is written by gongkai build and is replaced whole on every build.\n"

// Dir is an output directory being written. It holds the target's lock from
// Create until Commit or Abort.
type Dir struct {
	target string
	tmp    string
	old    string // where the two-rename swap parks the previous output
	lock   *lock
	opt    options
	mu     sync.Mutex
	dirs   map[string]*folder // the folders under tmp made or being made
}

// folder is one folder of the output, made once by the first file written
// into it; the others wait for it, without holding Dir.mu.
type folder struct {
	once sync.Once
	err  error
}

// options are what tests change; production code uses the zero value.
type options struct {
	// crash, when set, is asked before each change Create and Commit make
	// to the file system; when it says yes, the build stops there as a
	// killed process would (see Dir.crashed).
	crash func(step string) bool
	// noExchange makes Commit use the two renames even where an atomic
	// exchange is available, so that tests cover that path on Linux too.
	noExchange bool
}

// errCrash is what a build stopped by options.crash returns.
var errCrash = errors.New("simulated crash")

// Create starts writing the output for target. It refuses a target that is
// a symbolic link, or exists, is not empty and was not made by gongkai, and
// fails at once if another build is writing the same target.
func Create(target string) (*Dir, error) { return createMarked(target, options{}) }

// CreateOwned is Create for output that carries its own proof of origin:
// the target may be replaced only if it holds the file owner (an archive's
// MANIFEST.sha256), and no marker is added.
func CreateOwned(target, owner string) (*Dir, error) { return create(target, owner, options{}) }

// createMarked is Create with options.
func createMarked(target string, opt options) (*Dir, error) {
	d, err := create(target, Marker, opt)
	if err != nil {
		return nil, err
	}
	if err := d.WriteFile(Marker, []byte(markerText)); err != nil {
		d.Abort()
		return nil, err
	}
	return d, nil
}

func create(target, owner string, opt options) (*Dir, error) {
	target = filepath.Clean(target)
	parent, base := filepath.Split(target)
	if parent == "" {
		parent = "."
	}
	d := &Dir{
		target: target,
		tmp:    filepath.Join(parent, "."+base+".gongkai-tmp"),
		old:    filepath.Join(parent, "."+base+".gongkai-old"),
		opt:    opt,
		dirs:   map[string]*folder{},
	}
	// Refuse what can be refused before anything is made, so that a
	// refused target gets no lock file beside it.
	if err := checkTarget(target, owner); err != nil {
		return nil, err
	}
	if d.crashed("mkdir parent") {
		return nil, errCrash
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("创建输出目录的上级目录：%w", err)
	}
	if d.crashed("lock") {
		return nil, errCrash
	}
	l, err := acquire(filepath.Join(parent, "."+base+".gongkai-lock"), target)
	if err != nil {
		return nil, err
	}
	d.lock = l
	if err := d.prepare(parent, base, owner); err != nil {
		if !errors.Is(err, errCrash) {
			d.lock.release()
		}
		return nil, err
	}
	return d, nil
}

// prepare, holding the lock, puts back an output that a killed build left
// parked, removes what killed builds left behind, and makes the temporary
// directory.
func (d *Dir) prepare(parent, base, owner string) error {
	if err := d.recoverOld(parent, base); err != nil {
		return err
	}
	// Check again: while we were not holding the lock, another build may
	// have replaced the target, or the target was just put back.
	if err := checkTarget(d.target, owner); err != nil {
		return err
	}
	if d.crashed("remove stale") {
		return errCrash
	}
	if err := removeStale(parent, base, d.tmp, d.old); err != nil {
		return err
	}
	if d.crashed("mkdir tmp") {
		return errCrash
	}
	// Mkdir, unlike os.MkdirTemp (0700), applies the umask to 0755, as
	// every later directory of the tree gets it. The lock makes the fixed
	// name safe.
	if err := os.Mkdir(d.tmp, 0o755); err != nil {
		return fmt.Errorf("创建临时输出目录：%w", err)
	}
	if st, err := os.Lstat(d.target); err == nil {
		if d.crashed("keep mode") {
			return errCrash
		}
		if err := keepMode(d.tmp, st); err != nil {
			os.RemoveAll(d.tmp)
			return fmt.Errorf("沿用输出目录 %s 的权限：%w", d.target, err)
		}
	}
	return nil
}

// recoverOld puts back the previous output when a build was killed between
// the two renames of its swap: the target is missing and the previous output
// is parked beside it. Builds before this version parked it in
// .NAME.gongkai-old-RANDOM/NAME; those are put back too.
func (d *Dir) recoverOld(parent, base string) error {
	if _, err := os.Lstat(d.target); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	parked := []string{d.old}
	legacy, _ := filepath.Glob(filepath.Join(parent, "."+base+".gongkai-old-*", base))
	parked = append(parked, legacy...)
	for _, p := range parked {
		if st, err := os.Lstat(p); err != nil || !st.IsDir() {
			continue
		}
		if d.crashed("recover old") {
			return errCrash
		}
		if err := os.Rename(p, d.target); err != nil {
			return fmt.Errorf("恢复上次中断前的输出 %s：%w", d.target, err)
		}
		return nil
	}
	return nil
}

// removeStale deletes what killed builds left beside the target: the
// temporary directory, a parked previous output (the target exists, so it is
// outdated), and those of builds before this version, which had random
// suffixes. The caller holds the lock, so none of them is in use.
func removeStale(parent, base string, fixed ...string) error {
	tmps, _ := filepath.Glob(filepath.Join(parent, "."+base+".gongkai-tmp-*"))
	olds, _ := filepath.Glob(filepath.Join(parent, "."+base+".gongkai-old-*"))
	for _, p := range append(append(fixed, tmps...), olds...) {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("删除上次中断的构建留下的 %s：%w", p, err)
		}
	}
	return nil
}

func checkTarget(target, owner string) error {
	st, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return symlinkError(target)
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

// symlinkError says why a symbolic link is refused as the output.
func symlinkError(target string) error {
	dest, _ := os.Readlink(target)
	return fmt.Errorf("输出目录 %s 是符号链接（指向 %s）：构建会整个替换输出目录，只会替换链接本身，链接指向的目录不会更新；请把 --out 设为实际的目录", target, dest)
}

// WriteFile writes one file; name is slash-separated and relative to the root.
// It is safe to call from several goroutines.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("输出文件名无效：%q", name)
	}
	if dir := path.Dir(name); dir != "." {
		if err := d.mkdir(dir); err != nil {
			return err
		}
	}
	return writeFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data)
}

// mkdir makes the folder dir (a valid path, not ".") of the output and
// those above it, each once, with one system call each: the first file
// written into a folder makes it, and the others written into it at the
// same time wait until it is there. Folders of different names are made
// in parallel; a site has tens of thousands.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	f := d.dirs[dir]
	if f == nil {
		f = new(folder)
		d.dirs[dir] = f
	}
	d.mu.Unlock()
	f.once.Do(func() {
		if parent := path.Dir(dir); parent != "." {
			if f.err = d.mkdir(parent); f.err != nil {
				return
			}
		}
		// Nothing but this build writes into tmp, and each folder is
		// made once: a name taken already is a file's.
		f.err = os.Mkdir(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o755)
	})
	return f.err
}

// Commit replaces the target with what was written, and releases the lock.
// On failure the previous output is left at the target.
func (d *Dir) Commit() error {
	if d.crashed("commit") {
		return errCrash
	}
	if _, err := os.Lstat(d.target); errors.Is(err, fs.ErrNotExist) {
		if d.crashed("rename tmp to target") {
			return errCrash
		}
		if err := os.Rename(d.tmp, d.target); err != nil {
			d.Abort()
			return fmt.Errorf("写入输出目录：%w", err)
		}
		d.lock.release()
		return nil
	}
	if !d.opt.noExchange {
		if d.crashed("exchange") {
			return errCrash
		}
		// After the exchange the temporary name holds the previous
		// output. When the exchange is not available nothing has moved,
		// and the two renames below do the job.
		if exchange(d.tmp, d.target) == nil {
			return d.finish(d.tmp)
		}
	}
	if d.crashed("rename target to old") {
		return errCrash
	}
	if err := os.Rename(d.target, d.old); err != nil {
		d.Abort()
		return fmt.Errorf("替换输出目录：%w", err)
	}
	if d.crashed("rename tmp to target") {
		return errCrash
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		if err2 := os.Rename(d.old, d.target); err2 != nil {
			// The next build puts the parked output back.
			os.RemoveAll(d.tmp)
			d.lock.release()
			return fmt.Errorf("替换输出目录：%w；原有输出暂存在 %s，下次构建时会放回", err, d.old)
		}
		d.Abort()
		return fmt.Errorf("替换输出目录：%w", err)
	}
	return d.finish(d.old)
}

// finish removes the previous output, now at old, and releases the lock. A
// failure to remove it is not the build's failure: the output is in place,
// and the next build removes what is left.
func (d *Dir) finish(old string) error {
	if d.crashed("remove old") {
		return errCrash
	}
	os.RemoveAll(old)
	if d.crashed("unlock") {
		return errCrash
	}
	d.lock.release()
	return nil
}

// Abort discards what was written and releases the lock; the target is
// untouched.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
	d.lock.release()
}

// crashed reports whether options.crash stops the build at step. A stopped
// build does nothing more, as a killed process would not; only its lock is
// released without removing the lock file, as the kernel releases a dead
// process's locks.
func (d *Dir) crashed(step string) bool {
	if d.opt.crash == nil || !d.opt.crash(step) {
		return false
	}
	d.lock.drop()
	return true
}
