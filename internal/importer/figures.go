package importer

import (
	"fmt"
	"gongkai/internal/scaffold"
	"regexp"
	"strconv"
	"strings"
)

// Block is a data block found in the text of a section: its TOML, ready to
// go into the section's front matter, and where it came from.
type Block struct {
	Kind   string // "budget", "counts", "metrics" or "indicators"
	ID     string
	Title  string
	Items  int    // how many items it lists
	Source string // "FILE:LINE" of the input
	TOML   string
	// At is the index, among the lines Find was given, of the paragraph
	// or the table's last row the figures came from: its chart goes
	// right after it.
	At int
	// Chart says the block can be drawn: a budget, a count, a metric
	// against last year's.
	Chart bool
}

// Figures finds data blocks in a document's lines. It is conservative: a
// sentence that looks like a statement of figures but does not parse
// completely gives no block, only its source in Missed, so that import never
// writes a figure it has not read exactly. Numbers are copied as written,
// never through a float, since the loader reads them as exact decimals.
type Figures struct {
	File   string          // the input's base name, for sources
	Unit   string          // the report's money unit: 万元 or 元
	ids    map[string]bool // ids given so far, unique within the report
	next   map[string]int  // the last number given to an id of each kind
	Missed []string        // "FILE:LINE" of statements not understood
}

// NewFigures returns a finder for the input file (its base name) of a
// report whose amounts are in unit.
func NewFigures(file, unit string) *Figures {
	return &Figures{File: file, Unit: unit, ids: map[string]bool{}, next: map[string]int{}}
}

// figure is a number as written: digits with an optional decimal part.
const figure = `([0-9]+(?:\.[0-9]+)?)`

var (
	// budgetHead is the total of a budget statement: "…预算…总计1110.98万元，其中：".
	budgetHead = regexp.MustCompile(`^(.*?)(?:总计|合计)` + figure + `(万元|元)[，,]\s*其中[：:]?\s*(.*)$`)
	// budgetItem is one class of a budget statement: "公共安全支出的收入为971.76万元，
	// 占本年财政拨款收入的90.49%".
	budgetItem = regexp.MustCompile(`^(\p{Han}[\p{Han}、]*?支出)(?:的)?(?:收入支出|收入|支出)?(?:为|是)?` + figure + `(万元|元)(?:[，,]\s*占[\p{Han}]*?` + figure + `[%％])?$`)
	// countHead is a count with its parts: "共查处违法行为85434起，其中非现场执法…".
	countHead = regexp.MustCompile(`共(\p{Han}{1,16}?)([0-9]+)(` + countUnits + `)[，,]\s*(其中|分别为|分别是)[：:]?\s*(.*)$`)
	// rateStatement is a count, the part of it that passed, and the stated
	// rate: "共受理小车科目一考试2277人次，其中1625人及格，及格率为71.36%".
	rateStatement = regexp.MustCompile(`共(\p{Han}{1,16}?)([0-9]+)(` + countUnits + `)[，,]\s*其中([0-9]+)(?:` + countUnits + `)?(\p{Han}{1,6})[，,]\s*\p{Han}{0,8}率(?:为|是|达)?` + figure + `[%％]$`)
	// countItem is one part of a count: "非现场执法23934起".
	countItem = regexp.MustCompile(`^(\p{Han}{1,16}?)([0-9]+)(` + countUnits + `)$`)
)

// countUnits are the units a count may be stated in, the longer first.
const countUnits = `人次|台次|场次|起|辆|人|件|次|份|条|本|名|台|个|场|户`

