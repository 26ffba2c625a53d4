package importer

import (
	"fmt"
	"gongkai/internal/scaffold"
	"regexp"
	"strings"
)

// yoyUnits are the units a year-on-year figure may be stated in: money or
// a count.
const yoyUnits = `万元|元|` + countUnits

var (
	// yoyKey begins the clause that compares a figure with last year's.
	yoyKey = regexp.MustCompile(`^(?:同比|较上年|比上年|与上年)`)
	// yoyChange is that clause: "同比上升19.9%…", "较上年的1737起上升",
	// "同比减少62.52万元".
	yoyChange = regexp.MustCompile(`^(?:同比|较上年同期|较上年|比上年同期|比上年|与上年同期相比|与上年相比)(?:的?` + figure + `(` + yoyUnits + `))?(上升|增加|增长|下降|减少)了?(.*)$`)
	// yoyValue is the clause before it, stating the figure: "全县共发生交通事故2083起".
	yoyValue = regexp.MustCompile(`^(.*?)` + figure + `(` + yoyUnits + `)$`)
	// yoyName is the name of the figure: the Chinese words before it.
	yoyName = regexp.MustCompile(`(\p{Han}+)$`)
	// yoyPercent is a stated change in %, and what follows it.
	yoyPercent = regexp.MustCompile(`^` + figure + `[%％](.*)$`)
	// yoyAmount is a stated change as an amount, and what follows it.
	yoyAmount = regexp.MustCompile(`^` + figure + `(` + yoyUnits + `)(.*)$`)
	// yoyPercentClause is the change in % in a clause of its own: "减少7.11%".
	yoyPercentClause = regexp.MustCompile(`^(?:(上升|增加|增长|下降|减少)了?)?` + figure + `[%％]$`)
	// yoyPrevious is last year's figure in brackets: "（2022年同期1737起）".
	yoyPrevious = regexp.MustCompile(`^[（(](?:[0-9]{4}年|上年)?同期(?:为|是)?` + figure + `(` + yoyUnits + `)[）)]$`)
)

// down says whether a word says the figure fell.
func down(word string) bool { return word == "下降" || word == "减少" }

// yoy reads the year-on-year statements of a clause as [[metrics]] blocks
// with value, previous and change where the text states them: "全县共发生
// 交通事故2083起，同比上升19.9%（2022年同期1737起）". A change in % is
// signed by its word (下降, 减少 are negative); a change stated only as an
// amount is left out, since previous is never computed from it. missed
// says a comparison with last year follows a clause stating a figure but
// was not read whole: it gives no block, while the others of the clause do.
func (f *Figures) yoy(s, src string) (blocks []Block, missed bool) {
	parts := strings.Split(s, "，")
	for i := 1; i < len(parts); i++ {
		c := strings.TrimSpace(parts[i])
		// A comparison after prose with no figure ("同比下降明显") states
		// nothing to read.
		if !yoyKey.MatchString(c) || !yoyValue.MatchString(strings.TrimSpace(parts[i-1])) {
			continue
		}
		b, used := f.yoyStatement(strings.TrimSpace(parts[i-1]), c, parts[i+1:])
		if b == nil {
			missed = true
			continue
		}
		b.Source = src
		b.TOML += fmt.Sprintf("  draft = true\n  source = %s\n", scaffold.TOMLString(src))
		blocks = append(blocks, *b)
		i += used
	}
	return blocks, missed
}

// yoyStatement reads the figure stated in value and compared in change;
// the change in % may stand in the next clause (of after), and used says
// how many of those it read. The block's TOML lacks draft and source.
func (f *Figures) yoyStatement(value, change string, after []string) (b *Block, used int) {
	vm := yoyValue.FindStringSubmatch(value)
	cm := yoyChange.FindStringSubmatch(change)
	if vm == nil || cm == nil {
		return nil, 0
	}
	nm := yoyName.FindStringSubmatch(vm[1])
	if nm == nil {
		return nil, 0
	}
	// "全县共发生交通事故" names 发生交通事故; 为, 达 and the like are no part of it.
	name := nm[1]
	if i := strings.LastIndex(name, "共"); i >= 0 {
		name = name[i+len("共"):]
	}
	for _, verb := range []string{"共计", "达到", "为", "是", "达"} {
		name = strings.TrimSuffix(name, verb)
	}
	num, unit := vm[2], vm[3]
	previous, word, rest := cm[1], cm[3], cm[4]
	if name == "" || previous != "" && cm[2] != unit {
		return nil, 0
	}
	pct := ""
	if m := yoyPercent.FindStringSubmatch(rest); m != nil {
		pct, rest = m[1], m[2]
	} else if m := yoyAmount.FindStringSubmatch(rest); m != nil {
		if m[2] != unit {
			return nil, 0
		}
		rest = m[3]
		if rest == "" && len(after) > 0 {
			if pm := yoyPercentClause.FindStringSubmatch(strings.TrimSpace(after[0])); pm != nil {
				if pm[1] != "" && down(pm[1]) != down(word) {
					return nil, 0
				}
				pct, used = pm[2], 1
			}
		}
	}
	if rest != "" {
		pm := yoyPrevious.FindStringSubmatch(rest)
		if pm == nil || pm[2] != unit || previous != "" {
			return nil, 0
		}
		previous = pm[1]
	}
	if pct == "" && previous == "" {
		return nil, 0
	}
	id := f.id("", "metric")
	var w strings.Builder
	fmt.Fprintf(&w, "\n[[metrics]]\n  id = %s\n  name = %s\n  unit = %s\n  value = %s\n", scaffold.TOMLString(id), scaffold.TOMLString(name), scaffold.TOMLString(unit), num)
	if previous != "" {
		fmt.Fprintf(&w, "  previous = %s\n", previous)
	}
	if pct != "" {
		if down(word) {
			pct = "-" + pct
		}
		fmt.Fprintf(&w, "  change = %s\n", pct)
	}
	return &Block{Kind: "metrics", ID: id, Title: name, TOML: w.String(), Chart: previous != ""}, used
}
