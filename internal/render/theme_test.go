package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai"
	"gongkai/internal/markdown"
	"gongkai/internal/theme"
)

// TestLayoutOverride checks that a site's own 404.html replaces the built-in
// one inside the built-in base, and that every other page stays as the
// built-in theme renders it.
func TestLayoutOverride(t *testing.T) {
	t.Parallel()
	layouts := fstest.MapFS{
		"404.html": {Data: []byte(`{{define "main" -}}
<h1>本站自定义的404页面</h1>
<p><a href="{{.Root}}index.html">回到首页</a></p>
{{- end}}`)},
	}
	files := build(t, testFiles(t), layouts, nil)
	page := files["404.html"]
	if !strings.Contains(page, "<h1>本站自定义的404页面</h1>") {
		t.Errorf("404.html does not use the site's layout:\n%s", page)
	}
	if strings.Contains(page, "您访问的页面不存在或已移动") {
		t.Error("404.html still has the built-in text")
	}
	if !strings.Contains(page, cspMeta) || !strings.Contains(page, "<title>页面不存在 - ") {
		t.Error("the site's 404 layout is not rendered inside the built-in base")
	}
	std := testSite(t)
	for name, data := range std {
		if name != "404.html" && files[name] != data {
			t.Errorf("%s differs from the built-in theme's", name)
		}
	}
}

// TestLayoutOverridePartial checks that a site may override a partial's
// template, and the pages using it follow.
func TestLayoutOverridePartial(t *testing.T) {
	t.Parallel()
	builtin, err := fs.ReadFile(gongkai.Layouts(), "partials/blocks.html")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Replace(string(builtin), "<caption>绩效自评表</caption>", "<caption>本站的绩效自评表</caption>", 1)
	if blocks == string(builtin) {
		t.Fatal("the built-in partial has no indicators caption to replace")
	}
	files := build(t, testFiles(t), fstest.MapFS{"partials/blocks.html": {Data: []byte(blocks)}}, nil)
	if !strings.Contains(files[traffic23], "<caption>本站的绩效自评表</caption>") {
		t.Error("the site's partial is not used")
	}
}

// TestLayoutErrors checks that a layout that does not parse fails New with
// an error naming its file.
func TestLayoutErrors(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"404.html", "report.html", "base.html", "partials/blocks.html", "partials/extra.html"} {
		layouts := fstest.MapFS{name: {Data: []byte("{{define \"main\"}}\n<p>{{.Site.Config.Title</p>\n{{end}}\n")}}
		_, err := New(theme.New(layouts, gongkai.Layouts()), markdown.New())
		if err == nil {
			t.Errorf("%s: New accepted a layout that does not parse", name)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "layouts/"+name+":") || !strings.Contains(msg, ":2:") {
			t.Errorf("%s: error %q does not name layouts/%s and the line", name, msg, name)
		}
	}
}

// TestLayoutMissing checks that a layout set without a page layout fails New
// rather than the build.
func TestLayoutMissing(t *testing.T) {
	t.Parallel()
	layouts := fstest.MapFS{}
	for _, name := range []string{"base.html", "home.html", "year.html", "report.html", "org.html"} {
		data, err := fs.ReadFile(gongkai.Layouts(), name)
		if err != nil {
			t.Fatal(err)
		}
		layouts[name] = &fstest.MapFile{Data: data}
	}
	_, err := New(layouts, markdown.New())
	if err == nil || !strings.Contains(err.Error(), "404.html") {
		t.Errorf("New without 404.html: %v", err)
	}
}

// TestStaticOverride checks that a site's static file replaces the built-in
// one of the same name, that its other files are copied beside the built-in
// ones, and that hidden files are left out.
func TestStaticOverride(t *testing.T) {
	t.Parallel()
	static := fstest.MapFS{
		"assets/site.css":     {Data: []byte("/* 本站样式 */\nbody { color: #000; }\n")},
		"assets/img/seal.png": {Data: []byte("\x89PNG seal")},
		"robots.txt":          {Data: []byte("User-agent: *\n")},
		".DS_Store":           {Data: []byte("junk")},
	}
	files := build(t, testFiles(t), nil, static)
	for name, want := range map[string]string{
		"assets/site.css":     "/* 本站样式 */\nbody { color: #000; }\n",
		"assets/img/seal.png": "\x89PNG seal",
		"robots.txt":          "User-agent: *\n",
	} {
		if got, ok := files[name]; !ok || got != want {
			t.Errorf("%s = %q (present %v), want %q", name, got, ok, want)
		}
	}
	js, err := fs.ReadFile(gongkai.Static(), "assets/site.js")
	if err != nil {
		t.Fatal(err)
	}
	if files["assets/site.js"] != string(js) {
		t.Error("assets/site.js is not the built-in one")
	}
	if _, ok := files[".DS_Store"]; ok {
		t.Error("a hidden static file was copied")
	}
	if std := testSite(t); files[traffic23] != std[traffic23] {
		t.Error("static files changed a page")
	}
}
