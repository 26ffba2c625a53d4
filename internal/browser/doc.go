// Package browser holds the real-browser tests of built sites.
//
// The tests build the repository's sample site, open its pages in headless
// Chromium through the DevTools protocol (github.com/chromedp/chromedp), and
// check what only a browser can show: that ECharts draws every chart under the
// site's Content-Security-Policy, over file:// and over HTTP, and that the page
// logs no error; that on a phone a chart is drawn only when the reader comes
// near it, and that printing draws every chart at the width of the paper.
// They also print the sample report on A4 and read the PDF back with
// poppler-utils' pdftotext and pdftoppm, and lay the tables out on a 390 px
// phone. The package has no code outside its tests.
//
// The tests need Chromium (apt-get install chromium fonts-noto-cjk) and, for
// printing, poppler-utils; ECharts comes with the built-in theme. Without
// them they skip, unless the variable CI is set: then they fail.
// GONGKAI_CHROMIUM names another browser binary, and GONGKAI_ARTIFACTS names
// a directory to keep the screenshots, PDF and page images in.
package browser
