package server

import (
	"bufio"
	"context"
	"encoding/json"
	"gongkai/internal/search"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copySample copies the repository's sample site into a temporary folder.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"site.toml", "content"} {
		err := filepath.WalkDir(filepath.Join("../..", name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("../..", p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// live is a running server and a browser's event stream on it.
type live struct {
	t      *testing.T
	base   string
	src    string
	msgs   chan message
	cancel context.CancelFunc
	done   chan error
}

func startLive(t *testing.T, src string) *live {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Src: src})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	l := &live{t: t, base: "http://" + ln.Addr().String(), src: src, msgs: make(chan message, 64), cancel: cancel, done: make(chan error, 1)}
	go func() { l.done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-l.done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10s of cancel")
		}
	})
	res, err := http.Get(l.base + "/__gongkai/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
		t.Fatalf("event stream content type %q", ct)
	}
	t.Cleanup(func() { res.Body.Close() })
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m message
			if json.Unmarshal([]byte(data), &m) == nil {
				l.msgs <- m
			}
		}
	}()
	return l
}

// await returns the first event that satisfies ok, failing after a timeout.
func (l *live) await(what string, ok func(message) bool) message {
	l.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case m := <-l.msgs:
			if ok(m) {
				return m
			}
		case <-deadline:
			l.t.Fatalf("no event: %s", what)
		}
	}
}

