package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// phoneWidth and phoneHeight are a phone's viewport in CSS pixels, the
// screen a county reader opens a report on.
const phoneWidth, phoneHeight = 390, 844

// settle is how long the tests leave a loaded page alone before they look
// at its charts: charts.js draws the charts near the viewport within a few
// frames, and would have drawn all of them by then if it were not lazy.
const settle = 1500 * time.Millisecond

// box is what chartBoxes reports about one chart box: where it is on the
// page and how wide ECharts drew it.
type box struct {
	ID    string  `json:"id"`
	Top   float64 `json:"top"` // from the top of the page, in CSS px
	Drawn bool    `json:"drawn"`
	Width float64 `json:"width"` // of the box
	Chart float64 `json:"chart"` // of its widest canvas: the width ECharts drew at
	Shown bool    `json:"shown"` // its canvases are painted (see painted)
}

// chartBoxes is a JavaScript expression that lists the chart boxes.
var chartBoxes = fmt.Sprintf(`(() => {
	const painted = new Map(%s.map((c) => [c.id, c.canvases > 0 && c.pixels > 0 && c.ink >= %g * c.pixels && c.colour >= %g * c.pixels]));
	return Array.from(document.querySelectorAll(".chart"), (b) => {
		let chart = 0;
		for (const c of b.querySelectorAll("canvas")) chart = Math.max(chart, c.getBoundingClientRect().width);
		return {id: b.id, top: b.getBoundingClientRect().top + window.scrollY, drawn: b.classList.contains("chart-drawn"),
			width: b.getBoundingClientRect().width, chart: chart, shown: painted.get(b.id)};
	});
})()`, measureCharts, minInkShare, minColourShare)

// openPhone serves the sample site over HTTP, as a portal would, and opens
// the report in a tab with a phone's viewport, returning once the page has
// loaded and settled. The actions before run in the tab first.
func openPhone(t *testing.T, browser context.Context, before ...chromedp.Action[chromedp.Void]) (context.Context, *pageLog) {
	t.Helper()
	return openPhoneAt(t, browser, serveSample(t, nil), before...)
}

// serveSample serves the sample site over HTTP with the site's policy as a
// header, through wrap when it is not nil, and returns the report's URL.
func serveSample(t *testing.T, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	return serveDir(t, buildSample(t), wrap).URL + "/" + reportPage
}

// serveDir serves the folder dir over HTTP with the site's policy as a
// header, through wrap when it is not nil, as a portal would serve it.
func serveDir(t *testing.T, dir string, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		files.ServeHTTP(w, r)
	})
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// openPhoneAt opens url as openPhone opens the sample report.
func openPhoneAt(t *testing.T, browser context.Context, url string, before ...chromedp.Action[chromedp.Void]) (context.Context, *pageLog) {
	t.Helper()
	ctx, plog := openTab(t, browser)
	ctx, cancel := context.WithTimeout(ctx, 4*drawTimeout)
	t.Cleanup(cancel)
	err := chromedp.Do(ctx, append(before,
		phone(phoneWidth),
		chromedp.Navigate(url),
		chromedp.Sleep(settle))...)
	if err != nil {
		t.Fatalf("open the report at %d×%d: %v", phoneWidth, phoneHeight, err)
	}
	return ctx, plog
}

// phone sets the viewport to a phone's, width CSS px wide.
func phone(width int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(width, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile)
}

func listBoxes(t *testing.T, ctx context.Context) []box {
	t.Helper()
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](chartBoxes))
	if err != nil {
		t.Fatalf("list the chart boxes: %v", err)
	}
	if len(boxes) < minCharts {
		t.Fatalf("page has %d chart boxes, want at least %d", len(boxes), minCharts)
	}
	return boxes
}

// waitDrawn waits until the chart box id is drawn and painted.
func waitDrawn(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	ready := fmt.Sprintf(`(%s).some((b) => b.id === %q && b.drawn && b.shown)`, chartBoxes, id)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](ready,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(drawTimeout))); err != nil {
		t.Fatalf("wait for %s to be drawn: %v", id, err)
	}
}

