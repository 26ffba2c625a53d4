package source

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// tooLargeSection is a section file a little over MaxFileSize.
func tooLargeSection() string {
	return "+++\ntitle = \"一\"\n+++\n" + strings.Repeat("正文。\n", MaxFileSize/10)
}

func TestLoadFileTooLarge(t *testing.T) {
	t.Parallel()
	const sec = "content/2023/u/01-a.md"
	big := tooLargeSection()
	got := loadErrors(t, map[string]string{sec: big, "site.toml": "title = \"站点\"\n" + strings.Repeat("# 注释\n", MaxFileSize/9)})
	want := []string{
		fmt.Sprintf("%s: 文件过大（%d 字节，上限 4194304 字节，即 4 MiB）：源文件应是报告的文字和数据，请拆分或删减", sec, len(big)),
		fmt.Sprintf("site.toml: 文件过大（%d 字节，上限 4194304 字节，即 4 MiB）：源文件应是报告的文字和数据，请拆分或删减", len("title = \"站点\"\n")+len("# 注释\n")*(MaxFileSize/9)),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// endless is a file system whose one report section says it is small, or
// huge, and reads without end: Load must neither trust the size it says nor
// read a huge one.
type endless struct {
	fstest.MapFS
	name string
	size int64
	read *int64 // bytes read
}

func (e endless) Open(name string) (fs.File, error) {
	if name != e.name {
		return e.MapFS.Open(name)
	}
	return &endlessFile{e}, nil
}

type endlessFile struct{ e endless }

func (f *endlessFile) Stat() (fs.FileInfo, error) {
	return fakeInfo{name: f.e.name, size: f.e.size}, nil
}
func (f *endlessFile) Close() error { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '\n'
	}
	*f.e.read += int64(len(p))
	return len(p), nil
}

type fakeInfo struct {
	name string
	size int64
}

func (i fakeInfo) Name() string       { return i.name }
func (i fakeInfo) Size() int64        { return i.size }
func (i fakeInfo) Mode() fs.FileMode  { return 0o644 }
func (i fakeInfo) ModTime() time.Time { return time.Time{} }
func (i fakeInfo) IsDir() bool        { return false }
func (i fakeInfo) Sys() any           { return nil }

func TestLoadReadsBounded(t *testing.T) {
	t.Parallel()
	const sec = "content/2023/u/01-a.md"
	tests := []struct {
		size     int64
		want     string
		maxRead  int64
		whatSize string
	}{
		// Ten gigabytes, said: not one byte read.
		{size: 10 << 30, want: sec + ": 文件过大（10737418240 字节，上限 4194304 字节，即 4 MiB）", maxRead: 0},
		// Small, said, but endless: read to the limit and no further.
		{size: 100, want: sec + ": 文件过大（超过 4194304 字节，上限 4194304 字节，即 4 MiB）", maxRead: MaxFileSize + 1},
	}
	for _, tt := range tests {
		fsys := tree(base())
		fsys[sec] = &fstest.MapFile{Data: []byte("placeholder")}
		var read int64
		_, err := Load(endless{MapFS: fsys, name: sec, size: tt.size, read: &read})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("size %d: Load = %v, want %s…", tt.size, err, tt.want)
		}
		if read > tt.maxRead {
			t.Errorf("size %d: read %d bytes, want at most %d", tt.size, read, tt.maxRead)
		}
	}
}

// deepQuotes is a section nested n block quotes deep, one line a level.
func deepQuotes(n int) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"一\"\n+++\n")
	for i := 1; i <= n; i++ {
		b.WriteString(strings.Repeat("> ", i))
		b.WriteString("引用\n")
	}
	return b.String()
}

// deepList is a section of lists nested n deep, one line a level.
func deepList(n int, marker string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"一\"\n+++\n")
	for i := range n {
		b.WriteString(strings.Repeat(" ", i*(len(marker)+1)))
		b.WriteString(marker + " 项\n")
	}
	return b.String()
}

