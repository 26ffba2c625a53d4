package check

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"gongkai/internal/markdown"
	"gongkai/internal/report"
	"gongkai/internal/route"
)

// Links checks the internal links of every report's text against out.
//
// Each link and image of a report's preface and sections is resolved as a
// browser would from the report's page, YEAR/SLUG/index.html:
//
//   - A link with a scheme (https:, mailto:, tel: …) or a protocol-relative
//     one (//host/…) leads out of the site and is not checked; neither is
//     an empty one, which leads to the page itself.
//   - A relative path, percent-encoded or not, must name a file the build
//     wrote; one ending in "/", or naming a folder with an index.html,
//     names that index.html. A file in the report's own folder that is not
//     a page is an attachment: ATTACHMENT-MISSING when it is not there.
//     Anything else that is not there is LINK-BROKEN, and so is a path
//     that leaves the site's root.
//   - A fragment, alone ("#x") or after a page, must be the id of an
//     element of that page, percent-encoded or not (LINK-BROKEN). A
//     fragment of a file that is not a page, such as a PDF's #page=2, is
//     not checked.
//   - An absolute path ("/x") is LINK-BROKEN whether or not it exists: the
//     site's links are relative, so that it works under a portal's
//     sub-path and opened from file://.
//
// A report whose page is not in out is skipped: there is nothing to check
// its links against. The findings are silenced as Site's are, and sorted.
//
// The links are those the render step read off the reports' texts.
func Links(site *report.Site, links *TextLinks, out *Output) []Finding {
	pages := map[string]*report.Report{}
	for _, r := range site.Reports() {
		pages[pageOf(r)] = r
	}
	var fs []Finding
	for _, r := range site.Reports() {
		lc := &linkCheck{r: r, page: pageOf(r), out: out, pages: pages, add: func(f Finding) { fs = append(fs, f) }}
		if !out.Has(lc.page) {
			continue
		}
		lc.dir = path.Dir(lc.page)
		lc.text(links, r.Preface)
		for _, s := range r.Sections {
			lc.text(links, s.Body)
		}
	}
	fs = Silence(site, fs)
	Sort(fs)
	return fs
}

// TextLinks are the links of the texts of a site's reports, by the path
// of the file each text is in. Once shared, it is not changed: Without
// makes a copy for a rebuild to Add to.
type TextLinks struct {
	byPath map[string][]markdown.Link
}

// Without is tl less the links of the texts of reps.
func (tl *TextLinks) Without(reps []*report.Report) *TextLinks {
	out := &TextLinks{byPath: maps.Clone(tl.byPath)}
	for _, r := range reps {
		delete(out.byPath, r.Preface.Pos.Path)
		for _, s := range r.Sections {
			delete(out.byPath, s.Body.Pos.Path)
		}
	}
	return out
}

// Add adds the links of other to tl, other winning for a text both have.
func (tl *TextLinks) Add(other *TextLinks) {
	maps.Copy(tl.byPath, other.byPath)
}

// NewTextLinks returns the links of texts, by the path of the file each
// text is in, as the render step read them off the parse of each text
// (markdown.Facts.Links). The map is the TextLinks' own from then on.
func NewTextLinks(byPath map[string][]markdown.Link) *TextLinks {
	return &TextLinks{byPath: byPath}
}

// pageOf is the output name of a report's page.
func pageOf(r *report.Report) string { return route.Report(r.Year, r.Slug) }

// linkCheck checks the links of one report.
type linkCheck struct {
	r     *report.Report
	page  string // its output name
	dir   string // the folder of page, against which links resolve
	out   *Output
	pages map[string]*report.Report // every report by its page
	add   func(Finding)
}

func (lc *linkCheck) text(links *TextLinks, t report.Text) {
	for _, l := range links.byPath[t.Pos.Path] {
		code, msg, hint := lc.link(l)
		if code == "" {
			continue
		}
		// The text keeps its file's lines; Pos.Line is where it starts.
		pos := report.Pos{Path: t.Pos.Path, Line: l.Line + max(t.Pos.Line, 1) - 1, Col: l.Col}
		lc.add(Finding{Code: code, Severity: Error, Pos: pos, Report: lc.r.Dir, Message: msg, Hint: hint})
	}
}

// The codes of the link checks.
const (
	codeLinkBroken        = "LINK-BROKEN"
	codeAttachmentMissing = "ATTACHMENT-MISSING"
)

