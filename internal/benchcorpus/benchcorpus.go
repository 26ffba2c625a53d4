// Package benchcorpus writes synthetic sites for benchmarks: any number of
// reports of the size and shape of a real 部门整体支出绩效自评报告, as a
// gongkai site and as the equivalent Hugo site.
//
// Each report has the nine standard sections, each of two to five kilobytes
// of Chinese prose made from a fixed vocabulary of phrases that such reports
// are written in, with a few Markdown tables, the budget in words and, in
// half the reports, a chart fence. Its figures follow the content model of
// package report: an initial budget and the final accounts in section 2,
// counts and metrics in section 6, the self-evaluation table in section 9
// and its total score in index.md. Every stated total, share, change and
// rate agrees with its parts, so the checks find nothing and a benchmark
// measures the work of a clean build.
//
// The reports spread over several years; a unit reports in every year, under
// the same org_id and name. The same options give a byte-identical tree.
package benchcorpus

import (
	"errors"
	"fmt"
	"gongkai/internal/pool"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// Options choose a corpus.
type Options struct {
	// Reports is the number of reports; 0 means 1000.
	Reports int
	// Seed selects the text and figures: the same seed and options give a
	// byte-identical tree.
	Seed uint64
	// FirstYear is the first fiscal year; 0 means 2019.
	FirstYear int
	// Years is how many years the reports spread over; 0 means 5.
	Years int
}

func (o Options) withDefaults() Options {
	if o.Reports == 0 {
		o.Reports = 1000
	}
	if o.FirstYear == 0 {
		o.FirstYear = 2019
	}
	if o.Years == 0 {
		o.Years = 5
	}
	return o
}

// place is where report k of the corpus stands: unit k/Years reports in
// every year, so a unit's reports are joined across years by its org_id.
func (o Options) place(k int) (unitIndex, year int) {
	return k / o.Years, o.FirstYear + k%o.Years
}

const siteConfig = `title = "基准测试站点：部门整体支出绩效自评报告"
language = "zh-CN"
base_url = ""
description = "由 benchcorpus 生成的合成报告，用于测量 gongkai 的构建性能。"

[footer]
sponsor = "基准测试"
`

const homePage = `+++
title = "基准测试站点"
+++

本站的报告由程序按固定词汇生成，内容不代表任何单位的真实情况，仅用于测量生成网站的速度与内存。
`

// Generate writes a gongkai site of opt.Reports reports into dir, which
// must be empty or not exist: site.toml, content/_index.md, an _index.md for
// each year and a folder for each report, content/YEAR/ORG_ID/.
func Generate(dir string, opt Options) error {
	opt = opt.withDefaults()
	top := []file{
		{"site.toml", []byte(siteConfig)},
		{"content/_index.md", []byte(homePage)},
	}
	return write(dir, opt, top, "index.md")
}

// GenerateHugo writes the same site for Hugo into dir: the same Markdown
// and front matter, each report's index.md as the _index.md of a branch
// bundle whose pages are its sections, with Hugo's configuration and
// layouts (see the hugo folder of this package) and gongkai's static files.
// The layouts do what gongkai's do: render each section's text, print the
// budget, counts, metrics and indicator tables from the front matter, list
// each year's reports and each unit's across years.
func GenerateHugo(dir string, opt Options) error {
	opt = opt.withDefaults()
	top := []file{{"content/_index.md", []byte(homePage)}}
	for _, tree := range []struct {
		fsys   fs.FS
		prefix string
	}{{hugoFiles(), ""}, {staticFiles(), "static"}} {
		err := fs.WalkDir(tree.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(tree.fsys, p)
			if err != nil {
				return err
			}
			top = append(top, file{path.Join(tree.prefix, p), data})
			return nil
		})
		if err != nil {
			return fmt.Errorf("benchcorpus: %w", err)
		}
	}
	return write(dir, opt, top, "_index.md")
}

// write writes the files of a site into dir, each report's index under the
// name index, in parallel.
func write(dir string, opt Options, top []file, index string) error {
	if opt.Reports < 0 || opt.Years < 1 {
		return fmt.Errorf("benchcorpus: invalid options %+v", opt)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("benchcorpus: %s is not empty", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("benchcorpus: %w", err)
	}
	counts := map[int]int{}
	for k := range opt.Reports {
		_, y := opt.place(k)
		counts[y]++
	}
	for y, n := range counts {
		top = append(top, file{"content/" + strconv.Itoa(y) + "/_index.md", yearIndex(y, n)})
	}
	for _, f := range top {
		if err := writeFile(dir, f.name, f.data); err != nil {
			return err
		}
	}
	return pool.Each(opt.Reports, func(k int) error {
		ui, year := opt.place(k)
		u := unitOf(opt.Seed, ui)
		folder := "content/" + strconv.Itoa(year) + "/" + u.id
		for _, f := range reportFiles(opt.Seed, k, u, year) {
			name := f.name
			if name == "index.md" {
				name = index
			}
			if err := writeFile(dir, folder+"/"+name, f.data); err != nil {
				return err
			}
		}
		return nil
	})
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("benchcorpus: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("benchcorpus: %w", err)
	}
	return nil
}
