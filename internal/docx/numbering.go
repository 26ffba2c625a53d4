package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// abstractNum is a list definition of word/numbering.xml.
type abstractNum struct {
	lvls [9]lvl
}

// lvl is one level of a list definition.
type lvl struct {
	start int
	fmt   string // w:numFmt, "" when the level is not defined
	text  string // w:lvlText, as "%1、" or "（%2）"
	suff  string // w:suff: "tab" (the default), "space" or "nothing"
	legal bool   // w:isLgl: numbers of all levels shown in Arabic figures
}

// num is a list instance: the definition it uses and its restarts.
type num struct {
	abstract string
	starts   map[int]int // w:lvlOverride/w:startOverride by level
}

// counter is where a list stands at each level.
type counter struct {
	v   [9]int
	set [9]bool
}

// readNumbering reads word/numbering.xml.
func (rd *reader) readNumbering() error {
	var a *abstractNum
	var l *lvl
	var n *num
	over := -1
	return rd.parse("word/numbering.xml", func(t xml.Token, depth int) (bool, error) {
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "abstractNum":
				a = &abstractNum{}
				rd.abstracts[attr(e, "abstractNumId")] = a
			case "num":
				n = &num{starts: map[int]int{}}
				rd.nums[attr(e, "numId")] = n
			case "abstractNumId":
				if n != nil {
					n.abstract = attr(e, "val")
				}
			case "lvlOverride":
				over = level(attr(e, "ilvl"))
			case "startOverride":
				if n != nil && over >= 0 {
					n.starts[over] = atoi(attr(e, "val"), 1)
				}
			case "lvl":
				if a != nil && n == nil {
					l = &a.lvls[level(attr(e, "ilvl"))]
					*l = lvl{start: 1, fmt: "decimal", text: ""}
				}
			case "rPr", "pPr":
				return true, nil
			}
			if l != nil {
				switch e.Name.Local {
				case "start":
					l.start = atoi(attr(e, "val"), 1)
				case "numFmt":
					l.fmt = attr(e, "val")
				case "lvlText":
					l.text = attr(e, "val")
				case "suff":
					l.suff = attr(e, "val")
				case "isLgl":
					l.legal = attr(e, "val") != "0" && attr(e, "val") != "false"
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "abstractNum":
				a = nil
			case "num":
				n = nil
			case "lvl":
				l = nil
			case "lvlOverride":
				over = -1
			}
		}
		return false, nil
	})
}

func atoi(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 10000 {
		return def
	}
	return n
}

// next counts a paragraph in list numID at level ilvl and gives the number
// a reader sees, with the space that follows it, or "" for a bullet, no
// number or an unknown list.
func (rd *reader) next(numID string, ilvl int) string {
	n := rd.nums[numID]
	if n == nil {
		return ""
	}
	a := rd.abstracts[n.abstract]
	if a == nil || a.lvls[ilvl].fmt == "" {
		return ""
	}
	c := rd.counters[n.abstract]
	if c == nil {
		c = &counter{}
		rd.counters[n.abstract] = c
	}
	start := func(i int) int {
		if s, ok := n.starts[i]; ok {
			return s
		}
		return a.lvls[i].start
	}
	if !rd.started[numID] {
		// A restart ("重新开始编号") is a new instance with a start override.
		rd.started[numID] = true
		for i := range n.starts {
			c.set[i] = false
		}
	}
	if c.set[ilvl] {
		c.v[ilvl]++
	} else {
		c.v[ilvl], c.set[ilvl] = start(ilvl), true
	}
	for i := ilvl + 1; i < len(c.set); i++ {
		c.set[i] = false
	}
	l := a.lvls[ilvl]
	if l.fmt == "bullet" || l.fmt == "none" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(l.text); i++ {
		if l.text[i] == '%' && i+1 < len(l.text) && l.text[i+1] >= '1' && l.text[i+1] <= '9' {
			k := int(l.text[i+1] - '1')
			v := start(k)
			if c.set[k] {
				v = c.v[k]
			}
			f := a.lvls[k].fmt
			if l.legal && k != ilvl {
				f = "decimal"
			}
			b.WriteString(format(v, f))
			i++
			continue
		}
		b.WriteByte(l.text[i])
	}
	s := b.String()
	// Word sets a tab or a space after the number; after full-width
	// punctuation such as 、 or ） a reader sees no gap, and the importer
	// reads "一、基本情况" as written in the sample.
	if last, _ := utf8.DecodeLastRuneInString(s); s != "" && l.suff != "nothing" && last < utf8.RuneSelf {
		s += " "
	}
	return s
}

// format writes n in the numbering format f; an unknown format is decimal.
func format(n int, f string) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand":
		return chinese(n)
	case "ideographDigital", "taiwaneseDigital":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteString(string([]rune("〇一二三四五六七八九")[d-'0']))
		}
		return b.String()
	case "chineseLegalSimplified":
		return legal(n)
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteRune('０' + d - '0')
		}
		return b.String()
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if f == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if f == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// chinese writes n (below 10000) in Chinese counting figures: 一 … 十 十一 二十 一百零一.
func chinese(n int) string {
	if n <= 0 || n >= 10000 {
		return strconv.Itoa(n)
	}
	digits := []rune("零一二三四五六七八九")
	units := []string{"千", "百", "十", ""}
	var b strings.Builder
	zero := false
	for i, p := range []int{1000, 100, 10, 1} {
		d := n / p % 10
		if d == 0 {
			zero = b.Len() > 0
			continue
		}
		if zero {
			b.WriteRune('零')
			zero = false
		}
		if !(d == 1 && units[i] == "十" && b.Len() == 0) {
			b.WriteRune(digits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}

// legal writes n (below 100) in the financial figures 壹 贰 … 拾.
func legal(n int) string {
	if n <= 0 || n >= 100 {
		return strconv.Itoa(n)
	}
	digits := []rune("零壹贰叁肆伍陆柒捌玖")
	if n < 10 {
		return string(digits[n])
	}
	s := ""
	if n/10 > 1 {
		s = string(digits[n/10])
	}
	s += "拾"
	if n%10 > 0 {
		s += string(digits[n%10])
	}
	return s
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
