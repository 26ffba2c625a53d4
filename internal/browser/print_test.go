package browser_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gongkai/internal/build"
)

const (
	// maxPrintPages bounds the printed sample report on A4. With its 19
	// tables and 13 charts it measured 17 pages printed from an 800 px
	// window (12 from a 1280 px one) when the budget tables' name columns
	// shrank to one character a line and each chart printed at its screen
	// height; laid out for paper it measures 10 from any window, 9 without
	// script (no charts). The bound leaves a page for other fonts and a few
	// more lines of text, not for a column gone narrow or a chart gone tall.
	maxPrintPages = 11

	// A chart box prints at most this high and wide, in CSS px (96 per inch):
	// a quarter of the A4 page's height, and the width between its margins.
	maxChartHeight = 297.0 / 4 / 25.4 * 96
	maxChartWidth  = 180.0 / 25.4 * 96

	// printWindowWidth and printWindowHeight are the window the report
	// prints from: Chromium's default headless window.
	printWindowWidth, printWindowHeight = 800, 600

	// tablePhoneWidth and tablePhoneHeight are a common phone's viewport in CSS
	// px, the screen the tables must read on.
	tablePhoneWidth, tablePhoneHeight = 390, 844

	// sampleBaseURL is the portal address the no-script print test gives
	// the sample site.
	sampleBaseURL = "https://www.example.gov.cn/gongkai/"
)

// budgetRows are rows of the sample's two budget tables as pdftotext
// -layout prints them: code, name, amount and stated share on one line. A
// name column squeezed to one character a line breaks every one of them.
var budgetRows = []*regexp.Regexp{
	regexp.MustCompile(`204\s+公共安全支出\s+971\.76\s+90\.49`),
	regexp.MustCompile(`208\s+社会保障和就业支出\s+59\.31\s+5\.33`),
	regexp.MustCompile(`221\s+住房保障支出\s+45\.85\s+4\.12`),
	regexp.MustCompile(`201\s+一般公共服务支出\s+0\.055\s+0\.003`),
	regexp.MustCompile(`204\s+公共安全支出\s+558\.28\s+33\.95`),
	regexp.MustCompile(`208\s+社会保障和就业支出\s+56\.49\s+3\.43`),
}

// screenOnly is text of the page that is for the screen and must not print:
// the skip link, the site title of the masthead, the text-size button, the
// breadcrumb's first step, the contents' heading, the CSV links of the charts.
var screenOnly = []string{"跳到正文", "炎陵县预决算及绩效信息公开", "大字版", "首页", "目录", "下载图表数据"}

