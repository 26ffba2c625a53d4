package sheet

import (
	"bytes"
	"testing"
)

// TestCell checks that text a spreadsheet would evaluate is kept as text,
// and that ordinary text, Chinese included, is left alone.
func TestCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1":                       "'+1",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tx":                      "'\tx",
		"\t=1":                     "'\t=1",
		"\r=1":                     "'\r=1",
		"公共安全支出":                   "公共安全支出",
		"":                         "",
		"1":                        "1",
		"a=b":                      "a=b",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNewWriter: a byte order mark, then CRLF lines, quoted where needed.
func TestNewWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w, err := NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"甲", "a,b"}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if got, want := buf.String(), "\uFEFF甲,\"a,b\"\r\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}
