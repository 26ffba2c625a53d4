package browser_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gongkai/internal/archive"
	"gongkai/internal/build"
)

const (
	// reportPage is the sample report, the page with the charts.
	reportPage = "2023/yanling-traffic-police/index.html"

	// csp is the policy every page carries in a meta element. The HTTP
	// server of the test sends it as a header too, as a portal would.
	csp = "default-src 'self'"

	// minCharts is the least the sample report has: the two budget donuts,
	// the budget comparison, the counts and the accident comparison.
	minCharts = 5

	// drawTimeout bounds the wait for charts.js; the wait is a poll, so a
	// fast page does not wait for it.
	drawTimeout = 20 * time.Second

	// A chart counts as drawn when its canvas has at least this share of
	// ink pixels (neither transparent nor white: bars, sectors, axes, text)
	// and of colour pixels (saturated: the series and the legend swatches,
	// never the grey axes or black labels). At 1280 px wide the sample's
	// charts measure 9.5–29.7% ink and 3.7–28.8% colour, the same over
	// file:// and HTTP; a blank canvas has neither.
	minInkShare    = 0.02
	minColourShare = 0.01

	// windowWidth and windowHeight are a desktop screen, so the report lays
	// out as most readers see it.
	windowWidth, windowHeight = 1280, 1024
)

// dataChart matches a chart box in the built HTML.
var dataChart = regexp.MustCompile(`\sdata-chart="[^"]+"`)

// TestChartsRender opens the sample report in Chromium over file:// (a page
// opened from a USB stick) and over HTTP with the policy also as a header
// (a portal), and checks that ECharts drew every chart, that site.js ran,
// and that the page logged no error and no CSP violation.
func TestChartsRender(t *testing.T) {
	t.Parallel()
	out := buildSample(t)
	page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(reportPage)))
	if err != nil {
		t.Fatal(err)
	}
	want := len(dataChart.FindAll(page, -1))
	if want < minCharts {
		t.Fatalf("%s has %d data-chart boxes, want at least %d", reportPage, want, minCharts)
	}
	browser := startBrowser(t)

	srv := serveDir(t, out, nil)

	fileURL := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(reportPage)))}
	// The year's archive, unzipped, opens over file:// with its charts.
	archived := archiveSample(t)
	archiveURL := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(archived, filepath.FromSlash(reportPage)))}
	for _, tc := range []struct {
		name, url, shot string
		http            bool
	}{
		{name: "file", url: fileURL.String(), shot: "report-file.png"},
		{name: "http", url: srv.URL + "/" + reportPage, shot: "report.png", http: true},
		{name: "archive", url: archiveURL.String(), shot: "report-archive.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, plog := openTab(t, browser)
			ctx, cancel := context.WithTimeout(ctx, 2*drawTimeout)
			defer cancel()

			// NavigateResponse returns once the load event fired.
			resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tc.url))
			if err != nil {
				t.Fatalf("open %s: %v", tc.url, err)
			}
			if tc.http {
				if resp == nil || resp.Status != http.StatusOK {
					t.Fatalf("open %s: response %+v", tc.url, resp)
				}
				if got := resp.Headers["Content-Security-Policy"]; got != csp {
					t.Errorf("response header Content-Security-Policy = %v, want %q", got, csp)
				}
			}

			checkPies(t, checkCharts(t, ctx, plog, want))
			checkTextSize(t, ctx)
			saveScreenshot(t, ctx, tc.shot)

			// Events before the reply to the last command have reached
			// the log (see pageLog), so this sees every message of the
			// load and of the drawing.
			for _, w := range plog.warnings() {
				t.Logf("page warning: %s", w)
			}
			for _, e := range plog.errors() {
				t.Errorf("page error: %s", e)
			}
		})
	}
}

