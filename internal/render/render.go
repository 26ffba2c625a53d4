// Package render turns a loaded site into the files of the static site: the
// HTML pages from the layouts, each report's data.json and data.csv, the
// sitemap and the Atom feed, the static files and the reports' attachments.
//
// Every link it writes is relative to the page, and directory links name
// index.html, so the site works under any sub-path of a portal and opened
// from file://. The same site gives the same bytes on every run.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gongkai/internal/chart"
	"gongkai/internal/check"
	"gongkai/internal/markdown"
	"gongkai/internal/pool"
	"gongkai/internal/report"
	"gongkai/internal/route"
	"gongkai/internal/source"
)

// Writer receives the output files. Names are slash-separated and relative
// to the output root. As with io.Writer, WriteFile must not modify data,
// nor keep it once it returns: pages are written from reused buffers.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Memory is a Writer that keeps a copy of every file it is given, by name:
// serve's site and an archive are built in memory. It is safe for
// concurrent use; read Files once the writing is done.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns a Memory that adds to files.
func NewMemory(files map[string][]byte) *Memory { return &Memory{Files: files} }

func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Files[name] = slices.Clone(data) // data is not ours to keep (Writer)
	return nil
}

// The page layouts, each parsed together with base.html and partials/.
var layoutNames = []string{"home", "year", "report", "org", "404", "search"}

// Renderer holds the parsed layouts and the Markdown converter. It is never
// changed once made, so builds with different options (serve's, an
// archive's) may share it, and it is safe for concurrent use.
type Renderer struct {
	pages  map[string]*template.Template
	direct map[string]body // by layout: the body writePage writes its pages with, if any (useWriters)
	md     *markdown.Converter
}

// Options are the choices of one rendering of a site.
type Options struct {
	// Charts draws charts above the tables. Off, pages show the tables
	// alone and load no script for charts.
	Charts bool
	// Findings are the checks' findings; each report page shows those about
	// its figures beside them.
	Findings []check.Finding
	// Archive, when set, puts the archive banner on every page.
	Archive *Archive
	// Done, when set, is called with each report once its page and files
	// are written, on the goroutine that rendered it: a large build lets
	// go of the report's texts there (report.Report.DropTexts).
	Done func(*report.Report)
	// Texts, when set, gives a report that is not whole — the load let go
	// of its texts or indicator rows, or Listed of its data blocks — all it
	// was read with again, just before its page is rendered, on the
	// goroutine that renders it.
	Texts func(*report.Report) error
	// Text, when set, is given what the checks need of each text of a
	// report (its preface and sections), read off the parse that renders
	// it, on the goroutine that rendered it: the checks never parse the
	// Markdown again.
	Text func(rep *report.Report, t report.Text, facts *markdown.Facts)
	// Listed, when set, is called once Site has written the pages that
	// list reports, before the reports' own pages: a one-shot build lets
	// go there of what only those pages need (report.Report.ShedBlocks).
	Listed func(*report.Site)
}

// Job renders pages with one set of options. Make it with Renderer.Job;
// it is safe for concurrent use.
type Job struct {
	r   *Renderer
	opt Options
	// found holds the findings about each report, by its folder, grouped
	// once rather than sought among all findings for each report.
	found map[string][]check.Finding
}

// Job returns a Job rendering with opt.
func (r *Renderer) Job(opt Options) *Job {
	j := &Job{r: r, opt: opt, found: map[string][]check.Finding{}}
	for _, f := range opt.Findings {
		j.found[f.Report] = append(j.found[f.Report], f)
	}
	return j
}

// Archive describes an archived copy of one year, for its banner.
type Archive struct {
	Year    int
	Made    string // when the copy was made, as the banner shows it
	Version string // of gongkai
}

// New parses the layouts once.
func New(layouts fs.FS, md *markdown.Converter) (*Renderer, error) {
	return parseLayouts(layouts, md, true)
}

