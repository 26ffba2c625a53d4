package archive

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// readArchive reads every file of an archive folder or zip into memory, by
// path within the archive: the tests compare archives whole. Verify itself
// streams.
func readArchive(name string) (map[string][]byte, error) {
	files := map[string][]byte{}
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		err := filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(name, p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		return files, err
	}
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		_, rel, _ := strings.Cut(f.Name, "/")
		data, err := readEntry(f)
		if err != nil {
			return nil, err
		}
		files[rel] = data
	}
	return files, nil
}

// smallArchive is a tiny archive's files, the manifest among them, as
// Write would make them.
func smallArchive() map[string][]byte {
	files := map[string][]byte{
		"index.html":                    []byte("<p>首页</p>"),
		"2023/index.html":               []byte("<p>2023</p>"),
		"2023/unit/index.html":          []byte("<p>报告</p>"),
		"2023/unit/附件1:绩效自评表.pdf":       []byte("%PDF-1.4"),
		"assets/site.css":               []byte("body{}"),
		"2023/unit/data/violations.csv": bytes.Repeat([]byte("涉牌涉证,4603\n"), 100),
	}
	files[ManifestName] = manifest(files)
	return files
}

const top = "gongkai-archive-2023/"

// tamper writes a zip: the small archive's entries, raw, as edit lets
// them through (keep false drops one), then whatever more edit writes.
type tamper struct {
	keep  func(f *zip.File) bool
	extra func(t *testing.T, zw *zip.Writer, base *zip.Reader)
}