// TestPageLogCatchesErrors proves that the error checks of TestChartsRender
// can fail: a page with an inline script under the site's policy, a
// console.error and an uncaught exception must each reach the page log.
func TestPageLogCatchesErrors(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%s">
<script>document.title = "inline ran";</script>
<script src="bad.js"></script>
</head><body>bad</body></html>`, csp)
	})
	mux.HandleFunc("/bad.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `console.error("console-error-marker"); throw new Error("exception-marker");`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx, plog := openTab(t, browser)
	ctx, cancel := context.WithTimeout(ctx, drawTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title == "inline ran" {
		t.Errorf("the inline script ran: Chromium did not enforce the policy")
	}
	all := strings.Join(plog.errors(), "\n")
	t.Logf("page log:\n%s", all)
	for _, want := range []string{"Content Security Policy", "console-error-marker", "exception-marker"} {
		if !strings.Contains(all, want) {
			t.Errorf("page log lacks %q; it has:\n%s", want, all)
		}
	}
}

// buildSample builds the repository's sample site, with the ECharts bundle
// of the built-in theme, into a temporary directory.
func buildSample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Write(os.DirFS("../.."), out, build.Options{}); err != nil {
		t.Fatalf("build the sample site: %v", err)
	}
	return out
}

// findChromium returns the browser to run: $GONGKAI_CHROMIUM, else
// /usr/bin/chromium, else chromium in PATH. Without one the test skips, loudly,
// or fails when CI is set, so that CI cannot pass without running it.
// archiveSample archives the sample's 2023 and unzips the archive into a
// temporary folder, returning the folder.
func archiveSample(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	res, err := archive.Write(archive.Options{Year: 2023, Src: "../..", Out: out, Made: time.Unix(1714442400, 0)})
	if err != nil {
		t.Fatalf("archive the sample: %v", err)
	}
	zr, err := zip.OpenReader(res.Zip)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dest := t.TempDir()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dest, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dest, archive.Name(2023))
}

func findChromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("GONGKAI_CHROMIUM"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("GONGKAI_CHROMIUM=%s: %v", p, err)
		}
		return path
	}
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	const msg = "SKIPPING REAL-BROWSER TEST: no chromium; install with apt-get install chromium fonts-noto-cjk"
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set, so the browser test may not skip: %s", strings.TrimPrefix(msg, "SKIPPING REAL-BROWSER TEST: "))
	}
	t.Skip(msg)
	return ""
}

// startBrowser starts a headless Chromium for the test and returns its
// context; openTab opens tabs in it. The browser closes when the test ends.
func startBrowser(t testing.TB) context.Context {
	t.Helper()
	exe := findChromium(t)
	// The defaults already hold --headless, --no-first-run,
	// --disable-background-networking and --disable-sync; chromedp gives
	// each browser a fresh temporary --user-data-dir and removes it after
	// the browser and its helpers have exited, which t.TempDir could not
	// do reliably.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // we run as root in CI
		chromedp.DisableGPU,
		// Without these Chromium's own connections are refused on the
		// CI machine, and it logs errors about them.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(windowWidth, windowHeight),
	)
	// Not t.Context: it ends before the cleanups, and chromedp would kill
	// the browser instead of closing it.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for the browser to exit and its directory to go
	})
	// The first Do starts the browser; the browser lives as long as the
	// context of this call, so it gets no timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

// openTab opens a tab in the browser, with a log of what its pages report.
// The tab closes when the test ends.
func openTab(t *testing.T, browser context.Context) (context.Context, *pageLog) {
	t.Helper()
	plog := &pageLog{}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(plog.record))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx, plog
}

// pageLog keeps the errors and warnings that a tab reports: console.error
// and console.warn calls, uncaught exceptions, and the entries of the
// browser log (where Chromium reports CSP violations and failed loads).
//
// record runs as a chromedp listener, on the goroutine that reads the tab's
// messages and in their order, so every event that arrived before the reply
// to a command is recorded by the time that command returns.
type pageLog struct {
	mu          sync.Mutex
	errs, warns []string
}

func (l *pageLog) record(ev any) {
	var msg string
	warning := false
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
		case runtime.ConsoleAPICalledTypeWarning:
			warning = true
		default:
			return
		}
		msg = fmt.Sprintf("console.%s: %s%s", ev.Type, remoteText(ev.Args...), stackPlace(ev.StackTrace))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "uncaught exception: " + d.Text
		if d.Exception != nil {
			msg += " " + remoteText(d.Exception)
		}
		msg += fmt.Sprintf(" (%s:%d:%d)", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	case *log.EventEntryAdded:
		e := ev.Entry
		switch e.Level {
		case log.EntryLevelError:
		case log.EntryLevelWarning:
			warning = true
		default:
			return
		}
		msg = fmt.Sprintf("browser log (%s, %s): %s", e.Source, e.Level, e.Text)
		if e.URL != "" {
			msg += fmt.Sprintf(" (%s:%d)", e.URL, e.LineNumber+1)
		}
	default:
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if warning {
		l.warns = append(l.warns, msg)
	} else {
		l.errs = append(l.errs, msg)
	}
}

func (l *pageLog) errors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.errs...)
}

func (l *pageLog) warnings() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.warns...)
}

// remoteText renders values of the page as the console would, roughly.
func remoteText(objs ...*runtime.RemoteObject) string {
	parts := make([]string, 0, len(objs))
	for _, o := range objs {
		switch {
		case o == nil:
		case o.Type == runtime.RemoteObjectTypeString && len(o.Value) > 0:
			parts = append(parts, strings.Trim(string(o.Value), `"`))
		case o.Description != "":
			first, _, _ := strings.Cut(o.Description, "\n")
			parts = append(parts, first)
		case len(o.Value) > 0:
			parts = append(parts, string(o.Value))
		default:
			parts = append(parts, string(o.Type))
		}
	}
	return strings.Join(parts, " ")
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

