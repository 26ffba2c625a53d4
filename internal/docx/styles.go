package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// style is what Read uses of a paragraph style in word/styles.xml.
type style struct {
	name    string
	basedOn string
	outline int // w:outlineLvl + 1, or 0 when not set
	numID   string
	ilvl    int
	hasNum  bool
}

// readStyles reads word/styles.xml.
func (rd *reader) readStyles() error {
	var cur *style
	inPPr := false
	return rd.parse("word/styles.xml", func(t xml.Token, depth int) (bool, error) {
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "style":
				cur = &style{}
				rd.styles[attr(e, "styleId")] = cur
			case "name":
				if cur != nil {
					cur.name = attr(e, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(e, "val")
				}
			case "pPr":
				inPPr = cur != nil
			case "rPr", "pPrChange", "tblPr", "trPr", "tcPr":
				return true, nil
			case "outlineLvl":
				if inPPr {
					cur.outline = outline(attr(e, "val"))
				}
			case "numId":
				if inPPr {
					cur.numID, cur.hasNum = attr(e, "val"), true
				}
			case "ilvl":
				if inPPr {
					cur.ilvl = level(attr(e, "val"))
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "style":
				cur, inPPr = nil, false
			case "pPr":
				inPPr = false
			}
		}
		return false, nil
	})
}

// outline turns a w:outlineLvl value (0–8, 9 for body text) into a heading
// level 1–9, or 0.
func outline(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 8 {
		return 0
	}
	return n + 1
}

// level reads a list level 0–8; anything else is 0.
func level(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 8 {
		return 0
	}
	return n
}

// headingLevel is the heading level of paragraphs in the style id: its own
// or an inherited outline level, else the level its name gives ("heading
// 1" in Word and LibreOffice, "标题 1" in WPS and localised Word).
func (rd *reader) headingLevel(id string) int {
	for i := 0; i < 16 && id != ""; i++ {
		s := rd.styles[id]
		if s == nil {
			return 0
		}
		if s.outline > 0 {
			return s.outline
		}
		n := strings.ToLower(strings.TrimSpace(s.name))
		for _, p := range []string{"heading", "标题"} {
			if rest, ok := strings.CutPrefix(n, p); ok {
				if l, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && l >= 1 && l <= 9 {
					return l
				}
			}
		}
		id = s.basedOn
	}
	return 0
}

// styleNumbering is the numbering a style gives its paragraphs, its own or
// inherited.
func (rd *reader) styleNumbering(id string) (numID string, ilvl int, ok bool) {
	for i := 0; i < 16 && id != ""; i++ {
		s := rd.styles[id]
		if s == nil {
			return "", 0, false
		}
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
		id = s.basedOn
	}
	return "", 0, false
}
