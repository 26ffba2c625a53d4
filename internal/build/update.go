package build

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"gongkai/internal/check"
	"gongkai/internal/render"
	"gongkai/internal/report"
	"gongkai/internal/route"
	"gongkai/internal/search"
	"gongkai/internal/source"
)

// Update builds again after the source files at paths changed (slash
// paths relative to the source root), starting from prev, whose files are
// files; neither is modified. When every change lies inside reports prev
// has, only those reports, the reports whose pages name them and the pages
// that list them are rendered again, over a copy of files; anything else —
// layouts, static files, site.toml, a new or removed report, or no prev —
// is a full Run. The checks run as on a full build: those of the model on
// the reports rendered again, the link checks on every report.
func (p *Pipeline) Update(prev *Build, files map[string][]byte, paths []string) (*Build, map[string][]byte, error) {
	dirs, ok := prev.changedReports(p, paths)
	if !ok || p.opt.Year != 0 {
		return p.full()
	}
	model := prev.site.Clone()
	var changed []*report.Report
	for _, dir := range dirs {
		rep, err := source.LoadReport(p.src, dir)
		if err != nil {
			return nil, nil, err
		}
		if !model.Replace(rep) {
			return p.full()
		}
		changed = append(changed, rep)
	}
	model.Index()
	again := withNeighbours(prev.site, model, changed)
	// A neighbour a large site's load let go of is read again below,
	// before its checks.
	b := &Build{Incremental: true, site: model, shown: model, r: prev.r}
	files = maps.Clone(files)
	// A report's folder is written whole again: files its new version
	// does not write (a renamed attachment) must not linger.
	folders := make([]string, len(again))
	for i, r := range again {
		folders[i] = route.ReportDir(r.Year, r.Slug) + "/"
	}
	gone := func(name string) bool {
		for _, f := range folders {
			if strings.HasPrefix(name, f) {
				return true
			}
		}
		return false
	}
	maps.DeleteFunc(files, func(name string, _ []byte) bool { return gone(name) })
	// Only these reports' pages are rendered, so only their model
	// findings are made again; those about other reports stand. A
	// neighbour a large site's load let go of is read again first: its
	// checks need its indicator rows.
	for _, r := range again {
		if !r.Whole() {
			if err := p.restoreTexts(r, nil); err != nil {
				return nil, nil, err
			}
		}
	}
	isAgain := map[string]bool{}
	for _, r := range again {
		isAgain[r.Dir] = true
	}
	b.checks = slices.DeleteFunc(slices.Clone(prev.checks), func(f check.Finding) bool { return isAgain[f.Report] })
	b.checks = append(b.checks, check.Reports(model, again)...)
	b.across = acrossAgain(prev, model, dirs, again)

	mem := render.NewMemory(files)
	rec := check.ContinueRecorder(prev.out, gone, mem)
	texts := newTexts(model)
	idx := search.NewTexts(model.Reports(), rec)
	if p.opt.ExactSearch {
		idx = search.New(model.Reports(), rec)
	}
	defer idx.Close()
	job := prev.r.Job(p.renderOptions(b.checks, texts, idx, model, nil))
	if err := job.Reports(model, again, p.src, rec); err != nil {
		return nil, nil, renderError(err)
	}
	// The reports rendered again have their text files written again,
	// and the search page verifies every hit against them; their keys
	// stay those of the last full build. Reading every other report's
	// keys back to write the shards anew (Builder.Carry) costs a few
	// hundred milliseconds on a thousand reports, and the preview is for
	// reading a save at once: a word a save added is found once serve
	// next builds the whole site, a word it took out is never shown.
	if p.opt.ExactSearch {
		if err := idx.Carry(files, again); err != nil {
			return nil, nil, fmt.Errorf("生成搜索索引：%w", err)
		}
		// The keys may now need fewer shards: none of the old may linger.
		maps.DeleteFunc(files, func(name string, _ []byte) bool { return search.IsKeyFile(name) })
		if err := idx.Finish(rec); err != nil {
			return nil, nil, fmt.Errorf("生成搜索索引：%w", err)
		}
	} else if err := idx.KeepKeys(files); err != nil {
		return nil, nil, fmt.Errorf("生成搜索索引：%w", err)
	}
	found, links := texts.result(model)
	b.checks = append(b.checks, found...)
	check.Sort(b.checks)
	b.links = prev.links.Without(again)
	b.links.Add(links)
	// A unit's page lists its reports by title and total: only the units
	// of changed reports (as they were, and as they are) need it again.
	orgs := map[string]bool{}
	for _, rep := range changed {
		orgs[rep.OrgID] = true
	}
	for _, old := range prev.site.Reports() {
		if slices.Contains(dirs, old.Dir) {
			orgs[old.OrgID] = true
		}
	}
	// A unit left without reports (its one report took another org_id)
	// has no page any more.
	for id := range orgs {
		if !slices.ContainsFunc(model.Orgs, func(o *report.Org) bool { return o.ID == id }) {
			delete(files, route.Org(id))
		}
		// A unit down to one year's report has no history any more.
		delete(files, route.OrgCSV(id))
	}
	// The home and year pages, the feed and the sitemap show what
	// listKey holds of each report: a save that changes none of it (the
	// usual edit of a section's text) leaves them as they are, and only
	// the units' pages are written again.
	lists := false
	before := map[string]*report.Report{}
	for _, r := range prev.site.Reports() {
		before[r.Dir] = r
	}
	for _, rep := range changed {
		if old := before[rep.Dir]; old == nil || listKey(old) != listKey(rep) {
			lists = true
		}
	}
	unit := func(id string) bool { return orgs[id] }
	var err error
	if lists {
		err = job.Lists(model, rec, unit)
	} else {
		err = job.Orgs(model, rec, unit)
	}
	if err != nil {
		return nil, nil, renderError(err)
	}
	b.out = rec.Finish()
	b.finish()
	// The year pages count each report's errors and warnings too.
	if lists || !sameCounts(prev.Findings, b.Findings, again) {
		if err := p.years(b, mem); err != nil {
			return nil, nil, err
		}
	}
	b.Stats = Stats{Reports: len(again), Files: len(files)}
	return b, files, p.strict(b)
}

