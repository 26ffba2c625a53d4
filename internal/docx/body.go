package docx

import (
	"encoding/xml"
	"strings"
)

// parser turns the token stream of document.xml (or of a footnote) into
// blocks. Paragraphs nested in a paragraph (text boxes) join the outer
// one; tables nested in a table cell or paragraph contribute their text to
// it.
type parser struct {
	rd     *reader
	emit   func(Block)
	para   *paraBuilder
	inPPr  int // depth of the open w:pPr of para, or 0
	inT    bool
	tables []*tableBuilder
	nested int // open tables read as plain text
	// noteRefs are the ids of the footnotes the text refers to, in order.
	noteRefs []string
}

type paraBuilder struct {
	depth   int
	text    strings.Builder
	style   string
	outline int
	numID   string
	ilvl    int
	hasNum  bool
	marks   []Mark
	alt     string // the description of the drawing being read
}

// newline starts a line for a nested paragraph's text, once.
func (b *paraBuilder) newline() {
	if s := b.text.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.text.WriteByte('\n')
	}
}

type tableBuilder struct {
	rows  [][]string
	row   []string
	cell  *strings.Builder
	span  int
	vcont bool
}

func (rd *reader) newParser(blocks *[]Block) *parser {
	return &parser{rd: rd, emit: func(b Block) { *blocks = append(*blocks, b) }}
}

// skipped are the elements whose content a reader does not see as body
// text: deleted and moved-away tracked changes, field instructions, the
// fallback copy of alternate content (the chosen copy is read), and
// properties.
var skipped = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "instrText": true, "delInstrText": true,
	"Fallback": true, "rPr": true, "pPrChange": true, "sectPr": true, "tblPr": true,
	"tblGrid": true, "trPr": true, "sdtPr": true, "sdtEndPr": true,
}

func (p *parser) cell() *tableBuilder {
	if len(p.tables) == 0 {
		return nil
	}
	if t := p.tables[len(p.tables)-1]; t.cell != nil {
		return t
	}
	return nil
}

func (p *parser) token(t xml.Token, depth int) (bool, error) {
	switch e := t.(type) {
	case xml.StartElement:
		if p.inPPr > 0 {
			return p.pPr(e), nil
		}
		if skipped[e.Name.Local] {
			return true, nil
		}
		if e.Name.Local == "pPr" {
			// A nested paragraph's properties are not the outer one's.
			if p.para == nil || depth != p.para.depth+1 {
				return true, nil
			}
			p.inPPr = depth
			return false, nil
		}
		return false, p.start(e, depth)
	case xml.CharData:
		if p.inT && p.para != nil {
			p.para.text.Write(e)
		}
	case xml.EndElement:
		p.end(e, depth)
	}
	return false, nil
}

// pPr reads the paragraph properties Read uses.
func (p *parser) pPr(e xml.StartElement) bool {
	switch e.Name.Local {
	case "pStyle":
		p.para.style = attr(e, "val")
	case "outlineLvl":
		p.para.outline = outline(attr(e, "val"))
		if p.para.outline == 0 {
			p.para.outline = -1 // body text, whatever the style says
		}
	case "numId":
		p.para.numID, p.para.hasNum = attr(e, "val"), true
	case "ilvl":
		p.para.ilvl = level(attr(e, "val"))
	case "rPr", "pPrChange", "sectPr", "tabs":
		return true
	}
	return false
}

