package render

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"
)

const atomNS = "http://www.w3.org/2005/Atom"

type testFeed struct {
	XMLName xml.Name `xml:"feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Author  string `xml:"author>name"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author  string `xml:"author>name"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func parseFeed(t *testing.T, data string) testFeed {
	t.Helper()
	if !strings.HasPrefix(data, xml.Header) {
		t.Errorf("feed.xml does not start with the XML declaration")
	}
	var f testFeed
	if err := xml.Unmarshal([]byte(data), &f); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	return f
}

// TestFeed checks that feed.xml is an Atom feed of the reports, newest
// first, dated by the reports and never by the clock.
func TestFeed(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	f := parseFeed(t, files["feed.xml"])
	if f.XMLName.Space != atomNS {
		t.Errorf("feed namespace %q, want %q", f.XMLName.Space, atomNS)
	}
	if f.Lang != "zh-CN" || f.Title != "测试县预决算&绩效信息公开" || f.ID == "" || f.Author != "测试县财政局" {
		t.Errorf("feed head: lang %q title %q id %q author %q", f.Lang, f.Title, f.ID, f.Author)
	}
	var titles, ids []string
	var last time.Time
	for i, e := range f.Entries {
		titles = append(titles, e.Title)
		ids = append(ids, e.ID)
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("entry %d: updated %q: %v", i, e.Updated, err)
		}
		if i > 0 && u.After(last) {
			t.Errorf("entry %d (%s) is newer than the one before it", i, e.Updated)
		}
		last = u
		if _, ok := files[e.Link.Href]; !ok || !strings.HasSuffix(e.Link.Href, "/index.html") {
			t.Errorf("entry %d links %q, not a report page of the output", i, e.Link.Href)
		}
		if e.Author == "" || e.Summary == "" {
			t.Errorf("entry %d has no author or summary", i)
		}
	}
	wantTitles := []string{"2023年度测试县交警大队整体支出绩效自评报告", hostileTitle, "2022年度测试县交警大队整体支出绩效自评报告"}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("entries %q, want %q", titles, wantTitles)
	}
	if u := slices.Compact(slices.Sorted(slices.Values(ids))); len(u) != len(ids) {
		t.Errorf("entry ids not unique: %q", ids)
	}
	// Dated by the reports: published, or else the end of the fiscal year.
	wantUpdated := []string{"2024-04-30T00:00:00+08:00", "2023-12-31T00:00:00+08:00", "2023-05-01T00:00:00+08:00"}
	for i, e := range f.Entries {
		if i < len(wantUpdated) && e.Updated != wantUpdated[i] {
			t.Errorf("entry %d updated %q, want %q", i, e.Updated, wantUpdated[i])
		}
	}
	if f.Updated != wantUpdated[0] {
		t.Errorf("feed updated %q, want the newest report's %q", f.Updated, wantUpdated[0])
	}
	// The hostile report's text is text, not markup.
	if h := f.Entries[1]; h.Author != hostileOrg || !strings.Contains(h.Summary, "A&B<县>") {
		t.Errorf("hostile entry: author %q summary %q", h.Author, h.Summary)
	}
	// A second build, later, gives the same feed.
	if again := build(t, testFiles(t), nil, nil)["feed.xml"]; again != files["feed.xml"] {
		t.Errorf("feed.xml differs between two builds:\n%s\n---\n%s", files["feed.xml"], again)
	}
}

type testURLSet struct {
	XMLName xml.Name `xml:"urlset"`
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

// TestSitemap checks that sitemap.xml lists every HTML page but 404.html,
// once each.
func TestSitemap(t *testing.T) {
	t.Parallel()
	files := testSite(t)
	var s testURLSet
	if err := xml.Unmarshal([]byte(files["sitemap.xml"]), &s); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	if s.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("sitemap namespace %q", s.XMLName.Space)
	}
	var locs []string
	for _, u := range s.URLs {
		locs = append(locs, u.Loc)
	}
	slices.Sort(locs)
	// The search page shows nothing without a query: no search engine
	// needs it.
	want := slices.DeleteFunc(htmlPages(files), func(p string) bool { return p == "404.html" || p == "search/index.html" })
	if !slices.Equal(locs, want) {
		t.Errorf("sitemap lists\n %q\nwant\n %q", locs, want)
	}
}

// TestBaseURL checks that a base URL makes the sitemap and the feed
// absolute, and leaves every link of the pages relative.
func TestBaseURL(t *testing.T) {
	t.Parallel()
	fsys := testFiles(t)
	cfg := string(fsys["site.toml"].Data)
	fsys["site.toml"].Data = []byte(strings.Replace(cfg, "language = \"zh-CN\"\n", "language = \"zh-CN\"\nbase_url = \"https://czj.example.gov.cn/gk/\"\n", 1))
	files := build(t, fsys, nil, nil)
	const base = "https://czj.example.gov.cn/gk/"

	var s testURLSet
	if err := xml.Unmarshal([]byte(files["sitemap.xml"]), &s); err != nil {
		t.Fatal(err)
	}
	for _, u := range s.URLs {
		rel, ok := strings.CutPrefix(u.Loc, base)
		if _, exists := files[rel]; !ok || !exists {
			t.Errorf("sitemap loc %q is not %s + an output page", u.Loc, base)
		}
	}
	f := parseFeed(t, files["feed.xml"])
	if f.ID != base {
		t.Errorf("feed id %q, want %q", f.ID, base)
	}
	for _, l := range f.Links {
		if !strings.HasPrefix(l.Href, base) {
			t.Errorf("feed link %q not absolute", l.Href)
		}
	}
	for _, e := range f.Entries {
		rel, ok := strings.CutPrefix(e.Link.Href, base)
		if _, exists := files[rel]; !ok || !exists || e.ID != e.Link.Href {
			t.Errorf("entry link %q id %q: want both %s + a report page", e.Link.Href, e.ID, base)
		}
	}
	for _, name := range htmlPages(files) {
		if name == "404.html" {
			continue
		}
		checkLinks(t, files, name, files[name])
	}
	// A server shows 404.html at any path, so with a base URL its links are
	// absolute and still lead to the output's own files.
	notFound := files["404.html"]
	for _, asset := range []string{"assets/site.css", "assets/site.js", "index.html"} {
		if _, ok := files[asset]; !ok || !strings.Contains(notFound, `"`+base+asset+`"`) {
			t.Errorf("404.html does not link %s%s", base, asset)
		}
	}
}
