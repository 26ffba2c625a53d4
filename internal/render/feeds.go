package render

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/report"
	"gongkai/internal/route"
)

// absolute prefixes a path from the site root with the configured base URL.
// Without one the path stays relative: sitemap and feed readers resolve it
// against the file's own address, which is the site root.
func absolute(site *report.Site, p string) string {
	if site.Config.BaseURL == "" {
		return p
	}
	return strings.TrimSuffix(site.Config.BaseURL, "/") + "/" + p
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

func writeSitemap(site *report.Site, w Writer) error {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	add := func(p string) { set.URLs = append(set.URLs, sitemapURL{Loc: absolute(site, p)}) }
	add(route.Home)
	for _, y := range site.Years {
		add(route.Year(y.Year))
		for _, r := range y.Reports {
			add(reportURL(r))
		}
	}
	for _, o := range site.Orgs {
		add(route.Org(o.ID))
	}
	return writeXML(w, route.Sitemap, set)
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Author  string   `xml:"author>name"`
	Summary string   `xml:"summary"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  string      `xml:"author>name"`
	Entries []atomEntry `xml:"entry"`
}

// maxFeedEntries bounds the feed to the newest reports.
const maxFeedEntries = 50

// updated is when a report counts as published: its date, or else the last
// day of its fiscal year, since no report on a year is published before it
// ends. It is never the build time, so the feed is the same on every build.
func updated(r *report.Report) string {
	d := r.Published
	if d.IsZero() {
		d = report.Date{Year: r.Year, Month: 12, Day: 31}
	}
	return d.String() + "T00:00:00+08:00"
}

func writeFeed(site *report.Site, w Writer) error {
	reports := site.Reports()
	slices.SortStableFunc(reports, func(a, b *report.Report) int {
		return cmp.Or(strings.Compare(updated(b), updated(a)), strings.Compare(reportURL(a), reportURL(b)))
	})
	reports = reports[:min(len(reports), maxFeedEntries)]
	lang := cmp.Or(site.Config.Language, "zh-CN")
	feed := atomFeed{
		NS: "http://www.w3.org/2005/Atom", Lang: lang,
		Title: site.Config.Title,
		ID:    cmp.Or(site.Config.BaseURL, "urn:gongkai:site"),
		Links: []atomLink{
			{Href: absolute(site, "index.html"), Type: "text/html"},
			{Href: absolute(site, route.Feed), Rel: "self", Type: "application/atom+xml"},
		},
		Author:  cmp.Or(site.Config.Footer.Sponsor, site.Config.Title),
		Updated: "1970-01-01T00:00:00Z",
	}
	if len(reports) > 0 {
		feed.Updated = updated(reports[0])
	}
	for _, r := range reports {
		id := "urn:gongkai:report:" + strconv.Itoa(r.Year) + ":" + r.Slug
		if site.Config.BaseURL != "" {
			id = absolute(site, reportURL(r))
		}
		feed.Entries = append(feed.Entries, atomEntry{
			Title: r.Title, ID: id, Updated: updated(r),
			Link:    atomLink{Href: absolute(site, reportURL(r)), Type: "text/html"},
			Author:  r.Org,
			Summary: fmt.Sprintf("%s %d年度 %s", r.Org, r.Year, r.Region),
		})
	}
	return writeXML(w, route.Feed, feed)
}

func writeXML(w Writer, name string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	buf.WriteByte('\n')
	return w.WriteFile(name, buf.Bytes())
}
