package build

import (
	"sync"

	"gongkai/internal/check"
	"gongkai/internal/report"
)

// ownChecks runs each report's own checks as the load reads it
// (source.Options.Loaded), on the loader's goroutines, and keeps the
// findings until the whole site is read.
type ownChecks struct {
	once  sync.Once
	own   *check.Own
	mu    sync.Mutex
	found map[*report.Report][]check.Finding
}

func newOwnChecks() *ownChecks {
	return &ownChecks{found: map[*report.Report][]check.Finding{}}
}

// check is the loader's hook. The site's [check] is read before any
// report, so the first call sets the checks up for all.
func (o *ownChecks) check(cfg *report.Config, r *report.Report) {
	o.once.Do(func() { o.own = check.NewOwn(cfg.Check) })
	fs := o.own.Report(r)
	o.mu.Lock()
	o.found[r] = fs
	o.mu.Unlock()
}

// findings are the findings about site's reports, in the site's order of
// reports whatever order the loader read them in, so that a build's
// findings are the same every time. It is called once, and lets go of
// what it kept.
func (o *ownChecks) findings(site *report.Site) []check.Finding {
	var fs []check.Finding
	for _, r := range site.Reports() {
		fs = append(fs, o.found[r]...)
	}
	o.found = nil
	return fs
}
