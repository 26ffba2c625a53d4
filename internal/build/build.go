// Package build runs the pipeline from a source tree to an output directory:
// load, render, write.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"

	"gongkai"
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
func Renderer(src fs.FS) (*render.Renderer, error) {
	return render.New(theme.New(subdir(src, "layouts"), gongkai.Layouts()), markdown.New())
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
}

// Result is what a build did.
type Result struct {
	Stats
	Warnings []string // in Chinese, for the user
}

// Write builds the site read from src into the directory out, atomically.
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
	site, err := Load(src)
	if err != nil {
		return res, err
	}
	r, err := Renderer(src)
	if err != nil {
		return res, err
	}
	r.Charts = opt.ECharts != nil
	dir, err := output.Create(out)
	if err != nil {
		return res, err
	}
	cw := &counter{w: dir}
	err = r.Site(site, src, Static(src), cw)
	if err == nil && opt.ECharts != nil {
		err = cw.WriteFile("assets/echarts.min.js", opt.ECharts.Data)
	}
	if err != nil {
		dir.Abort()
		var list source.List
		if errors.As(err, &list) {
			return res, list
		}
		return res, fmt.Errorf("生成页面：%w", err)
	}
	if err := dir.Commit(); err != nil {
		return res, err
	}
	res.Stats = Stats{Reports: len(site.Reports()), Pages: int(cw.pages.Load()), Files: int(cw.files.Load())}
	return res, nil
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
