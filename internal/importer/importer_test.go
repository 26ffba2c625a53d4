package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// seedName is the real report the acceptance is held on. It lives
// in shared/seed beside the main checkout (../shared from the repository),
// or two levels up from a worktree in wt/; CI has none.
const seedName = "shared/seed/000_75f990f012de77b9.txt"

// readSeed reads the seed, or says where it looked.
func readSeed() ([]byte, error) {
	var err error
	for _, up := range []string{"../../../", "../../../../"} {
		var data []byte
		if data, err = os.ReadFile(filepath.FromSlash(up + seedName)); err == nil {
			return data, nil
		}
	}
	return nil, err
}

// synthetic is a small report with a preface, sub-headings of both kinds,
// numbered paragraphs and a section title that is not a standard one.
const synthetic = "  某县财政局2024年度部门整体支出绩效自评报告\r\n" +
	"（参考提纲）\r\n\r\n" +
	"一、 基本情况\r\n" +
	"（一）部门职能\r\n" +
	"1．主要职能。负责全县财政收支管理，编制预算草案。\r\n" +
	"1. 机构设置\r\n" +
	"\t下设办公室等5个股室。\r\n" +
	"二、一般公共预算支出情况\r\n" +
	"年初预算100.5万元，\u3000决算98.2万元。\r\n" +
	"三、其他说明\r\n" +
	"无。"

func TestDecode(t *testing.T) {
	t.Parallel()
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("一、基本情况\r\n某单位，支出100万元。\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		in        []byte
		body      string
		converted string
		err       string
	}{
		{"utf8", []byte("一、基本情况\n"), "一、基本情况\n", "", ""},
		{"bom", []byte("\xEF\xBB\xBF一、基本情况"), "一、基本情况", "", ""},
		{"crlf and cr", []byte("甲\r\n乙\r丙"), "甲\n乙\n丙", "", ""},
		{"gbk", gbk, "一、基本情况\n某单位，支出100万元。\n", "GB18030", ""},
		{"empty", nil, "", "", "a.txt 是空文件"},
		{"blank", []byte(" \r\n\u3000\n"), "", "", "a.txt 是空文件"},
		{"neither", []byte("\xFF\xFE\xFF"), "", "", "a.txt 既不是 UTF-8 也不是 GB18030/GBK"},
		{"too big", make([]byte, MaxSize+1), "", "", "a.txt 超过 100 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode("a.txt", tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Decode: error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Body != tt.body || got.Converted != tt.converted {
				t.Errorf("Decode = %q (%q), want %q (%q)", got.Body, got.Converted, tt.body, tt.converted)
			}
		})
	}
}

func TestReadFileMissing(t *testing.T) {
	t.Parallel()
	_, err := ReadFile(filepath.Join(t.TempDir(), "无.txt"))
	if err == nil || !strings.Contains(err.Error(), "无法读取") || !strings.Contains(err.Error(), "无.txt") {
		t.Fatalf("ReadFile: %v", err)
	}
}

func TestHeadingLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line  string
		level int
	}{
		{"（一）基本支出情况", 3},
		{"(一) 基本支出情况", 3},
		{"（1） 部门（单位）基本情况", 3},
		{"(2)部门（单位）年度整体支出绩效目标。", 3},
		{"（一）“顽瘴痼疾”整治常态化，交通秩序持续向好。", 3},
		{"（1）2023年年初预算收入支出安排总计1110.98万元，其中：公共安全支出的收入为971.76万元，占本年财政拨款收入的90.49%。", 0},
		{"1. 机构设置", 4},
		{"1、机构设置", 4},
		{"2．机构设置", 4},
		{"1．主要职能。⑴依法对全县道路交通实行统一管理，维护全县道路交通秩序，预防和减少交通事故。", 0},
		{"1、 深化县域安全风险防控，全力构建融合型风险型智慧型县域警务新模式。", 0},
		{"1.5万元用于培训", 0},
		{"一是强势推进“百日行动”。", 0},
		{"（一）", 0},
		{"正文", 0},
	}
	for _, tt := range tests {
		if got := headingLevel(tt.line); got != tt.level {
			t.Errorf("headingLevel(%q) = %d, want %d", tt.line, got, tt.level)
		}
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	text, err := Decode("a.txt", []byte(synthetic))
	if err != nil {
		t.Fatal(err)
	}
	d := Split(text.Body)
	if d.Title != "某县财政局2024年度部门整体支出绩效自评报告" || d.TitleLine != 1 {
		t.Errorf("title %q at %d", d.Title, d.TitleLine)
	}
	if len(d.Preface) != 1 || d.Preface[0].Text != "（参考提纲）" {
		t.Errorf("preface %+v", d.Preface)
	}
	var titles []string
	for _, s := range d.Sections {
		titles = append(titles, s.Title+"@"+strconv.Itoa(s.Line))
	}
	if want := []string{"一、 基本情况@4", "二、一般公共预算支出情况@9", "三、其他说明@11"}; !slices.Equal(titles, want) {
		t.Errorf("sections %q, want %q", titles, want)
	}
	var levels []int
	for _, l := range d.Sections[0].Body {
		levels = append(levels, l.Level)
	}
	if want := []int{3, 0, 4, 0}; !slices.Equal(levels, want) {
		t.Errorf("levels %v, want %v", levels, want)
	}
}

// TestSplitArabicTop: "1、 基本情况" is a top-level heading where the
// document numbers that way, and a list restarting at 1 inside a section,
// or a short "2、" that is no standard title, is not.
func TestSplitArabicTop(t *testing.T) {
	t.Parallel()
	d := Split("标题\n1、 基本情况\n2、机构设置\n二、一般公共预算支出情况\n1、 第一项\n三、政府性基金预算支出情况\n")
	var titles []string
	for _, s := range d.Sections {
		titles = append(titles, s.Title)
	}
	if want := []string{"1、 基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况"}; !slices.Equal(titles, want) {
		t.Errorf("sections %q, want %q", titles, want)
	}
	// Without a Chinese-numbered heading, Arabic numbers in sequence are the top level.
	d = Split("标题\n1. 概况\n正文\n2. 成效\n1. 小项\n")
	if len(d.Sections) != 2 || d.Sections[1].Title != "2. 成效" {
		t.Errorf("arabic-only sections %+v", d.Sections)
	}
}

func TestMeta(t *testing.T) {
	t.Parallel()
	tests := []struct{ title, year, org string }{
		{"2023年度炎陵县公安局交通警察大队整体支出绩效", "2023", "炎陵县公安局交通警察大队"},
		{"某县财政局2024年度部门整体支出绩效自评报告", "2024", "某县财政局"},
		{"某县教育局部门整体支出绩效自评报告（2022年度）", "2022", "某县教育局"},
		{"关于某县水利局2021年单位整体支出绩效自评报告", "2021", "某县水利局"},
		{"工作总结", "", ""},
	}
	for _, tt := range tests {
		if y, o := TitleYear(tt.title), TitleOrg(tt.title); y != tt.year || o != tt.org {
			t.Errorf("%q: year %q org %q, want %q %q", tt.title, y, o, tt.year, tt.org)
		}
	}
	for text, unit := range map[string]string{"支出100万元": "万元", "支出100元": "元", "无金额": ""} {
		if got := TextUnit(text); got != unit {
			t.Errorf("TextUnit(%q) = %q, want %q", text, got, unit)
		}
	}
}

func TestMakeRefuses(t *testing.T) {
	t.Parallel()
	text := &Text{Name: "a.txt", Body: "工作总结\n一、基本情况\n正文\n"}
	d := Split(text.Body)
	for _, tt := range []struct {
		m    Meta
		want string
	}{
		{Meta{}, "--org-id"},
		{Meta{OrgID: "Bad_ID"}, "--org-id"},
		{Meta{OrgID: "x"}, "--year"},
		{Meta{OrgID: "x", Year: "23"}, "四位数字"},
		{Meta{OrgID: "x", Year: "2023", Org: "某单位", Unit: "千元"}, "--unit"},
		{Meta{OrgID: "x", Year: "2023", Org: "某单位", Unit: "元", Slug: "A B"}, "--slug"},
	} {
		_, err := Make(".", text, d, tt.m)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Make(%+v): %v, want one naming %s", tt.m, err, tt.want)
		}
	}
	b, err := Make(".", text, d, Meta{OrgID: "x", Year: "2023", Org: "某单位", Unit: "元"})
	if err != nil {
		t.Fatal(err)
	}
	if b.Standard || b.Sections[0].File != "01-section.md" {
		t.Errorf("one section is not the standard nine: %+v", b.Sections)
	}
}

