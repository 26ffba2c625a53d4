package check

import (
	"fmt"
	"slices"
	"strings"

	"gongkai/internal/pool"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// Site runs every check that needs only the loaded site, and drops the
// findings the site or a report silences. Link checks need the built pages:
// see Links.
func Site(site *report.Site) []Finding {
	fs := append(Reports(site, site.Reports()), Across(site)...)
	Sort(fs)
	return fs
}

// Across runs the checks across reports — one unit's names and figures
// over the years, the class codes of all units in a year — silenced as
// Site's are: what a rebuild of some reports makes again for the whole
// site, since a change to one report can make or clear a finding about
// another (the next year's, or any of its year's).
func Across(site *report.Site) []Finding { return AcrossSome(site, nil, nil) }

// AcrossSome runs the checks across reports for some units and years
// only: those comparing a unit's reports (ORG-NAME, PREVIOUS-MISMATCH,
// TOTAL-MISMATCH-PREV) for the units in orgs, and those comparing a
// year's units (CLASS-CODE-NAME) for the years in years. A nil set means
// all. Each finding is about a report of its unit or year, so serve's
// rebuild of a few reports keeps the findings about the others.
func AcrossSome(site *report.Site, orgs map[string]bool, years map[int]bool) []Finding {
	var fs []Finding
	add := func(f Finding) { fs = append(fs, f) }
	org := func(o *report.Org) bool { return orgs == nil || orgs[o.ID] }
	year := func(y *report.Year) bool { return years == nil || years[y.Year] }
	orgNames(site, org, add)
	previousYear(site, org, add)
	classNames(site, year, add)
	fs = Silence(site, fs)
	Sort(fs)
	return fs
}

// OfUnit reports whether a finding of the checks across reports compares
// a unit's reports, and so belongs to the unit of the report it is about;
// otherwise (CLASS-CODE-NAME) it compares a year's units.
func OfUnit(f Finding) bool { return f.Code != "CLASS-CODE-NAME" }

// Reports runs the checks of each report in reports, not those across
// reports (org names): what serve needs after one report changed.
func Reports(site *report.Site, reports []*report.Report) []Finding {
	own := NewOwn(site.Config.Check)
	// Reports are checked in parallel, each into its own list.
	per := make([][]Finding, len(reports))
	pool.Each(len(reports), func(i int) error {
		per[i] = own.Report(reports[i])
		return nil
	})
	return Within(site, reports, slices.Concat(per...))
}

// Own runs the checks that need one report and nothing else — its figures,
// drafts, placeholders, sections, titles and ignored checks — so that a
// build can check each report as soon as it is read, and let go of what
// only those checks and its page need (Report.Shed) until it renders it.
// It is safe for concurrent use.
type Own struct {
	cfg  report.SiteCheck
	text *Text
}

// NewOwn returns the checks of one report under the site's [check].
func NewOwn(cfg report.SiteCheck) *Own { return &Own{cfg: cfg, text: NewText(cfg)} }

// Report checks r, silencing nothing yet: see Within.
func (o *Own) Report(r *report.Report) []Finding {
	var fs []Finding
	add := func(f Finding) { fs = append(fs, f) }
	figures(r, add)
	drafts(r, add)
	placeholders(r, add)
	sections(r, o.cfg, add)
	o.text.Titles(r, add)
	ignoreReason(r, add)
	return fs
}

// Within completes own, the findings of Own about reports, with the
// checks of each report that need the whole site (a superseded_by that
// names no report), then silences and sorts them.
func Within(site *report.Site, reports []*report.Report, own []Finding) []Finding {
	add := func(f Finding) { own = append(own, f) }
	for _, r := range reports {
		superseded(site, r, add)
	}
	own = Silence(site, own)
	Sort(own)
	return own
}

// Silence drops the findings whose codes site.toml or the report they are
// about ignore.
func Silence(site *report.Site, fs []Finding) []Finding {
	ignored := map[string][]string{}
	for _, r := range site.Reports() {
		ignored[r.Dir] = r.Check.Ignore
	}
	return slices.DeleteFunc(fs, func(f Finding) bool {
		return slices.Contains(site.Config.Check.Ignore, f.Code) || slices.Contains(ignored[f.Report], f.Code)
	})
}

// ignoreReason asks for the reason a report silences a check: a reviewer
// must be able to tell a judgement from a cover-up.
func ignoreReason(r *report.Report, add func(Finding)) {
	if len(r.Check.Ignore) > 0 && strings.TrimSpace(r.Check.Reason) == "" {
		add(Finding{Code: "CHECK-REASON", Severity: Warning, Pos: r.Where("check"), Report: r.Dir,
			Message: fmt.Sprintf("报告忽略了检查 %s，但没有写明原因", strings.Join(r.Check.Ignore, "、")),
			Hint:    "在 [check] 中加 reason = \"……\" 说明为何忽略"})
	}
}

// orgNames finds an org_id that joins reports under different unit names:
// usually a copied folder whose org_id was not changed.
func orgNames(site *report.Site, some func(*report.Org) bool, add func(Finding)) {
	for _, o := range site.Orgs {
		if !some(o) {
			continue
		}
		for _, r := range o.Reports {
			if r.Org != o.Name {
				add(Finding{Code: "ORG-NAME", Severity: Warning, Pos: r.Where("org"), Report: r.Dir,
					Message: fmt.Sprintf("org_id %q 在 %d 年度的报告中单位名称为“%s”，而最新的报告中为“%s”", o.ID, r.Year, r.Org, o.Name),
					Hint:    "同一单位应使用同一 org_id；单位更名属实可忽略此项，不同单位请改用不同的 org_id"})
			}
		}
	}
}

// FromLoad turns the errors of a site that did not load into findings.
func FromLoad(list source.List) []Finding {
	out := make([]Finding, len(list))
	for i, e := range list {
		code := e.Code
		if code == "" {
			code = "LOAD"
		}
		out[i] = Finding{Code: code, Severity: Error, Pos: e.Pos, Message: e.Msg}
	}
	Sort(out)
	return out
}

// superseded checks that superseded_by names a report of the site.
func superseded(site *report.Site, r *report.Report, add func(Finding)) {
	if r.SupersededBy == "" || site.Replacement(r) != nil {
		return
	}
	msg := fmt.Sprintf("superseded_by = %q 没有对应的报告", r.SupersededBy)
	if r.SupersededBy == r.Path() {
		msg = "superseded_by 指向了本报告自己"
	}
	add(Finding{Code: "SUPERSEDED-MISSING", Severity: Error, Pos: r.Where("superseded_by"), Report: r.Dir,
		Message: msg, Hint: "写替代本报告的那份报告的“年份/目录名”，如 \"2024/yanling-traffic-police\""})
}
