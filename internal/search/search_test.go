package search

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"gongkai/internal/markdown"
	"gongkai/internal/render"
	"gongkai/internal/report"
)

func TestKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"公安交管", []string{"公", "公安", "安", "安交", "交", "交管", "管"}},                                         // no three Han ones
		{"GB/T 2023", []string{"g", "gb", "b", "t", "2", "20", "0", "02", "2", "23", "3", "202", "023"}}, // three with an ASCII one
		{"ＧＢ／Ｔ", []string{"g", "gb", "b", "t"}},                                                          // full width folds
		{"共85434起", []string{"共", "共8", "8", "85", "5", "54", "4", "43", "3", "34", "4", "4起", "起", "共85", "854", "543", "434", "34起"}},
		{"一、（二）", []string{"一", "二"}},
		{"𠀀字", []string{"𠀀", "𠀀字", "字"}}, // beyond the BMP
	} {
		var got []string
		keys(tc.text, func(k key) { got = append(got, k.String()) })
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("keys(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, want := range [][]Entry{
		{{0, 1, false, 1}},
		{{5, 2, true, 3}},
		{{0, 1, false, 1}, {1, 1, false, 1}, {2, 3, true, 1}, {3, 0, true, 0}},
		{{31, 1, false, 2}, {32, 12, false, 1}, {1000, 7, false, 70000}, {1 << 20, 1, false, 1}, {1<<31 + 7, 65535, true, 2}},
	} {
		enc := string(appendPostings(nil, want))
		got, err := DecodePostings(enc)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("decode(encode(%v)) = %v, %v (%q)", want, got, err, enc)
		}
	}
	// A key in a few sections of each of many reports, a few times at
	// most: a digit each.
	var es []Entry
	for id := range uint32(3) {
		es = append(es, Entry{Report: id, Sections: id + 1, Most: 2})
	}
	if got := string(appendPostings(nil, es)); got != "HIJ" {
		t.Errorf("postings take %q, want a digit a report", got)
	}
	for _, bad := range []string{"_", "f", "-", "fC"} {
		if _, err := DecodePostings(bad); err == nil {
			t.Errorf("DecodePostings(%q) gives no error", bad)
		}
	}
}

// site is three reports: two units, two years, a section with data.
func site(t *testing.T) ([]*report.Report, map[*report.Report]map[string]string) {
	t.Helper()
	mk := func(year int, slug, org, title string, sections ...*report.Section) *report.Report {
		r := &report.Report{Slug: slug, Dir: "content/" + strconv.Itoa(year) + "/" + slug, Year: year, Org: org, OrgID: slug, Title: title, Sections: sections}
		r.Preface.Pos.Path = r.Dir + "/index.md"
		for _, s := range sections {
			s.Body.Pos.Path = r.Dir + "/" + s.ID + ".md"
		}
		return r
	}
	sec := func(id, title string) *report.Section { return &report.Section{ID: id, Title: title} }
	counts := sec("06-performance", "六、绩效情况")
	total := int64(85434)
	counts.Counts = []*report.Counts{{ID: "violations", Title: "查处重点交通违法行为", Unit: "起", Total: &total,
		Items: []*report.CountItem{{Name: "涉牌涉证", Value: 4603}}}}
	counts.Indicators = []*report.Indicator{{Level1: "产出指标", Name: "执行GB/T 1234标准", Target: "≥80000起"}}
	reps := []*report.Report{
		mk(2022, "traffic", "炎陵县公安局交通警察大队", "2022年度交警报告", sec("01-basic", "一、基本情况")),
		mk(2023, "traffic", "炎陵县公安局交通警察大队", "2023年度交警报告", sec("01-basic", "一、基本情况"), counts),
		mk(2023, "finance", "炎陵县财政局", "2023年度财政局报告", sec("01-basic", "一、基本情况")),
	}
	md := map[*report.Report]map[string]string{
		reps[0]: {reps[0].Sections[0].Body.Pos.Path: "全年查处交通违法行为。"},
		reps[1]: {reps[1].Preface.Pos.Path: "根据**通知**要求。", reps[1].Sections[0].Body.Pos.Path: "# 概况\n\n公安交管工作`代码`有序推进。"},
		reps[2]: {reps[2].Sections[0].Body.Pos.Path: "预算绩效管理。"},
	}
	return reps, md
}

// feed gives b the texts of reps, in md, parsed with the converter that
// renders pages, and the reports themselves, in order, and flushes b.
func feed(b *Builder, reps []*report.Report, md map[*report.Report]map[string]string) {
	conv := markdown.New()
	for _, r := range reps {
		for path, src := range md[r] {
			facts := conv.Inspect([]byte(src))
			b.Text(r, report.Text{Pos: report.Pos{Path: path}, Source: []byte(src)}, &facts)
		}
		b.Report(r)
	}
	// As a build does once every page is written; an error is kept for
	// Finish to return.
	_ = b.Flush()
}

