package browser_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"gongkai/internal/benchcorpus"
	"gongkai/internal/build"
)

// TestHistoryChartsRender opens a unit's page and a year's page of a
// synthetic site (benchcorpus: 22 units over three years, more than the
// year's chart shows) over file:// and checks that every chart is drawn
// and that the page logs no error.
func TestHistoryChartsRender(t *testing.T) {
	t.Parallel()
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	if err := benchcorpus.Generate(src, benchcorpus.Options{Reports: 66, Years: 3, FirstYear: 2021, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Write(os.DirFS(src), out, build.Options{}); err != nil {
		t.Fatal(err)
	}
	units, err := os.ReadDir(filepath.Join(out, "orgs"))
	if err != nil || len(units) == 0 {
		t.Fatalf("orgs: %v", err)
	}
	browser := startBrowser(t)
	for _, tc := range []struct{ name, page, shot string }{
		{"org", "orgs/" + units[0].Name() + "/index.html", "org-history.png"},
		{"year", "2023/index.html", "year-summary.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(out, filepath.FromSlash(tc.page))
			html, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := len(dataChart.FindAll(html, -1))
			if want == 0 {
				t.Fatalf("%s has no chart", tc.page)
			}
			ctx, plog := openTab(t, browser)
			ctx, cancel := context.WithTimeout(ctx, 2*drawTimeout)
			defer cancel()
			u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
			if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(u.String())); err != nil {
				t.Fatalf("open %s: %v", u, err)
			}
			checkDrawn(t, ctx, plog, want, sparse, sparseInk, 0)
			saveScreenshot(t, ctx, tc.shot)
			for _, e := range plog.errors() {
				t.Errorf("page error: %s", e)
			}
		})
	}
}

// sparse reports whether a chart of figures across years looks drawn: its
// axes and labels are ink, and some pixels have a series' colour. It asks
// less than chart.painted, since a figure that only years apart have is
// two dots, no line, as a gap must be.
func sparse(c chart) bool {
	return c.Drawn && c.Canvases > 0 && c.Pixels > 0 &&
		float64(c.Ink) >= sparseInk*float64(c.Pixels) && c.Colour > 0
}

// sparseInk is the share of ink a chart of two dots has: its axes, grid and
// labels measure 1.9–2.3% of a 1280 px wide box.
const sparseInk = 0.01