// TestChartsLazy opens the report on a phone and checks that charts.js
// draws a chart only when the reader comes near it: charts far below the
// fold stay undrawn after load, the last chart is drawn once scrolled to,
// and a chart between the two, which the reader skipped, is still not.
func TestChartsLazy(t *testing.T) {
	t.Parallel()
	ctx, plog := openPhone(t, startBrowser(t))

	boxes := listBoxes(t, ctx)
	// Far: more than a screen below the bottom of the first screen, well
	// beyond the margin charts.js draws ahead of the reader.
	var far []box
	for _, b := range boxes {
		if b.Top > 2*phoneHeight {
			far = append(far, b)
		}
	}
	if len(far) < 3 {
		t.Fatalf("only %d of %d charts start more than %d px down the page; the test needs a long page", len(far), len(boxes), 2*phoneHeight)
	}
	for _, b := range far {
		if b.Drawn {
			t.Errorf("%s, %.0f px down the page, drawn at load; want it drawn only when near the viewport", b.ID, b.Top)
		}
	}
	// Charts on the first screen are drawn without scrolling.
	for _, b := range boxes {
		if b.Top < phoneHeight {
			waitDrawn(t, ctx, b.ID)
		}
	}

	last := far[len(far)-1]
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
		fmt.Sprintf(`document.getElementById(%q).scrollIntoView({block: "center"})`, last.ID))); err != nil {
		t.Fatal(err)
	}
	waitDrawn(t, ctx, last.ID)

	skipped := far[0]
	if skipped.Top+2*phoneHeight > last.Top {
		t.Fatalf("%s and %s are too close to tell a skipped chart from a drawn one", skipped.ID, last.ID)
	}
	for _, b := range listBoxes(t, ctx) {
		if b.ID == skipped.ID && b.Drawn {
			t.Errorf("%s drawn though the reader scrolled past it to %s without a stop", b.ID, last.ID)
		}
	}

	// Turned to landscape, or a wider phone: the drawn charts follow
	// their boxes.
	wide := listBoxes(t, ctx)[0].Width + (wideWidth - phoneWidth)
	if err := chromedp.Do(ctx, phone(wideWidth)); err != nil {
		t.Fatal(err)
	}
	checkScreen(t, ctx, wide)
	checkLog(t, plog)
}

// wideWidth is a wider viewport the tests turn the phone to.
const wideWidth = 600

// TestChartsFallback opens the report in a browser without
// IntersectionObserver, ResizeObserver, requestIdleCallback and
// PerformanceObserver: charts.js then fetches ECharts a frame after load,
// draws every chart without waiting for the reader, and follows a change
// of the window's size.
func TestChartsFallback(t *testing.T) {
	t.Parallel()
	old := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `delete window.IntersectionObserver; delete window.ResizeObserver; delete window.requestIdleCallback; delete window.PerformanceObserver;`,
		})
		return err
	})
	ctx, plog := openPhone(t, startBrowser(t), old)
	for _, b := range listBoxes(t, ctx) {
		waitDrawn(t, ctx, b.ID)
	}
	wide := listBoxes(t, ctx)[0].Width + (wideWidth - phoneWidth)
	if err := chromedp.Do(ctx, phone(wideWidth)); err != nil {
		t.Fatal(err)
	}
	checkScreen(t, ctx, wide)
	checkLog(t, plog)
}

