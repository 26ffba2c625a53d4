// Package docx reads the text of a Word document (Office Open XML) as a
// reader sees it: paragraphs with their automatic numbering and heading
// level, tables, and footnotes. It uses only archive/zip and encoding/xml,
// and is bounded so that a hostile file cannot exhaust memory or panic.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// MaxSize is the largest archive, and the largest decompressed part, Read
// accepts: a report is a few megabytes at most.
const MaxSize = 100 << 20

// maxDepth is the deepest element nesting Read follows; Word's own files
// stay below thirty.
const maxDepth = 256

// Document is the body of a .docx in reading order.
type Document struct {
	Blocks []Block
	// Footnotes are the footnote texts in the order the body refers to
	// them: Mark.Note n is Footnotes[n-1].
	Footnotes []string
	// Images are the pictures the body and its footnotes show, each once.
	Images []Image
}

// Block is a paragraph or a table; exactly one is set.
type Block struct {
	Para  *Paragraph
	Table *Table
}

// Paragraph is one paragraph of the body.
type Paragraph struct {
	Number string // the automatic number a reader sees, as "一、", or ""
	Text   string // the runs joined; a tab is a space, a line break "\n"
	Level  int    // heading level 1–9 from the style or outline level, 0 for body text
	Marks  []Mark // footnote references and pictures, in order
}

// Table is a table's rows of cell texts. A merged cell's text stands in its
// first grid column and first row; the cells it covers (w:gridSpan to the
// right, w:vMerge below) are left empty, so every row of a regular table
// has the same number of cells.
type Table struct {
	Rows [][]string
}

// oleMagic begins an OLE compound file: an old .doc, or a .docx that Word
// encrypted with a password.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Read reads the .docx of size bytes in r; name is used in errors only.
func Read(name string, r io.ReaderAt, size int64) (*Document, error) {
	if size > MaxSize {
		return nil, fmt.Errorf("%s 超过 %d MB，不像是一份报告，未导入", name, MaxSize>>20)
	}
	head := make([]byte, len(oleMagic))
	if n, _ := r.ReadAt(head, 0); n == len(head) && bytes.Equal(head, oleMagic) {
		return nil, fmt.Errorf("%s 是加密（设有密码）的 Word 文档或旧版 .doc 文件，无法读取；请在 Word 或 WPS 中取消密码，另存为 .docx 后再导入", name)
	}
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s 不是 .docx 文件（无法作为 zip 压缩包打开）：%v", name, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range z.File {
		parts[f.Name] = f
	}
	if parts["word/document.xml"] == nil {
		return nil, fmt.Errorf("%s 是 zip 压缩包，但不是 Word 文档（其中没有 word/document.xml）", name)
	}
	rd := &reader{name: name, parts: parts, styles: map[string]*style{}, nums: map[string]*num{}, abstracts: map[string]*abstractNum{}, counters: map[string]*counter{}, started: map[string]bool{},
		imageIndex: map[string]int{}, imageNames: map[string]bool{}}
	if err := rd.readRels(); err != nil {
		return nil, err
	}
	if err := rd.readStyles(); err != nil {
		return nil, err
	}
	if err := rd.readNumbering(); err != nil {
		return nil, err
	}
	notes, err := rd.readFootnotes()
	if err != nil {
		return nil, err
	}
	doc := &Document{}
	p := rd.newParser(&doc.Blocks)
	if err := rd.parse("word/document.xml", p.token); err != nil {
		return nil, err
	}
	// One text per reference, so that the numbers the body shows count
	// them; a reference to a note that is not there keeps its number.
	for _, id := range p.noteRefs {
		doc.Footnotes = append(doc.Footnotes, notes[id])
	}
	doc.Images = rd.images
	return doc, nil
}

// reader holds the parts of one archive and what was read from them.
type reader struct {
	name       string
	parts      map[string]*zip.File
	styles     map[string]*style
	nums       map[string]*num
	abstracts  map[string]*abstractNum
	counters   map[string]*counter // by abstract numbering: Word continues a list across its instances
	started    map[string]bool     // numbering instances met so far, for their start overrides
	rels       map[string]string   // picture relationship id → its part
	images     []Image
	imageIndex map[string]int  // part → index in images
	imageNames map[string]bool // names given, lower case
	imageBytes uint64
}

// errDepth is returned for XML nested deeper than maxDepth.
var errDepth = errors.New("XML 嵌套过深")

// parse streams the XML part name, calling fn for each token with the
// nesting depth of the element it belongs to; fn returns skip for a start
// element whose content is to be passed over. A missing part is no error:
// styles, numbering and footnotes are optional.
func (rd *reader) parse(name string, fn func(t xml.Token, depth int) (skip bool, err error)) error {
	f := rd.parts[name]
	if f == nil {
		return nil
	}
	// The header's size is checked first so that a bomb is refused without
	// inflating it; archive/zip itself refuses an entry that inflates
	// beyond the size its header states, and the limit is a second guard.
	if f.UncompressedSize64 > MaxSize {
		return fmt.Errorf("%s 中的 %s 解压后超过 %d MB，不像是一份报告，未导入", rd.name, name, MaxSize>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s 中的 %s 无法读取：%v", rd.name, name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, MaxSize))
	depth, skipping := 0, 0
	for {
		t, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
			return fmt.Errorf("%s 已损坏：%s 解压出错（%v）", rd.name, name, err)
		}
		if err != nil {
			return fmt.Errorf("%s 已损坏：%s 不是有效的 XML（%v）", rd.name, name, err)
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return fmt.Errorf("%s 已损坏：%s %v", rd.name, name, errDepth)
			}
		case xml.EndElement:
			depth--
			if skipping > 0 {
				if depth < skipping {
					skipping = 0
				}
				continue
			}
		}
		if skipping > 0 {
			continue
		}
		at := depth
		if _, ok := t.(xml.EndElement); ok {
			at++
		}
		skip, err := fn(t, at)
		if err != nil {
			return fmt.Errorf("%s 已损坏：%s %v", rd.name, name, err)
		}
		if skip {
			skipping = depth
		}
	}
}

// attr is the value of the attribute local (any prefix) of e, or "".
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
