package render

import (
	"strings"
	"testing"
)

// TestPageURL checks the address a printed page shows at its end: each
// page's own under the site's base_url, and none without one, nor on the
// 404 page, which a server shows at whatever address was asked for (there
// site.js fills in the address the reader sees).
func TestPageURL(t *testing.T) {
	t.Parallel()
	const base = "https://czj.example.gov.cn/gk/"
	for _, tc := range []struct {
		name, base string
	}{
		{"base_url", base},
		{"none", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := testFiles(t)
			if tc.base != "" {
				cfg := string(fsys["site.toml"].Data)
				fsys["site.toml"].Data = []byte(strings.Replace(cfg, "language = \"zh-CN\"\n", "language = \"zh-CN\"\nbase_url = \""+tc.base+"\"\n", 1))
			}
			files := build(t, fsys, nil, nil)
			pages := htmlPages(files)
			if len(pages) < 5 {
				t.Fatalf("built %d pages: %q", len(pages), pages)
			}
			for _, name := range pages {
				want := `<p class="page-url" hidden>本页网址：<span data-page-url></span></p>`
				if tc.base != "" && name != "404.html" {
					want = `<p class="page-url">本页网址：<span data-page-url>` + tc.base + name + `</span></p>`
				}
				if !strings.Contains(files[name], want) {
					t.Errorf("%s lacks %s", name, want)
				}
			}
		})
	}
}
