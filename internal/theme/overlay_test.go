package theme

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestOverlay(t *testing.T) {
	t.Parallel()
	lower := fstest.MapFS{
		"base.html":           {Data: []byte("lower base")},
		"report.html":         {Data: []byte("lower report")},
		"partials/a.html":     {Data: []byte("lower a")},
		"assets/site.css":     {Data: []byte("css")},
		"assets/img/seal.png": {Data: []byte("png")},
	}
	upper := fstest.MapFS{
		"report.html":     {Data: []byte("upper report")},
		"partials/b.html": {Data: []byte("upper b")},
	}
	o := New(upper, lower)
	for name, want := range map[string]string{
		"base.html":       "lower base",
		"report.html":     "upper report",
		"partials/a.html": "lower a",
		"partials/b.html": "upper b",
	} {
		got, err := fs.ReadFile(o, name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if err := fstest.TestFS(o, "base.html", "report.html", "partials/a.html", "partials/b.html", "assets/site.css", "assets/img/seal.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Open("../x"); err == nil {
		t.Error("Open(../x) succeeded")
	}
	if _, err := fs.ReadFile(o, "missing.html"); err == nil {
		t.Error("missing file read")
	}
}

func TestOverlayWithoutUpper(t *testing.T) {
	t.Parallel()
	o := New(nil, fstest.MapFS{"a.html": {Data: []byte("a")}})
	if err := fstest.TestFS(o, "a.html"); err != nil {
		t.Fatal(err)
	}
}
