package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/check"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// state is one served version of the site: the files of the last good
// build and the errors of the last build, if it failed. A state is never
// changed once published; a rebuild publishes a new one.
type state struct {
	build  int               // counts successful builds; pages reload when it changes
	files  map[string][]byte // by slash path, as build would write them
	errors []Problem         // of the newest build; empty when it succeeded
}

// Problem is one build error as the browser overlay shows it.
type Problem struct {
	Path    string `json:"path,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Source  string `json:"source,omitempty"` // the offending line of the file
}

// String is the problem as the terminal prints it.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return report.Pos{Path: p.Path, Line: p.Line, Col: p.Col}.String() + ": " + p.Message
}

// site holds what a rebuild needs from the previous one. Only the rebuild
// goroutine touches it.
type site struct {
	src   fs.FS
	last  *build.Build      // nil until a build succeeds
	files map[string][]byte // of last
}

// result is what one rebuild did.
type result struct {
	files    map[string][]byte // nil when the build failed
	problems []Problem
	reports  int // re-rendered reports; -1 for a full build
	took     time.Duration
	// errors, warnings and infos count what the checks found, as
	// gongkai check would list it.
	errors, warnings, infos int
	found                   []check.Finding // what they found, for the first build's list
}

// rebuild builds again after the changes in paths, or all over when full.
// Only when every change lies inside reports the site already has are just
// those reports and the pages that list them rendered again (build.Update).
func (s *site) rebuild(paths []string, full bool) (res result) {
	start := time.Now()
	// No input should make a build panic, but if one does, the author sees
	// it as an error and the server keeps serving the last good site.
	defer func() {
		if v := recover(); v != nil {
			res = result{problems: []Problem{{Message: fmt.Sprintf("构建时发生内部错误（请报告此问题）：%v", v)}}, took: time.Since(start)}
		}
	}()
	prev := s.last
	if full {
		prev = nil
	}
	b, files, err := build.New(s.src, build.Options{}).Update(prev, s.files, paths)
	if err != nil {
		return result{problems: s.problems(err), took: time.Since(start)}
	}
	s.last, s.files = b, files
	res = result{files: files, reports: -1, took: time.Since(start)}
	res.errors, res.warnings, res.infos = check.Count(b.Findings)
	res.found = b.Findings
	if b.Incremental {
		res.reports = b.Reports
	}
	return res
}

// problems turns a build error into what the overlay shows, with the
// offending line of each file.
func (s *site) problems(err error) []Problem {
	var list source.List
	if !errors.As(err, &list) {
		return []Problem{{Message: err.Error()}}
	}
	out := make([]Problem, len(list))
	for i, e := range list {
		out[i] = Problem{Path: e.Pos.Path, Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg, Source: sourceLine(s.src, e.Pos)}
	}
	return out
}

// sourceLine is line pos.Line of pos.Path, or "".
func sourceLine(fsys fs.FS, pos report.Pos) string {
	if pos.Line < 1 || pos.Path == "" {
		return ""
	}
	data, err := fs.ReadFile(fsys, pos.Path)
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for n := 1; sc.Scan(); n++ {
		if n == pos.Line {
			return strings.ToValidUTF8(strings.TrimRight(sc.Text(), "\r"), "�")
		}
	}
	return ""
}

// isHTML reports whether a served file is a page, which gets the live script.
func isHTML(name string) bool { return path.Ext(name) == ".html" }

// findings is what the checks found, for the line that reports a build:
// the counts, and where to see the list.
func (r result) findings() string {
	if r.errors+r.warnings+r.infos == 0 {
		return "；核查未发现问题"
	}
	return fmt.Sprintf("；核查：%d 个错误，%d 个警告，%d 条提示（gongkai check 列出全部）", r.errors, r.warnings, r.infos)
}