// link checks one link; a zero code means it resolves.
func (lc *linkCheck) link(l markdown.Link) (code, msg, hint string) {
	dest := l.Dest
	if dest == "" || external(dest) {
		return "", "", ""
	}
	what := "链接"
	if l.Image {
		what = "图片"
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	target := lc.page
	if p != "" {
		if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) {
			return codeLinkBroken,
				fmt.Sprintf("%s“%s”是绝对路径：站点放在门户的子路径下或从 file:// 打开时，它会指向别处", what, dest),
				fmt.Sprintf("站点只用相对链接，从本页算起应写“%s”", strings.Repeat("../", strings.Count(lc.page, "/"))+strings.TrimLeft(dest, `/\`))
		}
		rel := unescape(p)
		joined := path.Join(lc.dir, rel)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return codeLinkBroken,
				fmt.Sprintf("%s“%s”超出了站点的根目录", what, dest),
				fmt.Sprintf("相对链接从本报告页面所在的 %s/ 算起，回到站点根目录是“%s”", lc.dir, strings.Repeat("../", strings.Count(lc.page, "/")))
		}
		var ok bool
		if target, ok = lc.file(rel, joined); !ok {
			return lc.missing(what, rel, target)
		}
	}
	if frag == "" || !isPage(target) || lc.hasID(target, frag) {
		return "", "", ""
	}
	if target == lc.page {
		msg = fmt.Sprintf("%s的锚点“#%s”在本页不存在", what, frag)
	} else {
		msg = fmt.Sprintf("%s的锚点“#%s”在 %s 中不存在", what, frag, target)
	}
	return codeLinkBroken, msg, lc.anchorHint(target, unescape(frag))
}

// external reports whether dest leads out of the site: it has a scheme
// (RFC 3986: a letter, then letters, digits, '+', '-' or '.', then ':'),
// or starts with "//".
func external(dest string) bool {
	if strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, `\\`) {
		return true
	}
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// unescape decodes percent-encoding, which Markdown authors may or may not
// use for a Chinese file name: the page's href is percent-encoded either
// way and the browser decodes it. A '%' that does not start an escape is
// written as %25 in the href, so it stands for itself.
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// file resolves the link path rel, joined to the page's folder, to the
// file it names in the output, and reports whether there is one.
func (lc *linkCheck) file(rel, joined string) (string, bool) {
	if rel == "." || rel == ".." || strings.HasSuffix(rel, "/") || strings.HasSuffix(rel, "/.") || strings.HasSuffix(rel, "/..") {
		name := path.Join(joined, "index.html")
		return name, lc.out.Has(name)
	}
	if lc.out.Has(joined) {
		return joined, true
	}
	// A folder written without its index.html, such as ../2022/unit.
	if name := joined + "/index.html"; lc.out.Has(name) {
		return name, true
	}
	return joined, false
}

// missing is the finding of a link whose file, name in the output, is not
// there; rel is the link's path as written, percent-decoded.
func (lc *linkCheck) missing(what, rel, name string) (code, msg, hint string) {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".md" {
		hint = "Markdown 文件不是网页；链接报告请写它的 index.html"
		if s := lc.section(strings.TrimSuffix(path.Base(name), path.Ext(name))); s != "" && path.Dir(name) == lc.dir {
			hint = fmt.Sprintf("章节不是单独的网页；链接本报告的章节请写“#%s”", s)
		}
		return codeLinkBroken, fmt.Sprintf("%s的目标“%s”不存在", what, rel), hint
	}
	if strings.HasPrefix(name, lc.dir+"/") && ext != "" && !isPage(name) {
		hint = fmt.Sprintf("把附件放进报告目录 %s/，或改正文件名", lc.r.Dir)
		for _, a := range lc.r.Attachments {
			if strings.EqualFold(a, strings.TrimPrefix(name, lc.dir+"/")) {
				hint = fmt.Sprintf("报告目录里有“%s”，大小写不同；网站服务器区分大小写，请改正文件名", a)
				break
			}
		}
		return codeAttachmentMissing, fmt.Sprintf("引用的附件“%s”不存在", rel), hint
	}
	return codeLinkBroken, fmt.Sprintf("%s的目标“%s”不存在", what, rel),
		fmt.Sprintf("相对链接从本报告页面所在的 %s/ 算起，指向 %s，生成的站点里没有这个文件", lc.dir, name)
}

// section returns the anchor of this report's section id on its page, or "".
func (lc *linkCheck) section(id string) string {
	anchors := route.SectionAnchors(lc.r.SectionIDs())
	for i, s := range lc.r.Sections {
		if s.ID == id {
			return anchors[i]
		}
	}
	return ""
}

// hasID reports whether the page has the fragment's element, as a browser
// finds it: the fragment as written or percent-decoded, and "top", which
// is the top of any page.
func (lc *linkCheck) hasID(page, frag string) bool {
	if lc.out.HasID(page, frag) || strings.EqualFold(frag, "top") {
		return true
	}
	u := unescape(frag)
	return u != frag && lc.out.HasID(page, u)
}

// anchorHint suggests the page's ids that are close to frag, or else its
// section anchors.
func (lc *linkCheck) anchorHint(page, frag string) string {
	type near struct {
		id   string
		dist int
	}
	var nears []near
	limit := max(2, utf8.RuneCountInString(frag)/3)
	for _, id := range lc.out.IDs(page) {
		d := distance(frag, id)
		if d <= limit || strings.Contains(id, frag) || strings.Contains(frag, id) && utf8.RuneCountInString(id) >= 4 {
			nears = append(nears, near{id, d})
		}
	}
	slices.SortStableFunc(nears, func(a, b near) int { return a.dist - b.dist })
	var ids []string
	for _, n := range nears[:min(len(nears), 3)] {
		ids = append(ids, "#"+n.id)
	}
	if len(ids) > 0 {
		return "相近的锚点：" + strings.Join(ids, "、")
	}
	if r := lc.pages[page]; r != nil {
		for _, a := range route.SectionAnchors(r.SectionIDs()) {
			ids = append(ids, "#"+a)
		}
	}
	switch {
	case len(ids) == 0:
		return ""
	case page == lc.page:
		return "本页的章节锚点：" + strings.Join(ids, "、")
	}
	return "该页的章节锚点：" + strings.Join(ids, "、")
}

// distance is the Levenshtein distance between a and b, in characters.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
