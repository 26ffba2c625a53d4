package browser_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gongkai/internal/cli"
)

// runCheck runs gongkai check on the site in src with the given format and
// returns what it printed.
func runCheck(t *testing.T, src, format string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := cli.Main([]string{"check", "--src", src, "--format", format}, &stdout, &stderr); code > cli.ExitError {
		t.Fatalf("gongkai check --format %s: exit %d: %s", format, code, stderr.Bytes())
	}
	return stdout.Bytes()
}

// qualityCounts is what the quality page shows, as the page's own script
// (or, when it did not run, the page as written) counts it.
type qualityCounts struct {
	Totals  [3]int // the totals line: errors, warnings, infos
	Rows    [3]int // finding rows by severity
	Rules   [3]int // the rule table's columns added up
	Units   [3]int // the summary table's columns added up
	Visible int    // finding rows not hidden
	Filters bool   // the filter form is shown: the script ran
	Reports int    // rows of the summary
	Sorted  bool   // the summary is ordered by errors, most first
}

const measureQuality = `(() => {
  const sev = ["error", "warning", "info"];
  const num = el => Number(el.getAttribute("data-n"));
  const sum = (table, from) => sev.map((_, i) =>
    [...document.querySelectorAll(table + " tbody tr")].reduce((n, tr) => n + (tr.cells.length > from + i ? num(tr.cells[from + i]) : 0), 0));
  const errs = [...document.querySelectorAll("#units tbody tr")].map(tr => num(tr.cells[2]));
  return {
    Totals: ["#n-errors", "#n-warnings", "#n-infos"].map(s => num(document.querySelector(s))),
    Rows: sev.map(s => document.querySelectorAll("tr.finding[data-sev=" + s + "]").length),
    Rules: sum("#rules", 1),
    Units: sum("#units", 2),
    Visible: [...document.querySelectorAll("tr.finding")].filter(tr => tr.offsetParent !== null).length,
    Filters: !document.getElementById("filters").hidden,
    Reports: document.querySelectorAll("#units tbody tr").length,
    Sorted: errs.every((e, i) => i === 0 || errs[i - 1] >= e),
  };
})()`

// TestQualityReport opens gongkai check --format html of the sample site in
// Chromium and checks its counts against --format json: the totals, the
// finding rows, the per-rule and per-report tables. Its filters and sorting
// work over file://; under a server's strict policy (default-src 'self')
// the script does not run and the page is still complete.
func TestQualityReport(t *testing.T) {
	t.Parallel()
	var report struct {
		Findings []struct{ Severity string }
		Errors   int
		Warnings int
		Infos    int
	}
	if err := json.Unmarshal(runCheck(t, "../..", "json"), &report); err != nil {
		t.Fatal(err)
	}
	want := [3]int{report.Errors, report.Warnings, report.Infos}
	if want[0] == 0 || want[1] == 0 || want[2] == 0 {
		t.Fatalf("the sample's findings %v: want some of each severity", want)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "质量报告.html")
	if err := os.WriteFile(page, runCheck(t, "../..", "html"), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := startBrowser(t)

	t.Run("file", func(t *testing.T) {
		t.Parallel()
		ctx, plog := openTab(t, browser)
		ctx, cancel := context.WithTimeout(ctx, drawTimeout)
		defer cancel()
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(page)}
		if err := chromedp.Do(ctx, chromedp.Navigate(u.String())); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[qualityCounts](measureQuality))
		if err != nil {
			t.Fatal(err)
		}
		checkCounts(t, got, want, len(report.Findings))
		if !got.Filters {
			t.Errorf("the filters are hidden: the page's script did not run under its own policy")
		}
		if errs := plog.errors(); len(errs) > 0 {
			t.Errorf("the page logged errors:\n%s", strings.Join(errs, "\n"))
		}

		// Filter by severity, then by a year with no report.
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
  const f = document.getElementById("filters"), visible = () => [...document.querySelectorAll("tr.finding")].filter(tr => tr.offsetParent !== null).length;
  const set = (name, v) => { f.elements[name].value = v; f.dispatchEvent(new Event("change")); return visible(); };
  const out = [set("sev", "error"), set("sev", "warning"), set("sev", "info")];
  f.elements.sev.value = "";
  const opt = document.createElement("option"); opt.value = "1999"; f.elements.year.appendChild(opt);
  out.push(set("year", "1999"), set("year", ""));
  return out;
})()`))
		if err != nil {
			t.Fatal(err)
		}
		if wantShown := []int{want[0], want[1], want[2], 0, len(report.Findings)}; !slices.Equal(shown, wantShown) {
			t.Errorf("rows shown by severity error, warning, info, then year 1999 and all: %v, want %v", shown, wantShown)
		}

		// Sorting: the rule table by its code, then by its total.
		codes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const th = document.querySelectorAll("#rules thead th");
  th[0].querySelector("button").click();
  const first = [...document.querySelectorAll("#rules tbody tr")].map(tr => tr.cells[0].textContent);
  th[4].querySelector("button").click();
  const totals = [...document.querySelectorAll("#rules tbody tr")].map(tr => tr.cells[4].getAttribute("data-n"));
  return [first.join(","), totals.join(","), th[4].getAttribute("aria-sort")];
})()`))
		if err != nil {
			t.Fatal(err)
		}
		if byCode := strings.Split(codes[0], ","); !isSorted(byCode, func(a, b string) bool { return a <= b }) {
			t.Errorf("rules after sorting by code: %v", byCode)
		}
		if totals := strings.Split(codes[1], ","); !isSorted(totals, func(a, b string) bool { return len(a) > len(b) || (len(a) == len(b) && a >= b) }) || codes[2] != "descending" {
			t.Errorf("rules after sorting by total: %v (%s)", totals, codes[2])
		}
	})

	t.Run("strict-policy", func(t *testing.T) {
		t.Parallel()
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(data)
		}))
		t.Cleanup(srv.Close)
		ctx, _ := openTab(t, browser)
		ctx, cancel := context.WithTimeout(ctx, drawTimeout)
		defer cancel()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[qualityCounts](measureQuality))
		if err != nil {
			t.Fatal(err)
		}
		if got.Filters {
			t.Errorf("the filters are shown under %q: the policy did not block the inline script", csp)
		}
		// Without its script the page is complete: every row is there and
		// shown, the summary ordered by errors.
		checkCounts(t, got, want, len(report.Findings))
	})
}