// TestMakePlaceholders: an org and a money unit that neither the document
// nor a flag gives are written as placeholders that check refuses, and the
// import report says so; nothing is guessed.
func TestMakePlaceholders(t *testing.T) {
	t.Parallel()
	text := &Text{Name: "a.txt", Body: "工作总结\n一、基本情况\n正文\n"}
	b, err := Make(".", text, Split(text.Body), Meta{OrgID: "x", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	index := string(b.Files["index.md"])
	for _, want := range []string{`org = "【待填写：单位全称】"`, `unit = "【待填写：金额单位，万元或元】"`} {
		if !strings.Contains(index, want) {
			t.Errorf("index.md lacks %s:\n%s", want, index)
		}
	}
	if notes := strings.Join(b.Notes, "\n"); !strings.Contains(notes, "org 写了占位") || !strings.Contains(notes, "unit 写了占位") {
		t.Errorf("notes do not name the placeholders:\n%s", notes)
	}
	var got []string
	for _, l := range strings.Split(checkBundle(t, b, "2023", "x"), "\n") {
		if strings.Contains(l, "[PLACEHOLDER]") {
			got = append(got, l)
		}
	}
	want := []string{
		"content/2023/x/index.md:5:1: 错误 [PLACEHOLDER] org 还是导入时留下的占位",
		"content/2023/x/index.md:7:1: 错误 [PLACEHOLDER] unit 还是导入时留下的占位",
	}
	if len(got) != len(want) {
		t.Fatalf("PLACEHOLDER findings:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) || !strings.Contains(got[i], "请填写") {
			t.Errorf("finding %q, want it to start %q and say what to fill in", got[i], want[i])
		}
	}
}

// TestFindYear: the title's year, else the year end the text states
// figures at, else the publication year minus one, with a notice.
func TestFindYear(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		title, body, published, year, how string
	}{
		{"某局2023年度部门整体支出绩效自评报告", "截至2024年12月31日", "2025-01-02", "2023", ""},
		{"某局部门整体支出绩效自评报告", "资产总额截至2024年12月31日为5万元", "2025-01-02", "2024", "截至2024年12月31日"},
		{"某局部门整体支出绩效自评报告", "截至2024年6月30日", "2025-04-30", "2024", "发布日期 2025-04-30"},
		{"某局部门整体支出绩效自评报告", "正文", "", "", ""},
	} {
		year, how := FindYear(tt.title, tt.body, tt.published)
		if year != tt.year || (tt.how == "") != (how == "") || !strings.Contains(how, tt.how) {
			t.Errorf("FindYear(%q, %q, %q) = %q, %q; want %q and a notice naming %q", tt.title, tt.body, tt.published, year, how, tt.year, tt.how)
		}
	}
}

// TestKeepsEveryCharacter: the bundle's text, front matter and heading
// markers taken out, is the input's, white space aside.
func TestKeepsEveryCharacter(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{"synthetic": []byte(synthetic)}
	if data, err := readSeed(); err == nil {
		cases["seed"] = data
	} else {
		t.Logf("seed not found, tested the synthetic report only: %v", err)
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := makeBundle(t, data, Meta{OrgID: "x"})
			if got, want := bundleText(t, b), strings.Map(dropSpace, string(data)); got != want {
				t.Errorf("bundle text differs from input:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestSeed: the seed gives the nine sections, named and titled as in the
// hand-made sample.
func TestSeed(t *testing.T) {
	t.Parallel()
	data, err := readSeed()
	if err != nil {
		t.Skipf("seed not here (CI has no seed): %v", err)
	}
	b := makeBundle(t, data, Meta{OrgID: "yanling-traffic-police"})
	if !b.Standard || len(b.Sections) != 9 {
		t.Fatalf("sections %+v", b.Sections)
	}
	sample := "../../content/2023/yanling-traffic-police"
	titleRe := regexp.MustCompile(`(?m)^title = (".*")$`)
	for _, s := range b.Sections {
		want, err := os.ReadFile(filepath.Join(sample, s.File))
		if err != nil {
			t.Fatal(err)
		}
		if m := titleRe.FindSubmatch(want); m == nil || string(m[1]) != strconv.Quote(s.Title) {
			t.Errorf("%s: title %q, sample has %s", s.File, s.Title, m)
		}
	}
	if b.Title != "2023年度炎陵县公安局交通警察大队整体支出绩效" {
		t.Errorf("title %q", b.Title)
	}
	index := string(b.Files["index.md"])
	for _, want := range []string{"year = 2023\n", `org = "炎陵县公安局交通警察大队"`, `unit = "万元"`} {
		if !strings.Contains(index, want) {
			t.Errorf("index.md lacks %q:\n%s", want, index)
		}
	}
}

func BenchmarkImportSeed(b *testing.B) {
	data, err := readSeed()
	if err != nil {
		b.Skipf("seed not here: %v", err)
	}
	for b.Loop() {
		text, err := Decode("seed.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Make(".", text, Split(text.Body), Meta{OrgID: "x"}); err != nil {
			b.Fatal(err)
		}
	}
}

func makeBundle(t *testing.T, data []byte, m Meta) *Bundle {
	t.Helper()
	text, err := Decode("in.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Make(".", text, Split(text.Body), m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bundleText is the text of a bundle's files as a reader of the original
// knows it: index.md's title and preface, then each section's title (as the
// original wrote it) and body, without front matter, heading markers, chart
// fences and white space.
func bundleText(t *testing.T, b *Bundle) string {
	t.Helper()
	names := []string{"index.md"}
	for _, s := range b.Sections {
		names = append(names, s.File)
	}
	var all strings.Builder
	for _, name := range names {
		parts := strings.SplitN(string(b.Files[name]), "+++\n", 3)
		if len(parts) != 3 || parts[0] != "" {
			t.Fatalf("%s has no front matter:\n%s", name, b.Files[name])
		}
		var title string
		for _, l := range strings.Split(parts[1], "\n") {
			if v, ok := strings.CutPrefix(l, "title = "); ok {
				s, err := strconv.Unquote(v)
				if err != nil {
					t.Fatalf("%s: %s: %v", name, l, err)
				}
				title = s
			}
			if v, ok := strings.CutPrefix(l, "# 原文标题："); ok {
				title = v
			}
		}
		all.WriteString(title)
		// Chart fences are syntax, as heading markers are: import adds
		// them beside the figures, and they hold no text of the original.
		fence := false
		for _, l := range strings.Split(parts[2], "\n") {
			switch {
			case l == "```chart":
				fence = true
			case fence:
				fence = l != "```"
			default:
				all.WriteString(regexp.MustCompile(`^#{3,4} `).ReplaceAllString(l, ""))
			}
		}
	}
	return strings.Map(dropSpace, all.String())
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// TestWriteBodyKeepsTableRowsTogether checks that the rows of a table
// from a .docx stay on adjacent lines, so that the page shows one table.
func TestWriteBodyKeepsTableRowsTogether(t *testing.T) {
	t.Parallel()
	var w strings.Builder
	writeBody(&w, []Line{{Text: "说明。"}, {Text: "| 科目 | 金额 |"}, {Text: "| --- | --- |"}, {Text: "| 公共安全支出 | 971.76 |"}, {Text: "后文。"}}, nil)
	want := "\n说明。\n\n| 科目 | 金额 |\n| --- | --- |\n| 公共安全支出 | 971.76 |\n\n后文。\n"
	if got := w.String(); got != want {
		t.Errorf("body:\n%q\nwant:\n%q", got, want)
	}
}
