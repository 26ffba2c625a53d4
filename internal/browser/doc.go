// Package browser holds the real-browser tests of built sites.
//
// The tests build the repository's sample site, open its pages in headless
// Chromium through the DevTools protocol (github.com/chromedp/chromedp), and
// check what only a browser can show: that ECharts draws every chart under the
// site's Content-Security-Policy, over file:// and over HTTP, and that the page
// logs no error. The package has no code outside its tests.
//
// The tests need Chromium (apt-get install chromium fonts-noto-cjk); ECharts
// comes with the built-in theme. Without Chromium they skip, unless the
// variable CI is set: then they fail. GONGKAI_CHROMIUM names another browser binary, and
// GONGKAI_ARTIFACTS names a directory to keep the screenshots in.
package browser
