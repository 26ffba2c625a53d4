// Package quality is the county finance bureau's quality report: every
// finding of gongkai check over all units' reports, summed per report and
// per rule and listed per report, as one self-contained HTML page
// (gongkai check --format html) or as CSV rows for Excel (--format csv).
//
// It is for the bureau, not for the public site: nothing of it is
// published. The same site and findings give byte-identical output: every
// list is sorted and nothing depends on the time.
package quality

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/check"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// Report is the quality report of one site.
type Report struct {
	Title string // the site's title
	// Errors, Warnings and Infos count every finding.
	Errors, Warnings, Infos int
	// Units sums the findings of each report, most errors first, then
	// most warnings, infos; then by year (newest first) and unit.
	Units []*Unit
	// Rules counts each finding code over all reports, the most found
	// first.
	Rules []Rule
	// Groups are the findings of each report (and of the site as a
	// whole, first), by year (newest first), unit and folder; within a
	// group errors first, then by place.
	Groups []*Group
	// Years and Orgs are what the findings can be filtered by: the years
	// newest first, the units by name.
	Years []int
	Orgs  []Org
}

// Unit is one report (a unit in one year) and what was found in it. The
// site's own files (site.toml, layouts) are a Unit with no Year.
type Unit struct {
	Year   int
	Org    string // the unit's name; empty for the site's own files
	OrgID  string
	Dir    string // the report's folder
	Title  string // the report's title, when the site loaded
	Anchor string // the id of its group on the page

	Errors, Warnings, Infos int
	Drafts                  int // data blocks still marked draft = true (DRAFT)
}

// Rule is one finding code and how often it was found.
type Rule struct {
	Code                    string
	Errors, Warnings, Infos int
	Reports                 int // how many reports it was found in
}

// Total is how often the rule was found.
func (r Rule) Total() int { return r.Errors + r.Warnings + r.Infos }

// Group is one unit's findings.
type Group struct {
	*Unit
	Findings []check.Finding
}

// Org is one unit, for the filter.
type Org struct {
	ID, Name string
}

// New makes the quality report of site from the findings of its checks.
// site may be nil when it did not load: the findings (load errors) are then
// put under the report their path names.
func New(site *report.Site, findings []check.Finding) *Report {
	q := &Report{}
	units := map[string]*Unit{} // by folder; "" is the site's own files
	unitOf := func(dir string) *Unit {
		u := units[dir]
		if u == nil {
			u = &Unit{Dir: dir}
			units[dir] = u
		}
		return u
	}
	unitOf("")
	if site != nil {
		q.Title = site.Config.Title
		for _, r := range site.Reports() {
			u := unitOf(r.Dir)
			u.Year, u.Org, u.OrgID, u.Title = r.Year, r.Org, r.OrgID, r.Title
		}
	}
	groups := map[*Unit][]check.Finding{}
	rules := map[string]*Rule{}
	ruleReports := map[string]map[string]bool{}
	for _, f := range findings {
		dir := f.Report
		if dir == "" {
			dir, _ = source.ReportDirOf(f.Pos.Path)
		}
		if units[dir] == nil && dir != "" {
			// A report that did not load: its folder names it.
			u := unitOf(dir)
			u.Year, _ = strconv.Atoi(path.Base(path.Dir(dir)))
			u.Org, u.OrgID = path.Base(dir), path.Base(dir)
		}
		u := units[dir]
		groups[u] = append(groups[u], f)
		r := rules[f.Code]
		if r == nil {
			r = &Rule{Code: f.Code}
			rules[f.Code] = r
			ruleReports[f.Code] = map[string]bool{}
		}
		ruleReports[f.Code][dir] = true
		switch f.Severity {
		case check.Error:
			u.Errors++
			r.Errors++
		case check.Warning:
			u.Warnings++
			r.Warnings++
		default:
			u.Infos++
			r.Infos++
		}
		if f.Code == "DRAFT" {
			u.Drafts++
		}
	}
	q.Errors, q.Warnings, q.Infos = check.Count(findings)

	for _, u := range units {
		if u.Dir == "" {
			u.Anchor = "site"
		} else {
			u.Anchor = "r-" + anchorText(u.Dir)
		}
		if u.Dir != "" || len(groups[u]) > 0 {
			q.Units = append(q.Units, u)
		}
	}
	slices.SortFunc(q.Units, func(a, b *Unit) int {
		return cmp.Or(cmp.Compare(b.Errors, a.Errors), cmp.Compare(b.Warnings, a.Warnings), cmp.Compare(b.Infos, a.Infos),
			byPlace(a, b))
	})

	for _, r := range rules {
		r.Reports = len(ruleReports[r.Code])
		q.Rules = append(q.Rules, *r)
	}
	slices.SortFunc(q.Rules, func(a, b Rule) int {
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), strings.Compare(a.Code, b.Code))
	})

	for u, fs := range groups {
		fs = slices.Clone(fs)
		check.Sort(fs)
		slices.SortStableFunc(fs, func(a, b check.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
		q.Groups = append(q.Groups, &Group{Unit: u, Findings: fs})
	}
	slices.SortFunc(q.Groups, func(a, b *Group) int { return byPlace(a.Unit, b.Unit) })

	years, orgs, latest := map[int]bool{}, map[string]string{}, map[string]int{}
	for _, u := range q.Units {
		latest[u.OrgID] = max(latest[u.OrgID], u.Year)
	}
	for _, u := range q.Units {
		if u.Year != 0 {
			years[u.Year] = true
		}
		if u.OrgID != "" {
			// The newest report names the unit, as on the unit's page.
			if _, ok := orgs[u.OrgID]; !ok || u.Year == latest[u.OrgID] {
				orgs[u.OrgID] = u.Org
			}
		}
	}
	q.Years = slices.Sorted(maps.Keys(years))
	slices.Reverse(q.Years)
	for id, name := range orgs {
		q.Orgs = append(q.Orgs, Org{ID: id, Name: name})
	}
	slices.SortFunc(q.Orgs, func(a, b Org) int { return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID)) })
	return q
}

// byPlace orders units as a reader looks for them: the site's own files
// first, then newest year first, then by unit name and folder.
func byPlace(a, b *Unit) int {
	return cmp.Or(cmp.Compare(min(len(a.Dir), 1), min(len(b.Dir), 1)), cmp.Compare(b.Year, a.Year),
		strings.Compare(a.Org, b.Org), strings.Compare(a.Dir, b.Dir))
}

// anchorText makes a folder into the letters, digits and '-' of an
// element id: a report folder already is, apart from its slashes.
func anchorText(dir string) string {
	var b strings.Builder
	for _, r := range strings.TrimPrefix(dir, "content/") {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}