// classes are the 支出功能分类 classes (类) of the government budget.
var classes = map[string]string{
	"一般公共服务支出":    "201",
	"外交支出":        "202",
	"国防支出":        "203",
	"公共安全支出":      "204",
	"教育支出":        "205",
	"科学技术支出":      "206",
	"文化旅游体育与传媒支出": "207",
	"社会保障和就业支出":   "208",
	"社会保险基金支出":    "209",
	"卫生健康支出":      "210",
	"节能环保支出":      "211",
	"城乡社区支出":      "212",
	"农林水支出":       "213",
	"交通运输支出":      "214",
	"资源勘探工业信息等支出": "215",
	"商业服务业等支出":    "216",
	"金融支出":        "217",
	"援助其他地区支出":    "219",
	"自然资源海洋气象等支出": "220",
	"住房保障支出":      "221",
	"粮油物资储备支出":    "222",
	"国有资本经营预算支出":  "223",
	"灾害防治及应急管理支出": "224",
	"其他支出":        "229",
	"债务付息支出":      "232",
	"债务发行费用支出":    "233",
}

// Find returns the data blocks stated in lines, in order. Headings are
// skipped: they state no figures.
func (f *Figures) Find(lines []Line) []Block {
	var out []Block
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.Level > 0 {
			continue
		}
		src := fmt.Sprintf("%s:%d", f.File, l.No)
		at := i
		add := func(b *Block, looked bool) {
			switch {
			case b != nil:
				b.At = at
				out = append(out, *b)
			case looked:
				f.Missed = append(f.Missed, src)
			}
		}
		if tableLine(l.Text) {
			// A table is read as a whole, with the paragraph before it,
			// which may say whose budget it is.
			j := i
			for j < len(lines) && lines[j].Level == 0 && tableLine(lines[j].Text) {
				j++
			}
			before := ""
			if i > 0 {
				before = lines[i-1].Text
			}
			at = j - 1
			add(f.table(lines[i:j], before))
			i = j - 1
			continue
		}
		for _, s := range sentences(l.Text) {
			if b, looked := f.budget(s, src); looked {
				add(b, looked)
				continue
			}
			// A budget lists its classes between semicolons; a count or a
			// rate stands within one clause.
			for c := range strings.SplitSeq(s, "；") {
				b, looked := f.rate(c, src)
				if !looked {
					b, looked = f.counts(c, src)
				}
				if !looked {
					// A clause may compare several figures with last year's.
					bs, missed := f.yoy(c, src)
					for _, b := range bs {
						add(&b, true)
					}
					add(nil, missed)
					continue
				}
				add(b, looked)
			}
		}
	}
	return out
}

// sentences splits a paragraph at its full stops, each keeping its own.
func sentences(text string) []string {
	var out []string
	for text != "" {
		i := strings.Index(text, "。")
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i])
		text = text[i+len("。"):]
	}
	return out
}

// budget reads a budget statement. looked says the sentence is one (it
// states a 预算 or 决算 total with its parts), whether or not it parsed.
func (f *Figures) budget(s, src string) (b *Block, looked bool) {
	m := budgetHead.FindStringSubmatch(s)
	if m == nil || !strings.Contains(m[1], "预算") && !strings.Contains(m[1], "决算") {
		return nil, false
	}
	if m[3] != f.Unit {
		return nil, true
	}
	var items strings.Builder
	n := 0
	for part := range strings.SplitSeq(strings.TrimRight(m[4], "；;"), "；") {
		im := budgetItem.FindStringSubmatch(strings.TrimSpace(part))
		if im == nil || im[3] != f.Unit {
			return nil, true
		}
		n++
		items.WriteString("\n  [[budget.items]]\n")
		if code, ok := classes[im[1]]; ok {
			fmt.Fprintf(&items, "    code = %s\n", scaffold.TOMLString(code))
		}
		fmt.Fprintf(&items, "    name = %s\n    amount = %s\n", scaffold.TOMLString(im[1]), im[2])
		if im[4] != "" {
			fmt.Fprintf(&items, "    share = %s\n", im[4])
		}
	}
	id, title := "", "预算"
	switch {
	case strings.Contains(m[1], "年初预算"):
		id, title = "initial", "年初预算"
	case strings.Contains(m[1], "决算"):
		id, title = "final", "决算"
	}
	id = f.id(id, "budget")
	var w strings.Builder
	// The block's keys are indented so that no line of the front matter
	// but the section's own begins "title = ".
	fmt.Fprintf(&w, "\n[[budget]]\n  id = %s\n  title = %s\n  total = %s\n  draft = true\n  source = %s\n",
		scaffold.TOMLString(id), scaffold.TOMLString(title), m[2], scaffold.TOMLString(src))
	w.WriteString(items.String())
	return &Block{Kind: "budget", ID: id, Title: title, Items: n, Source: src, TOML: w.String(), Chart: true}, true
}