func writeZip(t *testing.T, edit tamper) string {
	t.Helper()
	clean, err := zipFiles(strings.TrimSuffix(top, "/"), smallArchive(), made)
	if err != nil {
		t.Fatal(err)
	}
	base, err := zip.NewReader(bytes.NewReader(clean), int64(len(clean)))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "a.zip")
	out, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, f := range base.File {
		if edit.keep == nil || edit.keep(f) {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	if edit.extra != nil {
		edit.extra(t, zw, base)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return name
}

// entry returns the base entry named rel under the top folder.
func entry(t *testing.T, base *zip.Reader, rel string) *zip.File {
	t.Helper()
	for _, f := range base.File {
		if f.Name == top+rel {
			return f
		}
	}
	t.Fatalf("no entry %s", rel)
	return nil
}

// raw is an entry's compressed bytes.
func raw(t *testing.T, f *zip.File) []byte {
	t.Helper()
	r, err := f.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func add(t *testing.T, zw *zip.Writer, h *zip.FileHeader, data []byte) {
	t.Helper()
	w, err := zw.CreateHeader(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
}

func addRaw(t *testing.T, zw *zip.Writer, h *zip.FileHeader, data []byte) {
	t.Helper()
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
}

func file(name string) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	h.SetMode(0o644)
	return h
}

// TestVerifyZip checks that a zip passes only when it holds exactly the
// manifest's files under one top folder, and names each entry that breaks
// the rule.
func TestVerifyZip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit tamper
		want string
	}{
		{name: "clean"},
		{
			name: "folder entries the manifest needs",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				for _, d := range []string{top, top + "2023/", top + "2023/unit/data/"} {
					add(t, zw, &zip.FileHeader{Name: d}, nil)
				}
			}},
		},
		{
			name: "changed, missing, added",
			edit: tamper{
				keep: func(f *zip.File) bool {
					return f.Name != top+"index.html" && f.Name != top+"assets/site.css"
				},
				extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
					add(t, zw, file(top+"index.html"), []byte("<p>改过</p>"))
					add(t, zw, file(top+"extra.html"), []byte("x"))
				},
			},
			want: "已改动：index.html\n缺失：assets/site.css\n多出（不在清单中）：extra.html\n",
		},
		{
			name: "extra empty folder",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				add(t, zw, &zip.FileHeader{Name: top + "2023/empty/"}, nil)
			}},
			want: "多出的目录：2023/empty/\n",
		},
		{
			name: "duplicate entry",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, base *zip.Reader) {
				if err := zw.Copy(entry(t, base, "2023/index.html")); err != nil {
					t.Fatal(err)
				}
			}},
			want: "重复的条目：" + top + "2023/index.html\n",
		},
		{
			name: "duplicate with other content",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, base *zip.Reader) {
				add(t, zw, file(top+"2023/index.html"), []byte("<p>另一份</p>"))
			}},
			want: "已改动：2023/index.html\n重复的条目：" + top + "2023/index.html\n",
		},
		{
			name: "root-level entry",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				add(t, zw, file("README.txt"), []byte("x"))
			}},
			want: "在顶层目录之外：README.txt\n",
		},
		{
			name: "two top folders",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				add(t, zw, &zip.FileHeader{Name: "gongkai-archive-2022/"}, nil)
				add(t, zw, file("gongkai-archive-2022/index.html"), []byte("x"))
			}},
			want: "在顶层目录之外：gongkai-archive-2022/\n在顶层目录之外：gongkai-archive-2022/index.html\n",
		},
		{
			name: "absolute and climbing names",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				for _, n := range []string{"/etc/cron.d/x", top + "../x", "../x", top + "2023//x", `gongkai-archive-2023\x`} {
					add(t, zw, file(n), []byte("x"))
				}
			}},
			want: "路径不安全：../x\n路径不安全：/etc/cron.d/x\n路径不安全：" + top + "../x\n路径不安全：" + top + "2023//x\n" +
				`路径不安全：gongkai-archive-2023\x` + "\n",
		},
		{
			name: "symlink entry",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				h := &zip.FileHeader{Name: top + "2023/link", Method: zip.Store}
				h.SetMode(fs.ModeSymlink | 0o777)
				add(t, zw, h, []byte("/etc/passwd"))
			}},
			want: "不是普通文件：2023/link（符号链接）\n",
		},
		{
			name: "bad CRC",
			edit: tamper{
				keep: func(f *zip.File) bool { return f.Name != top+"2023/unit/index.html" },
				extra: func(t *testing.T, zw *zip.Writer, base *zip.Reader) {
					f := entry(t, base, "2023/unit/index.html")
					h := f.FileHeader
					h.CRC32 ^= 1
					addRaw(t, zw, &h, raw(t, f))
				},
			},
			want: "已损坏：2023/unit/index.html（CRC 校验和不符）\n",
		},
		{
			name: "truncated deflate",
			edit: tamper{
				keep: func(f *zip.File) bool { return f.Name != top+"2023/unit/data/violations.csv" },
				extra: func(t *testing.T, zw *zip.Writer, base *zip.Reader) {
					f := entry(t, base, "2023/unit/data/violations.csv")
					data := raw(t, f)
					data = data[:len(data)/2]
					h := f.FileHeader
					h.CompressedSize64 = uint64(len(data))
					addRaw(t, zw, &h, data)
				},
			},
			want: "已损坏：2023/unit/data/violations.csv（数据不完整，已被截断）\n",
		},
		{
			name: "unpacks to more than its header says",
			edit: tamper{
				keep: func(f *zip.File) bool { return f.Name != top+"2023/unit/data/violations.csv" },
				extra: func(t *testing.T, zw *zip.Writer, base *zip.Reader) {
					f := entry(t, base, "2023/unit/data/violations.csv")
					h := f.FileHeader
					h.UncompressedSize64 = 10
					addRaw(t, zw, &h, raw(t, f))
				},
			},
			want: "已损坏：2023/unit/data/violations.csv（zip 格式错误，如解压后的数据多于条目头所记的大小）\n",
		},
		{
			name: "name with a line break",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
				add(t, zw, file(top+"a\n校验通过"), []byte("x"))
			}},
			want: `多出（不在清单中）："a\n校验通过"` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Verify(writeZip(t, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.String(); got != tt.want {
				t.Errorf("Verify found:\n%s\nwant:\n%s", got, tt.want)
			}
			if p.OK() != (tt.want == "") {
				t.Errorf("OK() = %v", p.OK())
			}
		})
	}
}