func (l *live) page(path string) (int, string) {
	l.t.Helper()
	res, err := http.Get(l.base + path)
	if err != nil {
		l.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (l *live) write(name, text string) {
	l.t.Helper()
	write(l.t, l.src, name, text)
}

func (l *live) edit(name, old, new string) {
	l.t.Helper()
	p := filepath.Join(l.src, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		l.t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		l.t.Fatalf("%s has no %q", name, old)
	}
	l.write(name, strings.Replace(string(data), old, new, 1))
}

func TestServeLive(t *testing.T) {
	t.Parallel()
	l := startLive(t, copySample(t))
	const page = "/2023/yanling-traffic-police/index.html"
	const basic = "content/2023/yanling-traffic-police/01-basic.md"

	first := l.await("the state on connecting", func(m message) bool { return true })
	if first.Build != 1 || len(first.Errors) != 0 {
		t.Fatalf("first state = %+v", first)
	}

	// An edit reloads, and the new text is served.
	l.edit(basic, "当年无变动。", "当年无变动。本句为测试新增。")
	l.await("the reload after an edit", func(m message) bool { return m.Build == 2 && len(m.Errors) == 0 })
	if code, body := l.page(page); code != 200 || !strings.Contains(body, "本句为测试新增。") {
		t.Fatalf("after the edit: %d, new text served: %v", code, strings.Contains(body, "本句为测试新增。"))
	}

	// A broken front matter is an error event at its line; the old page stays.
	l.edit(basic, `title = "一、基本情况"`, `title = "一、基本情况`)
	m := l.await("the error event", func(m message) bool { return len(m.Errors) > 0 })
	if e := m.Errors[0]; e.Path != basic || e.Line != 3 || e.Col != 16 || !strings.Contains(e.Message, "TOML 语法错误") || e.Source != `title = "一、基本情况` || m.Build != 2 {
		t.Errorf("error event = %+v (build %d)", e, m.Build)
	}
	if code, body := l.page(page); code != 200 || !strings.Contains(body, "本句为测试新增。") {
		t.Errorf("during the error the last good page is not served: %d", code)
	}

	// Fixing it recovers by itself.
	l.edit(basic, `title = "一、基本情况`, `title = "一、基本情况"`)
	l.await("recovery", func(m message) bool { return m.Build == 3 && len(m.Errors) == 0 })

	// A new year with a new report is picked up.
	l.write("content/2024/new-unit/index.md", "+++\ntitle = \"2024年度新单位整体支出绩效自评报告\"\nyear = 2024\norg = \"新单位\"\norg_id = \"new-unit\"\nunit = \"万元\"\n+++\n")
	l.write("content/2024/new-unit/01-basic.md", "+++\ntitle = \"一、基本情况\"\n+++\n\n新单位的正文。\n")
	l.await("the build with the new year", func(m message) bool {
		code, body := l.page("/2024/new-unit/index.html")
		return len(m.Errors) == 0 && code == 200 && strings.Contains(body, "新单位的正文。")
	})
	if _, home := l.page("/"); !strings.Contains(home, "2024年度") {
		t.Error("the home page does not list 2024")
	}

	// A renamed year folder keeps being watched: the year in its report is
	// now wrong, and fixing it inside the renamed folder rebuilds.
	if err := os.Rename(filepath.Join(l.src, "content", "2024"), filepath.Join(l.src, "content", "2025")); err != nil {
		t.Fatal(err)
	}
	l.await("the error after the rename", func(m message) bool {
		return len(m.Errors) > 0 && strings.Contains(m.Errors[0].Message, "year = 2024 与所在的年份目录 2025 不一致")
	})
	l.edit("content/2025/new-unit/index.md", "year = 2024", "year = 2025")
	l.await("the build after an edit in the renamed folder", func(m message) bool { return len(m.Errors) == 0 })
	l.edit("content/2025/new-unit/01-basic.md", "新单位的正文。", "改名后修改的正文。")
	l.await("an incremental build inside the renamed folder", func(m message) bool {
		_, body := l.page("/2025/new-unit/index.html")
		return len(m.Errors) == 0 && strings.Contains(body, "改名后修改的正文。")
	})
	if code, _ := l.page("/2024/new-unit/index.html"); code != http.StatusNotFound {
		t.Errorf("the old year's page is still served: %d", code)
	}
}

// TestServeStops checks that cancelling (Ctrl-C) stops the server promptly
// even with a browser connected.
func TestServeStops(t *testing.T) {
	t.Parallel()
	l := startLive(t, copySample(t))
	l.await("the state on connecting", func(message) bool { return true })
	l.cancel()
	select {
	case err := <-l.done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5s with a browser connected")
	}
	// Put the result back for the cleanup, which waits on it too.
	l.done <- nil
}

func TestPortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	if _, err := Listen(ln.Addr().String()); err == nil || !strings.Contains(err.Error(), "端口 "+port+" 已被占用") {
		t.Errorf("Listen on a taken port = %v", err)
	}
}

// TestIncrementalMatchesFull checks that a one-report rebuild serves exactly
// what a full build of the same source serves, including when the report
// moves to another unit.
func TestIncrementalMatchesFull(t *testing.T) {
	t.Parallel()
	src := copySample(t)
	s := &site{src: os.DirFS(src)}
	if res := s.rebuild(nil, true); len(res.problems) > 0 {
		t.Fatal(res.problems)
	}
	const index = "content/2023/yanling-traffic-police/index.md"
	data, err := os.ReadFile(filepath.Join(src, index))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `org_id = "yanling-traffic-police"`, `org_id = "yanling-police"`, 1)
	write(t, src, index, edited)
	inc := s.rebuild([]string{index}, false)
	if len(inc.problems) > 0 || inc.reports != 1 {
		t.Fatalf("incremental rebuild: %d reports, %v", inc.reports, inc.problems)
	}
	full := (&site{src: os.DirFS(src)}).rebuild(nil, true)
	if len(full.problems) > 0 {
		t.Fatal(full.problems)
	}
	for name, want := range full.files {
		// serve's rebuild keeps the search keys of the first build for
		// the report it renders again (build.Pipeline.Update): the key
		// shards alone may differ.
		if got, ok := inc.files[name]; !ok && !search.IsKeyFile(name) || !search.IsKeyFile(name) && string(got) != string(want) {
			t.Errorf("%s differs between the incremental and the full build", name)
		}
	}
	for name := range inc.files {
		if _, ok := full.files[name]; !ok {
			t.Errorf("%s lingers after the incremental build", name)
		}
	}
}

