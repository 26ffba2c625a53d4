package watch

import "testing"

func TestIgnored(t *testing.T) {
	t.Parallel()
	for rel, want := range map[string]bool{
		"site.toml":                     false,
		"content":                       false,
		"content/2023/a/index.md":       false,
		"content/2023/a/data.csv":       false,
		"static/assets/site.css":        false,
		"content/2023/a/#1.md":          false, // a leading # alone is a name
		"content/2023/a/tmp":            false,
		"content/2023/a/index.md.tmp":   true,
		"content/2023/a/.index.md.swp":  true,
		"content/2023/a/.index.md.swx":  true,
		"content/2023/a/.index.md.swpx": true,
		"content/2023/a/index.md~":      true,
		"content/2023/a/4913":           true,
		"content/2023/a/.#index.md":     true,
		"content/2023/a/#index.md#":     true,
		".git":                          true,
		".git/HEAD":                     true,
		"content/.git/HEAD":             true,
		"content/2023/.DS_Store":        true,
		"node_modules":                  true,
		"node_modules/echarts/a.js":     true,
		"static/node_modules/x.js":      true,
		"public":                        true,
		"public/index.html":             true,
		"static/public/a.css":           false, // only the output at the root
		".public.gongkai-tmp-123":       true,
	} {
		if got := ignored(rel); got != want {
			t.Errorf("ignored(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestTemp(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		".x.swp": true, ".x.swx": true, ".x.swpx": true, "x~": true, "4913": true,
		".#x": true, "#x#": true, "x.tmp": true,
		"x.md": false, "#": false, ".x": false, "x.swp": false, "49130": false,
	} {
		if got := temp(name); got != want {
			t.Errorf("temp(%q) = %v, want %v", name, got, want)
		}
	}
}
