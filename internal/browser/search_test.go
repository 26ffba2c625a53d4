package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"gongkai/internal/search"
)

// searchPage is the search page of a built site.
const searchPage = "search/index.html"

// TestSearch runs queries on the search page of the sample site over
// file://, over HTTP with the policy as a header, and in the unzipped
// archive of 2023 over file://: a phrase of the seed report, one character,
// a query with no hit and hostile queries, and the masthead's box used from
// the keyboard alone.
func TestSearch(t *testing.T) {
	if search.Off {
		t.Skip("built with gongkai_nosearch: no index is written")
	}
	t.Parallel()
	out := buildSample(t)
	srv := serveDir(t, out, nil)
	archived := archiveSample(t)
	fileURL := func(dir string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	}
	browser := startBrowser(t)
	for _, tc := range []struct{ name, root string }{
		{"file", fileURL(out)},
		{"http", srv.URL + "/"},
		{"archive", fileURL(archived)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, plog := openTab(t, browser)
			ctx, cancel := context.WithTimeout(ctx, 2*drawTimeout)
			defer cancel()
			root := tc.root

			// A link a portal makes: ?q= opens with the results.
			if err := chromedp.Do(ctx, chromedp.Navigate(root+searchPage+"?q="+url.QueryEscape("交通违法"))); err != nil {
				t.Fatal(err)
			}
			status := waitStatus(t, ctx)
			if !strings.HasPrefix(status, "找到") {
				t.Fatalf("status for 交通违法 = %q, want 找到 …", status)
			}
			href := eval[string](t, ctx, `document.querySelector("#search-results a").getAttribute("href")`)
			if !strings.HasPrefix(href, "../2023/yanling-traffic-police/index.html") {
				t.Errorf("first result links %q, want the seed report", href)
			}
			marks := eval[string](t, ctx, `Array.from(document.querySelectorAll("#search-results mark")).map(m => m.textContent).join("|")`)
			if !strings.Contains(marks, "交通违法") {
				t.Errorf("highlights = %q, want 交通违法", marks)
			}
			// The anchor of a section result is the section's element.
			anchored := eval[bool](t, ctx, `Array.from(document.querySelectorAll("#search-results a")).some(a => a.hash.length > 1)`)
			if !anchored {
				t.Errorf("no result links a section's anchor")
			}

			// A query of four characters is ranked and shown once its page
			// is certain; the background reading then makes its count
			// exact: as many as the list shows on a single page.
			done, err := chromedp.Run(ctx, chromedp.Poll[string](`(function(){var s=document.getElementById("search-status");return s.hasAttribute("data-done")?s.textContent:null})()`))
			if err != nil {
				t.Fatal(err)
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("#search-results li").length`); done != fmt.Sprintf("找到 %d 条结果。", n) {
				t.Errorf("final status = %q with %d results listed", done, n)
			}

			// Every shape of query search.js splits into keys as
			// internal/search makes them: one character, a pair, three
			// Han characters (pairs), three digits (a key), a number with
			// the words around it (triples with an ASCII character).
			for _, q := range []string{"违", "违法", "公安交管", "交通违", "202", "2023", "85434", "行为85434起", "2023年决算"} {
				if s := query(t, ctx, q); !strings.HasPrefix(s, "找到") {
					t.Errorf("status for %q = %q, want 找到 …", q, s)
				}
			}
			if s := query(t, ctx, "不存在的词语甲乙丙"); !strings.HasPrefix(s, "没有找到") {
				t.Errorf("status for a query with no hit = %q, want 没有找到 …", s)
			}

			eval[bool](t, ctx, `window.__pwned = 0, true`)
			for _, q := range []string{
				`<script>window.__pwned=1</script>`,
				`<img src=x onerror="window.__pwned=1">违法`,
				`.*+?[(`, `交通.*违法`, `(`,
				strings.Repeat("交通违法", 250),
			} {
				s := query(t, ctx, q)
				if s == "" || strings.Contains(s, "失败") {
					t.Errorf("status for hostile %.20q = %q", q, s)
				}
				if n := eval[int](t, ctx, `document.querySelectorAll("#search-results script, #search-results img").length`); n != 0 {
					t.Errorf("query %.20q put %d elements in the results", q, n)
				}
			}
			if p := eval[int](t, ctx, `window.__pwned`); p != 0 {
				t.Errorf("a hostile query ran script")
			}
			// The page still works.
			if s := query(t, ctx, "交通违法"); !strings.HasPrefix(s, "找到") {
				t.Errorf("after hostile queries, status = %q", s)
			}

			// An input method's letters are not searched; the characters
			// it puts in are.
			eval[bool](t, ctx, `(function(){var i=document.getElementById("search-q");`+
				`document.getElementById("search-status").textContent="";`+
				`i.dispatchEvent(new CompositionEvent("compositionstart"));i.value="jiaotong";`+
				`i.dispatchEvent(new InputEvent("input",{isComposing:true}));return true})()`)
			time.Sleep(300 * time.Millisecond)
			if s := eval[string](t, ctx, `document.getElementById("search-status").textContent`); s != "" {
				t.Errorf("an input method's letters were searched: %q", s)
			}
			eval[bool](t, ctx, `(function(){var i=document.getElementById("search-q");i.value="交通违法";`+
				`i.dispatchEvent(new CompositionEvent("compositionend",{data:"交通违法"}));return true})()`)
			if s := waitStatus(t, ctx); !strings.HasPrefix(s, "找到") {
				t.Errorf("after the input method put in 交通违法, status = %q", s)
			}

			// Back returns to the query before.
			query(t, ctx, "违")
			if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, ctx)
			if v := eval[string](t, ctx, `document.getElementById("search-q").value`); v != "交通违法" {
				t.Errorf("after Back the box holds %q, want 交通违法", v)
			}

			// The masthead's box on a report page, by keyboard alone.
			if err := chromedp.Do(ctx, chromedp.Navigate(root+reportPage)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.SendKeys("#site-search-q", "公安交管"+kb.Enter)); err != nil {
				t.Fatal(err)
			}
			// The form's navigation destroys the page's context under a
			// poll begun before it; poll again on the new page. A file server
			// may redirect search/index.html to search/.
			for {
				_, err := chromedp.Run(ctx, chromedp.Poll[bool](`/\/search\/(index\.html)?$/.test(location.pathname) && !!document.getElementById("search-status")`))
				if err == nil {
					break
				}
				if ctx.Err() != nil {
					t.Fatalf("the masthead form did not open the search page: %v", err)
				}
			}
			if s := waitStatus(t, ctx); !strings.HasPrefix(s, "找到") {
				t.Errorf("masthead search status = %q", s)
			}
			for _, e := range plog.errors() {
				t.Errorf("page error: %s", e)
			}
		})
	}
}

// query submits q on the search page and returns the status once searched.
func query(t *testing.T, ctx context.Context, q string) string {
	t.Helper()
	js := `(function(q){document.getElementById("search-status").textContent="";` +
		`document.getElementById("search-q").value=q;` +
		`document.getElementById("search-form").requestSubmit();return true})(` + jsString(q) + `)`
	eval[bool](t, ctx, js)
	return waitStatus(t, ctx)
}

// waitStatus waits until the live region says what a search found.
func waitStatus(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Poll[string](`(function(){var s=document.getElementById("search-status");`+
		`var t=s?s.textContent:"";return t&&t.indexOf("正在")<0?t:null})()`))
	if err != nil {
		t.Fatalf("wait for the search status: %v", err)
	}
	return s
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %.60s: %v", js, err)
	}
	return v
}

// jsString quotes s as a JavaScript string: JSON is one.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
