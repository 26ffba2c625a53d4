package markdown

import "testing"

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"一、基本情况", "一基本情况"},
		{"（一）基本支出情况", "一基本支出情况"},
		{"三、“三公”经费支出情况", "三三公经费支出情况"},
		{"2024年 部门 收支总体情况", "2024年-部门-收支总体情况"},
		{"  前后空白  ", "前后空白"},
		{"全角\u3000空格", "全角-空格"},
		{"空白 、 标点", "空白-标点"},
		{"Part A: Overview", "part-a-overview"},
		{"snake_case-and-dash", "snake_case-and-dash"},
		{"**重点**项目", "重点项目"},
		{"ÄÖ Straße", "ÄÖ-straße"}, // only ASCII is lowercased
		{"！！！", "section"},
		{"", "section"},
		{"\xff坏", "坏"},
	}
	for _, tt := range tests {
		if got := slug([]byte(tt.in)); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIDsUnique(t *testing.T) {
	t.Parallel()
	var ids IDs // the zero value is ready to use
	ids.Reserve("s01")
	ids.Reserve("x-1")
	for _, tt := range []struct{ base, want string }{
		{"s01", "s01-1"},
		{"x", "x"},
		{"x", "x-2"}, // x-1 is reserved
		{"x", "x-3"},
		{"x-2", "x-2-1"},
	} {
		if got := ids.Unique(tt.base); got != tt.want {
			t.Errorf("Unique(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestIDsUniqueSuffixes checks that an id taken with suffixes is free with
// each of them, and takes them along.
func TestIDsUniqueSuffixes(t *testing.T) {
	t.Parallel()
	var ids IDs
	ids.Reserve("chart-a-options") // a heading took it
	ids.Reserve("s-1-h")
	for _, tt := range []struct {
		base     string
		suffixes []string
		want     string
	}{
		{"chart-a", []string{"-options"}, "chart-a-1"},
		{"chart-a-1", nil, "chart-a-1-1"}, // chart-a-1 was taken above
		{"chart-a-1-options", nil, "chart-a-1-options-1"},
		{"s", []string{"-h", "-indicators"}, "s"},
		{"s", []string{"-h", "-indicators"}, "s-2"}, // s-1-h is taken
		{"s-2-indicators", nil, "s-2-indicators-1"},
	} {
		if got := ids.Unique(tt.base, tt.suffixes...); got != tt.want {
			t.Errorf("Unique(%q, %q) = %q, want %q", tt.base, tt.suffixes, got, tt.want)
		}
	}
	if ids.Free("s-h") || !ids.Free("s-3", "-h") {
		t.Error("Free disagrees with what Unique took")
	}
}
