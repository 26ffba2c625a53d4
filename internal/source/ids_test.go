package source

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadBadIDs checks that every id that becomes part of an output path is
// refused at load, at the column of its value: "../data" would replace the
// report's data.csv, "../../other/data" another report's.
func TestLoadBadIDs(t *testing.T) {
	t.Parallel()
	const (
		idx = "content/2023/u/index.md"
		sec = "content/2023/u/01-a.md"
	)
	head := strings.TrimSuffix(baseIndex, "+++\n")
	blockMsg := func(pos, id string) string {
		return pos + ": 数据块 id " + id + " 会成为文件名的一部分（在报告的 data/ 目录中），只能用小写英文字母、数字和连字符，如 yanling-traffic-police"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "budget id climbing to the report's data.csv",
			files: map[string]string{idx: head + "[[budget]]\nid = \"../data\"\ntitle = \"预算\"\n+++\n"},
			want:  []string{blockMsg(idx+":8:6", `"../data"`)},
		},
		{
			name:  "counts id climbing to another report",
			files: map[string]string{sec: "+++\ntitle = \"一\"\n[[counts]]\n  id   =   \"../../other/data\"\ntitle = \"次数\"\n+++\n"},
			want:  []string{blockMsg(sec+":4:12", `"../../other/data"`)},
		},
		{
			name: "metrics ids: upper case, slash, backslash, dots, space",
			files: map[string]string{sec: `+++
title = "一"
[[metrics]]
id = "Accidents"
name = "甲"
value = 1
[[metrics]]
id = "a/b"
name = "乙"
value = 2
[[metrics]]
id = 'a\b'
name = "丙"
value = 3
[[metrics]]
id = ".."
name = "丁"
value = 4
[[metrics]]
id = "中文 id" # a comment
name = "戊"
value = 5
+++
`},
			want: []string{
				blockMsg(sec+":4:6", `"Accidents"`),
				blockMsg(sec+":8:6", `"a/b"`),
				blockMsg(sec+":12:6", `"a\b"`),
				blockMsg(sec+":16:6", `".."`),
				blockMsg(sec+":20:6", `"中文 id"`),
			},
		},
		{
			name:  "an id in an inline table points at the array's key",
			files: map[string]string{sec: "+++\ntitle = \"一\"\nbudget = [{id = \"../data\", title = \"预算\"}]\n+++\n"},
			want:  []string{blockMsg(sec+":3:1", `"../data"`)},
		},
		{
			name:  "a bad id in a file with another error",
			files: map[string]string{sec: "+++\ntitle = 1\n[[counts]]\nid = \"x/y\"\ntitle = \"次数\"\n+++\n"},
			want: []string{
				sec + `:2:1: 键 "title" 应为字符串（加引号），实际为整数 1`,
				blockMsg(sec+":4:6", `"x/y"`),
			},
		},
		{
			name:  "org_id at its value",
			files: map[string]string{idx: strings.Replace(baseIndex, `org_id = "u"`, `org_id = "../u"`, 1)},
			want:  []string{idx + `:5:10: org_id "../u" 会成为单位页网址的一部分，只能用小写英文字母、数字和连字符，如 yanling-traffic-police`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := loadErrors(t, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadAttachmentNames checks the names of a report's files: Chinese
// and ":" are what units name their files with; what cannot be shown, or
// reads differently on another system, is refused with the path.
func TestLoadAttachmentNames(t *testing.T) {
	t.Parallel()
	const dir = "content/2023/u/"
	good := []string{"绩效自评表.pdf", "附件1：项目清单.xlsx", "a:b.txt", "图片/照片 1.jpg", "report.pdf"}
	fsys := tree(base())
	for _, name := range good {
		fsys[dir+name] = &fstest.MapFile{Data: []byte("x")}
	}
	// Hidden files are never published, so never wrong.
	fsys[dir+".DS_Store"] = &fstest.MapFile{Data: []byte("x")}
	site, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := slices.Clone(good)
	slices.Sort(want)
	if got := site.Reports()[0].Attachments; !slices.Equal(got, want) {
		t.Errorf("Attachments = %q, want %q", got, want)
	}

	tests := []struct {
		name, file, want string
	}{
		{"not UTF-8", "\xd6\xd0\xce\xc4.pdf", dir + `\xd6\xd0\xce\xc4.pdf: 文件名 "\xd6\xd0\xce\xc4.pdf" 不是 UTF-8 编码`},
		{"control character", "a\x1b[31m.pdf", dir + `a\x1b[31m.pdf: 文件名 "a\x1b[31m.pdf" 不能含控制字符（U+001B）`},
		{"bidirectional override", "fdp\u202eexe.pdf", dir + `fdp\u202eexe.pdf: 文件名 "fdp\u202eexe.pdf" 不能含控制字符（U+202E）`},
		{"backslash", `a\b.pdf`, dir + `a\b.pdf: 文件名 "a\b.pdf" 不能含反斜杠（\）`},
		{"bad folder name", "img\x01/a.png", dir + `img\x01: 文件名 "img\x01" 不能含控制字符（U+0001）`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := tree(base())
			fsys[dir+tt.file] = &fstest.MapFile{Data: []byte("x")}
			site, err := Load(fsys)
			if err == nil || site != nil {
				t.Fatalf("Load succeeded with %q", tt.file)
			}
			want := tt.want + "：它会成为网址的一部分，请改名"
			if err.Error() != want {
				t.Errorf("errors:\n%s\nwant:\n%s", err, want)
			}
		})
	}
}

func TestBadName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"绩效自评表.pdf": "",
		"a:b":       "",
		".":         "不能是 . 或 ..",
		"..":        "不能是 . 或 ..",
		".env":      "不能以 . 开头",
		"a\\b":      "不能含反斜杠（\\）",
		"a\x7f":     "不能含控制字符（U+007F）",
		"a\u2066b":  "不能含控制字符（U+2066）",
		"\xff":      "不是 UTF-8 编码",
	} {
		if got := badName(name); got != want {
			t.Errorf("badName(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestLoadBaseURL checks that base_url, which feed.xml and sitemap.xml
// carry, is empty or an absolute http(s) URL with a host.
func TestLoadBaseURL(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"", "https://www.example.gov.cn/gongkai/", "http://127.0.0.1:8080", "https://例子.中国/公开/"} {
		files := base()
		files["site.toml"] = "title = \"站点\"\nbase_url = \"" + ok + "\"\n"
		if _, err := Load(tree(files)); err != nil {
			t.Errorf("base_url %q: %v", ok, err)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,x", "//example.com/", "example.com", "/gongkai/", "ftp://example.com/", "https://", "https://user:pass@example.com/", "http://exa mple.com/"} {
		got := loadErrors(t, map[string]string{"site.toml": "title = \"站点\"\nbase_url  = \"" + bad + "\"\n"})
		want := `site.toml:2:13: base_url "` + bad + `" 应为以 http:// 或 https:// 开头的完整网址，如 https://www.example.gov.cn/gongkai/（或不写）`
		if strings.Join(got, "\n") != want {
			t.Errorf("base_url %q:\n%s\nwant:\n%s", bad, strings.Join(got, "\n"), want)
		}
	}
}
