package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/build"
)

// sampleServer builds the repository's sample site in memory, as serve does.
func sampleServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Src: "../.."})
	if err != nil {
		t.Fatal(err)
	}
	if st := s.current(); len(st.errors) > 0 || st.build != 1 {
		t.Fatalf("first build: build %d, errors %v", st.build, st.errors)
	}
	return s
}

func get(t *testing.T, h http.Handler, target string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestServedIsBuilt compares every served file with what gongkai build writes
// for the same source: the same bytes, but for the dev script in pages.
func TestServedIsBuilt(t *testing.T) {
	t.Parallel()
	s := sampleServer(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Write(os.DirFS("../.."), out, build.Options{}); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		built, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		res := get(t, s, "/"+rel)
		served := body(t, res)
		if res.StatusCode != http.StatusOK {
			t.Errorf("/%s: status %d", rel, res.StatusCode)
		}
		if strings.HasSuffix(rel, ".html") {
			if bytes.Contains(built, []byte(devPrefix)) {
				t.Errorf("built %s carries the dev script", rel)
			}
			if !bytes.Contains(served, []byte(`<script src="/__gongkai/live.js" data-build="1" defer></script>`)) {
				t.Errorf("served %s lacks the dev script", rel)
			}
			served = bytes.Replace(served, []byte(`<link rel="stylesheet" href="/__gongkai/live.css"><script src="/__gongkai/live.js" data-build="1" defer></script>`+"\n"), nil, 1)
		}
		if !bytes.Equal(served, built) {
			t.Errorf("/%s: served bytes differ from built ones", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Errorf("only %d files compared", n)
	}
}

func TestTraversal(t *testing.T) {
	t.Parallel()
	s := sampleServer(t)
	for _, target := range []string{
		"/../site.toml", "/..%2fsite.toml", "/%2e%2e/site.toml", "/%2e%2e%2fcontent/_index.md",
		"/2023/../../site.toml", "/content/_index.md", "/site.toml", "/.gongkai-output",
		"/assets/../../go.mod", "/%2e%2e/%2e%2e/etc/passwd",
	} {
		res := get(t, s, target)
		b := body(t, res)
		if res.StatusCode != http.StatusNotFound || bytes.Contains(b, []byte("title =")) || bytes.Contains(b, []byte("root:")) {
			t.Errorf("%s: status %d", target, res.StatusCode)
		}
	}
	// The 404 page is the site's own, with the dev script.
	res := get(t, s, "/nope.html")
	if b := body(t, res); !bytes.Contains(b, []byte("页面不存在")) || !bytes.Contains(b, []byte("live.js")) {
		t.Errorf("404 page:\n%s", b)
	}
}

func TestDirectories(t *testing.T) {
	t.Parallel()
	s := sampleServer(t)
	res := get(t, s, "/2023")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/2023/" {
		t.Errorf("/2023: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	for _, target := range []string{"/", "/2023/", "/2023/yanling-traffic-police/"} {
		res := get(t, s, target)
		if b := body(t, res); res.StatusCode != http.StatusOK || !bytes.Contains(b, []byte("<!DOCTYPE html>")) {
			t.Errorf("%s: %d", target, res.StatusCode)
		}
	}
	// No listings: a folder without index.html is not found.
	for _, target := range []string{"/assets/", "/2023/yanling-traffic-police/data/"} {
		if res := get(t, s, target); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, res.StatusCode)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/index.html", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}

func TestContentTypes(t *testing.T) {
	t.Parallel()
	s := sampleServer(t)
	for target, want := range map[string]string{
		"/index.html":                            "text/html; charset=utf-8",
		"/assets/site.css":                       "text/css; charset=utf-8",
		"/assets/charts.js":                      "text/javascript; charset=utf-8",
		"/2023/yanling-traffic-police/data.json": "application/json; charset=utf-8",
		"/2023/yanling-traffic-police/data.csv":  "text/csv; charset=utf-8",
		"/sitemap.xml":                           "application/xml; charset=utf-8",
		"/assets/favicon.svg":                    "image/svg+xml",
		"/__gongkai/live.js":                     "text/javascript; charset=utf-8",
	} {
		res := get(t, s, target)
		if got := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || got != want {
			t.Errorf("%s: %d %q, want %q", target, res.StatusCode, got, want)
		}
	}
	if res := get(t, s, "/index.html"); res.Header.Get("Content-Security-Policy") != "default-src 'self'" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", res.Header)
	}
}

func TestErrorPageBeforeAnyGoodBuild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "site.toml", "title = \"站\n")
	var log strings.Builder
	s, err := New(Config{Src: dir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	// Nothing was ever built: the terminal must not promise a last good
	// build that is not there.
	if got := log.String(); !strings.Contains(got, "尚无可预览的内容") || strings.Contains(got, "上次成功构建") {
		t.Errorf("terminal:\n%s", got)
	}
	res := get(t, s, "/")
	b := body(t, res)
	if res.StatusCode != http.StatusInternalServerError || !bytes.Contains(b, []byte("site.toml:1:11: TOML 语法错误")) || !bytes.Contains(b, []byte("live.js")) {
		t.Errorf("error page %d:\n%s", res.StatusCode, b)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{"index.html": nil, "a/index.html": nil, "a/b.css": nil}
	for _, c := range []struct{ path, name, redirect string }{
		{"/", "index.html", ""},
		{"/index.html", "index.html", ""},
		{"/a", "", "/a/"},
		{"/a/", "a/index.html", ""},
		{"/a/b.css", "a/b.css", ""},
		{"/a/b.css/", "", ""},
		{"/x", "", ""},
	} {
		name, redirect, _ := lookup(files, c.path)
		if name != c.name || redirect != c.redirect {
			t.Errorf("lookup(%q) = %q, %q; want %q, %q", c.path, name, redirect, c.name, c.redirect)
		}
	}
}

func TestInject(t *testing.T) {
	t.Parallel()
	got := string(inject([]byte("<html><head><title>x</title></head><body></body></html>"), 7))
	want := `<html><head><title>x</title><link rel="stylesheet" href="/__gongkai/live.css"><script src="/__gongkai/live.js" data-build="7" defer></script>` + "\n</head><body></body></html>"
	if got != want {
		t.Errorf("inject = %q", got)
	}
}

// TestHostGuard checks that only requests addressed to the server itself
// are answered, on every path: a page of another name that resolves to
// 127.0.0.1 (DNS rebinding) gets 403.
func TestHostGuard(t *testing.T) {
	t.Parallel()
	s := sampleServer(t)
	paths := []string{"/", "/2023/yanling-traffic-police/index.html", "/assets/site.css", "/__gongkai/live.js", "/nope.html"}
	tests := []struct {
		listen string
		also   string // the host name given to --addr
		ok     []string
		denied []string
	}{
		{
			listen: "127.0.0.1:1313",
			ok:     []string{"127.0.0.1:1313", "localhost:1313", "LocalHost:1313", "[::1]:1313"},
			denied: []string{"evil.example:1313", "evil.example", "localhost:1314", "127.0.0.1", "localhost", "127.0.0.2:1313",
				"localhost.evil.example:1313", "", ":1313", "[::1]"},
		},
		{
			listen: "192.168.1.5:8080",
			ok:     []string{"192.168.1.5:8080", "localhost:8080"},
			denied: []string{"evil.example:8080", "192.168.1.6:8080", "192.168.1.5:1313"},
		},
		{
			// Listening on every address, any IP address is the server.
			listen: "[::]:1313",
			ok:     []string{"192.168.1.5:1313", "[fe80::1]:1313", "localhost:1313", "[::1]:1313"},
			denied: []string{"evil.example:1313", "192.168.1.5:1314", "mybox.lan:1313"},
		},
		{
			listen: "127.0.0.1:80",
			ok:     []string{"localhost", "127.0.0.1", "localhost:80"},
			denied: []string{"evil.example"},
		},
		{
			// serve --addr mybox.lan:1313: the name the user chose.
			listen: "192.168.1.5:1313",
			also:   "mybox.lan",
			ok:     []string{"mybox.lan:1313", "MyBox.lan:1313", "192.168.1.5:1313"},
			denied: []string{"evil.example:1313", "mybox.lan:1314"},
		},
	}
	for _, tt := range tests {
		h := hostGuard(tt.listen, s, tt.also)
		for _, host := range append(tt.ok, tt.denied...) {
			want := slices.Contains(tt.ok, host)
			for _, p := range paths {
				req := httptest.NewRequest(http.MethodGet, p, nil)
				req.Host = host
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if got := rec.Code != http.StatusForbidden; got != want {
					t.Errorf("listening on %s, Host %q, %s: status %d", tt.listen, host, p, rec.Code)
				}
				if !want && !strings.Contains(rec.Body.String(), "禁止访问") {
					t.Errorf("listening on %s, Host %q: body %q", tt.listen, host, rec.Body)
				}
			}
		}
	}
}

// TestServeRefusesOtherHosts checks the guard on a running server, the
// event stream included.
func TestServeRefusesOtherHosts(t *testing.T) {
	t.Parallel()
	l := startLive(t, copySample(t))
	// Without the guard the event stream would answer and never end.
	client := &http.Client{Timeout: 5 * time.Second}
	for _, p := range []string{"/", "/__gongkai/events", "/__gongkai/live.js"} {
		req, err := http.NewRequest(http.MethodGet, l.base+p, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "rebind.evil.example:" + l.base[strings.LastIndex(l.base, ":")+1:]
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden || !strings.HasPrefix(string(b), "403 禁止访问") {
			t.Errorf("%s with Host %s: %d %.60q", p, req.Host, res.StatusCode, b)
		}
	}
	if code, _ := l.page("/"); code != http.StatusOK {
		t.Errorf("/ on 127.0.0.1: %d", code)
	}
}