// TestIncrementalSupersede checks that an edit to a report rebuilds the
// reports whose pages name it: the one it replaces, which links to it by
// title, and the one that replaces it, which lists it, before and after
// superseded_by changes.
func TestIncrementalSupersede(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	index := func(slug, title, extra string) string {
		return "+++\ntitle = \"" + title + "\"\nyear = 2023\norg = \"单位" + slug + "\"\norg_id = \"" + slug + "\"\nunit = \"万元\"\n" + extra + "+++\n正文\n"
	}
	write(t, src, "site.toml", "title = \"站\"\n")
	write(t, src, "content/2023/a/index.md", index("a", "甲报告", "superseded_by = \"2023/b\"\n"))
	write(t, src, "content/2023/b/index.md", index("b", "乙报告", ""))
	write(t, src, "content/2023/c/index.md", index("c", "丙报告", ""))
	s := &site{src: os.DirFS(src)}
	if res := s.rebuild(nil, true); len(res.problems) > 0 {
		t.Fatal(res.problems)
	}
	for _, edit := range []struct{ file, text, want string }{
		{"content/2023/b/index.md", index("b", "乙报告（修订）", ""), "乙报告（修订）"},
		{"content/2023/a/index.md", index("a", "甲报告（旧）", "superseded_by = \"2023/b\"\n"), "甲报告（旧）"},
		{"content/2023/a/index.md", index("a", "甲报告（旧）", "superseded_by = \"2023/c\"\n"), "丙报告"},
	} {
		write(t, src, edit.file, edit.text)
		inc := s.rebuild([]string{edit.file}, false)
		if len(inc.problems) > 0 || inc.reports < 1 {
			t.Fatalf("after editing %s: %d reports, %v", edit.file, inc.reports, inc.problems)
		}
		full := (&site{src: os.DirFS(src)}).rebuild(nil, true)
		for name, want := range full.files {
			if got := inc.files[name]; !search.IsKeyFile(name) && string(got) != string(want) {
				t.Errorf("after editing %s to say %s: %s differs between the incremental and the full build", edit.file, edit.want, name)
			}
		}
		if !strings.Contains(string(inc.files["2023/a/index.html"]), edit.want) {
			t.Errorf("after editing %s: 2023/a/index.html does not say %s", edit.file, edit.want)
		}
	}
}

// TestRebuildCountsFindings checks that serve runs the checks on every
// rebuild, the link checks included, and says what they found: a broken
// link added by a save is counted, and counted no more once fixed.
func TestRebuildCountsFindings(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	index := "+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n"
	write(t, src, "site.toml", "title = \"站\"\n")
	write(t, src, "content/2023/u/index.md", index)
	write(t, src, "content/2023/u/01-a.md", "+++\ntitle = \"一\"\n+++\n正文。\n")
	s := &site{src: os.DirFS(src)}
	if res := s.rebuild(nil, true); len(res.problems) > 0 || res.errors != 0 {
		t.Fatalf("first build: %v, %d errors", res.problems, res.errors)
	}
	for _, edit := range []struct {
		text   string
		errors int
	}{
		{"+++\ntitle = \"一\"\n+++\n见[附件](missing.pdf)。\n", 1},
		{"+++\ntitle = \"一\"\n+++\n正文。\n", 0},
	} {
		write(t, src, "content/2023/u/01-a.md", edit.text)
		res := s.rebuild([]string{"content/2023/u/01-a.md"}, false)
		if len(res.problems) > 0 || res.reports != 1 {
			t.Fatalf("rebuild: %d reports, %v", res.reports, res.problems)
		}
		if res.errors != edit.errors {
			t.Errorf("after saving %q: %d errors, want %d (%s)", edit.text, res.errors, edit.errors, res.findings())
		}
	}
}

// TestFirstBuildListsFindings checks that serve lists every finding of its
// first build in the terminal, as gongkai build does: the author has not
// seen them yet, and later saves only count them.
func TestFirstBuildListsFindings(t *testing.T) {
	t.Parallel()
	index := "+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"u\"\nunit = \"万元\"\n+++\n"
	for _, c := range []struct {
		name, section string
		want, not     []string
	}{
		{
			name:    "broken link",
			section: "+++\ntitle = \"一\"\n+++\n见[附件](missing.pdf)。\n",
			want:    []string{"已构建全站", "\ncontent/2023/u/01-a.md:4:", "错误 [", "missing.pdf", "\n核查：1 个错误，0 个警告，0 条提示"},
			not:     []string{"已重新构建", "gongkai check 列出全部"},
		},
		{
			name:    "clean",
			section: "+++\ntitle = \"一\"\n+++\n正文。\n",
			want:    []string{"已构建全站", "核查未发现问题"},
			not:     []string{"已重新构建", "01-a.md"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := t.TempDir()
			// One section only: the others' absence is not what this is about.
			write(t, src, "site.toml", "title = \"站\"\n[check]\nignore = [\"SECTION-MISSING\"]\n")
			write(t, src, "content/2023/u/index.md", index)
			write(t, src, "content/2023/u/01-a.md", c.section)
			var log strings.Builder
			if _, err := New(Config{Src: src, Log: &log}); err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(log.String(), w) {
					t.Errorf("terminal does not say %q:\n%s", w, log.String())
				}
			}
			for _, n := range c.not {
				if strings.Contains(log.String(), n) {
					t.Errorf("terminal says %q:\n%s", n, log.String())
				}
			}
		})
	}
}