// TestChartsPrint checks that a report printed before the reader scrolled
// through it prints every chart, at the width of the paper, not blanks or
// phone-sized charts: charts.js draws them all on beforeprint, sizes them
// again when the print media query starts to match, and gives them back
// their screen size after.
func TestChartsPrint(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)

	t.Run("beforeprint", func(t *testing.T) {
		t.Parallel()
		ctx, plog := openPhone(t, browser)
		screen := checkSomeUndrawn(t, ctx)
		// One expression, so that the charts are drawn by the handler
		// itself, synchronously, as the print layout that follows needs.
		boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](
			`(window.dispatchEvent(new Event("beforeprint")), `+chartBoxes+`)`))
		if err != nil {
			t.Fatal(err)
		}
		// Before the print layout, charts.js can only guess the width of
		// the paper: A4 less the margins of site.css, 180 mm at 96 px per
		// inch.
		checkPrinted(t, boxes, func(box) float64 { return 680 })
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event("afterprint"))`)); err != nil {
			t.Fatal(err)
		}
		checkScreen(t, ctx, screen)
		checkLog(t, plog)
	})

	t.Run("print-media", func(t *testing.T) {
		t.Parallel()
		ctx, plog := openPhone(t, browser)
		screen := checkSomeUndrawn(t, ctx)
		media := func(m string) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
				return err
			})
		}
		if err := chromedp.Do(ctx, media("print")); err != nil {
			t.Fatal(err)
		}
		// The media query reports its change at the next frame.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
			`document.querySelectorAll(".chart:not(.chart-drawn)").length === 0`,
			chromedp.WithPollingTimeout(drawTimeout))); err != nil {
			t.Fatalf("wait for every chart to be drawn under print media: %v", err)
		}
		// Under print media the boxes have their print layout, which
		// charts.js measures: each chart is as wide as its box.
		checkPrinted(t, listBoxes(t, ctx), func(b box) float64 { return b.Width })
		if err := chromedp.Do(ctx, media("")); err != nil {
			t.Fatal(err)
		}
		checkScreen(t, ctx, screen)
		checkLog(t, plog)
	})

	t.Run("pdf", func(t *testing.T) {
		t.Parallel()
		ctx, plog := openPhone(t, browser)
		screen := checkSomeUndrawn(t, ctx)
		// What the charts are when Chromium lays the page out for paper:
		// this listener runs after those of charts.js.
		err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.printed = null;
			matchMedia("print").addEventListener("change", (e) => { if (e.matches) window.printed = `+chartBoxes+`; });`))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4))); err != nil {
			t.Fatalf("print: %v", err)
		}
		printed, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](`window.printed`))
		if err != nil {
			t.Fatalf("read the charts as printed (did Chromium not switch to print media?): %v", err)
		}
		if len(printed) == 0 {
			t.Fatal("no chart boxes seen while printing")
		}
		if printed[0].Width <= screen {
			t.Errorf("chart box %.0f px wide on paper, %.0f px on the phone: the page was not laid out for paper", printed[0].Width, screen)
		}
		checkPrinted(t, printed, func(b box) float64 { return b.Width })
		checkScreen(t, ctx, screen)
		checkLog(t, plog)
	})
}

// checkSomeUndrawn checks that some chart is not drawn yet, so that a print
// test tests something, and returns the width of a chart box on screen.
func checkSomeUndrawn(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	boxes := listBoxes(t, ctx)
	undrawn := 0
	for _, b := range boxes {
		if !b.Drawn {
			undrawn++
		}
	}
	if undrawn == 0 {
		t.Fatalf("all %d charts drawn before printing: nothing to test", len(boxes))
	}
	return boxes[0].Width
}

// checkPrinted checks that every chart is drawn, painted and as wide as
// width says for print.
func checkPrinted(t *testing.T, boxes []box, width func(box) float64) {
	t.Helper()
	for _, b := range boxes {
		if !b.Drawn || !b.Shown {
			t.Errorf("%s not drawn for print: chart-drawn %v, painted %v", b.ID, b.Drawn, b.Shown)
		}
		if want := width(b); b.Chart != want {
			t.Errorf("%s drawn %.0f px wide for print, want %.0f (its box: %.0f px)", b.ID, b.Chart, want, b.Width)
		}
	}
}

// checkScreen waits for every drawn chart to be as wide as its box, and
// checks that the boxes are width px wide.
func checkScreen(t *testing.T, ctx context.Context, width float64) {
	t.Helper()
	fitted := fmt.Sprintf(`(%s).every((b) => b.width === %g && (!b.drawn || b.chart === b.width))`, chartBoxes, width)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fitted,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(drawTimeout))); err != nil {
		for _, b := range listBoxes(t, ctx) {
			t.Logf("%s: drawn %v, box %.0f px, chart %.0f px", b.ID, b.Drawn, b.Width, b.Chart)
		}
		t.Errorf("charts not fitted to their boxes, %.0f px wide: %v", width, err)
	}
}

