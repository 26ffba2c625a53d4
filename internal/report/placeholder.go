package report

import "strings"

// placeholderOpen starts every placeholder: a value gongkai wrote where it
// could not find what belongs there, for the author to replace. The check
// PLACEHOLDER is an error while one is left, so an unfinished report is
// never published with it.
const placeholderOpen = "【待填写："

// Placeholder is the value written in place of what is missing; what says
// what to fill in ("单位全称").
func Placeholder(what string) string { return placeholderOpen + what + "】" }

// PlaceholderIn returns what a placeholder in s asks for, and whether s
// holds one.
func PlaceholderIn(s string) (what string, ok bool) {
	_, rest, ok := strings.Cut(s, placeholderOpen)
	if !ok {
		return "", false
	}
	what, _, _ = strings.Cut(rest, "】")
	return what, true
}
