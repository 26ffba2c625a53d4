// Package route is the URL scheme of a built site: where each page and file
// of the output lives, and the element ids a report page gives its parts.
// Render writes by these names, check resolves links by them and serve
// replaces a report's files by them; none of them keeps a copy.
//
// Every name is slash-separated and relative to the output root. Directory
// pages are index.html files, so that links name them in full and the site
// works from file:// as well as under any sub-path of a portal.
package route

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The pages and files at the root of the site.
const (
	Home     = "index.html"
	NotFound = "404.html"
	Sitemap  = "sitemap.xml"
	Feed     = "feed.xml"
)

// The files of a report beside its page.
const (
	DataJSON = "data.json"
	DataCSV  = "data.csv"
	// ChartDir is the folder of the figures of each chart.
	ChartDir = "data"
)

// ReportDir is the folder of a report's page and files: "2023/slug".
func ReportDir(year int, slug string) string { return strconv.Itoa(year) + "/" + slug }

// Report is the page of a report.
func Report(year int, slug string) string { return ReportDir(year, slug) + "/index.html" }

// Year is the page of a year.
func Year(year int) string { return strconv.Itoa(year) + "/index.html" }

// OrgDir is the folder of a unit's page and files: "orgs/ORG_ID".
func OrgDir(id string) string { return "orgs/" + id }

// Org is the page of a unit across years.
func Org(id string) string { return OrgDir(id) + "/index.html" }

// HistoryCSV is the file beside a unit's page that holds its figures
// across years (UTF-8 with a byte-order mark, as data.csv).
const HistoryCSV = "history.csv"

// OrgCSV is where a unit's figures across years download from.
func OrgCSV(id string) string { return OrgDir(id) + "/" + HistoryCSV }

// ChartCSV is where the figures of a chart of block id download from,
// relative to its report's folder.
func ChartCSV(blockID string) string { return ChartDir + "/" + blockID + ".csv" }

// Generated reports whether name, relative to a report's folder, is a
// file or folder that the report's page and data take: no attachment may
// have such a name.
func Generated(name string) bool {
	switch name {
	case "index.html", DataJSON, DataCSV, ChartDir:
		return true
	}
	return strings.HasPrefix(name, ChartDir+"/")
}

// Root is the relative path from the file at name back to the site root:
// "" for a root file, "../" one folder down, and so on.
func Root(name string) string { return strings.Repeat("../", strings.Count(name, "/")) }

// BaseIDs are the element ids base.html gives every page.
var baseIDs = []string{"main", "text-size", "site-search-q"}

// reportIDs are the element ids the report layout gives its own parts.
var reportIDs = []string{"toc-title", "report-data", "report-data-h", "report-indicators"}

// BaseIDs returns the element ids every page has, which no heading may take.
func BaseIDs() []string { return slices.Clone(baseIDs) }

// ReportIDs returns the element ids of a report page's layout, besides the
// base ids.
func ReportIDs() []string { return slices.Clone(reportIDs) }

// SectionAnchors are the element ids of a report's sections on its page,
// given their file stems in page order: each stem with white space made
// into hyphens. An anchor is moved aside, with "section-" before it, when
// the layout uses that id, when it could be the id of something else on
// the page — a figure ("data-…"), a chart ("chart-…"), a footnote
// ("preface-…", "s1-…"), a section moved aside — or when it is the id of
// another section's heading or indicator table (see SectionSuffixes); one
// still taken is numbered. The rule needs only the stems, not the text,
// so that check finds the anchor a link means without the page.
func SectionAnchors(stems []string) []string {
	var key strings.Builder
	for _, s := range stems {
		key.WriteString(strconv.Itoa(len(s)))
		key.WriteByte(':')
		key.WriteString(s)
	}
	if a, ok := remembered.Load(key.String()); ok {
		return slices.Clone(a.([]string))
	}
	out := sectionAnchors(stems)
	if remembered.n.Add(1) <= maxRemembered {
		remembered.Store(key.String(), slices.Clone(out))
	}
	return out
}

// remembered keeps the anchors of the lists of stems seen, by the list:
// most reports of a site have the same few lists ("01-basic", …), and
// their page, their search text and the checks of links to them each ask.
// Working the anchors out took a map of the layout's ids and a regular
// expression each time: 1.4% of the processor time of a build of the
// benchmark corpus. It keeps at most maxRemembered lists, however many a
// long serve sees.
var remembered struct {
	sync.Map
	n atomic.Int64
}

const maxRemembered = 1 << 10

// sectionAnchors is SectionAnchors worked out.
func sectionAnchors(stems []string) []string {
	base := make([]string, len(stems))
	for i, s := range stems {
		base[i] = strings.Join(strings.Fields(s), "-")
	}
	taken := map[string]bool{}
	for _, id := range append(BaseIDs(), reportIDs...) {
		taken[id] = true
	}
	out := make([]string, len(stems))
	for i, a := range base {
		if taken[a] || movedAside.MatchString(a) || derived(a, base, i) {
			a = "section-" + a
		}
		for n := 2; anyTaken(taken, a); n++ {
			a = "section-" + base[i] + "-" + strconv.Itoa(n)
		}
		for _, suffix := range SectionSuffixes() {
			taken[a+suffix] = true
		}
		out[i] = a
	}
	return out
}

// derived reports whether a is the heading or indicator id of a section
// other than the i-th.
func derived(a string, base []string, i int) bool {
	for j, b := range base {
		if j == i {
			continue
		}
		for _, suffix := range SectionSuffixes()[1:] {
			if a == b+suffix {
				return true
			}
		}
	}
	return false
}

func anyTaken(taken map[string]bool, a string) bool {
	for _, suffix := range SectionSuffixes() {
		if taken[a+suffix] {
			return true
		}
	}
	return false
}

// movedAside matches the anchors that would share a prefix with the ids
// render gives other elements of a report page.
var movedAside = regexp.MustCompile(`^(?:data-|chart-|preface-|section-|s[0-9]+-)`)

// SectionSuffixes returns what is added to a section's anchor for its own
// id, its heading's and its indicator table's.
func SectionSuffixes() []string { return []string{"", "-h", "-indicators"} }

// BlockAnchor is the element id of a data block's figure on its page,
// before any "-2" a second placement of the same block adds.
func BlockAnchor(blockID string) string { return "data-" + blockID }

// Search is the search page; SearchDir holds it and its index files.
const (
	SearchDir = "search"
	Search    = SearchDir + "/index.html"
)
