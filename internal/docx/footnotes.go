package docx

import (
	"encoding/xml"
	"strings"
)

// readFootnotes reads word/footnotes.xml into each footnote's text by id,
// its paragraphs on lines of their own. The separator lines Word keeps
// there as footnotes are left out.
func (rd *reader) readFootnotes() (map[string]string, error) {
	notes := map[string]string{}
	var id string
	var text []string
	p := &parser{rd: rd, emit: func(b Block) {
		switch {
		case b.Para != nil:
			text = append(text, b.Para.Number+b.Para.Text)
		case b.Table != nil:
			for _, r := range b.Table.Rows {
				text = append(text, strings.Join(r, " "))
			}
		}
	}}
	err := rd.parse("word/footnotes.xml", func(t xml.Token, depth int) (bool, error) {
		if e, ok := t.(xml.StartElement); ok && e.Name.Local == "footnote" {
			switch attr(e, "type") {
			case "separator", "continuationSeparator", "continuationNotice":
				return true, nil
			}
			id, text = attr(e, "id"), nil
			return false, nil
		}
		if e, ok := t.(xml.EndElement); ok && e.Name.Local == "footnote" {
			notes[id] = strings.Join(text, "\n")
			return false, nil
		}
		return p.token(t, depth)
	})
	return notes, err
}