// index builds the index of the reports into memory, parsing each text
// with the converter that renders pages.
func index(t *testing.T) (map[string][]byte, []*report.Report) {
	t.Helper()
	reps, md := site(t)
	mem := render.NewMemory(map[string][]byte{})
	b := New(reps, mem)
	feed(b, reps, md)
	// Finish writes where it is told, and only the files Files named
	// before it.
	names := b.Files()
	merged := render.NewMemory(map[string][]byte{})
	if err := b.Finish(merged); err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(maps.Keys(merged.Files)), slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Fatalf("Finish wrote %q, Files names %q", got, want)
	}
	maps.Copy(mem.Files, merged.Files)
	return mem.Files, reps
}

var call = regexp.MustCompile(`^gongkaiSearch\.(\w+)\((.*)\);\n$`)

// unwrap is the arguments of the call an index file makes, as JSON.
func unwrap(t *testing.T, data []byte) (string, []json.RawMessage) {
	t.Helper()
	m := call.FindSubmatch(data)
	if m == nil {
		t.Fatalf("not one registration call: %.80s", data)
	}
	var args []json.RawMessage
	if err := json.Unmarshal(append(append([]byte("["), m[2]...), ']'), &args); err != nil {
		t.Fatalf("arguments are not JSON: %v", err)
	}
	return string(m[1]), args
}

// textDoc is a text file's JSON as search.js reads it.
type textDoc struct {
	Title    string      `json:"t"`
	Org      string      `json:"o"`
	Year     int         `json:"y"`
	URL      string      `json:"u"`
	Sections [][3]string `json:"s"` // title, anchor, text
}

