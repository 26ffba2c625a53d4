// Package server is gongkai serve: it builds the site into memory, serves
// it, watches the source and rebuilds on every save, and tells open pages
// to reload over Server-Sent Events. A failed rebuild never takes the site
// down: the last good build stays served, and every open page shows the
// errors over it until a save fixes them.
package server

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"gongkai/internal/source"
	"gongkai/internal/watch"
)

// Config is how serve was asked to run.
type Config struct {
	Src  string    // the site's source directory
	Addr string    // the address asked for (--addr), whose host name requests may name
	Poll bool      // poll the file system instead of inotify
	Log  io.Writer // the terminal
}

// Server serves one site.
type Server struct {
	cfg   Config
	site  *site
	state atomic.Pointer[state]
	mu    sync.Mutex
	subs  map[chan *state]bool
	done  chan struct{}
}

//go:embed assets
var assets embed.FS

// New builds the site for the first time. A failed build is not an error:
// the server starts anyway and shows what is wrong; only a source folder
// that cannot be opened is.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{cfg: cfg, subs: map[chan *state]bool{}, done: make(chan struct{})}
	src, err := source.Open(cfg.Src)
	if err != nil {
		return nil, err
	}
	s.site = &site{src: src}
	s.state.Store(&state{files: map[string][]byte{}})
	s.apply(s.site.rebuild(nil, true))
	return s, nil
}

// Listen opens addr, saying clearly when the port is taken.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		_, port, _ := net.SplitHostPort(addr)
		return nil, fmt.Errorf("端口 %s 已被占用：请先关闭占用它的程序，或用 --addr 换一个端口，如 --addr 127.0.0.1:1314", port)
	}
	return ln, err
}

// Run serves on ln and rebuilds on changes until ctx is done.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	w, err := watch.New(s.cfg.Src, watch.Options{Dirs: []string{"content", "layouts", "static"}, Poll: s.cfg.Poll})
	if err != nil {
		ln.Close()
		return fmt.Errorf("监视源目录：%w", err)
	}
	defer w.Close()
	srv := &http.Server{
		Handler:           hostGuard(ln.Addr().String(), s, hostOf(s.cfg.Addr)),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      60 * time.Second, // the event stream lifts its own
		IdleTimeout:       2 * time.Minute,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	for {
		select {
		case <-ctx.Done():
			close(s.done) // ends the event streams, so that Shutdown need not wait for them
			shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(shut)
		case err := <-served:
			return err
		case msg := <-w.Warnings():
			fmt.Fprintf(s.cfg.Log, "警告：%s\n", msg)
		case b, ok := <-w.Batches():
			if !ok {
				return errors.New("监视已停止")
			}
			s.apply(s.site.rebuild(b.Paths, b.Overflow))
		}
	}
}

// apply publishes a rebuild's result and reports it in the terminal.
func (s *Server) apply(res result) {
	old := s.current()
	next := &state{build: old.build, files: old.files, errors: res.problems}
	if res.files != nil {
		next.build, next.files = old.build+1, res.files
	}
	s.publish(next)
	now := time.Now().Format("15:04:05")
	switch {
	case len(res.problems) > 0 && old.build == 0:
		// Nothing was ever built: there is no last good site to show.
		fmt.Fprintf(s.cfg.Log, "%s 构建失败（%d 处错误），尚无可预览的内容，浏览器中显示错误列表：\n", now, len(res.problems))
		s.printProblems(res.problems)
	case len(res.problems) > 0:
		fmt.Fprintf(s.cfg.Log, "%s 构建失败（%d 处错误），浏览器中仍显示上次成功构建的内容：\n", now, len(res.problems))
		s.printProblems(res.problems)
	case old.build == 0:
		s.printFirst(now, res)
	case res.reports < 0:
		fmt.Fprintf(s.cfg.Log, "%s 已重新构建全站，用时 %s%s\n", now, res.took.Round(time.Millisecond), res.findings())
	default:
		fmt.Fprintf(s.cfg.Log, "%s 已重新构建 %d 份报告及其列表页，用时 %s%s\n", now, res.reports, res.took.Round(time.Millisecond), res.findings())
	}
}

// printFirst reports the first good build: every finding of the checks,
// as gongkai build prints them, since the author has not seen them yet;
// later rebuilds only count them.
func (s *Server) printFirst(now string, res result) {
	took := res.took.Round(time.Millisecond)
	if len(res.found) == 0 {
		fmt.Fprintf(s.cfg.Log, "%s 已构建全站，用时 %s%s\n", now, took, res.findings())
		return
	}
	fmt.Fprintf(s.cfg.Log, "%s 已构建全站，用时 %s\n", now, took)
	for _, f := range res.found {
		fmt.Fprintln(s.cfg.Log, f)
	}
	fmt.Fprintf(s.cfg.Log, "核查：%d 个错误，%d 个警告，%d 条提示（此后每次保存后只报数目；gongkai check 可单独运行核查）\n", res.errors, res.warnings, res.infos)
}

// printProblems lists a failed build's errors in the terminal, each with
// the offending line of its file.
func (s *Server) printProblems(problems []Problem) {
	for _, p := range problems {
		fmt.Fprintf(s.cfg.Log, "  %s\n", p)
		if p.Source != "" {
			fmt.Fprintf(s.cfg.Log, "      %s\n", p.Source)
		}
	}
}

func (s *Server) current() *state { return s.state.Load() }

// dev serves the endpoints under /__gongkai/.
func (s *Server) dev(w http.ResponseWriter, r *http.Request) {
	switch name := strings.TrimPrefix(r.URL.Path, devPrefix); name {
	case "events":
		s.events(w, r)
	case "live.js", "live.css":
		data, _ := assets.ReadFile("assets/" + name)
		w.Header().Set("Content-Type", contentType(name))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
	default:
		http.NotFound(w, r)
	}
}

// errorPage is what a page shows when no build has succeeded yet.
func errorPage(st *state) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>构建失败 - gongkai</title>\n</head>\n<body>\n<h1>网站构建失败</h1>\n<p>修正以下错误并保存后，本页会自动刷新。</p>\n<ol>\n")
	for _, p := range st.errors {
		b.WriteString("<li><code>" + html.EscapeString(p.String()) + "</code>")
		if p.Source != "" {
			b.WriteString("<pre>" + html.EscapeString(p.Source) + "</pre>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</body>\n</html>\n")
	return []byte(b.String())
}

// hostOf is the host of a host:port address, or "".
func hostOf(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	return host
}
