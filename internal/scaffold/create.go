package scaffold

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// ErrTaken is what Create returns when its folder is already there (and, for a
// site, not empty): the caller says what to do instead.
var ErrTaken = errors.New("already there")

// create writes files (slash paths) into the new folder dir, whole or not
// at all. It writes them into a hidden folder beside dir and then renames
// that folder to dir, so that nothing is half made when a write fails and a
// running gongkai serve never sees a half-written report (hidden names are
// not loaded). When dir already exists, empty and allowEmpty, the files'
// top-level entries are renamed into it one by one instead, and taken out
// again if one fails. The parents of dir are made as needed, and removed
// again on failure.
//
// Folders are 0755 and files 0644, less the umask, as the output's are:
// a colleague or a web server may need to read them.
func create(dir string, files map[string][]byte, allowEmpty bool) (err error) {
	dir = filepath.Clean(dir)
	existing, err := inspect(dir, allowEmpty)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	made, err := mkdirAll(parent)
	if err != nil {
		return fmt.Errorf("创建目录 %s：%w", parent, err)
	}
	defer func() {
		if err != nil {
			removeMade(made)
		}
	}()
	tmp, err := tempDir(parent, base)
	if err != nil {
		return fmt.Errorf("创建目录 %s：%w", dir, err)
	}
	defer os.RemoveAll(tmp) // empty or gone when all went well
	if err := writeFiles(tmp, files); err != nil {
		return err
	}
	if !existing {
		if err := os.Rename(tmp, dir); err != nil {
			if _, statErr := os.Lstat(dir); statErr == nil {
				// Someone made it meanwhile.
				return fmt.Errorf("%s：%w", dir, ErrTaken)
			}
			return fmt.Errorf("创建目录 %s：%w", dir, err)
		}
		return nil
	}
	return moveInto(tmp, dir)
}

// inspect reports whether dir exists, and fails when it exists and may not
// be written into: a file, or a folder that is not empty (or any folder,
// unless allowEmpty). A symbolic link is refused, as the loader never
// follows one.
func inspect(dir string, allowEmpty bool) (bool, error) {
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("读取 %s：%w", dir, err)
	case !allowEmpty || !st.IsDir():
		return true, fmt.Errorf("%s：%w", dir, ErrTaken)
	}
	f, err := os.Open(dir)
	if err != nil {
		return true, fmt.Errorf("读取 %s：%w", dir, err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); !errors.Is(err, io.EOF) {
		if err != nil {
			return true, fmt.Errorf("读取 %s：%w", dir, err)
		}
		return true, fmt.Errorf("%s：%w", dir, ErrTaken)
	}
	return true, nil
}

// mkdirAll makes dir and its missing parents, and returns the folders it
// made, deepest first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	var made []string
	for _, d := range slices.Backward(missing) {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			removeMade(made)
			return nil, err
		}
		made = append([]string{d}, made...)
	}
	return made, nil
}

// removeMade removes the folders mkdirAll made, deepest first; one that is
// no longer empty (another process wrote into it) stays.
func removeMade(made []string) {
	for _, d := range made {
		os.Remove(d)
	}
}

// tempDir makes a new hidden folder beside the one named base in parent.
// os.MkdirTemp would make it 0700; Mkdir with 0755 applies the umask.
func tempDir(parent, base string) (string, error) {
	for {
		p := filepath.Join(parent, "."+base+".gongkai-new-"+rand.Text())
		err := os.Mkdir(p, 0o755)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
}

// writeFiles writes files under root, in name order, making their folders.
func writeFiles(root string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := filepath.Join(root, filepath.FromSlash(name))
		if d := path.Dir(name); d != "." {
			if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
				return fmt.Errorf("写入 %s：%w", name, err)
			}
		}
		if err := writeFile(p, files[name]); err != nil {
			return fmt.Errorf("写入 %s：%w", name, err)
		}
	}
	return nil
}

func writeFile(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err2 := f.Close(); err == nil {
		err = err2
	}
	return err
}

// moveInto renames the entries of tmp into the empty folder dir, and on a
// failure takes those already moved out again, leaving dir empty.
func moveInto(tmp, dir string) error {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return fmt.Errorf("读取 %s：%w", tmp, err)
	}
	var moved []string
	for _, e := range entries {
		to := filepath.Join(dir, e.Name())
		if err := os.Rename(filepath.Join(tmp, e.Name()), to); err != nil {
			for _, m := range moved {
				os.RemoveAll(m)
			}
			return fmt.Errorf("写入 %s：%w", to, err)
		}
		moved = append(moved, to)
	}
	return nil
}

// Create writes files (slash paths) into the new folder dir, whole or not at
// all, as gongkai new report does; dir must not exist yet. gongkai import
// writes its bundles with it.
func Create(dir string, files map[string][]byte) error { return create(dir, files, false) }