func TestLoadMarkdownTooDeep(t *testing.T) {
	t.Parallel()
	const sec = "content/2023/u/01-a.md"
	msg := ": 嵌套层数超过 64 层（引用“>”和列表项层层相套，或缩进过深）：请减少这一行的引用层数或缩进"
	tests := []struct {
		name, text, want string
	}{
		{"64 quotes", deepQuotes(64), ""},
		// Line 4 + 64 = 68 is the 65th level; its 65th ">" at column 129.
		{"65 quotes", deepQuotes(65), sec + ":68:129" + msg},
		{"quotes without spaces", "+++\ntitle = \"一\"\n+++\n" + strings.Repeat(">", 65) + " 引用\n", sec + ":4:65" + msg},
		{"64 nested lists", deepList(64, "-"), ""},
		{"65 nested lists", deepList(65, "-"), sec + ":68:129" + msg},
		// Ordered items are indented three columns a level, but the
		// bound counts every two columns of indentation as one: it
		// refuses them at the 44th level, four lines after the first.
		{"nested ordered lists", deepList(65, "1."), sec + ":47:130" + msg},
		{"lists on one line", "+++\ntitle = \"一\"\n+++\n" + strings.Repeat("* ", 65) + "项\n", sec + ":4:129" + msg},
		{"quotes and lists", "+++\ntitle = \"一\"\n+++\n" + strings.Repeat("> - ", 33) + "项\n", sec + ":4:129" + msg},
		{"tabs", "+++\ntitle = \"一\"\n+++\n- 项\n" + strings.Repeat("\t", 33) + "- 项\n", sec + ":5:33" + msg},
		{"a blank line of spaces", "+++\ntitle = \"一\"\n+++\n" + strings.Repeat(" ", 1000) + "\n正文\n", ""},
		{"a long line of text", "+++\ntitle = \"一\"\n+++\n" + strings.Repeat("-- ", 1000) + "\n" + strings.Repeat("1. 2023年", 100) + "\n", ""},
		{"a table", "+++\ntitle = \"一\"\n+++\n|" + strings.Repeat(" - |", 100) + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := base()
			files[sec] = tt.text
			_, err := Load(tree(files))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("Load = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// veryDeep are sections nested 10,000 levels deep on one line, and 2,000
// levels one line a level (4 MB), which goldmark takes seconds, minutes or
// all memory to render.
func veryDeep() []string {
	const head = "+++\ntitle = \"一\"\n+++\n"
	return []string{
		head + strings.Repeat(">", 10_000) + " 引用\n",
		head + strings.Repeat("- ", 10_000) + "项\n",
		head + strings.Repeat("> - ", 5_000) + "项\n",
		deepQuotes(2_000),
		deepList(2_000, "-"),
	}
}

// TestLoadMarkdownVeryDeep checks that Load refuses such text before
// goldmark sees it.
func TestLoadMarkdownVeryDeep(t *testing.T) {
	t.Parallel()
	for _, text := range veryDeep() {
		files := base()
		files["content/2023/u/01-a.md"] = text
		if _, err := Load(tree(files)); err == nil || !strings.Contains(err.Error(), "嵌套层数超过 64 层") {
			t.Errorf("Load = %v, want the nesting refused", err)
		}
	}
}

// BenchmarkLoadMarkdownVeryDeep measures how soon Load refuses them.
func BenchmarkLoadMarkdownVeryDeep(b *testing.B) {
	for i, text := range veryDeep() {
		files := base()
		files["content/2023/u/01-a.md"] = text
		fsys := tree(files)
		b.Run(fmt.Sprint(i), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := Load(fsys); err == nil {
					b.Fatal("Load succeeded")
				}
			}
		})
	}
}

// TestLoadTOMLTooDeep checks front matter nested deeper than MaxDepth:
// BurntSushi/toml takes a minute and a half over 16,000 nested inline tables.
func TestLoadTOMLTooDeep(t *testing.T) {
	t.Parallel()
	const sec = "content/2023/u/01-a.md"
	msg := ": 嵌套层数超过 64 层（数组“[”或内联表“{”层层相套）：请减少嵌套"
	tests := []struct {
		name, fm, want string
	}{
		{"inline tables", "x = " + strings.Repeat("{a = ", 16000) + "1" + strings.Repeat("}", 16000), sec + ":3:" + fmt.Sprint(5+64*5) + msg},
		{"arrays", "x = " + strings.Repeat("[", 100), sec + ":3:69" + msg},
		{"after a multi-line array", "x = [\n  1,\n]\ny = " + strings.Repeat("[", 65) + strings.Repeat("]", 65), sec + ":6:69" + msg},
		// Brackets in strings and comments count for nothing: the
		// errors are toml.Decode's own, about the unknown key.
		{"in strings", "title = \"" + strings.Repeat("[", 100) + "\"\nnote = '" + strings.Repeat("{", 100) + "'\nx = \"\"\"\n" + strings.Repeat("[", 100) + "\\\"\"\"\n\"\"\"\ny = '''" + strings.Repeat("[", 100) + "'''\n# " + strings.Repeat("[", 100), sec + `:3:1: 未知的键 "note"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := base()
			files[sec] = "+++\ntitle = \"一\"\n" + tt.fm + "\n+++\n"
			if tt.name == "in strings" {
				files[sec] = "+++\n" + tt.fm + "\n+++\n"
			}
			_, err := Load(tree(files))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Load = %v\nwant %s…", err, tt.want)
			}
		})
	}
}

// TestLoadSampleNotTooDeep loads the repository's sample site: none of the
// limits may refuse it.
func TestLoadSampleNotTooDeep(t *testing.T) {
	t.Parallel()
	for _, fsys := range []fs.FS{os.DirFS("../..")} {
		if _, err := Load(onlySite{fsys}); err != nil {
			t.Fatalf("Load of the sample site: %v", err)
		}
	}
}

// onlySite shows site.toml and content/ of a directory, not its layouts/
// and static/ (the repository's are the built-in theme's sources).
type onlySite struct{ fs.FS }

func (o onlySite) Open(name string) (fs.File, error) {
	if name == "layouts" || name == "static" || strings.HasPrefix(name, "layouts/") || strings.HasPrefix(name, "static/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.FS.Open(name)
}

var _ io.Reader = (*endlessFile)(nil)