// parseLayouts is New; fast false keeps data blocks and history tables to
// the templates alone (see writers).
func parseLayouts(layouts fs.FS, md *markdown.Converter, fast bool) (*Renderer, error) {
	base := template.New("base.html").Funcs(funcs)
	partials, err := fs.Glob(layouts, "partials/*.html")
	if err != nil {
		return nil, err
	}
	// One file at a time, so that an error names the file by its path:
	// the parser's own message knows only its base name.
	for _, name := range append([]string{"base.html"}, partials...) {
		if _, err := base.ParseFS(layouts, name); err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", name, err)
		}
	}
	r := &Renderer{pages: map[string]*template.Template{}, direct: map[string]body{}, md: md}
	for _, name := range layoutNames {
		t, err := base.Clone()
		if err == nil {
			_, err = t.ParseFS(layouts, name+".html")
		}
		if err == nil && fast {
			r.direct[name], err = useWriters(t, name)
		}
		if err != nil {
			return nil, fmt.Errorf("layouts/%s.html: %w", name, err)
		}
		r.pages[name] = t
	}
	return r, nil
}

var funcs = template.FuncMap{
	"reportURL": reportURL,
	"yearURL":   route.Year,
	"orgURL":    orgURL,
}

func reportURL(r *report.Report) string { return route.Report(r.Year, r.Slug) }

// orgURL takes a unit or one of its reports.
func orgURL(v any) (string, error) {
	switch v := v.(type) {
	case *report.Org:
		return route.Org(v.ID), nil
	case *report.Report:
		return route.Org(v.OrgID), nil
	}
	return "", fmt.Errorf("orgURL: unexpected %T", v)
}

// Crumb is one step of the breadcrumb trail; the last has no link.
type Crumb struct {
	Text string
	Href string // from the site root
}

// Page is what every layout receives.
type Page struct {
	Site   *report.Site
	Root   string // "" or "../" …: prefix of links to the site root
	Title  string // of the page; the document title adds the site's
	Crumbs []Crumb
	Body   template.HTML // rendered text of the home or year page

	Year   *report.Year
	Org    *report.Org
	Report *report.Report
	// The report page's parts.
	Preface   template.HTML
	Sections  []*Section
	Blocks    []*Block // blocks of index.md: the report's own data
	HasCharts bool     // the page draws charts: load ECharts
	Archive   *Archive // set on the pages of an archived copy
	// Replacement is the report that supersedes this one, when the site
	// has it (an archive of one year may not); Supersedes, those it
	// replaces that the site has.
	Replacement *report.Report
	Supersedes  []*report.Report
	// URL is the page's own address under the site's base_url, which a
	// printed copy shows; empty when the site has no base_url.
	URL string
	// History is a unit's figures across years, on its page, when it has
	// reports in two or more years; Summary, a year's reports side by
	// side, on the year's page.
	History *History
	Summary *Summary
}

