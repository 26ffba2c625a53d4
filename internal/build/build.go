// Package build runs the pipeline from a source tree to an output directory:
// load, render, write.
package build

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"

	"gongkai"
	"gongkai/internal/check"
	"gongkai/internal/markdown"
	"gongkai/internal/output"
	"gongkai/internal/render"
	"gongkai/internal/report"
	"gongkai/internal/source"
	"gongkai/internal/theme"
)

// Stats counts what a build wrote.
type Stats struct {
	Reports int
	Pages   int // HTML pages
	Files   int // every file
}

// Renderer parses the site's layouts over the built-in ones.
func Renderer(src fs.FS) (*render.Renderer, error) { return renderer(src, markdown.New()) }

// renderer is Renderer with a given Markdown converter, to share.
func renderer(src fs.FS, md *markdown.Converter) (*render.Renderer, error) {
	return render.New(theme.New(subdir(src, "layouts"), gongkai.Layouts()), md)
}

// Static is the site's static files over the built-in ones.
func Static(src fs.FS) fs.FS {
	return theme.New(subdir(src, "static"), gongkai.Static())
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

// Load reads the site; on failure the error is a source.List of every problem.
func Load(src fs.FS) (*report.Site, error) { return source.Load(src) }

// Options are the choices of one build.
type Options struct {
	// ECharts is the chart library to copy into the site; nil builds a
	// site of tables without charts (with a warning, or an error if Strict).
	ECharts *ECharts
	// Strict turns warnings into errors.
	Strict bool
	// TextBudget is how many bytes of report text a build may hold
	// until the end: a site with more lets go of each report's texts
	// as soon as its page is written. 0 means DefaultTextBudget; a
	// negative budget keeps every text.
	TextBudget int64
}

// DefaultTextBudget is the text of about 4,000 reports of nine sections.
// Beyond it, the heap nears the soft memory limit (cmd/gongkai) as the
// pages are rendered and the collector runs ever more often, unless the
// texts rendered are let go. 10,000 reports hold some 340 MB of text.
const DefaultTextBudget = 128 << 20

// Result is what a build did.
type Result struct {
	Stats
	Warnings []string        // in Chinese, for the user
	Findings []check.Finding // what the checks found, sorted
}

// ErrFindings is returned by a strict build whose checks found errors.
var ErrFindings = errors.New("核查发现错误（--strict）")

// Write builds the site read from src into the directory out, atomically.
// The checks run too; their findings are in the result, and fail the build
// only when opt.Strict.
func Write(src fs.FS, out string, opt Options) (Result, error) {
	var res Result
	if opt.ECharts == nil {
		if opt.Strict {
			return res, ErrNoECharts
		}
		res.Warnings = append(res.Warnings, ErrNoECharts.Error())
	} else if w := opt.ECharts.warning(); w != "" {
		if opt.Strict {
			return res, errors.New(w)
		}
		res.Warnings = append(res.Warnings, w)
	}
	dir, err := output.Create(out)
	if err != nil {
		return res, err
	}
	res.Stats, res.Findings, err = run(src, opt, dir)
	if err == nil && opt.Strict {
		if n, _, _ := check.Count(res.Findings); n > 0 {
			err = ErrFindings
		}
	}
	if err != nil {
		dir.Abort()
		return res, err
	}
	return res, dir.Commit()
}

// Check runs every check on the site in src, rendering it in memory for the
// link checks. A site that does not load gives its load errors as findings.
func Check(src fs.FS) ([]check.Finding, error) {
	_, fs, err := run(src, Options{}, discard{})
	var list source.List
	if errors.As(err, &list) {
		return check.FromLoad(list), nil
	}
	return fs, err
}

// discard is a Writer that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// run loads, checks and renders the site into w.
func run(src fs.FS, opt Options, w render.Writer) (Stats, []check.Finding, error) {
	site, err := Load(src)
	if err != nil {
		return Stats{}, nil, err
	}
	// One converter parses the texts for their links and renders them.
	md := markdown.New()
	r, err := renderer(src, md)
	if err != nil {
		return Stats{}, nil, err
	}
	findings := check.Site(site)
	links := check.FindLinks(site, md)
	if budget := cmp.Or(opt.TextBudget, DefaultTextBudget); budget >= 0 && textSize(site) > budget {
		// The checks and the link search are done with the texts.
		r.Done = (*report.Report).DropTexts
	}
	r.Charts = opt.ECharts != nil
	r.Findings = findings
	cw := &counter{w: w}
	rec := check.NewRecorder(cw)
	err = r.Site(site, src, Static(src), rec)
	if err == nil && opt.ECharts != nil {
		err = rec.WriteFile("assets/echarts.min.js", opt.ECharts.Data)
	}
	if err != nil {
		var list source.List
		if errors.As(err, &list) {
			return Stats{}, nil, list
		}
		return Stats{}, nil, fmt.Errorf("生成页面：%w", err)
	}
	findings = append(findings, check.Links(site, links, rec.Output())...)
	check.Sort(findings)
	return Stats{Reports: len(site.Reports()), Pages: int(cw.pages.Load()), Files: int(cw.files.Load())}, findings, nil
}

// textSize is how many bytes the reports' texts hold.
func textSize(site *report.Site) int64 {
	var n int64
	for _, r := range site.Reports() {
		n += int64(len(r.Preface.Source))
		for _, s := range r.Sections {
			n += int64(len(s.Body.Source))
		}
	}
	return n
}

// counter counts the files that pass through it.
type counter struct {
	w            render.Writer
	pages, files atomic.Int64
}

func (c *counter) WriteFile(name string, data []byte) error {
	c.files.Add(1)
	if strings.HasSuffix(name, ".html") {
		c.pages.Add(1)
	}
	return c.w.WriteFile(name, data)
}