func checkLog(t *testing.T, plog *pageLog) {
	t.Helper()
	for _, e := range plog.errors() {
		t.Errorf("page error: %s", e)
	}
}

// TestEChartsAfterPaint checks that the page shows its text before it
// fetches ECharts: the request for the bundle starts after the first
// contentful paint, so that a slow phone on a slow connection is not kept
// waiting for a chart it has not scrolled to.
func TestEChartsAfterPaint(t *testing.T) {
	t.Parallel()
	ctx, plog := openPhone(t, startBrowser(t))
	type times struct {
		Paint   float64 `json:"paint"`
		ECharts float64 `json:"echarts"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[times](`(() => {
		const paint = performance.getEntriesByName("first-contentful-paint")[0];
		const echarts = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/echarts.min.js"));
		return {paint: paint ? paint.startTime : -1, echarts: echarts ? echarts.startTime : -1};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first contentful paint at %.1f ms, ECharts requested at %.1f ms", got.Paint, got.ECharts)
	switch {
	case got.Paint < 0:
		t.Error("no first-contentful-paint entry")
	case got.ECharts < 0:
		t.Error("ECharts not requested after load")
	case got.ECharts < got.Paint:
		t.Errorf("ECharts requested at %.1f ms, before the first contentful paint at %.1f ms", got.ECharts, got.Paint)
	}
	checkLog(t, plog)
}

// TestChartsBeforeECharts checks the page while ECharts is still on its
// way and after it failed to arrive: a print in between hides the empty
// chart boxes rather than printing them blank, and a failed fetch takes
// the boxes away for good, leaving the tables.
func TestChartsBeforeECharts(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var once sync.Once
	url := serveSample(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/echarts.min.js") {
				h.ServeHTTP(w, r)
				return
			}
			select {
			case <-release:
			case <-r.Context().Done():
			}
			http.NotFound(w, r)
		})
	})
	// Before the server's Close, which waits for the held request.
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	ctx, plog := openPhoneAt(t, startBrowser(t), url)

	type state struct {
		On     bool `json:"on"`     // html has charts-on
		Boxes  int  `json:"boxes"`  // chart boxes shown
		Drawn  int  `json:"drawn"`  // chart boxes drawn
		Tables int  `json:"tables"` // data tables shown
	}
	const look = `({on: document.documentElement.classList.contains("charts-on"),
		boxes: Array.from(document.querySelectorAll(".chart")).filter((b) => b.checkVisibility()).length,
		drawn: document.querySelectorAll(".chart-drawn").length,
		tables: Array.from(document.querySelectorAll("table.data")).filter((b) => b.checkVisibility()).length})`
	get := func(expr string) state {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[state](expr))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	s := get(look)
	if !s.On || s.Boxes < minCharts || s.Drawn != 0 {
		t.Fatalf("waiting for ECharts: %+v, want charts-on and at least %d empty boxes shown", s, minCharts)
	}
	s = get(`(window.dispatchEvent(new Event("beforeprint")), ` + look + `)`)
	if s.On || s.Boxes != 0 || s.Tables == 0 {
		t.Errorf("printing before ECharts arrived: %+v, want no chart box and the tables shown", s)
	}
	s = get(`(window.dispatchEvent(new Event("afterprint")), ` + look + `)`)
	if !s.On || s.Boxes < minCharts {
		t.Errorf("after that print: %+v, want the boxes back", s)
	}

	once.Do(func() { close(release) })
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.documentElement.classList.contains("charts-on")`,
		chromedp.WithPollingTimeout(drawTimeout))); err != nil {
		t.Fatalf("wait for charts.js to give up on ECharts: %v", err)
	}
	if s := get(look); s.Boxes != 0 || s.Tables == 0 {
		t.Errorf("ECharts failed to load: %+v, want no chart box and the tables shown", s)
	}
	// The failed fetch is the page's only error.
	for _, e := range plog.errors() {
		if !strings.Contains(e, "echarts.min.js") && !strings.Contains(e, "404") {
			t.Errorf("page error: %s", e)
		}
	}
}