// full is Update's full build, into memory.
func (p *Pipeline) full() (*Build, map[string][]byte, error) {
	mem := render.NewMemory(map[string][]byte{})
	b, err := p.Run(mem)
	if err != nil {
		return b, nil, err
	}
	return b, mem.Files, nil
}

// changedReports lists the report folders paths touch, sorted, or false
// when some change lies outside every report of b (or there is no b).
func (b *Build) changedReports(p *Pipeline, paths []string) ([]string, bool) {
	if b == nil || b.site == nil || len(paths) == 0 {
		return nil, false
	}
	known := map[string]bool{}
	for _, r := range b.site.Reports() {
		known[r.Dir] = true
	}
	var dirs []string
	for _, name := range paths {
		dir, ok := source.ReportDirOf(name)
		if !ok || !known[dir] || !exists(p, dir) {
			return nil, false
		}
		if !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	slices.Sort(dirs)
	return dirs, true
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

// exists reports whether the source has a file or folder called name.
func exists(p *Pipeline, name string) bool {
	_, err := fs.Stat(p.src, name)
	return err == nil
}

// listKey is what the lists of reports (the home and year pages, the feed,
// the sitemap) show of r, as one comparable string.
func listKey(r *report.Report) string {
	var w strings.Builder
	fmt.Fprintf(&w, "%q %q %q %d %q %q %v %q %q", r.Title, r.Org, r.OrgID, r.Year, r.Slug, r.Region, r.Published, r.SupersededBy, r.Grade)
	if r.Score != nil {
		fmt.Fprintf(&w, " score %v", r.Score.String())
	}
	if r.Withdrawn != nil {
		fmt.Fprintf(&w, " withdrawn %v %q", r.Withdrawn.Date, r.Withdrawn.Reason)
	}
	for _, b := range []*report.Budget{r.InitialBudget(), r.FinalBudget()} {
		if b == nil {
			w.WriteString(" -")
			continue
		}
		fmt.Fprintf(&w, " %s %s", b.Sum.String(), b.TotalFig.Stated.String())
	}
	return w.String()
}

// sameCounts reports whether the reports reps have as many findings of
// each severity in after as in before.
func sameCounts(before, after []check.Finding, reps []*report.Report) bool {
	count := func(fs []check.Finding) map[string][3]int {
		dirs := map[string]bool{}
		for _, r := range reps {
			dirs[r.Dir] = true
		}
		n := map[string][3]int{}
		for _, f := range fs {
			if dirs[f.Report] {
				c := n[f.Report]
				c[f.Severity]++
				n[f.Report] = c
			}
		}
		return n
	}
	return maps.Equal(count(before), count(after))
}

// acrossAgain is check.Across of model after the reports in dirs changed
// and again were rendered anew: the findings about the units and years of
// those reports (as they were and as they are) are made again, the others
// kept from prev. A unit's findings compare its reports alone, and a
// year's its units alone; again holds the reports a change of
// superseded_by touches, whose units' comparisons change with it.
func acrossAgain(prev *Build, model *report.Site, dirs []string, again []*report.Report) []check.Finding {
	orgs, years := map[string]bool{}, map[int]bool{}
	for _, r := range again {
		orgs[r.OrgID], years[r.Year] = true, true
	}
	before := map[string]*report.Report{}
	for _, r := range prev.site.Reports() {
		before[r.Dir] = r
		if slices.Contains(dirs, r.Dir) {
			orgs[r.OrgID], years[r.Year] = true, true
		}
	}
	// A kept finding is about a report that has not changed: its unit and
	// year are what they were.
	kept := slices.DeleteFunc(slices.Clone(prev.across), func(f check.Finding) bool {
		r := before[f.Report]
		if r == nil {
			return true
		}
		if check.OfUnit(f) {
			return orgs[r.OrgID]
		}
		return years[r.Year]
	})
	fs := append(kept, check.AcrossSome(model, orgs, years)...)
	check.Sort(fs)
	return fs
}