// TestPrintReport prints the sample report on A4, as a reader's browser
// would, and reads the PDF back as text: the budget tables keep their rows on
// one line, the screen's navigation stays off the paper, the report fits
// in few pages, and the page's address is printed at its end.
func TestPrintReport(t *testing.T) {
	t.Parallel()
	pdftotext, pdftoppm := findPoppler(t)
	browser := startBrowser(t)

	t.Run("script", func(t *testing.T) {
		t.Parallel()
		out := buildSample(t)
		srv := httptest.NewServer(http.FileServer(http.Dir(out)))
		t.Cleanup(srv.Close)
		ctx, plog := openTab(t, browser)
		ctx, cancel := context.WithTimeout(ctx, 2*drawTimeout)
		defer cancel()
		// Printed from a window of Chromium's default size, where the old
		// stylesheet gave 17 pages (12 from a 1280 px window).
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(printWindowWidth, printWindowHeight)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+reportPage)); err != nil {
			t.Fatalf("open %s: %v", srv.URL+"/"+reportPage, err)
		}
		// The server redirects …/index.html to …/: the page's address is
		// where the browser ended up.
		pageURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
		if err != nil {
			t.Fatal(err)
		}
		// Chart boxes take their space once charts.js has run, which it
		// has by the load event; it draws them for the paper itself.
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.classList.contains("charts-on")`))
		if err != nil {
			t.Fatal(err)
		}
		if !on {
			t.Fatalf("charts.js did not run; page errors: %q", plog.errors())
		}
		// A reader prints a page that has settled: charts.js fetches
		// ECharts after the first paint, and draws every chart for the
		// paper when the print begins.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`typeof window.echarts !== "undefined"`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(drawTimeout))); err != nil {
			t.Fatalf("ECharts did not load: %v; page errors: %q", err, plog.errors())
		}
		pages := printPDF(t, ctx, pdftotext, pdftoppm, "report-print")
		drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll(".chart").length, document.querySelectorAll(".chart.chart-drawn").length]`))
		if err != nil {
			t.Fatal(err)
		}
		if drawn[0] < minCharts || drawn[1] != drawn[0] {
			t.Errorf("printing drew %d of %d charts, want all (at least %d)", drawn[1], drawn[0], minCharts)
		}
		checkPrint(t, pages, pageURL)
		checkPrintCharts(t, ctx)
		for _, e := range plog.errors() {
			t.Errorf("page error: %s", e)
		}
	})

	// Without script, a site whose address is known still prints it.
	t.Run("no-script", func(t *testing.T) {
		t.Parallel()
		out := buildSampleAt(t, sampleBaseURL)
		ctx, _ := openTab(t, browser)
		ctx, cancel := context.WithTimeout(ctx, 2*drawTimeout)
		defer cancel()
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		fileURL := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(reportPage)))}
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL.String())); err != nil {
			t.Fatalf("open %s: %v", fileURL, err)
		}
		// site.js shows the text-size button when it runs.
		hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("text-size").hidden`))
		if err != nil {
			t.Fatal(err)
		}
		if !hidden {
			t.Fatal("site.js ran: script was not disabled")
		}
		pages := printPDF(t, ctx, pdftotext, "", "")
		checkPrint(t, pages, sampleBaseURL+reportPage)
	})
}

// printChart is what measurePrintCharts reports about a chart box.
type printChart struct {
	ID          string  `json:"id"`
	Width       float64 `json:"width"`
	Height      float64 `json:"height"`
	BreakInside string  `json:"breakInside"`
}

const measurePrintCharts = `Array.from(document.querySelectorAll(".chart"), (box) => {
	const r = box.getBoundingClientRect();
	return {id: box.id, width: r.width, height: r.height, breakInside: getComputedStyle(box).breakInside};
})`

// checkPrintCharts lays the page out for print media, in a viewport as wide
// as the paper between its margins, and checks that every chart box fits
// the paper and does not split across pages.
func checkPrintCharts(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(math.Floor(maxChartWidth)), printWindowHeight))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]printChart](measurePrintCharts))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) < minCharts {
		t.Errorf("the page has %d chart boxes, want at least %d", len(charts), minCharts)
	}
	for _, c := range charts {
		if c.Width <= 0 || c.Width > maxChartWidth+1 || c.Height <= 0 || c.Height > maxChartHeight {
			t.Errorf("chart %s prints %.0f×%.0f px, want within %.0f×%.0f", c.ID, c.Width, c.Height, maxChartWidth, maxChartHeight)
		}
		if c.BreakInside != "avoid" {
			t.Errorf("chart %s has break-inside: %s under print, want avoid", c.ID, c.BreakInside)
		}
	}
}

// checkPrint checks the pages of the printed report, as pdftotext -layout
// gives them; pageURL is the address the end of the report must print.
func checkPrint(t *testing.T, pages []string, pageURL string) {
	t.Helper()
	t.Logf("the report prints on %d A4 pages", len(pages))
	if len(pages) > maxPrintPages {
		t.Errorf("the report prints on %d A4 pages, want at most %d", len(pages), maxPrintPages)
	}
	text := strings.Join(pages, "\n")
	for _, re := range budgetRows {
		if !re.MatchString(text) {
			t.Errorf("no printed line matches %s: a budget row is split over lines", re)
		}
	}
	for _, s := range screenOnly {
		if strings.Contains(text, s) {
			t.Errorf("the print holds %q, which is for the screen only", s)
		}
	}
	// Links print as their text: an address appears once, in the footer.
	if n := strings.Count(text, "://"); n != 1 {
		t.Errorf("the print holds %d addresses (://), want one, the page's own", n)
	}
	if len(pages) > 0 {
		last := pages[len(pages)-1]
		if !strings.Contains(strings.Join(strings.Fields(last), ""), pageURL) {
			t.Errorf("the last printed page lacks the page's address %s; it reads:\n%s", pageURL, last)
		}
	}
}

// printPDF prints the tab's page as a reader's browser would: A4, with the
// page's own @page margins. It returns the text of each page. With pdftoppm
// it keeps the PDF as shot.pdf and pictures of its first two pages as
// shot-1.png and shot-2.png.
func printPDF(t *testing.T, ctx context.Context, pdftotext, pdftoppm, shot string) []string {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
	))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext ends every page with a form feed.
	pages := strings.Split(string(text), "\f")
	pages = pages[:len(pages)-1]
	if pdftoppm == "" {
		return pages
	}
	keepArtefact(t, shot+".pdf", pdf)
	prefix := filepath.Join(dir, "page")
	if out, err := exec.Command(pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "2", file, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	// pdftoppm pads the page number to the width of the page count.
	pngs, err := filepath.Glob(prefix + "-*.png")
	if err != nil || len(pngs) == 0 {
		t.Fatalf("pdftoppm wrote no page image in %s (%v)", dir, err)
	}
	slices.Sort(pngs)
	for i, p := range pngs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		keepArtefact(t, fmt.Sprintf("%s-%d.png", shot, i+1), data)
	}
	return pages
}

// cell is what measureBudgetCells reports about one cell of a budget table.
type cell struct {
	Table string  `json:"table"`
	Text  string  `json:"text"`
	Name  bool    `json:"name"`  // a 科目名称 cell: a row header or its column's header
	Width float64 `json:"width"` // in em of the cell's font
	Lines int     `json:"lines"` // of its text
}

// budgetLayout is what measureBudgetCells reports.
type budgetLayout struct {
	Cells  []cell `json:"cells"`
	Tables []struct {
		Table   string `json:"table"`
		Scrolls bool   `json:"scrolls"` // its wrapper scrolls sideways
	} `json:"tables"`
	ScrollWidth int `json:"scrollWidth"` // of the document
	InnerWidth  int `json:"innerWidth"`  // of the window
}

// measureBudgetCells measures every cell of the budget tables: its width
// and the number of lines its text takes (the distinct tops of the text's
// line boxes). It also reports whether the page or a table scrolls sideways.
const measureBudgetCells = `(() => {
	const cells = [];
	const tables = [];
	for (const table of document.querySelectorAll("table.budget")) {
		const caption = table.caption ? table.caption.textContent.trim() : "";
		const wrap = table.parentElement;
		tables.push({table: caption, scrolls: wrap.scrollWidth > wrap.clientWidth + 1});
		for (const c of table.querySelectorAll("th, td")) {
			const text = c.textContent.trim();
			if (text === "" || !c.checkVisibility()) continue;
			const r = c.getBoundingClientRect();
			const range = document.createRange();
			range.selectNodeContents(c);
			const tops = new Set(Array.from(range.getClientRects(), (q) => Math.round(q.top)));
			cells.push({
				table: caption,
				text: text,
				name: (c.tagName === "TH" && c.closest("tbody, tfoot") !== null) || text === "科目名称",
				width: r.width / parseFloat(getComputedStyle(c).fontSize),
				lines: tops.size,
			});
		}
	}
	const doc = document.scrollingElement;
	return {cells: cells, tables: tables, scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth};
})()`

// TestPhoneTables opens the sample report on a phone's screen, 390 px wide,
// and checks that the budget tables read there: the names keep their width
// and wrap to at most two lines, no cell that wraps is squeezed, and neither the page
// nor a budget table scrolls sideways.
func TestPhoneTables(t *testing.T) {
	t.Parallel()
	out := buildSample(t)
	browser := startBrowser(t)
	ctx, plog := openTab(t, browser)
	ctx, cancel := context.WithTimeout(ctx, 2*drawTimeout)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.EmulateViewport(tablePhoneWidth, tablePhoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateTouch))
	if err != nil {
		t.Fatal(err)
	}
	fileURL := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(reportPage)))}
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL.String())); err != nil {
		t.Fatalf("open %s: %v", fileURL, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[budgetLayout](measureBudgetCells))
	if err != nil {
		t.Fatalf("measure the budget tables: %v", err)
	}
	// The whole page is long; the first budget and metrics tables alone
	// show how the tables read on a phone.
	for _, kind := range []string{"budget", "metrics"} {
		keepArtefact(t, "report-phone-"+kind+".png", elementShot(t, ctx, ".table-wrap:has(table."+kind+")"))
	}
	keepScreenshot(t, ctx, "report-phone.png")
	if got.InnerWidth != tablePhoneWidth {
		t.Fatalf("the page is %d px wide, want the phone's %d", got.InnerWidth, tablePhoneWidth)
	}
	if got.ScrollWidth > got.InnerWidth {
		t.Errorf("the page scrolls sideways on a phone: %d px wide in a %d px screen", got.ScrollWidth, got.InnerWidth)
	}
	if len(got.Tables) < 2 {
		t.Fatalf("the report has %d budget tables, want the two of the sample", len(got.Tables))
	}
	for _, tb := range got.Tables {
		if tb.Scrolls {
			t.Errorf("budget table %s scrolls sideways on a phone", tb.Table)
		}
	}
	var names int
	for _, c := range got.Cells {
		// A short cell may be narrow; one that wraps must leave its
		// lines room for a few characters each.
		if c.Lines > 1 && c.Width < 4 {
			t.Errorf("%s: cell %q wraps to %d lines %.1f em wide on a phone, want at least 4 em", c.Table, c.Text, c.Lines, c.Width)
		}
		if !c.Name {
			continue
		}
		names++
		if c.Lines > 2 {
			t.Errorf("%s: 科目名称 %q takes %d lines on a phone, want at most 2", c.Table, c.Text, c.Lines)
		}
	}
	if names < 10 {
		t.Errorf("measured %d 科目名称 cells, want every row of the two budget tables", names)
	}
	checkScrollCue(t, ctx)
	for _, e := range plog.errors() {
		t.Errorf("page error: %s", e)
	}
}

// scrollCue widens a table past the phone's screen, as a long word or a
// site's own table might, and tells site.js the layout changed.
const scrollCue = `(() => {
	const wrap = document.querySelector("table.counts").parentElement;
	wrap.querySelector("table").style.minWidth = "60rem";
	window.dispatchEvent(new Event("resize"));
})()`

// cueReady reports whether site.js has marked the widened table's box.
const cueReady = `(() => {
	const wrap = document.querySelector("table.counts").parentElement;
	return wrap.classList.contains("scrolls") && wrap.tabIndex === 0 &&
		wrap.getAttribute("role") === "region" && (wrap.getAttribute("aria-label") || "").includes("可左右滚动") &&
		getComputedStyle(wrap, "::before").content.includes("左右滑动");
})()`

// checkScrollCue checks the last resort: a table that does not fit scrolls
// inside its box, which site.js makes reachable by keyboard, labels, and
// marks with a visible hint.
func checkScrollCue(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](scrollCue)); err != nil {
		t.Fatal(err)
	}
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](cueReady,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("a table wider than the phone: its box has no scroll cue, keyboard focus or label (%v)", err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.scrollingElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Errorf("a table wider than the phone makes the page scroll sideways, not its box")
	}
}

// buildSampleAt builds the sample site as a portal at base would host it: the
// sample's content under a site.toml that gives base_url.
func buildSampleAt(t *testing.T, base string) string {
	t.Helper()
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	baseLine := regexp.MustCompile(`(?m)^base_url = .*$`)
	if !baseLine.Match(conf) {
		t.Fatal("the sample site.toml has no base_url line to replace")
	}
	conf = baseLine.ReplaceAll(conf, []byte(fmt.Sprintf("base_url = %q", base)))
	if err := os.WriteFile(filepath.Join(src, "site.toml"), conf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Write(os.DirFS(src), out, build.Options{}); err != nil {
		t.Fatalf("build the sample site at %s: %v", base, err)
	}
	return out
}

// findPoppler returns the paths of pdftotext and pdftoppm (Debian's
// poppler-utils). Without them the test skips, loudly, or fails when CI is
// set, as findChromium does.
func findPoppler(t *testing.T) (pdftotext, pdftoppm string) {
	t.Helper()
	var paths []string
	for _, name := range []string{"pdftotext", "pdftoppm"} {
		p, err := exec.LookPath(name)
		if err != nil {
			const msg = "SKIPPING PRINT TEST: no %s; install with apt-get install poppler-utils"
			if os.Getenv("CI") != "" {
				t.Fatalf("CI is set, so the print test may not skip: "+msg, name)
			}
			t.Skipf(msg, name)
		}
		paths = append(paths, p)
	}
	return paths[0], paths[1]
}

// elementShot returns a PNG of the first element that selector matches, in
// page coordinates. (chromedp.Screenshot clips a wrong height under mobile
// emulation.)
func elementShot(t *testing.T, ctx context.Context, selector string) []byte {
	t.Helper()
	clip, err := chromedp.Run(ctx, chromedp.Evaluate[page.Viewport](fmt.Sprintf(`(() => {
		const r = document.querySelector(%q).getBoundingClientRect();
		return {x: Math.floor(r.left + scrollX), y: Math.floor(r.top + scrollY), width: Math.ceil(r.width), height: Math.ceil(r.height), scale: 1};
	})()`, selector)))
	if err != nil {
		t.Fatalf("find %s: %v", selector, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		beyond := true
		res, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: &beyond, Clip: &clip,
		})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", selector, err)
	}
	return shot
}

// keepScreenshot saves a full-page PNG of the tab as name, as keepArtefact does.
func keepScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	keepArtefact(t, name, shot)
}

// keepArtefact saves data as name in a temporary directory and, when
// GONGKAI_ARTIFACTS is set, in that directory too, where CI keeps it.
func keepArtefact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("GONGKAI_ARTIFACTS")
	if dir == "" {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s (removed with the test's temporary directory; set GONGKAI_ARTIFACTS=DIR to keep it)", p)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Reading the directory makes it an input of the test for go test's
	// cache: a pass is not reused once its files are gone.
	if _, err := os.ReadDir(dir); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, name)
	if err := os.WriteFile(kept, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if abs, err := filepath.Abs(kept); err == nil {
		kept = abs
	}
	t.Logf("kept %s", kept)
}
