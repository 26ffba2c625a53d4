package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// lock is an exclusive lock on a file beside the target, which holds the
// holder's process id so that a second build can say who it waits for.
type lock struct {
	f    *os.File
	path string
	done bool
}

// errLocked is what tryLock returns when another holds the lock.
var errLocked = errors.New("locked")

// acquire takes the lock at path for target, or fails at once, naming the
// holder, when another build holds it. Failing rather than waiting keeps a
// forgotten build or a hung cron job from silently stalling the next one,
// and a person who sees the message can simply run the build again.
func acquire(path, target string) (*lock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("创建锁文件 %s：%w", path, err)
		}
		if err := tryLock(f); err != nil {
			f.Close()
			if errors.Is(err, errLocked) {
				return nil, busyError(path, target)
			}
			return nil, fmt.Errorf("锁定 %s：%w", path, err)
		}
		// The holder before us removes the file as it releases the
		// lock. If it did so after we opened the file, our lock is on a
		// file no one else will open: take the lock again on the file
		// that is there now.
		held, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		now, err := os.Stat(path)
		if err == nil && os.SameFile(held, now) {
			l := &lock{f: f, path: path}
			// Without the id the lock still works; the message for
			// a second build just cannot name the holder.
			if f.Truncate(0) == nil {
				f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			}
			return l, nil
		}
		f.Close()
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
}

// busyError says which build holds the lock on target.
func busyError(path, target string) error {
	data, _ := os.ReadFile(path)
	if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && pid > 0 {
		return fmt.Errorf("另一个 gongkai（进程 %d）正在写入 %s，本次未做任何改动；请等它结束后再试", pid, target)
	}
	return fmt.Errorf("另一个 gongkai 进程正在写入 %s，本次未做任何改动；请等它结束后再试", target)
}

// release removes the lock file and unlocks it. The file goes first, while
// still locked: removed after unlocking, it could be removed from under the
// next holder, and a third build would lock a new file beside it.
func (l *lock) release() {
	if l == nil || l.done {
		return
	}
	l.done = true
	os.Remove(l.path)
	l.f.Close()
}

// drop unlocks without removing the file, as the kernel does when the
// holder dies; tests use it to stand for a killed build.
func (l *lock) drop() {
	if l == nil || l.done {
		return
	}
	l.done = true
	l.f.Close()
}