func readDoc(t *testing.T, data []byte) textDoc {
	t.Helper()
	fn, args := unwrap(t, data)
	var b64 string
	if fn != "text" || json.Unmarshal(args[1], &b64) != nil {
		t.Fatalf("text file calls %s(%s)", fn, args)
	}
	raw, _ := base64.StdEncoding.DecodeString(b64)
	// The gzip header says no time (bytes 4 to 7): the same site, the
	// same bytes, and no date made up.
	if len(raw) < 10 || !bytes.Equal(raw[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("text file's gzip header %x has a time", raw[:min(len(raw), 10)])
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	u16, _ := io.ReadAll(zr)
	var d textDoc
	if err := json.Unmarshal(fromUTF16(u16), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// fromUTF16 is the UTF-16 (little-endian) text b in UTF-8.
func fromUTF16(b []byte) []byte {
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return []byte(string(utf16.Decode(units)))
}

// lookup returns the entries of key k, reading the shards as search.js.
func lookup(t *testing.T, files map[string][]byte, k string) []Entry {
	t.Helper()
	_, args := unwrap(t, files[MetaFile])
	var m meta
	if err := json.Unmarshal(args[0], &m); err != nil {
		t.Fatal(err)
	}
	kk, _ := parseKey(k)
	_, sargs := unwrap(t, files[KeyFile(shardOf(kk, m.Shards))])
	var shard map[string]string
	if err := json.Unmarshal(sargs[1], &shard); err != nil {
		t.Fatal(err)
	}
	es, err := DecodePostings(shard[k])
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// reportsOf is the reports of es, each once.
func reportsOf(es []Entry) []uint32 {
	var ids []uint32
	for _, e := range es {
		if len(ids) == 0 || ids[len(ids)-1] != e.Report {
			ids = append(ids, e.Report)
		}
	}
	return ids
}

// needIndex skips a test that reads what the Builder writes when this
// binary was built with gongkai_nosearch, which writes no index.
func needIndex(t *testing.T) {
	t.Helper()
	if Off {
		t.Skip("built with gongkai_nosearch: no index is written")
	}
}

func TestIndex(t *testing.T) {
	needIndex(t)
	t.Parallel()
	files, _ := index(t)
	// Newest year first, then by folder: 2023/finance, 2023/traffic, 2022/traffic.
	for _, tc := range []struct {
		key  string
		want []uint32
	}{
		{"交通", []uint32{1, 2}}, // a title of 2023, the text of 2022
		{"公安", []uint32{1, 2}}, // the unit's name
		{"财", []uint32{0}},
		{"涉牌", []uint32{1}}, // a count item's name
		{"gb", []uint32{1}}, // an indicator, folded
		{"85", []uint32{1}}, // a stated total
		{"代码", nil},         // code spans are not prose
		{"通知", []uint32{1}}, // the preface, emphasis and all
		{"年度", []uint32{0, 1, 2}},
	} {
		if got := reportsOf(lookup(t, files, tc.key)); !slices.Equal(got, tc.want) {
			t.Errorf("postings of %q = %v, want %v", tc.key, got, tc.want)
		}
	}
	// The sections holding a key (the report's own part, with its title
	// and unit, is one), whether the title or unit does, the most times
	// in one section.
	for _, tc := range []struct {
		key  string
		want []Entry
	}{
		{"交通", []Entry{{1, 2, true, 1}, {2, 2, true, 1}}}, // the unit's name, and a section each
		{"交警", []Entry{{1, 1, true, 1}, {2, 1, true, 1}}},
		{"起", []Entry{{1, 1, false, 3}}},
		{"年度", []Entry{{0, 1, true, 1}, {1, 1, true, 1}, {2, 1, true, 1}}},
		{"违法", []Entry{{1, 1, false, 1}, {2, 1, false, 1}}},
		{"交通违", nil},                       // three Han characters make no key
		{"123", []Entry{{1, 1, false, 1}}}, // three with an ASCII one do
		{"34标", []Entry{{1, 1, false, 1}}},
		{"gb/", nil}, // of indexable characters only
		{"况", []Entry{{0, 1, false, 1}, {1, 2, false, 2}, {2, 1, false, 1}}},
	} {
		if got := lookup(t, files, tc.key); !slices.Equal(got, tc.want) {
			t.Errorf("entries of %q = %v, want %v", tc.key, got, tc.want)
		}
	}
	d := readDoc(t, files[TextFile(1)])
	if d.URL != "2023/traffic/index.html" || d.Org != "炎陵县公安局交通警察大队" || d.Year != 2023 {
		t.Errorf("doc head = %+v", d)
	}
	if len(d.Sections) != 3 || d.Sections[1][1] != "01-basic" || d.Sections[2][1] != "06-performance" || d.Sections[0][1] != "" {
		t.Fatalf("sections = %q", d.Sections)
	}
	if !strings.Contains(d.Sections[0][2], "根据通知要求") {
		t.Errorf("report text %q lacks the preface's prose", d.Sections[0][2])
	}
	for _, want := range []string{"六、绩效情况", "查处重点交通违法行为", "涉牌涉证 4603起", "85434起", "产出指标 执行GB/T 1234标准", "≥80000起"} {
		if !strings.Contains(d.Sections[2][2], want) {
			t.Errorf("section text %q lacks %q", d.Sections[2][2], want)
		}
	}
}

// TestDeterministic builds the index twice, indexing the reports in a
// different order, as parallel rendering may: the bytes are the same.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := index(t)
	reps, md := site(t)
	mem := render.NewMemory(map[string][]byte{})
	b := New(reps, mem)
	conv := markdown.New()
	for i := len(reps) - 1; i >= 0; i-- {
		r := reps[i]
		for path, src := range md[r] {
			facts := conv.Inspect([]byte(src))
			b.Text(r, report.Text{Pos: report.Pos{Path: path}}, &facts)
		}
		b.Report(r)
	}
	if err := b.Finish(b.w); err != nil {
		t.Fatal(err)
	}
	if len(a) != len(mem.Files) {
		t.Fatalf("%d files, then %d", len(a), len(mem.Files))
	}
	for name, data := range a {
		if !bytes.Equal(data, mem.Files[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestShards(t *testing.T) {
	t.Parallel()
	// Every key is in the shard its hash names, whatever the count.
	for _, n := range []int{1, 2, 7, 64} {
		for _, k := range []key{unigramKey('公'), pairKey('公', '安'), pairKey('g', 'b'), unigramKey('𠀀')} {
			if s := shardOf(k, n); s < 0 || s >= n {
				t.Errorf("shardOf(%s, %d) = %d", k, n, s)
			}
		}
	}
	// FNV-1a of "公安" (U+516C, U+5B89) as search.js computes it.
	if h := shardOf(pairKey('公', '安'), 1<<31-1); h != fnv([]rune("公安"))%(1<<31-1) {
		t.Errorf("shardOf disagrees with FNV-1a")
	}
}

func fnv(rs []rune) int {
	h := uint32(2166136261)
	for _, r := range rs {
		h = (h ^ uint32(r)) * 16777619
	}
	return int(h)
}

// TestCarry indexes one report again over the shards of a full build: the
// index is the full build's.
func TestCarry(t *testing.T) {
	t.Parallel()
	full, _ := index(t)
	reps, md := site(t)
	mem := render.NewMemory(map[string][]byte{})
	b := New(reps, mem)
	conv := markdown.New()
	r := reps[1]
	for path, src := range md[r] {
		facts := conv.Inspect([]byte(src))
		b.Text(r, report.Text{Pos: report.Pos{Path: path}}, &facts)
	}
	b.Report(r)
	if err := b.Carry(full, []*report.Report{r}); err != nil {
		t.Fatal(err)
	}
	if err := b.Finish(b.w); err != nil {
		t.Fatal(err)
	}
	for name, data := range mem.Files {
		if !bytes.Equal(data, full[name]) {
			t.Errorf("%s differs from the full build's", name)
		}
	}
}
