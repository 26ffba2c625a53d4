package browser_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// BenchmarkSearchQueries times queries on the search page of a built site
// in Chromium over file://, each in a fresh tab (nothing cached): from the
// input event of the typed query to the live region's count, debounce
// included, and the bytes of the index files the page loaded. The site is
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
			var ms float64
			var loaded int64
			var status string
			for range b.N {
				ctx, cancel := chromedp.NewContext(browser)
				if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
					b.Fatal(err)
				}
				js := `new Promise(function(done){var s=document.getElementById("search-status");` +
					`var i=document.getElementById("search-q");var t0;` +
					`new MutationObserver(function(){var x=s.textContent;if(x&&x.indexOf("正在")<0&&x.indexOf("请输入")<0){done([performance.now()-t0,x])}}).observe(s,{childList:true,characterData:true,subtree:true});` +
					`i.value=` + jsString(q) + `;t0=performance.now();i.dispatchEvent(new Event("input"))})`
				res, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](js, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				ms, status = res[0].(float64), res[1].(string)
				srcs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("script[src]")).map(s=>s.src)`))
				if err != nil {
					b.Fatal(err)
				}
				loaded = 0
				for _, s := range srcs {
					u, err := url.Parse(s)
					if err != nil || !strings.Contains(u.Path, "/search/") {
						continue
					}
					if st, err := os.Stat(filepath.FromSlash(u.Path)); err == nil {
						loaded += st.Size()
					}
				}
				cancel()
			}
			b.ReportMetric(ms, "ms-to-results")
			b.ReportMetric(float64(loaded), "index-bytes-loaded")
			b.Logf("%s: %s", q, status)
		})
	}
}