// chart is what measureCharts reports about one chart box.
type chart struct {
	ID       string `json:"id"`
	Class    string `json:"class"`
	Drawn    bool   `json:"drawn"`    // has class chart-drawn
	Canvases int    `json:"canvases"` // <canvas> elements inside
	Pixels   int    `json:"pixels"`   // of all its canvases
	Ink      int    `json:"ink"`      // pixels neither transparent nor white
	Colour   int    `json:"colour"`   // saturated pixels: the series
}

// measureCharts is a JavaScript expression that reads back the pixels of
// every chart box's canvases. ECharts draws on a canvas that nothing else
// paints, so its pixels are exactly what ECharts drew. They are copied to a
// scratch canvas made for reading, so that the test's reads do not make
// Chromium warn about the page's canvases.
const measureCharts = `(() => {
	const scratch = document.createElement("canvas");
	const g = scratch.getContext("2d", {willReadFrequently: true});
	return Array.from(document.querySelectorAll(".chart"), (box) => {
		const r = {id: box.id, class: box.className, drawn: box.classList.contains("chart-drawn"),
			canvases: 0, pixels: 0, ink: 0, colour: 0};
		for (const c of box.querySelectorAll("canvas")) {
			r.canvases++;
			if (c.width === 0 || c.height === 0) continue;
			r.pixels += c.width * c.height;
			scratch.width = c.width;
			scratch.height = c.height;
			g.drawImage(c, 0, 0);
			const d = g.getImageData(0, 0, c.width, c.height).data;
			for (let i = 0; i < d.length; i += 4) {
				const R = d[i], G = d[i + 1], B = d[i + 2], A = d[i + 3];
				if (A < 16 || (R > 240 && G > 240 && B > 240)) continue;
				r.ink++;
				if (Math.max(R, G, B) - Math.min(R, G, B) >= 64) r.colour++;
			}
		}
		return r;
	});
})()`

// painted reports whether c looks drawn by ECharts.
func (c chart) painted() bool {
	return c.Drawn && c.Canvases > 0 && c.Pixels > 0 &&
		float64(c.Ink) >= minInkShare*float64(c.Pixels) &&
		float64(c.Colour) >= minColourShare*float64(c.Pixels)
}

// checkCharts waits for charts.js to draw every chart box, then checks that
// there are want boxes and that each has a painted canvas, and returns them.
func checkCharts(t *testing.T, ctx context.Context, plog *pageLog, want int) []chart {
	t.Helper()
	return checkDrawn(t, ctx, plog, want, chart.painted, minInkShare, minColourShare)
}