func (j *Job) page(w Writer, layout, name string, p *Page) error {
	p.Root = route.Root(name)
	p.Archive = j.opt.Archive
	// The 404 page is shown at whatever address was asked for, so it
	// names none: site.js fills in the one the reader sees.
	if name != route.NotFound && p.Site.Config.BaseURL != "" {
		p.URL = absolute(p.Site, name)
	}
	if name == route.NotFound && p.Site.Config.BaseURL != "" {
		// A server shows 404.html at whatever path was asked for, where
		// relative links would miss; with a known address they need not.
		p.Root = strings.TrimSuffix(p.Site.Config.BaseURL, "/") + "/"
	}
	if b := j.r.direct[layout]; b != nil {
		if ok, err := writePage(w, b, name, p); ok || err != nil {
			return err
		}
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := j.r.pages[layout].ExecuteTemplate(buf, "base", p); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// The writer keeps no reference (see Writer): no copy is needed.
	return w.WriteFile(name, buf.Bytes())
}

// buffers are reused for the HTML of pages and sections, which would
// otherwise grow a new buffer, by doubling, for each.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Site writes the whole site: src is the source tree (for attachments) and
// static the theme's static files, overlaid by the site's.
//
// The pages that list reports come first: a unit's history and a year's
// table read the reports' figures, which a one-shot build lets go of as
// each report's page is written (Options.Done). Errors in the texts of
// both are named together, as Reports names those of every report.
func (j *Job) Site(site *report.Site, src, static fs.FS, w Writer) error {
	var errs source.List
	if err := j.Lists(site, w, nil); err != nil && !errors.As(err, &errs) {
		return err
	}
	if j.opt.Listed != nil {
		j.opt.Listed(site)
	}
	if err := j.Reports(site, site.Reports(), src, w); err != nil {
		var more source.List
		if !errors.As(err, &more) {
			return err
		}
		errs = append(slices.Clip(errs), more...)
		errs.Sort()
	}
	if len(errs) > 0 {
		return errs
	}
	return CopyStatic(static, w)
}

// Reports writes the pages and files of reps, in parallel. Errors in the
// reports' text are collected across reports, so that one build names
// every one of them, and returned as a source.List.
func (j *Job) Reports(site *report.Site, reps []*report.Report, src fs.FS, w Writer) error {
	lists := make([]source.List, len(reps))
	err := pool.Each(len(reps), func(i int) error {
		if !reps[i].Whole() && j.opt.Texts != nil {
			if err := j.opt.Texts(reps[i]); err != nil {
				return err
			}
		}
		list, err := j.report(site, reps[i], src, w)
		if err == nil && len(list) == 0 && j.opt.Done != nil {
			j.opt.Done(reps[i])
		}
		lists[i] = list
		return err
	})
	if err != nil {
		return err
	}
	var errs source.List
	for _, l := range lists {
		errs = append(errs, l...)
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// Lists writes the pages that list reports — the home page, the year pages
// and the unit pages — and the 404 page, the sitemap and the feed. They are
// what must be written again when any report changes; org, when not nil,
// says which units' pages to write (after one report changed, only its
// unit's page lists it).
func (j *Job) Lists(site *report.Site, w Writer, org func(id string) bool) error {
	home := &Page{Site: site}
	var err error
	if home.Body, err = j.r.text(site.Home.Body, pageIDs("years", "orgs")); err != nil {
		return err
	}
	if err := j.page(w, "home", route.Home, home); err != nil {
		return err
	}
	if err := j.Years(site, w); err != nil {
		return err
	}
	if err := j.Orgs(site, w, org); err != nil {
		return err
	}
	search := &Page{Site: site, Title: "站内搜索",
		Crumbs: []Crumb{{Text: "首页", Href: route.Home}, {Text: "站内搜索"}}}
	if err := j.page(w, "search", route.Search, search); err != nil {
		return err
	}
	notFound := &Page{Site: site, Title: "页面不存在"}
	if err := j.page(w, "404", route.NotFound, notFound); err != nil {
		return err
	}
	if err := writeSitemap(site, w); err != nil {
		return err
	}
	return writeFeed(site, w)
}

// Orgs writes the pages of the units org chooses (nil: every unit).
func (j *Job) Orgs(site *report.Site, w Writer, org func(id string) bool) error {
	// In parallel, as the reports are: a province has ten thousand units.
	return pool.Each(len(site.Orgs), func(i int) error {
		if o := site.Orgs[i]; org == nil || org(o.ID) {
			return j.org(site, o, w)
		}
		return nil
	})
}

// CopyStatic copies the static files, the theme's overlaid by the site's.
func CopyStatic(static fs.FS, w Writer) error { return copyTree(static, ".", "", w) }

func (j *Job) year(site *report.Site, y *report.Year, w Writer) error {
	title := y.Page.Title
	if title == "" {
		title = strconv.Itoa(y.Year) + "年度"
	}
	p := &Page{Site: site, Year: y, Title: title,
		Crumbs: []Crumb{{Text: "首页", Href: route.Home}, {Text: title}}}
	var err error
	if p.Body, err = j.r.text(y.Page.Body, pageIDs("year-summary", chart.YearID(y.Year), chart.YearID(y.Year)+"-options")); err != nil {
		return err
	}
	if p.Summary, err = j.summary(y); err != nil {
		return err
	}
	p.HasCharts = p.Summary.Chart != nil
	return j.page(w, "year", route.Year(y.Year), p)
}

// Years writes the year pages again: the build does so once every check,
// the links' included, has found what it finds, so that each year's table
// counts all of a report's errors and warnings.
// They are written in parallel: each holds a table of every report of its
// year.
func (j *Job) Years(site *report.Site, w Writer) error {
	return pool.Each(len(site.Years), func(i int) error { return j.year(site, site.Years[i], w) })
}

// org writes a unit's page and, when it has reports in two or more years,
// its figures across years as CSV beside it.
func (j *Job) org(site *report.Site, o *report.Org, w Writer) error {
	p := &Page{Site: site, Org: o, Title: o.Name,
		Crumbs: []Crumb{{Text: "首页", Href: route.Home}, {Text: o.Name}}}
	var err error
	if p.History, err = j.history(o); err != nil {
		return err
	}
	if p.History != nil {
		p.HasCharts = len(p.History.Charts)+len(p.History.LineCharts) > 0
	}
	if err := j.page(w, "org", route.Org(o.ID), p); err != nil {
		return err
	}
	if p.History == nil {
		return nil
	}
	data, err := historyCSV(p.History)
	if err != nil {
		return err
	}
	return w.WriteFile(route.OrgCSV(o.ID), data)
}

// pageIDs is the id set of a page whose layout gives elements the ids
// named, besides those base.html gives every page: no heading of the
// page's text may take one of them.
func pageIDs(layout ...string) *markdown.IDs {
	ids := markdown.NewIDs()
	for _, id := range append(route.BaseIDs(), layout...) {
		ids.Reserve(id)
	}
	return ids
}

// text renders Markdown, or nothing for blank text.
func (r *Renderer) text(t report.Text, ids *markdown.IDs) (template.HTML, error) {
	return r.section(t, ids, "", noCharts{}, nil)
}

// noCharts rejects chart fences where there is no report to draw from.
type noCharts struct{}

func (n noCharts) RenderChart(io.Writer, []byte, int) error {
	return errors.New("图表块只能用在报告的章节中")
}

// section renders a text of a report, or of the home or a year page; when
// facts is not nil, it is filled from the same parse, for the checks.
func (r *Renderer) section(t report.Text, ids *markdown.IDs, prefix string, charts markdown.ChartRenderer, facts *markdown.Facts) (template.HTML, error) {
	if t.IsBlank() {
		return "", nil
	}
	if t.Dropped {
		// A report is rendered before its texts are let go (Done).
		return "", fmt.Errorf("%s: 正文已从内存中释放，无法再次生成该报告", t.Pos.Path)
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := r.md.Convert(buf, t.Source, markdown.Options{IDs: ids, FootnotePrefix: prefix, Charts: charts, Facts: facts}); err != nil {
		var me *markdown.Error
		if errors.As(err, &me) {
			// The text keeps its file's line numbers.
			inner := me.Err
			for errors.Unwrap(inner) != nil {
				inner = errors.Unwrap(inner)
			}
			return "", source.List{{Pos: report.Pos{Path: t.Pos.Path, Line: me.Line}, Msg: inner.Error()}}
		}
		return "", fmt.Errorf("%s: %w", t.Pos, err)
	}
	// The converter escapes all text and omits raw HTML, so its output is safe.
	return template.HTML(buf.String()), nil
}

// copyTree copies every file under dir of fsys to the output, under prefix.
func copyTree(fsys fs.FS, dir, prefix string, w Writer) error {
	return fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return w.WriteFile(path.Join(prefix, p), data)
	})
}
