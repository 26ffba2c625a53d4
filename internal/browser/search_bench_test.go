package browser_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// BenchmarkSearchQueries times queries on the search page of a built site
// in Chromium over file://, each in a fresh tab (nothing cached): from the
// input event of the typed query to the first result shown and to the live
// region's count (the page whole), debounce included, and the bytes of the
// index files the page loaded by then and once it has read what it reads
// in the background. The site is
// GONGKAI_SEARCH_SITE (scripts/bench-search.sh builds the 1,000-report
// corpus); without it the benchmark skips. GONGKAI_SEARCH_QUERIES, when
// set, is the queries, separated by commas.
func BenchmarkSearchQueries(b *testing.B) {
	site := os.Getenv("GONGKAI_SEARCH_SITE")
	if site == "" {
		b.Skip("GONGKAI_SEARCH_SITE is not set")
	}
	queries := []string{"华容县财政局", "政府采购", "绩效评价结果", "乡村振兴衔接", "2021", "公共安全支出", "专项检查1943次"}
	if q := os.Getenv("GONGKAI_SEARCH_QUERIES"); q != "" {
		queries = strings.Split(q, ",")
	}
	browser := startBrowser(b)
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(site, "search", "index.html"))}).String()
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			var first, ms float64
			var loaded, refined int64
			var status, final string
			for range b.N {
				ctx, cancel := chromedp.NewContext(browser)
				if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
					b.Fatal(err)
				}
				// first: the first result in the list (or the status, if
				// none); page: the status's count, once the page is whole.
				js := `new Promise(function(done){var s=document.getElementById("search-status");` +
					`var l=document.getElementById("search-results");var i=document.getElementById("search-q");var t0,first=0;` +
					`new MutationObserver(function(){var now=performance.now()-t0;if(!first&&l.querySelector("li")){first=now}` +
					`var x=s.textContent;if(x&&x.indexOf("正在")<0&&x.indexOf("请输入")<0){done([first||now,now,x])}}).observe(document.body,{childList:true,characterData:true,subtree:true});` +
					`i.value=` + jsString(q) + `;t0=performance.now();i.dispatchEvent(new Event("input"))})`
				res, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](js, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				first, ms, status = res[0].(float64), res[1].(float64), res[2].(string)
				loaded = indexBytes(b, ctx)
				// The page then reads further texts in the background to
				// make an uncertain count exact, and says so once.
				final, err = chromedp.Run(ctx, chromedp.Poll[string](`(function(){var s=document.getElementById("search-status");return s.hasAttribute("data-done")?s.textContent:null})()`))
				if err != nil {
					b.Fatal(err)
				}
				refined = indexBytes(b, ctx)
				cancel()
			}
			b.ReportMetric(first, "ms-to-first-result")
			b.ReportMetric(ms, "ms-to-page")
			b.ReportMetric(float64(loaded), "index-bytes-loaded")
			b.ReportMetric(float64(refined), "bytes-after-refining")
			b.Logf("%s: %s", q, status)
			if final != status {
				b.Logf("%s, then: %s", q, final)
			}
		})
	}
}

// indexBytes is the size of the index files the page has loaded.
func indexBytes(b *testing.B, ctx context.Context) int64 {
	b.Helper()
	srcs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("script[src]")).map(s=>s.src)`))
	if err != nil {
		b.Fatal(err)
	}
	var loaded int64
	for _, s := range srcs {
		u, err := url.Parse(s)
		if err != nil || !strings.Contains(u.Path, "/search/") {
			continue
		}
		if st, err := os.Stat(filepath.FromSlash(u.Path)); err == nil {
			loaded += st.Size()
		}
	}
	return loaded
}
