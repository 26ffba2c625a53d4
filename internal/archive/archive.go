// Package archive freezes one year of a site as a self-contained copy: a
// folder and a zip of the same files, that open from file:// without a
// server or network, carry a banner saying they are an archive, and list
// every file's SHA-256 in MANIFEST.sha256 in the format sha256sum -c reads.
//
// The same source gives the same bytes: the time the banner names comes from
// SOURCE_DATE_EPOCH or the newest source file, never the clock, and the zip
// has a fixed file order, timestamps and permissions.
package archive

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"gongkai"
	"gongkai/internal/build"
	"gongkai/internal/output"
	"gongkai/internal/render"
	"gongkai/internal/source"
)

// ManifestName is the checksum list at the root of an archive.
const ManifestName = "MANIFEST.sha256"

// Options are what to archive and where.
type Options struct {
	Year int
	Src  string    // the site's source directory
	Out  string    // where gongkai-archive-YEAR/ and its .zip go
	Made time.Time // when the copy is made; see Made
	// Large is build.Options.Large: called when the site's texts exceed
	// the build's text budget.
	Large func()
}

// Result is what Write made.
type Result struct {
	Dir, Zip string
	Files    int   // in the archive, the manifest included
	Bytes    int64 // of the folder's files
	ZipBytes int64
}

// Name is the archive's folder name for a year.
func Name(year int) string { return "gongkai-archive-" + strconv.Itoa(year) }

// beijing is the time zone the banner states times in: the users' own.
var beijing = time.FixedZone("CST", 8*3600)

// Made is when an archive of src counts as made: SOURCE_DATE_EPOCH when it
// is set (the reproducible-builds convention), else the newest modification
// time of the source files — never the clock, so that the same source gives
// the same archive.
func Made(src string, epoch string) (time.Time, error) {
	if epoch != "" {
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q 不是整数秒", epoch)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	var newest time.Time
	for _, name := range []string{"site.toml", "content", "layouts", "static"} {
		err := filepath.WalkDir(filepath.Join(src, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if t := info.ModTime(); t.After(newest) {
				newest = t
			}
			return nil
		})
		if err != nil {
			return time.Time{}, err
		}
	}
	if newest.IsZero() {
		return time.Time{}, errors.New("找不到源文件，无法确定归档时间")
	}
	return newest.UTC().Truncate(time.Second), nil
}

// Write archives one year: the build pipeline with the year alone and the
// archive banner, into memory, then the manifest, the folder and the zip.
func Write(opt Options) (Result, error) {
	banner := &render.Archive{Year: opt.Year, Made: opt.Made.In(beijing).Format("2006年1月2日 15:04（北京时间）"), Version: gongkai.Version}
	m := render.NewMemory(map[string][]byte{})
	src, err := source.Open(opt.Src)
	if err != nil {
		return Result{}, err
	}
	if _, err := build.New(src, build.Options{Year: opt.Year, Archive: banner, Once: true, Large: opt.Large}).Run(m); err != nil {
		return Result{}, err
	}
	m.Files[ManifestName] = manifest(m.Files)

	res := Result{Dir: filepath.Join(opt.Out, Name(opt.Year)), Zip: filepath.Join(opt.Out, Name(opt.Year)+".zip"), Files: len(m.Files)}
	dir, err := output.CreateOwned(res.Dir, ManifestName)
	if err != nil {
		return Result{}, err
	}
	for _, name := range sortedNames(m.Files) {
		if err := dir.WriteFile(name, m.Files[name]); err != nil {
			dir.Abort()
			return Result{}, err
		}
		res.Bytes += int64(len(m.Files[name]))
	}
	zipped, err := zipFiles(Name(opt.Year), m.Files, opt.Made)
	if err != nil {
		dir.Abort()
		return Result{}, err
	}
	if err := writeAtomic(res.Zip, zipped); err != nil {
		dir.Abort()
		return Result{}, err
	}
	res.ZipBytes = int64(len(zipped))
	return res, dir.Commit()
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// manifest lists every file's SHA-256 as sha256sum prints it: the hex digest,
// two spaces (text mode), the path; sorted by path.
func manifest(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, name := range sortedNames(files) {
		if name == ManifestName {
			continue
		}
		sum := sha256.Sum256(files[name])
		b.WriteString(hex.EncodeToString(sum[:]) + "  " + name + "\n")
	}
	return b.Bytes()
}

// zipFiles packs the files under the folder name, in name order, each with
// the archive's time and mode 0644, so the same files give the same zip.
func zipFiles(folder string, files map[string][]byte, made time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedNames(files) {
		h := &zip.FileHeader{Name: folder + "/" + name, Method: zip.Deflate, Modified: made.UTC()}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeAtomic writes the zip whole or not at all, 0644 less the umask.
func writeAtomic(name string, data []byte) error { return output.WriteFileAtomic(name, data) }
