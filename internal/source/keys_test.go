package source

import (
	"strings"
	"testing"
)

// TestIndexKeys looks up key paths in front matters that start on file line
// 2, as in a Markdown file. A want of "L:C" is a position in "f.md".
func TestIndexKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fm   string
		find map[string]string // key path → "line:col"
	}{
		{
			name: "nested arrays of tables",
			fm: `title = "报告"
[[budget]]
id = "a"
  [[budget.items]]
  name = "甲"
  [[budget.items]]
  name = "乙"
[[budget]]
id = "b"
  [[budget.items]]
  amount = 1
[[counts]]
  [[counts.items]]
  value = 3
`,
			find: map[string]string{
				"":                          "1:1",
				"title":                     "2:1",
				"budget[0]":                 "3:1",
				"budget[0].id":              "4:1",
				"budget[0].items[0]":        "5:3",
				"budget[0].items[0].name":   "6:3",
				"budget[0].items[1].name":   "8:3",
				"budget[1]":                 "9:1",
				"budget[1].id":              "10:1",
				"budget[1].items[0].amount": "12:3",
				"counts[0].items[0].value":  "15:3",
				// Not written: the nearest enclosing key or table.
				"budget[1].items[0].name": "11:3",
				"budget[1].title":         "9:1",
				"budget[2].id":            "1:1",
				"metrics[0]":              "1:1",
				"budget":                  "1:1",
			},
		},
		{
			name: "standard tables and dotted keys",
			fm: `footer.sponsor = "甲"
"quoted" = 1
'literal' = 2
"a b" . 'c' = 3
 spaced . key = 4
[footer]
icp = "x"
[ footer . inner ]
police = "y"
[[budget]]
[budget.extra]
note = "z"
`,
			find: map[string]string{
				"footer.sponsor":           "2:1",
				"quoted":                   "3:1",
				"literal":                  "4:1",
				"a b.c":                    "5:1",
				"spaced.key":               "6:2",
				"footer":                   "7:1",
				"footer.icp":               "8:1",
				"footer.inner.police":      "10:1",
				"budget[0].extra.note":     "13:1",
				"budget[0].extra":          "12:1",
				"footer.inner.nothing.yet": "9:1",
			},
		},
		{
			name: "multi-line strings hide headers and keys",
			fm: `note = """
[[budget]]
id = "not a key"
"""
after = 1
lit = '''
[budget]
x = 1'''
[[budget]]
text = """第一行
name = "x" """
id = "b"
`,
			find: map[string]string{
				"note":           "2:1",
				"after":          "6:1",
				"lit":            "7:1",
				"budget[0]":      "10:1",
				"budget[0].id":   "13:1",
				"id":             "1:1",
				"x":              "1:1",
				"budget.x":       "1:1",
				"budget[0].name": "10:1",
				"budget[1]":      "1:1",
			},
		},
		{
			name: "values containing = and [[",
			fm: `title = "a = b [[c]]"
note = 'x = [[y]]' # [[z]]
[[budget]] # 注释 [[counts]]
id = "甲=乙"
`,
			find: map[string]string{
				"title":        "2:1",
				"note":         "3:1",
				"budget[0]":    "4:1",
				"budget[0].id": "5:1",
				"counts[0]":    "1:1",
				"c":            "1:1",
			},
		},
		{
			name: "multi-line arrays and inline tables",
			fm: `[[budget]]
id = "b"
items = [
  { name = "甲", amount = 1 },
  { name = "乙 = [[x]]", amount = 2 }, # ]
  [ "[", "]]" ],
]
total = 3
  [[budget.items]]
  name = "丙"
meta = { a = 1, b = { c = 2 } }
after = 1
`,
			find: map[string]string{
				"budget[0].items":             "4:1",
				"budget[0].items[1]":          "4:1",
				"budget[0].items[1].amount":   "4:1",
				"budget[0].total":             "9:1",
				"budget[0].items[0].name":     "11:3",
				"budget[0].items[0].meta":     "12:1",
				"budget[0].items[0].meta.b.c": "12:1",
				"budget[0].items[0].after":    "13:1",
			},
		},
		{
			name: "brackets in strings and comments of a multi-line array",
			fm: `tags = [
  "[",   # [[
  '{',
]
after = 1
`,
			find: map[string]string{
				"tags":  "2:1",
				"after": "6:1",
			},
		},
		{
			name: "escaped quotes in strings",
			fm: `note = "他说\"[注1"
after = 1
tags = ["\"", "]"]
last = 2
`,
			find: map[string]string{
				"note":  "2:1",
				"after": "3:1",
				"tags":  "4:1",
				"last":  "5:1",
			},
		},
		{
			name: "a comment that mentions a multi-line string",
			fm: `a = 1 # 注意 """
b = 2
`,
			find: map[string]string{"a": "2:1", "b": "3:1"},
		},
		{
			name: "three quotes inside a one-line string open nothing",
			fm:   "a = \"'''\"\nb = '\"\"\"'\nc = 3\n",
			find: map[string]string{"a": "2:1", "b": "3:1", "c": "4:1"},
		},
		{
			name: "columns count characters and tabs",
			fm:   "\t[[budget]]\n\t\tid = \"b\"\n  \u3000x = 1\n",
			find: map[string]string{
				"budget[0]":    "2:2",
				"budget[0].id": "3:3",
			},
		},
		{
			name: "comments, blank lines and lines that are not keys",
			fm: `
# title = "x"
   # [[budget]]
not a key
title = "y"
`,
			find: map[string]string{
				"title":     "6:1",
				"budget[0]": "1:1",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ix := indexKeys("f.md", tt.fm, 2)
			for key, want := range tt.find {
				if got := ix.find(key).String(); got != "f.md:"+want {
					t.Errorf("find(%q) = %s, want f.md:%s", key, got, want)
				}
			}
		})
	}
}

// TestIndexKeysPureTOML checks a file that is all TOML, such as site.toml:
// its root is line 1.
func TestIndexKeysPureTOML(t *testing.T) {
	t.Parallel()
	ix := indexKeys("site.toml", "title = \"站点\"\n[footer]\nicp = \"\"\n", 1)
	for key, want := range map[string]string{
		"":           "site.toml:1:1",
		"title":      "site.toml:1:1",
		"footer":     "site.toml:2:1",
		"footer.icp": "site.toml:3:1",
		"language":   "site.toml:1:1",
	} {
		if got := ix.find(key).String(); got != want {
			t.Errorf("find(%q) = %s, want %s", key, got, want)
		}
	}
}

func TestIndexKeysNoPanic(t *testing.T) {
	t.Parallel()
	for _, fm := range []string{
		"", "[", "[[", "[]", "[[]]", "=", " = 1", "[[.]]", "[a.]", "a = [", "a = {", "a = ]]]", `a = """`, "a = '''\n", "\xff = 1",
		strings.Repeat("[", 100), strings.Repeat("a.", 50) + "b = 1",
	} {
		ix := indexKeys("f.md", fm, 2)
		ix.find("a")
		ix.find("a[0].b")
		ix.find("")
		ix.find(".[")
	}
}
