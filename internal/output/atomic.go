package output

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes one file, such as an archive's zip, whole or not
// at all: through a temporary file beside it, synced, then renamed over it.
// The file is 0644 less the umask, like the files of an output directory.
// It takes no lock: the archive writes its zip while it holds the Dir of the
// folder beside it, and so under that folder's lock.
func WriteFileAtomic(name string, data []byte) error {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	var f *os.File
	for {
		// os.CreateTemp would make the file 0600, and a chmod after it
		// could not know the umask; OpenFile with 0644 applies it.
		p := filepath.Join(dir, "."+base+".gongkai-tmp-"+rand.Text())
		var err error
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("写入 %s：%w", name, err)
		}
	}
	_, err := f.Write(data)
	if err == nil {
		// Synced, a power cut after the rename cannot leave an empty
		// file under the final name; one file is cheap to sync.
		err = f.Sync()
	}
	if err2 := f.Close(); err == nil {
		err = err2
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("写入 %s：%w", name, err)
	}
	return nil
}
