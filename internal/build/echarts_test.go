package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai"
)

// TestSiteCarriesECharts builds a site held in memory, far from any
// node_modules, and finds the ECharts bundle of the built-in theme and its
// licences in the output, loaded by the report page with a relative URL; a
// site's own static/assets/echarts.min.js replaces the bundle alone.
func TestSiteCarriesECharts(t *testing.T) {
	t.Parallel()
	builtIn, err := fs.ReadFile(gongkai.Static(), "assets/echarts.min.js")
	if err != nil {
		t.Fatalf("the built-in theme has no ECharts bundle: %v", err)
	}
	const own = "window.echarts = {init: function () {}};\n"
	budget := "[[budget]]\nid = \"initial\"\ntitle = \"年初预算\"\n  [[budget.items]]\n  name = \"公共安全支出\"\n  amount = 10\n"
	for _, tt := range []struct {
		name   string
		static map[string]string // the site's static/
		want   string            // assets/echarts.min.js in the output
	}{
		{"built-in", nil, string(builtIn)},
		{"the site's own", map[string]string{"static/assets/echarts.min.js": own}, own},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := fstest.MapFS{
				"site.toml":               {Data: []byte("title = \"站\"\n")},
				"content/2023/a/index.md": {Data: []byte(reportIndex("a", "甲报告", budget))},
			}
			for name, data := range tt.static {
				src[name] = &fstest.MapFile{Data: []byte(data)}
			}
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Write(src, out, Options{}); err != nil {
				t.Fatal(err)
			}
			read := func(name string) string {
				t.Helper()
				data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
				if err != nil {
					t.Error(err)
				}
				return string(data)
			}
			if got := read("assets/echarts.min.js"); got != tt.want {
				t.Errorf("assets/echarts.min.js is not the %s ECharts (%d bytes, want %d)", tt.name, len(got), len(tt.want))
			}
			for _, name := range []string{"assets/echarts-LICENSE.txt", "assets/echarts-NOTICE.txt", "assets/echarts-LICENSE-d3.txt", "assets/zrender-LICENSE.txt", "assets/charts.js"} {
				if read(name) == "" {
					t.Errorf("%s is empty", name)
				}
			}
			page := read("2023/a/index.html")
			if !strings.Contains(page, `<script src="../../assets/charts.js" data-echarts="../../assets/echarts.min.js" defer></script>`) {
				t.Error("the report page does not load ECharts by a relative URL")
			}
			if !strings.Contains(page, `class="chart chart-pie"`) {
				t.Error("the report page draws no chart")
			}
		})
	}
}