// TestVerifyZipRefused checks the zips Verify refuses outright.
func TestVerifyZipRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit tamper
		want string
	}{
		{
			name: "no manifest",
			edit: tamper{keep: func(f *zip.File) bool { return f.Name != top+ManifestName }},
			want: "的顶层目录中没有 MANIFEST.sha256，不是 gongkai 归档",
		},
		{
			name: "manifest at the root only",
			edit: tamper{
				keep: func(f *zip.File) bool { return f.Name != top+ManifestName },
				extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
					add(t, zw, file(ManifestName), manifest(smallArchive()))
				},
			},
			want: "的顶层目录中没有 MANIFEST.sha256",
		},
		{
			// A header may claim any size for a few bytes of data: the
			// claim alone is refused, before anything is unpacked.
			name: "claims more than 4 GiB",
			edit: tamper{extra: func(t *testing.T, zw *zip.Writer, base *zip.Reader) {
				f := entry(t, base, "index.html")
				h := f.FileHeader
				h.Name = top + "huge.bin"
				h.UncompressedSize64 = 5 << 30
				addRaw(t, zw, &h, raw(t, f))
			}},
			want: "解压后超过 4 GiB 的上限",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Verify(writeZip(t, tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestVerifyStreams verifies a zip with a 128 MiB entry of zeros, 160 KiB
// packed: Verify must hash it in constant memory, not load it. It cannot
// run in parallel, since other tests' allocations would count.
func TestVerifyStreams(t *testing.T) {
	const mib = 128
	packed, crc, sum := zeroEntry(t, mib)
	files := smallArchive()
	delete(files, ManifestName)
	list := string(manifest(files)) + sum + "  zeros.bin\n"
	name := writeZip(t, tamper{
		keep: func(f *zip.File) bool { return f.Name != top+ManifestName },
		extra: func(t *testing.T, zw *zip.Writer, _ *zip.Reader) {
			add(t, zw, file(top+ManifestName), []byte(list))
			h := file(top + "zeros.bin")
			h.CRC32, h.UncompressedSize64, h.CompressedSize64 = crc, mib<<20, uint64(len(packed))
			addRaw(t, zw, h, packed)
		},
	})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := Verify(name)
	runtime.ReadMemStats(&after)
	if err != nil || !p.OK() {
		t.Fatalf("Verify = %v, %v", p, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("Verify allocated %d MiB for a %d MiB entry", alloc>>20, mib)
	}
}

// zeroEntry is the deflate stream of mib MiB of zeros, with their CRC-32
// and hex SHA-256. Deflating that much would take most of the test's time
// (seconds, and tens under the race detector); but once the window is all
// zeros, each further MiB, flushed, deflates to the same bytes, so one
// such MiB is deflated and repeated. The zip reader's CRC and size checks
// prove the stream right.
func zeroEntry(t *testing.T, mib int) (packed []byte, crc uint32, sum string) {
	t.Helper()
	zeros := make([]byte, 1<<20)
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	var chunks [][]byte
	for range 3 {
		w.Write(zeros)
		w.Flush()
		chunks = append(chunks, bytes.Clone(buf.Bytes()))
		buf.Reset()
	}
	w.Close()
	if !bytes.Equal(chunks[1], chunks[2]) {
		t.Fatal("deflate does not repeat itself over zeros")
	}
	packed = append(packed, chunks[0]...)
	h := sha256.New()
	h.Write(zeros)
	crc = crc32.ChecksumIEEE(zeros)
	for range mib - 1 {
		packed = append(packed, chunks[1]...)
		h.Write(zeros)
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	return append(packed, buf.Bytes()...), crc, hex.EncodeToString(h.Sum(nil))
}

// TestVerifyDir checks an archive folder: exactly the manifest's files, and
// no other folder, link or special file, none of which is followed.
func TestVerifyDir(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(t *testing.T, dir string)
		want string
	}{
		{name: "clean", edit: func(*testing.T, string) {}},
		{
			name: "extra empty folder",
			edit: func(t *testing.T, dir string) { mkdir(t, dir, "2023/unit/empty") },
			want: "多出的目录：2023/unit/empty/\n",
		},
		{
			name: "extra folder with a file",
			edit: func(t *testing.T, dir string) {
				mkdir(t, dir, "old")
				writeFile(t, dir, "old/index.html", "x")
			},
			want: "多出（不在清单中）：old/index.html\n多出的目录：old/\n",
		},
		{
			// The link points at a file with the very bytes listed: it
			// must still fail, and the file is not counted as present.
			name: "symlink in place of a file",
			edit: func(t *testing.T, dir string) {
				target := filepath.Join(t.TempDir(), "index.html")
				writeFile(t, filepath.Dir(target), "index.html", "<p>2023</p>")
				remove(t, dir, "2023/index.html")
				symlink(t, target, dir, "2023/index.html")
			},
			want: "缺失：2023/index.html\n不是普通文件：2023/index.html（符号链接）\n",
		},
		{
			name: "symlink to a folder",
			edit: func(t *testing.T, dir string) { symlink(t, "/", dir, "2023/root") },
			want: "不是普通文件：2023/root（符号链接）\n",
		},
		{
			name: "manifest file changed",
			edit: func(t *testing.T, dir string) { writeFile(t, dir, "2023/unit/附件1:绩效自评表.pdf", "%PDF-1.5") },
			want: "已改动：2023/unit/附件1:绩效自评表.pdf\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeDir(t)
			tt.edit(t, dir)
			p, err := Verify(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.String(); got != tt.want {
				t.Errorf("Verify found:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestVerifyDirLinked checks that the folder named may be a link, as the
// user chose it, while a manifest that is a link is refused.
func TestVerifyDirLinked(t *testing.T) {
	t.Parallel()
	dir := writeDir(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if p, err := Verify(link); err != nil || !p.OK() {
		t.Errorf("Verify(link to the folder) = %v, %v", p, err)
	}
	elsewhere := filepath.Join(t.TempDir(), ManifestName)
	if err := os.Rename(filepath.Join(dir, ManifestName), elsewhere); err != nil {
		t.Fatal(err)
	}
	symlink(t, elsewhere, dir, ManifestName)
	if _, err := Verify(dir); err == nil || !strings.Contains(err.Error(), "MANIFEST.sha256 不是普通文件（符号链接）") {
		t.Errorf("Verify with a linked manifest: err = %v", err)
	}
}

// writeDir writes the small archive as a folder.
func writeDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), strings.TrimSuffix(top, "/"))
	for name, data := range smallArchive() {
		mkdir(t, dir, filepath.Dir(name))
		writeFile(t, dir, name, string(data))
	}
	return dir
}

func mkdir(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(name)), 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, dir, name string) {
	t.Helper()
	if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

// TestManifestFormat checks that a manifest Verify accepts is one that
// sha256sum -c accepts, and that anything else is refused with its line.
func TestManifestFormat(t *testing.T) {
	t.Parallel()
	sum := strings.Repeat("ab", 32)
	for _, tt := range []struct{ list, want string }{
		{sum + " *index.html\n", "第 1 行格式不对"},
		{strings.ToUpper(sum) + "  index.html\n", "第 1 行格式不对"},
		{strings.Repeat("zz", 32) + "  index.html\n", "第 1 行格式不对"},
		{sum + "  a\n" + sum + "  ../x\n", "第 2 行的路径不可用"},
		{sum + "  a\n" + sum + "  a\n", "第 2 行重复列出"},
	} {
		if _, err := newChecker([]byte(tt.list)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("manifest %q: err = %v, want %q", tt.list, err, tt.want)
		}
	}
	if _, err := newChecker(manifest(smallArchive())); err != nil {
		t.Errorf("the manifest Write makes: %v", err)
	}
}
