package source

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadInlineWork checks that texts whose inline parsing grows with the
// square of their length are refused at load, naming the block, and that
// the text of real reports is far from the limit.
func TestLoadInlineWork(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"links without ends":  strings.Repeat("[](", 30000),
		"backslash backticks": strings.Repeat("\\``", 30000),
		"emphasis":            strings.Repeat("*a_b", 20000),
		"over many blocks":    strings.Repeat(strings.Repeat("[a](", 2600)+"\n\n", 10),
	} {
		fsys := goodSite()
		files := fstest.MapFS{}
		for p, text := range fsys {
			files[p] = &fstest.MapFile{Data: []byte(text)}
		}
		files["content/2023/some-unit/09-x.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"九\"\n+++\n\n" + body + "\n")}
		_, err := Load(files)
		if err == nil || !strings.Contains(err.Error(), "content/2023/some-unit/09-x.md:5:1: 这段文字中的") {
			t.Errorf("%s: err = %v, want one at content/2023/some-unit/09-x.md:5:1", name, err)
		}
	}
}

func TestInlineWorkOfRealText(t *testing.T) {
	t.Parallel()
	table := "| 项目 | 链接 |\n|---|---|\n" + strings.Repeat("| **甲** | [附件](a.pdf) |\n", 500)
	code := "```\n" + strings.Repeat("[](", 100000) + "\n```\n"
	for name, text := range map[string]string{"table of 500 links": table, "code fence": code} {
		if line, n := inlineWork([]byte(text)); line != 0 {
			t.Errorf("%s: refused at line %d (%d characters)", name, line, n)
		}
	}
}
