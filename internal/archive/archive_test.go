package archive

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// made is a fixed archive time, as SOURCE_DATE_EPOCH would give.
var made = time.Date(2024, 4, 30, 2, 0, 0, 0, time.UTC)

func archiveSample(t *testing.T, src, out string) Result {
	t.Helper()
	res, err := Write(Options{Year: 2023, Src: src, Out: out, Made: made})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, err := readArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestReproducible archives the sample twice, from two working directories
// (one with an absolute source path, one relative): same folder, same zip.
func TestReproducible(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	a := archiveSample(t, root, t.TempDir())
	outB := t.TempDir()
	t.Chdir(outB)
	rel, err := filepath.Rel(outB, root)
	if err != nil {
		t.Fatal(err)
	}
	b := archiveSample(t, rel, ".")
	fa, fb := readTree(t, a.Dir), readTree(t, b.Dir)
	if len(fa) != len(fb) || len(fa) < 20 {
		t.Fatalf("%d and %d files", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between the two archives", name)
		}
	}
	za, err := os.ReadFile(a.Zip)
	if err != nil {
		t.Fatal(err)
	}
	zb, err := os.ReadFile(filepath.Join(outB, filepath.Base(b.Zip)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(za, zb) {
		t.Error("the two zips differ")
	}
	// The zip holds the folder's files, byte for byte.
	fz := readTree(t, a.Zip)
	for name, data := range fa {
		if !bytes.Equal(data, fz[name]) {
			t.Errorf("%s differs between folder and zip", name)
		}
	}
	if len(fz) != len(fa) {
		t.Errorf("zip has %d files, folder %d", len(fz), len(fa))
	}
	// Every page says it is an archive, and when and by what it was made.
	page := string(fa["2023/yanling-traffic-police/index.html"])
	if !strings.Contains(page, `<div class="archive-banner" role="note">`) || !strings.Contains(page, "2024年4月30日 10:00（北京时间）") {
		t.Error("the report page has no archive banner with the archive time")
	}
}

func TestSha256sumAccepts(t *testing.T) {
	t.Parallel()
	res := archiveSample(t, "../..", t.TempDir())
	bin, err := exec.LookPath("sha256sum")
	if err != nil {
		t.Skip("no sha256sum")
	}
	cmd := exec.Command(bin, "-c", "--strict", ManifestName)
	cmd.Dir = res.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, out)
	}
	manifest, _ := os.ReadFile(filepath.Join(res.Dir, ManifestName))
	if got, want := strings.Count(string(manifest), "\n"), res.Files-1; got != want {
		t.Errorf("manifest lists %d files, the archive has %d besides it", got, want)
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	res := archiveSample(t, "../..", t.TempDir())
	for _, p := range []string{res.Dir, res.Zip} {
		if v, err := Verify(p); err != nil || !v.OK() {
			t.Fatalf("Verify(%s) = %v, %v", p, v, err)
		}
	}
	page := filepath.Join(res.Dir, "2023", "yanling-traffic-police", "index.html")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(page, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(res.Dir, "assets", "site.css")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(res.Dir, "2023", "extra.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := Verify(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Problems{Changed: []string{"2023/yanling-traffic-police/index.html"}, Missing: []string{"assets/site.css"}, Added: []string{"2023/extra.html"}}
	if v.String() != want.String() {
		t.Errorf("Verify found:\n%s\nwant:\n%s", v, want)
	}
	if _, err := Verify(t.TempDir()); err == nil {
		t.Error("Verify of a folder without a manifest succeeded")
	}
}

var (
	// data-echarts names the ECharts bundle, which charts.js fetches.
	refAttr   = regexp.MustCompile(`\s(?:href|src|data-echarts)="([^"]*)"`)
	otherHost = regexp.MustCompile(`(?i)(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)|(?:\bimport\s*\(?\s*["'](?:https?:)?//)`)
)

// TestCrawl follows every link from the archive's index.html: each must
// resolve to a file inside the archive, and nothing may load from another
// host.
func TestCrawl(t *testing.T) {
	t.Parallel()
	res := archiveSample(t, "../..", t.TempDir())
	files := readTree(t, res.Dir)
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		body := files[name]
		if m := otherHost.Find(body); m != nil {
			t.Errorf("%s loads from another host: %q", name, m)
		}
		if path.Ext(name) != ".html" {
			continue
		}
		for _, m := range refAttr.FindAllSubmatch(body, -1) {
			u, err := url.Parse(string(m[1]))
			if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: %q is not a relative link", name, m[1])
				continue
			}
			if u.Path == "" {
				continue
			}
			target := path.Join(path.Dir(name), u.Path)
			if _, ok := files[target]; !ok || strings.HasPrefix(target, "../") {
				t.Errorf("%s: %q does not resolve inside the archive", name, m[1])
				continue
			}
			if !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	for _, want := range []string{"2023/index.html", "2023/yanling-traffic-police/index.html", "orgs/yanling-traffic-police/index.html",
		"assets/echarts.min.js", "assets/charts.js", "2023/yanling-traffic-police/data.csv", "2023/yanling-traffic-police/data/final.csv"} {
		if !seen[want] {
			t.Errorf("the crawl never reached %s", want)
		}
	}
}

func TestMade(t *testing.T) {
	t.Parallel()
	if got, err := Made("../..", "1714442400"); err != nil || !got.Equal(time.Unix(1714442400, 0)) {
		t.Errorf("Made with SOURCE_DATE_EPOCH = %v, %v", got, err)
	}
	if _, err := Made("../..", "yesterday"); err == nil {
		t.Error("a bad SOURCE_DATE_EPOCH was accepted")
	}
	dir := t.TempDir()
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, name := range []string{"site.toml", "content/_index.md"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
		os.Chtimes(p, old, old.Add(time.Duration(i)*time.Hour))
	}
	if got, err := Made(dir, ""); err != nil || !got.Equal(old.Add(time.Hour)) {
		t.Errorf("Made from files = %v, %v; want the newest, %v", got, err, old.Add(time.Hour))
	}
}

func TestNoSuchYear(t *testing.T) {
	t.Parallel()
	_, err := Write(Options{Year: 1999, Src: "../..", Out: t.TempDir(), Made: made})
	if err == nil || !strings.Contains(err.Error(), "没有 1999 年度的报告") {
		t.Errorf("err = %v", err)
	}
}