// TestQualityReportHostile checks that the markup of a site's titles and
// names in a quality report is text in the browser: no script of it runs.
func TestQualityReportHostile(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	for name, text := range map[string]string{
		"site.toml": "title = \"站<script>window.pwned = 1</script>\"\n",
		"content/2023/u/index.md": "+++\ntitle = \"报告<script>window.pwned = 2</script>\"\nyear = 2023\norg = \"单位<img src=x onerror='window.pwned = 3'>\"\norg_id = \"u\"\nunit = \"万元\"\n" +
			"[[budget]]\nid = \"initial\"\ntitle = \"预算</td><script>window.pwned = 4</script>\"\ntotal = 2.00\n  [[budget.items]]\n  name = \"甲\"\n  amount = 1.00\n+++\n",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(t.TempDir(), "质量报告.html")
	if err := os.WriteFile(page, runCheck(t, src, "html"), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := startBrowser(t)
	ctx, _ := openTab(t, browser)
	ctx, cancel := context.WithTimeout(ctx, drawTimeout)
	defer cancel()
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(page)}
	if err := chromedp.Do(ctx, chromedp.Navigate(u.String())); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[String(window.pwned), document.title, document.body.innerText.includes("预算</td><script>window.pwned = 4</script>") ? "message" : "", document.querySelector("#units tbody tr").cells[1].textContent]`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"undefined", "质量报告：站<script>window.pwned = 1</script>", "message", "单位<img src=x onerror='window.pwned = 3'>"}; !slices.Equal(got, want) {
		t.Errorf("page: %q, want %q", got, want)
	}
}

func checkCounts(t *testing.T, got qualityCounts, want [3]int, findings int) {
	t.Helper()
	for _, c := range []struct {
		name string
		got  [3]int
	}{{"totals", got.Totals}, {"finding rows", got.Rows}, {"rule table", got.Rules}, {"summary table", got.Units}} {
		if c.got != want {
			t.Errorf("%s: %v errors, warnings, infos; --format json has %v", c.name, c.got, want)
		}
	}
	if got.Visible != findings {
		t.Errorf("%d finding rows shown, want %d", got.Visible, findings)
	}
	if got.Reports < 1 || !got.Sorted {
		t.Errorf("summary of %d reports, sorted by errors: %v", got.Reports, got.Sorted)
	}
}

func isSorted(s []string, le func(a, b string) bool) bool {
	for i := 1; i < len(s); i++ {
		if !le(s[i-1], s[i]) {
			return false
		}
	}
	return true
}