// counts reads a count with its parts: "共查处违法行为85434起，其中非现场执法
// 23934起，现场执法61500起". The parts run to the end of the clause (；); a
// part in another unit, or one that is not a name and a figure, gives no
// block. The parts make up the whole only when the text says so (分别为);
// 其中 lists some of them.
func (f *Figures) counts(s, src string) (b *Block, looked bool) {
	m := countHead.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	title, total, unit, intro, rest := m[1], m[2], m[3], m[4], m[5]
	if _, err := strconv.ParseInt(total, 10, 64); err != nil {
		return nil, true
	}
	var items strings.Builder
	n := 0
	for part := range strings.SplitSeq(rest, "，") {
		for p := range strings.SplitSeq(part, "、") {
			im := countItem.FindStringSubmatch(strings.TrimSpace(p))
			if im == nil || im[3] != unit {
				return nil, true
			}
			if _, err := strconv.ParseInt(im[2], 10, 64); err != nil {
				return nil, true
			}
			n++
			fmt.Fprintf(&items, "\n  [[counts.items]]\n    name = %s\n    value = %s\n", scaffold.TOMLString(im[1]), im[2])
		}
	}
	if n < 2 {
		return nil, true
	}
	id := f.id("", "counts")
	var w strings.Builder
	fmt.Fprintf(&w, "\n[[counts]]\n  id = %s\n  title = %s\n  unit = %s\n  total = %s\n  exhaustive = %t\n  draft = true\n  source = %s\n",
		scaffold.TOMLString(id), scaffold.TOMLString(title), scaffold.TOMLString(unit), total, intro != "其中", scaffold.TOMLString(src))
	w.WriteString(items.String())
	return &Block{Kind: "counts", ID: id, Title: title, Items: n, Source: src, TOML: w.String(), Chart: true}, true
}

// rate reads a count, the part of it that passed and the stated rate as a
// [[metrics]] block with value, of and rate.
func (f *Figures) rate(s, src string) (b *Block, looked bool) {
	m := rateStatement.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return nil, false
	}
	// The name is what was counted and the outcome: 受理小车科目一考试 + 及格.
	name, of, unit, value, rate := m[1]+m[5], m[2], m[3], m[4], m[6]
	id := f.id("", "metric")
	var w strings.Builder
	fmt.Fprintf(&w, "\n[[metrics]]\n  id = %s\n  name = %s\n  unit = %s\n  value = %s\n  of = %s\n  rate = %s\n  draft = true\n  source = %s\n",
		scaffold.TOMLString(id), scaffold.TOMLString(name), scaffold.TOMLString(unit), value, of, rate, scaffold.TOMLString(src))
	return &Block{Kind: "metrics", ID: id, Title: name, Source: src, TOML: w.String()}, true
}

// id returns want if it is free, or else the first free KIND-N.
func (f *Figures) id(want, kind string) string {
	if want == "" || f.ids[want] {
		// Numbering goes on from the last number given for kind, so that
		// a report with thousands of blocks does not try every number
		// again for each.
		for i := f.next[kind] + 1; ; i++ {
			if want = fmt.Sprintf("%s-%d", kind, i); !f.ids[want] {
				f.next[kind] = i
				break
			}
		}
	}
	f.ids[want] = true
	return want
}