func (p *parser) start(e xml.StartElement, depth int) error {
	switch e.Name.Local {
	case "p":
		if p.para == nil {
			p.para = &paraBuilder{depth: depth}
		} else {
			p.para.newline()
		}
	case "t":
		p.inT = true
	case "tab", "ptab":
		if p.para != nil {
			p.para.text.WriteByte(' ')
		}
	case "br", "cr":
		if p.para != nil {
			p.para.text.WriteByte('\n')
		}
	case "noBreakHyphen":
		if p.para != nil {
			p.para.text.WriteByte('-')
		}
	case "footnoteReference":
		p.noteRefs = append(p.noteRefs, attr(e, "id"))
		if p.para != nil {
			p.para.marks = append(p.para.marks, Mark{At: p.para.text.Len(), Note: len(p.noteRefs)})
		}
	case "docPr":
		if p.para != nil {
			p.para.alt = attr(e, "descr")
		}
	case "blip", "imagedata":
		// DrawingML names its picture r:embed, VML (older Word, WPS) r:id.
		id := attr(e, "embed")
		if e.Name.Local == "imagedata" {
			id = attr(e, "id")
		}
		n, err := p.rd.image(id)
		if err != nil {
			return err
		}
		if n > 0 && p.para != nil {
			p.para.marks = append(p.para.marks, Mark{At: p.para.text.Len(), Image: n, Alt: p.para.alt})
			p.para.alt = ""
		}
	case "tbl":
		if p.para != nil || p.cell() != nil || p.nested > 0 {
			p.nested++
		} else {
			p.tables = append(p.tables, &tableBuilder{})
		}
	}
	if p.nested > 0 || len(p.tables) == 0 {
		return nil
	}
	t := p.tables[len(p.tables)-1]
	switch e.Name.Local {
	case "tr":
		t.row = nil
	case "tc":
		t.cell, t.span, t.vcont = &strings.Builder{}, 1, false
	case "gridSpan":
		if n := atoi(attr(e, "val"), 1); n > 1 && n <= 64 {
			t.span = n
		}
	case "vMerge":
		t.vcont = attr(e, "val") != "restart"
	}
	return nil
}

func (p *parser) end(e xml.EndElement, depth int) {
	switch e.Name.Local {
	case "t":
		p.inT = false
		return
	case "pPr":
		if depth == p.inPPr {
			p.inPPr = 0
		}
		return
	case "p":
		if p.para != nil && depth == p.para.depth {
			p.finish()
		} else if p.para != nil {
			p.para.newline()
		}
		return
	case "tbl":
		if p.nested > 0 {
			p.nested--
			return
		}
		if n := len(p.tables); n > 0 {
			t := p.tables[n-1]
			p.tables = p.tables[:n-1]
			p.emit(Block{Table: &Table{Rows: t.rows}})
		}
		return
	}
	if p.nested > 0 || len(p.tables) == 0 {
		return
	}
	t := p.tables[len(p.tables)-1]
	switch e.Name.Local {
	case "tc":
		if t.cell == nil {
			return
		}
		text := t.cell.String()
		if t.vcont {
			text = ""
		}
		t.row = append(t.row, text)
		for i := 1; i < t.span; i++ {
			t.row = append(t.row, "")
		}
		t.cell = nil
	case "tr":
		t.rows = append(t.rows, t.row)
		t.row = nil
	}
}

// finish ends the open paragraph: into the table cell it stands in, or as
// a block.
func (p *parser) finish() {
	b := p.para
	p.para, p.inT = nil, false
	level := b.outline
	if level == 0 {
		level = p.rd.headingLevel(b.style)
	}
	if level < 0 {
		level = 0
	}
	numID, ilvl, ok := b.numID, b.ilvl, b.hasNum
	if !ok {
		numID, ilvl, ok = p.rd.styleNumbering(b.style)
	}
	number := ""
	if ok && numID != "0" {
		number = p.rd.next(numID, ilvl)
	}
	// A text box that ends the paragraph leaves the line break that
	// separated it from the text before; nothing follows it.
	text := strings.TrimRight(b.text.String(), "\n")
	for i := range b.marks {
		b.marks[i].At = min(b.marks[i].At, len(text))
	}
	if t := p.cell(); t != nil {
		if t.cell.Len() > 0 {
			t.cell.WriteByte('\n')
		}
		t.cell.WriteString(number + text)
		return
	}
	if strings.TrimSpace(number+text) == "" && len(b.marks) == 0 {
		return
	}
	p.emit(Block{Para: &Paragraph{Number: number, Text: text, Level: level, Marks: b.marks}})
}
