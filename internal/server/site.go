package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/check"
	"gongkai/internal/render"
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
	src     fs.FS
	echarts *build.ECharts
	model   *report.Site      // nil until a full load succeeds
	r       *render.Renderer  // nil until the layouts parse
	files   map[string][]byte // of the last good build
}

// reportDir matches a path inside one report's folder.
var reportDir = regexp.MustCompile(`^content/[12][0-9]{3}/[^/]+`)

// result is what one rebuild did.
type result struct {
	files    map[string][]byte // nil when the build failed
	problems []Problem
	reports  int // re-rendered reports; -1 for a full build
	took     time.Duration
}

// rebuild builds again after the changes in paths (nil: everything). Only
// when every change lies inside reports the site already has are just those
// reports and the pages that list them rendered again; anything else —
// layouts, static files, site.toml, a new or removed report — is a full
// build.
func (s *site) rebuild(paths []string, full bool) (res result) {
	start := time.Now()
	// No input should make a build panic, but if one does, the author sees
	// it as an error and the server keeps serving the last good site.
	defer func() {
		if v := recover(); v != nil {
			res = result{problems: []Problem{{Message: fmt.Sprintf("构建时发生内部错误（请报告此问题）：%v", v)}}, took: time.Since(start)}
		}
	}()
	dirs, ok := s.changedReports(paths)
	if full || !ok || s.model == nil || s.r == nil {
		res = s.full()
	} else {
		res = s.reports(dirs)
	}
	res.took = time.Since(start)
	return res
}

// changedReports lists the report folders paths touch, or false when some
// change lies outside every known report.
func (s *site) changedReports(paths []string) ([]string, bool) {
	if s.model == nil || len(paths) == 0 {
		return nil, false
	}
	known := map[string]bool{}
	for _, r := range s.model.Reports() {
		known[r.Dir] = true
	}
	var dirs []string
	for _, p := range paths {
		dir := reportDir.FindString(p)
		if dir == "" || !known[dir] || !exists(s.src, dir) {
			return nil, false
		}
		if !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	slices.Sort(dirs)
	return dirs, true
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

func (s *site) full() result {
	r, err := build.Renderer(s.src)
	if err != nil {
		return result{problems: s.problems(err)}
	}
	model, err := build.Load(s.src)
	if err != nil {
		return result{problems: s.problems(err)}
	}
	r.Charts = s.echarts != nil
	// Pages show the findings beside the figures, as build's do.
	r.Findings = check.Site(model)
	w := render.NewMemory(map[string][]byte{})
	if err := r.Site(model, s.src, build.Static(s.src), w); err != nil {
		return result{problems: s.problems(err)}
	}
	if s.echarts != nil {
		w.Files["assets/echarts.min.js"] = s.echarts.Data
	}
	s.r, s.model, s.files = r, model, w.Files
	return result{files: w.Files, reports: -1}
}

// reports renders the reports in dirs again, over the last good files.
func (s *site) reports(dirs []string) result {
	model := s.model.Clone()
	var changed []*report.Report
	for _, dir := range dirs {
		rep, err := source.LoadReport(s.src, dir)
		if err != nil {
			return result{problems: s.problems(err)}
		}
		if !model.Replace(rep) {
			return s.full()
		}
		changed = append(changed, rep)
	}
	model.Index()
	files := maps.Clone(s.files)
	// A report's folder is written whole again: files its new version does
	// not write (a renamed attachment) must not linger.
	for _, rep := range changed {
		prefix := fmt.Sprintf("%d/%s/", rep.Year, rep.Slug)
		for name := range files {
			if strings.HasPrefix(name, prefix) {
				delete(files, name)
			}
		}
	}
	w := render.NewMemory(files)
	render := withNeighbours(s.model, model, changed)
	// Only these reports' pages are rendered, so only their findings are
	// needed.
	s.r.Findings = check.Reports(model, render)
	if err := s.r.Reports(model, render, s.src, w); err != nil {
		return result{problems: s.problems(err)}
	}
	// A unit's page lists its reports by title and total: only the units
	// of changed reports (as they were, and as they are) need it again.
	orgs := map[string]bool{}
	for _, rep := range changed {
		orgs[rep.OrgID] = true
	}
	for _, old := range s.model.Reports() {
		if slices.Contains(dirs, old.Dir) {
			orgs[old.OrgID] = true
		}
	}
	// A unit left without reports (its one report took another org_id)
	// has no page any more.
	for id := range orgs {
		if !slices.ContainsFunc(model.Orgs, func(o *report.Org) bool { return o.ID == id }) {
			delete(files, "orgs/"+id+"/index.html")
		}
	}
	if err := s.r.ListsOf(model, w, func(id string) bool { return orgs[id] }); err != nil {
		return result{problems: s.problems(err)}
	}
	s.model, s.files = model, files
	return result{files: files, reports: len(changed)}
}

// withNeighbours is changed and the reports whose pages name a changed
// report, in model: the reports it replaced or replaces as it was (in old)
// and as it is, which list it, and those it replaces, which link to it by
// its title. A changed report keeps its folder, and so its path.
func withNeighbours(old, model *report.Site, changed []*report.Report) []*report.Report {
	byPath := map[string]*report.Report{}
	for _, r := range model.Reports() {
		byPath[r.Path()] = r
	}
	out := slices.Clone(changed)
	add := func(p string) {
		if r := byPath[p]; r != nil && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	isChanged := map[string]bool{}
	for _, rep := range changed {
		isChanged[rep.Path()] = true
	}
	for _, r := range old.Reports() {
		if isChanged[r.Path()] {
			add(r.SupersededBy)
		}
	}
	for _, r := range model.Reports() {
		if isChanged[r.Path()] {
			add(r.SupersededBy)
		} else if isChanged[r.SupersededBy] {
			add(r.Path())
		}
	}
	return out
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