// checkDrawn is checkCharts with the test of a painted chart given, and the
// shares of ink and coloured pixels the wait for the drawing asks of each
// chart. It
// scrolls to each chart box in turn first, as charts.js draws a chart only
// when its box comes near the viewport.
func checkDrawn(t *testing.T, ctx context.Context, plog *pageLog, want int, painted func(chart) bool, ink, colour float64) []chart {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".chart"), (b) => b.id)`))
	if err != nil {
		t.Fatalf("list the charts: %v", err)
	}
	for _, id := range ids {
		drawn := fmt.Sprintf(`document.getElementById(%q).classList.contains("chart-drawn")`, id)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](
			fmt.Sprintf(`(document.getElementById(%q).scrollIntoView({block: "center"}), %s)`, id, drawn),
			chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(drawTimeout)))
		if err != nil && !errors.Is(err, chromedp.ErrPollingTimeout) {
			t.Fatalf("scroll to %s: %v", id, err)
		}
		// A chart that is not drawn is reported below, with its pixels.
	}
	// charts.js marks a box chart-drawn after setOption; ECharts paints
	// it synchronously, but wait for the pixels too rather than assume.
	ready := fmt.Sprintf(`document.readyState === "complete" && (() => {
		const boxes = document.querySelectorAll(".chart");
		if (boxes.length === 0 || document.querySelectorAll(".chart:not(.chart-drawn)").length > 0) return false;
		return %s.every((c) => c.canvases > 0 && c.pixels > 0 && c.ink >= %g * c.pixels && c.colour >= %g * c.pixels);
	})()`, measureCharts, ink, colour)
	_, pollErr := chromedp.Run(ctx, chromedp.Poll[bool](ready,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(drawTimeout)))
	if pollErr != nil && !errors.Is(pollErr, chromedp.ErrPollingTimeout) {
		t.Fatalf("wait for the charts: %v", pollErr)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chart](measureCharts))
	if err != nil {
		t.Fatalf("measure the charts: %v", err)
	}
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-chart]").length`))
	if err != nil {
		t.Fatal(err)
	}
	if pollErr != nil {
		t.Errorf("charts not all drawn within %v; page errors: %q", drawTimeout, plog.errors())
	}
	if len(charts) != want || boxes != want {
		t.Errorf("page has %d .chart boxes and %d [data-chart] elements, want %d as in the HTML", len(charts), boxes, want)
	}
	for _, c := range charts {
		share := func(n int) float64 { return 100 * float64(n) / float64(max(c.Pixels, 1)) }
		t.Logf("%s: %d canvas, %d px, ink %d (%.1f%%), colour %d (%.1f%%)",
			c.ID, c.Canvases, c.Pixels, c.Ink, share(c.Ink), c.Colour, share(c.Colour))
		if !painted(c) {
			t.Errorf("%s (%s) not drawn: chart-drawn %v, %d canvas, %d px, ink %d, colour %d; want ink ≥ %g%% and colour ≥ %g%% of the pixels",
				c.ID, c.Class, c.Drawn, c.Canvases, c.Pixels, c.Ink, c.Colour, 100*minInkShare, 100*minColourShare)
		}
	}
	return charts
}

// checkPies checks that the sample report's two budget donuts are among
// its charts.
func checkPies(t *testing.T, charts []chart) {
	t.Helper()
	var pies int
	for _, c := range charts {
		if strings.Contains(" "+c.Class+" ", " chart-pie ") {
			pies++
		}
	}
	if pies < 2 {
		t.Errorf("page has %d pie charts, want the two budget donuts", pies)
	}
}

// checkTextSize checks that site.js ran under the policy: it unhides the
// larger-text button on DOMContentLoaded, before the load event.
func checkTextSize(t *testing.T, ctx context.Context) {
	t.Helper()
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const b = document.getElementById("text-size");
		return b !== null && !b.hidden && b.checkVisibility();
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !visible {
		t.Errorf("#text-size is hidden: site.js did not run")
	}
}

// saveScreenshot saves a full-page PNG of the tab as name in a temporary
// directory and, when GONGKAI_ARTIFACTS is set, in that directory too.
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if cfg.Width != windowWidth || cfg.Height <= windowHeight {
		t.Errorf("screenshot is %d×%d px, want %d wide and the full page, taller than %d", cfg.Width, cfg.Height, windowWidth, windowHeight)
	}
	t.Logf("screenshot: %d×%d px", cfg.Width, cfg.Height)
	keepArtefact(t, name, shot)
}
