package build

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	refAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	cssURL  = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)
	idAttr  = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestSampleLinks builds the repository's sample site and follows every link
// and asset reference in every page and stylesheet: each must resolve to a
// file inside the output (and a #fragment to an element of that page), and
// none may point to another host.
func TestSampleLinks(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(os.DirFS("../.."), out, Options{}); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for name, body := range files {
		var refs []string
		switch path.Ext(name) {
		case ".html":
			for _, m := range refAttr.FindAllStringSubmatch(body, -1) {
				refs = append(refs, m[1])
			}
		case ".css":
			for _, m := range cssURL.FindAllStringSubmatch(body, -1) {
				refs = append(refs, m[1])
			}
		default:
			continue
		}
		for _, ref := range refs {
			checked++
			u, err := url.Parse(strings.ReplaceAll(ref, "&amp;", "&"))
			if err != nil {
				t.Errorf("%s: bad reference %q: %v", name, ref, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
				t.Errorf("%s: reference to another host: %q", name, ref)
				continue
			}
			if strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: absolute path %q breaks under a sub-path and file://", name, ref)
				continue
			}
			target := name
			if u.Path != "" {
				target = path.Join(path.Dir(name), u.Path)
			}
			doc, ok := files[target]
			if !ok || strings.HasPrefix(target, "../") {
				t.Errorf("%s: %q does not resolve inside the output (%s)", name, ref, target)
				continue
			}
			if u.Fragment != "" && !hasID(doc, u.Fragment) {
				t.Errorf("%s: %q: no element with id %q in %s", name, ref, u.Fragment, target)
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d references checked; the walk is not seeing the pages", checked)
	}
}

func hasID(doc, id string) bool {
	for _, m := range idAttr.FindAllStringSubmatch(doc, -1) {
		if m[1] == id {
			return true
		}
	}
	return false
}

// otherHost matches a reference that would make a browser load something from
// another host: an attribute, a CSS url() or @import, or a JavaScript import.
var otherHost = regexp.MustCompile(`(?i)(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)|(?:\bimport\s*\(?\s*["'](?:https?:)?//)`)

// TestNoOtherHost scans every text file of the built sample, the ECharts
// file included, for a reference to another host.
func TestNoOtherHost(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(os.DirFS("../.."), out, Options{}); err != nil {
		t.Fatal(err)
	}
	scanned := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".css", ".js", ".xml", ".json", ".csv":
		default:
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		scanned++
		if m := otherHost.Find(data); m != nil {
			t.Errorf("%s references another host: %q", p, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 10 {
		t.Errorf("only %d files scanned", scanned)
	}
	// The pattern itself must catch what it is for.
	for _, bad := range []string{`<script src="https://cdn.example.com/e.js">`, `url(//fonts.example.com/a.woff)`, `@import "x.css"`, `import("https://x/y.js")`, `<img data-x=1 src='//x/y.png'>`} {
		if !otherHost.MatchString(bad) {
			t.Errorf("pattern misses %s", bad)
		}
	}
}
