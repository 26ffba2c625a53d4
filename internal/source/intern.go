package source

import (
	"strings"
	"sync"
)

// maxInterned is the longest string a load shares: names, codes, units and
// ids, which repeat from report to report (a class's 科目名称, an
// indicator's levels, a unit's counts year after year). Longer strings —
// notes, targets — seldom repeat, and a table of them would only add to
// what the load holds.
const maxInterned = 64

// interner gives every report of one load the same copy of a short string,
// so that a province's fifty thousand reports hold one 一般公共服务支出, not
// fifty thousand. Each string is still a copy: the model never keeps a
// file's bytes alive through a substring of them. A nil interner copies.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func newInterner() *interner { return &interner{m: map[string]string{}} }

// str is s, copied once for the whole load.
func (in *interner) str(s string) string {
	if in == nil || len(s) > maxInterned {
		return strings.Clone(s)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if c, ok := in.m[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in.m[c] = c
	return c
}
