package check

import (
	"fmt"

	"gongkai/internal/report"
)

// placeholders points at every key of index.md that still holds a
// placeholder (report.Placeholder): gongkai import writes one where the
// document did not say what belongs there and no flag gave it. It is an
// error, not a warning: a report published with "【待填写：单位全称】" as its
// unit's name is wrong on every page that names it.
func placeholders(r *report.Report, add func(Finding)) {
	for _, k := range []struct{ key, value string }{
		{"title", r.Title}, {"org", r.Org}, {"region", r.Region}, {"unit", r.Unit},
	} {
		if what, ok := report.PlaceholderIn(k.value); ok {
			add(Finding{Code: "PLACEHOLDER", Severity: Error, Pos: r.Where(k.key), Report: r.Dir,
				Message: fmt.Sprintf("%s 还是导入时留下的占位 %q，请填写%s", k.key, k.value, what),
				Hint:    "原文中没有找到这一项，gongkai import 没有替你编造；按原文或实际情况填写后再发布"})
		}
	}
}
