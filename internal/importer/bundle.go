// Package importer turns the report a unit already has into a report
// bundle (gongkai import): index.md with its metadata and preface, and one
// NN-*.md file per top-level section, every character of the text kept. It
// reads Word documents (.docx, through internal/docx), saved web pages
// (.html), PDF (through poppler's pdftotext) and plain text (.txt, .md),
// and turns budget statements, counts, year-on-year figures, rates and
// tables into draft data blocks (figures.go, tables.go, yoy.go).
package importer

import (
	"fmt"
	"path/filepath"
	"strings"

	"gongkai/internal/report"
	"gongkai/internal/scaffold"
	"gongkai/internal/source"
)

// standard are the nine sections of a 部门整体支出绩效自评报告 with the file
// names gongkai new report and the sample use.
var standard = []struct{ file, title string }{
	{"01-basic.md", "一、基本情况"},
	{"02-general-budget.md", "二、一般公共预算支出情况"},
	{"03-government-funds.md", "三、政府性基金预算支出情况"},
	{"04-state-capital.md", "四、国有资本经营预算支出情况"},
	{"05-social-insurance.md", "五、社会保险基金预算支出情况"},
	{"06-performance.md", "六、部门整体支出绩效情况"},
	{"07-problems.md", "七、存在的问题及原因分析"},
	{"08-measures.md", "八、下一步改进措施"},
	{"09-self-evaluation.md", "九、绩效自评结果及其他需要说明的情况"},
}

// Bundle is a report ready to be written: its folder and files.
type Bundle struct {
	Dir      string            // content/YEAR/SLUG under the site
	Title    string            // the report's title
	Files    map[string][]byte // slash paths under Dir
	Sections []Placed          // the sections, in order
	Standard bool              // the sections are the nine standard ones
	Notes    []string          // what the import report should tell
	Blocks   []Placed          // data blocks found, with the file each went to
	Missed   []string          // "FILE:LINE" of figures not read as data blocks
}

// Placed is a section of the document and the file it went to.
type Placed struct {
	File     string
	Title    string // the title written
	Original string // the heading as the document wrote it
	Line     int
	Block    *Block // for a data block: the block
}

// Make checks m, fills in what the document says, and lays out the
// bundle. Flags (non-empty fields of m) win over the document. The org id
// and the year name the bundle's folder: without them it is an error
// asking for the flag. An org or money unit neither given nor found is
// written as a placeholder that check refuses: import never invents one.
func Make(src string, t *Text, d *Document, m Meta) (*Bundle, error) {
	b := &Bundle{Files: map[string][]byte{}}
	if t.Converted != "" {
		b.Notes = append(b.Notes, fmt.Sprintf("已从 %s 转换为 UTF-8", t.Converted))
	}
	b.Notes = append(b.Notes, t.Notes...)
	if m.Published == "" {
		m.Published = t.Published
	}
	if m.Year == "" {
		var how string
		m.Year, how = FindYear(d.Title, t.Body, m.Published)
		if how != "" {
			b.Notes = append(b.Notes, how)
		}
	}
	if m.Org == "" {
		m.Org = TitleOrg(d.Title)
	}
	if m.Unit == "" {
		m.Unit = TextUnit(t.Body)
	}
	var err error
	switch {
	case m.OrgID == "":
		err = fmt.Errorf("请用 --org-id 给出单位标识（小写英文字母、数字和连字符，各年度相同），如 --org-id yanling-traffic-police")
	case !source.ValidID(m.OrgID):
		err = fmt.Errorf("单位标识 --org-id %q 会成为单位页网址的一部分，%s", m.OrgID, source.IDRule)
	case m.Year == "":
		// The year names the bundle's folder, so it cannot be left as a
		// placeholder to fill in later.
		err = fmt.Errorf("%s：标题、“截至××××年12月31日”和发布日期都没有给出年度，请用 --year 给出，如 --year 2023", t.Name)
	case !source.ValidYear(m.Year):
		err = fmt.Errorf("年度 %q 应为四位数字，如 2023", m.Year)
	case m.Unit != "" && m.Unit != "万元" && m.Unit != "元":
		err = fmt.Errorf("金额单位 --unit 只能是 万元 或 元，不能是 %q", m.Unit)
	}
	if err != nil {
		return nil, UsageError{err}
	}
	// What neither the document nor a flag gives is written as a
	// placeholder that check refuses (PLACEHOLDER), never guessed.
	if m.Org == "" {
		m.Org = report.Placeholder("单位全称")
		b.Notes = append(b.Notes, "标题中没有找到单位名称，index.md 的 org 写了占位，请填写（或重新导入时用 --org 给出）")
	}
	if m.Unit == "" {
		m.Unit = report.Placeholder("金额单位，万元或元")
		b.Notes = append(b.Notes, "原文中没有找到金额单位，index.md 的 unit 写了占位，请填写（或重新导入时用 --unit 给出）")
	}
	if len(d.Sections) == 0 {
		return nil, fmt.Errorf("%s：没有找到“一、”“二、”这样的一级标题，无法分章；请检查原文的章节编号", t.Name)
	}
	if m.Slug == "" {
		m.Slug = m.OrgID
	}
	if !source.ValidID(m.Slug) {
		return nil, UsageError{fmt.Errorf("报告目录名 --slug %q 会成为网址的一部分，%s", m.Slug, source.IDRule)}
	}
	b.Dir = filepath.Join(src, source.ContentDir, m.Year, m.Slug)
	b.Title = d.Title
	if b.Title == "" {
		b.Title = m.Year + "年度" + m.Org + "整体支出绩效自评报告"
		b.Notes = append(b.Notes, "原文没有标题，已按年度和单位写成“"+b.Title+"”，请核对")
	}
	b.Files["index.md"] = index(b.Title, m, d.Preface)

	b.Standard = len(d.Sections) == len(standard)
	for i, s := range d.Sections {
		if b.Standard && standardIndex(s.Title) != i {
			b.Standard = false
		}
	}
	figs := NewFigures(filepath.Base(t.Name), m.Unit)
	for i, s := range d.Sections {
		p := Placed{File: fmt.Sprintf("%02d-section.md", i+1), Title: s.Title, Original: s.Title, Line: s.Line}
		if b.Standard {
			p.File, p.Title = standard[i].file, standard[i].title
		}
		b.Sections = append(b.Sections, p)
		blocks := figs.Find(s.Body)
		for _, k := range blocks {
			b.Blocks = append(b.Blocks, Placed{File: p.File, Title: k.Title, Block: &k})
		}
		b.Files[p.File] = section(p, blocks, s.Body)
	}
	b.Missed = figs.Missed
	for _, f := range t.Files {
		if _, taken := b.Files[f.Name]; taken {
			continue // pictures are named imageN.ext, never like a section
		}
		b.Files[f.Name] = f.Data
		b.Notes = append(b.Notes, fmt.Sprintf("图片 %s（%d 字节）已作为附件保存在报告目录中", f.Name, len(f.Data)))
	}
	return b, nil
}

