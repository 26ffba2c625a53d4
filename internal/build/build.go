// Package build is the one pipeline from a source tree to the files of a
// site: load → check → render → write. gongkai build, check, serve (a full
// build and the rebuild of a few reports) and archive all run it; what sets
// them apart is their Options, never a copy of the steps.
package build

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gongkai"
	"gongkai/internal/check"
	"gongkai/internal/markdown"
	"gongkai/internal/output"
	"gongkai/internal/pool"
	"gongkai/internal/render"
	"gongkai/internal/report"
	"gongkai/internal/search"
	"gongkai/internal/source"
	"gongkai/internal/theme"
)

// Options are the choices of one pipeline.
type Options struct {
	// Strict fails a build whose checks found errors or whose reports
	// still hold drafts.
	Strict bool
	// TextBudget is how many bytes of report text a build may hold: a
	// site with more lets go of the texts beyond it as soon as they are
	// read and checked, gets each report's back to render its page (from
	// a temporary file when Once, see aside; else from its files), and
	// lets go of them once it is written. 0 means DefaultTextBudget; a
	// negative budget keeps every text.
	TextBudget int64
	// Year, when not 0, renders that year alone, for an archive: its
	// year page, its reports, and unit pages that list only them. The
	// checks still see the whole site, so that a report superseded by
	// one of a later year is not called broken.
	Year int
	// Archive, when set, puts the archive banner on every page.
	Archive *render.Archive
	// ExactSearch makes Update write the search index as a full build
	// would; without it, the reports Update renders again keep the keys of
	// the last full build (see Update).
	ExactSearch bool
	// Once says that the model will not be rendered again (gongkai build
	// and archive, not serve): each report's texts are let go as soon as
	// its page is written, whatever the text budget, so that a build holds
	// the texts of the reports being rendered, not of the whole site; and
	// once every page is written and checked, each report lets go of all
	// but what names it (Report.Release) before the search index's
	// postings are merged. The Build's site then holds no more than that.
	Once bool
	// Large, when set, is called once the site is loaded if its texts
	// exceed the text budget: the build then lets go of texts and packs
	// figures, and its heap nears the soft memory limit (cmd/gongkai),
	// which bounds it rather than GOGC does. gongkai build and archive let
	// the collector run less often there (cli).
	Large func()
}

// DefaultTextBudget bounds what a build holds of report texts and models
// together: the texts of a thousand reports of nine sections and their
// models fit (35 MB and 12 MB), those of 4,000 no longer do. Beyond it, the
// heap nears the soft memory limit (cmd/gongkai) as the pages are rendered
// and the collector runs ever more often, unless the texts are let go.
const DefaultTextBudget = 128 << 20

// reportHeld is about what one report's model holds besides its texts once
// it is read and checked: 10–12 KB on the generated corpus, from a heap
// profile at the end of the load. Each report takes it out of the text
// budget (source.Options.PerReport), so that the budget bounds models and
// texts together until the models alone exceed it: from some eleven
// thousand reports on no text is kept, and each page's texts are read
// again to render it.
const reportHeld = 12 << 10

// Stats counts what a build wrote.
type Stats struct {
	Reports int
	Pages   int // HTML pages
	Files   int // every file
}

// Pipeline builds one source tree with one set of options. It holds no
// state between runs: a Build carries what a later Update needs.
type Pipeline struct {
	src fs.FS
	opt Options
}

// New returns the pipeline for the site in src.
func New(src fs.FS, opt Options) *Pipeline { return &Pipeline{src: src, opt: opt} }

// Build is what one run of the pipeline made: the figures for the user and
// what a rebuild of some reports starts from.
type Build struct {
	Stats
	Findings []check.Finding // what the checks found, sorted
	// Incremental is set when Update rendered some reports again, not
	// the whole site; Stats.Reports counts those reports.
	Incremental bool

	site   *report.Site     // the whole site, as loaded
	shown  *report.Site     // what was rendered: site, or one year of it
	r      *render.Renderer // the parsed layouts
	checks []check.Finding  // of each report's model: figures, sections, text
	across []check.Finding  // of the model across reports
	links  *check.TextLinks // of the reports' texts
	out    *check.Output    // names and element ids of the files written
}

// Site is the site the build loaded.
func (b *Build) Site() *report.Site { return b.site }

// ErrFindings is returned by a strict build whose checks found errors.
var ErrFindings = errors.New("核查发现错误（--strict）")

// ErrDrafts is returned by a strict build of a site with imported data
// blocks nobody has compared with the original yet (check's DRAFT).
var ErrDrafts = errors.New("仍有导入的草稿数据块（draft = true）未核对（--strict）")

// Run loads, checks and renders the whole site into w. Errors in the
// source come back as a source.List naming every one; the findings of the
// checks are in the Build and fail the run only when Options.Strict.
func (p *Pipeline) Run(w render.Writer) (*Build, error) {
	b := &Build{}
	// The source first: it names every link and bad name in layouts/ and
	// static/ too, before the layouts are parsed.
	// Each report's own checks run as it is read, so that a report beyond
	// the text budget can let go of its indicator rows at once, not hold
	// them until the whole site is read.
	own := newOwnChecks()
	opt := p.loadOptions()
	opt.Loaded = own.check
	// A one-shot build keeps the texts its load lets go of aside, to read
	// each report's back in one read when its page is rendered: those of
	// the year it renders, when it renders one.
	var kept *aside
	if p.opt.Once {
		kept = new(aside)
		defer kept.close()
		opt.Dropping = func(r *report.Report) {
			if p.opt.Year == 0 || r.Year == p.opt.Year {
				kept.put(r)
			}
		}
	}
	site, err := source.LoadWith(p.src, opt)
	if err != nil {
		return b, err
	}
	r, err := p.renderer()
	if err != nil {
		return b, err
	}
	b.site, b.shown, b.r = site, site, r
	// What the text budget leaves once the site is loaded: less than
	// nothing on a site beyond it.
	spare := p.spare(site)
	if p.opt.Large != nil && spare < 0 {
		p.opt.Large()
	}
	if p.opt.Year != 0 {
		if b.shown, err = yearOnly(site, p.opt.Year); err != nil {
			return b, err
		}
	}
	// The checks of the model come first: each report page shows the
	// findings about its figures.
	b.checks, b.across = check.Within(site, site.Reports(), own.findings(site)), check.Across(site)
	texts := newTexts(site)
	rec := check.NewRecorder(w)
	cw := newCounter(rec)
	// The search index is made of the same parse of each text as the page
	// and the checks, as the reports are rendered.
	idx := search.New(b.shown.Reports(), cw)
	defer idx.Close()
	// The postings wait in memory as long as what the text budget leaves.
	idx.Hold(spare)
	job := r.Job(p.renderOptions(b.checks, texts, idx, site, kept))
	if err := job.Site(b.shown, p.src, p.static(), cw); err != nil {
		return b, renderError(err)
	}
	if err := idx.Flush(); err != nil {
		return b, fmt.Errorf("生成搜索索引：%w", err)
	}
	// The checks of the texts are made as they are rendered.
	found, links := texts.result(site)
	b.checks, b.links = append(b.checks, found...), links
	// The search index's shards are merged last, once a one-shot build
	// has let go of the reports: their names are all the checks need.
	shards := idx.Files()
	rec.Expect(shards...)
	b.out = rec.Finish()
	b.finish()
	if err := p.years(b, w); err != nil {
		return b, err
	}
	if err := p.strict(b); err != nil {
		return b, err
	}
	if p.opt.Once {
		for _, r := range site.Reports() {
			r.Release()
		}
	}
	if err := idx.Finish(cw.to(w)); err != nil {
		return b, fmt.Errorf("生成搜索索引：%w", err)
	}
	b.Stats = Stats{Reports: len(b.shown.Reports()), Pages: int(cw.pages.Load()), Files: int(cw.files.Load())}
	return b, nil
}

// strict fails a strict build whose checks found errors, or drafts: a
// draft is only an info, but its figures must not be published unchecked.
func (p *Pipeline) strict(b *Build) error {
	if n, _, _ := check.Count(b.Findings); n > 0 && p.opt.Strict {
		return ErrFindings
	}
	// Drafts are sought in the model, not among the findings: a site
	// that silences DRAFT still publishes no draft with --strict.
	if p.opt.Strict && slices.ContainsFunc(b.shown.Reports(), (*report.Report).HasDrafts) {
		return ErrDrafts
	}
	return nil
}

// renderOptions are the render options of a build of site whose model
// findings are checks, and whose texts are checked by texts and indexed by
// idx as they are rendered; the texts its load let go of are read back
// from kept, or from their files when kept (which may be nil) lacks them.
func (p *Pipeline) renderOptions(checks []check.Finding, texts *texts, idx *search.Builder, site *report.Site, kept *aside) render.Options {
	// Charts are always drawn: the built-in theme carries ECharts
	// (static/assets/echarts.min.js), which a site's static/ may replace.
	opt := render.Options{Charts: true, Findings: checks, Archive: p.opt.Archive}
	opt.Text = func(rep *report.Report, t report.Text, facts *markdown.Facts) {
		texts.add(rep, t, facts)
		idx.Text(rep, t, facts)
	}
	// Once a page is written, the checks, the link search and the index
	// are done with its texts: a one-shot build lets them go, and its
	// indicator rows for good, and its data blocks but the totals the year
	// table gives again (the pages that list reports, written first, read
	// the rest); serve, which may render the page again, lets them go on a
	// site beyond its budget, the rows packed.
	shed := p.spare(site) < 0
	// The load let go of the texts and indicator rows of the reports beyond
	// the budget (and Listed below of their data blocks): each report gets
	// them back just before its page is rendered, its texts from kept or
	// else from its files, into buffers handed back once the texts are let
	// go of again.
	var bufs sync.Map // *report.Report → *source.Buffers
	opt.Texts = func(rep *report.Report) error {
		buf := new(source.Buffers)
		if !kept.restore(rep, buf) {
			if err := p.restoreTexts(rep, buf); err != nil {
				buf.Release()
				return err
			}
		}
		bufs.Store(rep, buf)
		return nil
	}
	// A one-shot build beyond the budget packs the data blocks of the
	// reports whose texts it let go of once the pages that list reports
	// are written: until each report's page unpacks them with its texts,
	// they are bytes the collector need not follow.
	if p.opt.Once && shed {
		opt.Listed = func(shown *report.Site) {
			reps := shown.Reports()
			pool.Each(len(reps), func(i int) error {
				if reps[i].TextsDropped() {
					reps[i].ShedBlocks()
				}
				return nil
			})
		}
	}
	opt.Done = func(rep *report.Report) {
		idx.Report(rep)
		switch {
		case p.opt.Once:
			rep.DropTexts()
			rep.DropRows()
			rep.DropBlocks()
		case shed:
			rep.DropTexts()
			rep.Shed()
		default:
			// Texts read again stay until the next build lets go of them.
			return
		}
		if buf, ok := bufs.LoadAndDelete(rep); ok {
			buf.(*source.Buffers).Release()
		}
	}
	return opt
}

// finish gathers the findings: the model's and the links'.
func (b *Build) finish() {
	b.Findings = slices.Concat(b.checks, b.across, check.Links(b.shown, b.links, b.out))
	check.Sort(b.Findings)
}

// renderer parses the site's layouts over the built-in ones.
func (p *Pipeline) renderer() (*render.Renderer, error) {
	return render.New(theme.New(subdir(p.src, "layouts"), gongkai.Layouts()), markdown.New())
}

// static is the site's static files over the built-in ones.
func (p *Pipeline) static() fs.FS {
	return theme.New(subdir(p.src, "static"), gongkai.Static())
}

func subdir(fsys fs.FS, dir string) fs.FS {
	if st, err := fs.Stat(fsys, dir); err != nil || !st.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}

// renderError keeps a list of source errors as it is and says that any
// other error happened while making the pages.
func renderError(err error) error {
	var list source.List
	if errors.As(err, &list) {
		return list
	}
	return fmt.Errorf("生成页面：%w", err)
}

// yearOnly is the site restricted to one year: its year page, its reports,
// and unit pages listing only that year's reports.
func yearOnly(site *report.Site, year int) (*report.Site, error) {
	c := site.Clone()
	c.Years = slices.DeleteFunc(c.Years, func(y *report.Year) bool { return y.Year != year })
	if len(c.Years) == 0 || len(c.Years[0].Reports) == 0 {
		return nil, fmt.Errorf("没有 %d 年度的报告可以归档", year)
	}
	c.Index()
	return c, nil
}

// Write builds the site read from src into the directory out, atomically:
// out is replaced only once every file is written. It is a build Once.
func Write(src fs.FS, out string, opt Options) (*Build, error) {
	dir, err := output.Create(out)
	if err != nil {
		return &Build{}, err
	}
	opt.Once = true
	b, err := New(src, opt).Run(dir)
	if err != nil {
		dir.Abort()
		return b, err
	}
	return b, dir.Commit()
}

// Check runs every check on the site in src, rendering it without keeping
// the files, for the link checks. A site that does not load gives its load
// errors as findings.
func Check(src fs.FS) ([]check.Finding, error) {
	_, findings, err := CheckSite(src)
	return findings, err
}

// CheckSite is Check that also returns the site it checked, for a report
// of the findings per unit; the site is nil when it did not load.
func CheckSite(src fs.FS) (*report.Site, []check.Finding, error) {
	b, err := New(src, Options{}).Run(discard{})
	var list source.List
	if errors.As(err, &list) {
		return nil, check.FromLoad(list), nil
	}
	if err != nil {
		return nil, nil, err
	}
	return b.site, b.Findings, nil
}

// discard is a Writer that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// spare is what the text budget leaves of a build of site once it holds
// every text: negative when the texts do not fit (and are let go of once
// rendered), the largest int64 when there is no budget.
func (p *Pipeline) spare(site *report.Site) int64 {
	budget := p.loadOptions().Budget(len(site.Reports()))
	if budget < 0 {
		return math.MaxInt64
	}
	return budget - textSize(site)
}

// textSize is how many bytes the site's reports' texts hold, or held
// before the load let go of them.
func textSize(site *report.Site) int64 {
	var n int64
	for _, r := range site.Reports() {
		n += r.TextSize()
	}
	return n
}

// loadOptions are the options of the load: its text budget, and reports
// beyond it shedding their indicator rows once checked (Run sets the
// checks, Options.Loaded).
func (p *Pipeline) loadOptions() source.Options {
	return source.Options{TextBudget: cmp.Or(p.opt.TextBudget, DefaultTextBudget), PerReport: reportHeld, Shed: true}
}

// restoreTexts reads rep's files again into buf and gives rep back its
// texts and indicator rows, the texts as they were when the build read
// them: a text changed since (an author saving during a build) is an error
// naming it, so that no page mixes two versions of a report.
func (p *Pipeline) restoreTexts(rep *report.Report, buf *source.Buffers) error {
	again, err := source.Reread(p.src, rep, buf)
	if err != nil {
		return err
	}
	if changed, ok := rep.Restore(again); !ok {
		return source.List{{Pos: report.Pos{Path: changed}, Msg: "文件在生成过程中被修改，请重新生成"}}
	}
	return nil
}

// counter counts the files that pass through it.
type counter struct {
	w            render.Writer
	pages, files *atomic.Int64
}

func newCounter(w render.Writer) *counter {
	return &counter{w: w, pages: new(atomic.Int64), files: new(atomic.Int64)}
}

// to is a counter that adds to c's counts and passes files on to w.
func (c *counter) to(w render.Writer) *counter { return &counter{w: w, pages: c.pages, files: c.files} }

func (c *counter) WriteFile(name string, data []byte) error {
	c.files.Add(1)
	if strings.HasSuffix(name, ".html") {
		c.pages.Add(1)
	}
	return c.w.WriteFile(name, data)
}
