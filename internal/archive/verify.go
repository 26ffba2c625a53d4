package archive

import (
	"archive/zip"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what Verify reads. An archive is a year of one site: tens of
// megabytes. A zip that claims more is refused before a byte is unpacked,
// so that a zip bomb costs nothing; the manifest, the one file read into
// memory, is bounded on its own.
const (
	maxTotal    = 4 << 30  // declared uncompressed bytes of all zip entries
	maxManifest = 64 << 20 // bytes of MANIFEST.sha256
)

// Problems are what Verify found wrong. Names are relative to the
// archive's top folder, but for Duplicate, Outside and Unsafe, which name
// zip entries in full because they may not be under it.
type Problems struct {
	Changed, Missing, Added []string
	Dirs                    []string // folders that hold no file of the manifest, even empty ones
	Duplicate               []string // zip entries that occur more than once
	Outside                 []string // entries not under the archive's one top folder
	Unsafe                  []string // entry names that are absolute or climb out with ".."
	Special                 []string // "name（kind）": symlinks, FIFOs, devices, sockets
	Corrupt                 []string // "name（why）": entries that could not be read whole
}

// OK reports whether the archive is as its manifest says.
func (p Problems) OK() bool {
	for _, l := range p.lists() {
		if len(l.names) > 0 {
			return false
		}
	}
	return true
}

func (p Problems) lists() []struct {
	label string
	names []string
} {
	return []struct {
		label string
		names []string
	}{
		{"已改动", p.Changed}, {"缺失", p.Missing}, {"多出（不在清单中）", p.Added},
		{"多出的目录", p.Dirs}, {"重复的条目", p.Duplicate}, {"在顶层目录之外", p.Outside},
		{"路径不安全", p.Unsafe}, {"不是普通文件", p.Special}, {"已损坏", p.Corrupt},
	}
}

func (p Problems) String() string {
	var b strings.Builder
	for _, l := range p.lists() {
		for _, n := range l.names {
			fmt.Fprintf(&b, "%s：%s\n", l.label, n)
		}
	}
	return b.String()
}

// Verify checks an archive folder or zip against its manifest: it must hold
// exactly the manifest's files, each with its digest, under one top folder
// (a folder argument is that top folder itself), and nothing else — no
// other folder, link, device or second copy of an entry. It streams every
// file through SHA-256 and never follows a symbolic link inside the
// archive, so it can be pointed at an archive from anywhere.
func Verify(name string) (Problems, error) {
	st, err := os.Stat(name)
	if err != nil {
		return Problems{}, err
	}
	if st.IsDir() {
		return verifyDir(name)
	}
	return verifyZip(name)
}

// checker collects what one Verify call finds.
type checker struct {
	want    map[string]string // digest by path, from the manifest
	implied map[string]bool   // folders the manifest's paths need, "" the top
	seen    map[string]bool   // manifest paths found
	p       Problems
	buf     []byte // for io.CopyBuffer, reused across files
}

func newChecker(manifest []byte) (*checker, error) {
	c := &checker{want: map[string]string{}, implied: map[string]bool{"": true}, seen: map[string]bool{}, buf: make([]byte, 64<<10)}
	for n, line := range strings.Split(strings.TrimRight(string(manifest), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if _, err := hex.DecodeString(sum); !ok || err != nil || len(sum) != 64 || sum != strings.ToLower(sum) || name == "" {
			return nil, fmt.Errorf("%s 第 %d 行格式不对：%q", ManifestName, n+1, line)
		}
		if !fs.ValidPath(name) || strings.Contains(name, `\`) || name == ManifestName {
			return nil, fmt.Errorf("%s 第 %d 行的路径不可用：%q", ManifestName, n+1, name)
		}
		if _, dup := c.want[name]; dup {
			return nil, fmt.Errorf("%s 第 %d 行重复列出 %q", ManifestName, n+1, name)
		}
		c.want[name] = sum
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			c.implied[d] = true
		}
	}
	return c, nil
}

// file checks one regular file at rel, reading it from open: its digest,
// or that the manifest does not list it. limit is the most bytes it may
// hold; more is corruption, and reading stops there.
func (c *checker) file(rel string, limit int64, open func() (io.ReadCloser, error)) {
	if rel == ManifestName {
		return
	}
	want, listed := c.want[rel]
	if !listed {
		c.p.Added = append(c.p.Added, show(rel))
		return
	}
	c.seen[rel] = true
	got, err := digest(open, limit, c.buf)
	switch {
	case err != nil:
		c.p.Corrupt = append(c.p.Corrupt, show(rel)+"（"+why(err)+"）")
	case got != want:
		c.p.Changed = append(c.p.Changed, show(rel))
	}
}

// dir checks one folder at rel: the manifest must need it.
func (c *checker) dir(rel string) {
	if !c.implied[rel] {
		c.p.Dirs = append(c.p.Dirs, show(rel)+"/")
	}
}

// special records an entry that is neither a file nor a folder.
func (c *checker) special(rel string, mode fs.FileMode) {
	c.p.Special = append(c.p.Special, show(rel)+"（"+kind(mode)+"）")
}

// done lists the missing files and sorts every list, each name once.
func (c *checker) done() Problems {
	for name := range c.want {
		if !c.seen[name] {
			c.p.Missing = append(c.p.Missing, show(name))
		}
	}
	for _, l := range []*[]string{&c.p.Changed, &c.p.Missing, &c.p.Added, &c.p.Dirs, &c.p.Duplicate,
		&c.p.Outside, &c.p.Unsafe, &c.p.Special, &c.p.Corrupt} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return c.p
}

// errTooLong is an entry that unpacks to more bytes than its header says.
var errTooLong = errors.New("longer than its header says")

// digest is the hex SHA-256 of what open gives, read in constant memory
// through buf, refusing more than limit bytes.
func digest(open func() (io.ReadCloser, error), limit int64, buf []byte) (string, error) {
	rc, err := open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, io.LimitReader(rc, limit+1), buf)
	if err != nil {
		return "", err
	}
	if n > limit {
		return "", errTooLong
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// why says in a few words why an entry could not be read.
func why(err error) string {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return "CRC 校验和不符"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "数据不完整，已被截断"
	case errors.As(err, &corrupt):
		return "压缩数据损坏"
	case errors.Is(err, errTooLong):
		return "数据多于条目头所记的大小"
	case errors.Is(err, zip.ErrFormat):
		// archive/zip itself answers ErrFormat for an entry that unpacks to
		// more than its header's size, before errTooLong can.
		return "zip 格式错误，如解压后的数据多于条目头所记的大小"
	case errors.Is(err, zip.ErrAlgorithm):
		return "不支持的压缩方法"
	}
	return "无法读取：" + err.Error()
}

// kind names what a non-regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "符号链接"
	case m&fs.ModeNamedPipe != 0:
		return "命名管道"
	case m&fs.ModeDevice != 0:
		return "设备文件"
	case m&fs.ModeSocket != 0:
		return "套接字"
	}
	return "特殊文件"
}

// show is a name as the report prints it: quoted when it holds anything
// unprintable, so that no entry name can forge a line of the report.
func show(name string) string {
	if !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' && r != '\u3000' }) {
		return strconv.Quote(name)
	}
	return name
}

// verifyDir checks an archive folder. The folder named may itself be a
// symbolic link, as the user chose it; nothing inside it is followed.
func verifyDir(name string) (Problems, error) {
	root, err := filepath.EvalSymlinks(name)
	if err != nil {
		return Problems{}, err
	}
	list, err := readManifestFile(filepath.Join(root, ManifestName), name)
	if err != nil {
		return Problems{}, err
	}
	c, err := newChecker(list)
	if err != nil {
		return Problems{}, err
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			rel = ""
		}
		if err != nil {
			// The folder or file cannot be read: say which, and go on.
			c.p.Corrupt = append(c.p.Corrupt, show(rel)+"（"+why(err)+"）")
			return nil
		}
		switch t := d.Type(); {
		case t.IsDir():
			c.dir(rel)
		case t.IsRegular():
			// The entry's own Lstat, to prove that the file opened is the
			// one walked, not a link put in its place since.
			info, err := d.Info()
			if err != nil {
				c.p.Corrupt = append(c.p.Corrupt, show(rel)+"（"+why(err)+"）")
				return nil
			}
			c.file(rel, info.Size(), func() (io.ReadCloser, error) { return openSame(p, info) })
		default:
			c.special(rel, t)
		}
		return nil
	})
	if err != nil {
		return Problems{}, err
	}
	return c.done(), nil
}

// openSame opens the regular file at p, provided it is still the file
// info describes.
func openSame(p string, info fs.FileInfo) (io.ReadCloser, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && (!st.Mode().IsRegular() || !os.SameFile(st, info)) {
		err = errors.New("校验时被替换")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// readManifestFile reads the manifest of an archive folder, which must be a
// regular file of sane size.
func readManifestFile(p, archive string) ([]byte, error) {
	info, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s 中没有 %s，不是 gongkai 归档", archive, ManifestName)
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s 中的 %s 不是普通文件（%s）", archive, ManifestName, kind(info.Mode()))
	}
	if info.Size() > maxManifest {
		return nil, fmt.Errorf("%s 中的 %s 有 %d 字节，超过上限 %d MiB", archive, ManifestName, info.Size(), maxManifest>>20)
	}
	f, err := openSame(p, info)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxManifest))
}

// verifyZip checks an archive zip. Its top folder is the one that holds
// MANIFEST.sha256; the first such, should there be several.
func verifyZip(name string) (Problems, error) {
	zr, err := zip.OpenReader(name)
	if errors.Is(err, zip.ErrInsecurePath) {
		// Such names are reported below, entry by entry.
		err = nil
	}
	if err != nil {
		return Problems{}, fmt.Errorf("%s 既不是目录也不是 zip 文件：%w", name, err)
	}
	defer zr.Close()
	var manifest *zip.File
	var total uint64
	for _, f := range zr.File {
		if top, rest, _ := strings.Cut(f.Name, "/"); manifest == nil && rest == ManifestName && safe(top) && f.Mode().IsRegular() {
			manifest = f
		}
		if total += f.UncompressedSize64; f.UncompressedSize64 > maxTotal || total > maxTotal {
			return Problems{}, fmt.Errorf("%s 中的文件解压后超过 %d GiB 的上限，不像是 gongkai 归档，未校验", name, maxTotal>>30)
		}
	}
	if manifest == nil {
		return Problems{}, fmt.Errorf("%s 的顶层目录中没有 %s，不是 gongkai 归档", name, ManifestName)
	}
	top := strings.TrimSuffix(manifest.Name, ManifestName)
	if manifest.UncompressedSize64 > maxManifest {
		return Problems{}, fmt.Errorf("%s 中的 %s 有 %d 字节，超过上限 %d MiB", name, manifest.Name, manifest.UncompressedSize64, maxManifest>>20)
	}
	list, err := readEntry(manifest)
	if err != nil {
		return Problems{}, fmt.Errorf("读取 %s 中的 %s：%s", name, manifest.Name, why(err))
	}
	c, err := newChecker(list)
	if err != nil {
		return Problems{}, err
	}
	count := map[string]int{}
	for _, f := range zr.File {
		if count[f.Name]++; count[f.Name] == 2 {
			c.p.Duplicate = append(c.p.Duplicate, show(f.Name))
		}
		if !safe(f.Name) {
			c.p.Unsafe = append(c.p.Unsafe, show(f.Name))
			continue
		}
		rel, under := strings.CutPrefix(f.Name, top)
		if !under {
			c.p.Outside = append(c.p.Outside, show(f.Name))
			continue
		}
		mode := f.Mode()
		switch {
		case mode.IsDir():
			c.dir(strings.TrimSuffix(rel, "/"))
		case mode.IsRegular():
			c.file(rel, int64(f.UncompressedSize64), f.Open)
		default:
			c.special(rel, mode)
		}
	}
	return c.done(), nil
}

// safe reports whether a zip entry's name stays where it is unpacked: no
// leading "/", no "..", "." or empty element, no backslash, which some
// unpackers take for a separator. A folder's trailing "/" is allowed.
func safe(name string) bool {
	return fs.ValidPath(strings.TrimSuffix(name, "/")) && !strings.Contains(name, `\`)
}

// readEntry reads a zip entry whole, up to maxManifest bytes.
func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, maxManifest))
}