// index writes index.md: the metadata, then the preface.
func index(title string, m Meta, preface []Line) []byte {
	var w strings.Builder
	w.WriteString("+++\n# 由 gongkai import 从原文导入，请与原文核对。\n")
	fmt.Fprintf(&w, "title = %s\nyear = %s\norg = %s\norg_id = %s\n", scaffold.TOMLString(title), m.Year, scaffold.TOMLString(m.Org), scaffold.TOMLString(m.OrgID))
	fmt.Fprintf(&w, "unit = %s\n", scaffold.TOMLString(m.Unit))
	if m.Published != "" {
		fmt.Fprintf(&w, "published = %s\n", m.Published)
	}
	w.WriteString("+++\n")
	writeBody(&w, preface, nil)
	return []byte(w.String())
}

// section writes a section file. A heading whose standard title differs
// from the document's is kept as written in a comment, so that no
// character of the original is lost.
func section(p Placed, blocks []Block, body []Line) []byte {
	var w strings.Builder
	fmt.Fprintf(&w, "+++\ntitle = %s\n", scaffold.TOMLString(p.Title))
	if p.Original != p.Title {
		fmt.Fprintf(&w, "# 原文标题：%s\n", p.Original)
	}
	for _, k := range blocks {
		w.WriteString(k.TOML)
	}
	w.WriteString("+++\n")
	writeBody(&w, body, blocks)
	return []byte(w.String())
}

// writeBody writes each line as a paragraph or a heading, a blank line
// between them, and after the paragraph or table each drawable block came
// from, a chart fence that places the block there: the chart stands beside
// the text that states its figures, not at the end of the section.
func writeBody(w *strings.Builder, lines []Line, blocks []Block) {
	next := 0
	for i, l := range lines {
		// The rows of a Markdown table (from a .docx) stay on adjacent
		// lines, or they would not be one table.
		if i == 0 || !strings.HasPrefix(l.Text, "|") || !strings.HasPrefix(lines[i-1].Text, "|") {
			w.WriteString("\n")
		}
		if l.Level > 0 {
			w.WriteString(strings.Repeat("#", l.Level) + " ")
		}
		w.WriteString(l.Text)
		w.WriteString("\n")
		for ; next < len(blocks) && blocks[next].At <= i; next++ {
			if blocks[next].Chart {
				fmt.Fprintf(w, "\n```chart\ndata = %s\n```\n", scaffold.TOMLString(blocks[next].ID))
			}
		}
	}
}

// UsageError is an error the command line can fix: a flag missing or wrong.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }
