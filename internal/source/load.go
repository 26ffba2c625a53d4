package source

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"gongkai/internal/pool"
	"gongkai/internal/report"
	"gongkai/internal/route"
)

// ConfigFile and ContentDir are where a site keeps its configuration and text.
const (
	ConfigFile = "site.toml"
	ContentDir = "content"
	indexFile  = "_index.md"
	bundleFile = "index.md"
)

var yearDir = regexp.MustCompile(`^[12][0-9]{3}$`)

// Theme directories: a site's own templates and static files, which Load
// does not read but checks, since the build copies them: no symbolic links,
// only regular files, none larger than MaxAttachmentSize.
const (
	LayoutsDir = "layouts"
	StaticDir  = "static"
)

// Load reads the site in fsys, every text kept. On any error it returns
// every error found, as a List, and no site.
func Load(fsys fs.FS) (*report.Site, error) { return LoadWith(fsys, Options{TextBudget: -1}) }

// Options are the choices of one load.
type Options struct {
	// TextBudget is how many bytes of report text the site may hold: once
	// the reports read so far hold more, each further report lets go of
	// its texts as soon as they are read and checked (Report.DropTexts),
	// to be read again when its page is rendered (Report.Restore). A
	// negative budget keeps every text.
	TextBudget int64
	// PerReport takes this many bytes out of the text budget for each
	// report of the site: what a report's model holds besides its texts,
	// so that the budget bounds models and texts together, and a site
	// whose models alone fill it keeps no text. See Budget.
	PerReport int64
	// Loaded, when set, is called with each report as soon as it is read,
	// in the goroutine that read it, before anything of it is let go:
	// where a build runs the checks of one report (check.Own).
	Loaded func(cfg *report.Config, r *report.Report)
	// Dropping, when set, is called with each report beyond the text
	// budget just before it lets go of its texts, in the goroutine that
	// read it: where a one-shot build keeps them aside (see build).
	Dropping func(r *report.Report)
	// Shed makes each report beyond the text budget let go of its
	// indicator rows too, once Loaded has seen it (Report.Shed): a build
	// of a site too large to hold whole checks them in Loaded and reads
	// them again with the texts to render the page (Report.Restore).
	Shed bool
}

// Budget is the text budget of a site of n reports: TextBudget less
// PerReport for each, and never below 0; a negative TextBudget stays
// negative (every text kept).
func (o Options) Budget(n int) int64 {
	if o.TextBudget < 0 {
		return o.TextBudget
	}
	return max(0, o.TextBudget-int64(n)*o.PerReport)
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, opt Options) (*report.Site, error) {
	l := &loader{fsys: fsys, opt: opt, names: newInterner()}
	site := &report.Site{}
	l.config(&site.Config)
	l.cfg = &site.Config
	for _, dir := range []string{LayoutsDir, StaticDir} {
		l.noLinks(dir)
	}
	var entries []fs.DirEntry
	if l.notLinked(ContentDir) {
		var err error
		entries, err = fs.ReadDir(fsys, ContentDir)
		if errors.Is(err, fs.ErrNotExist) {
			l.errs.add(report.Pos{Path: ContentDir}, "缺少内容目录 content/（报告放在 content/年份/报告目录/ 下；可用 gongkai new site 创建站点）")
		} else if err != nil {
			l.fsError(ContentDir, "无法读取内容目录", err)
		}
	}
	for _, e := range entries {
		name, p := e.Name(), path.Join(ContentDir, e.Name())
		switch {
		case hidden(name):
		case e.Type()&fs.ModeSymlink != 0:
			l.symlink(p)
		case name == indexFile:
			l.page(p, &site.Home)
		case e.IsDir() && yearDir.MatchString(name):
			if y := l.year(p, name); y != nil {
				site.Years = append(site.Years, y)
			}
		default:
			l.errs.add(report.Pos{Path: p}, "content/ 下只能有 _index.md 和年份目录（如 2023/）")
		}
	}
	l.loadReports()
	if len(l.errs.list) > 0 {
		l.errs.list.Sort()
		return nil, l.errs.list
	}
	site.Index()
	return site, nil
}

// LoadReport reads the one report in dir ("content/2023/some-unit"), for a
// rebuild after its files changed. On any error it returns every error found,
// as a List, and no report.
func LoadReport(fsys fs.FS, dir string) (*report.Report, error) {
	l := &loader{fsys: fsys}
	year, err := strconv.Atoi(path.Base(path.Dir(dir)))
	if err != nil || !yearDir.MatchString(path.Base(path.Dir(dir))) || path.Dir(path.Dir(dir)) != ContentDir {
		return nil, List{{Pos: report.Pos{Path: dir}, Msg: "不是报告目录（应为 content/年份/报告名）"}}
	}
	// Load sees a linked folder in its year's listing; here the folder
	// and the folders above it are named, so look at each.
	var r *report.Report
	if l.notLinked(dir) {
		r = l.report(dir, year)
	}
	if len(l.errs.list) > 0 {
		l.errs.list.Sort()
		return nil, l.errs.list
	}
	return r, nil
}

type loader struct {
	fsys fs.FS
	opt  Options
	errs errs
	jobs []job        // report folders found, loaded by loadReports
	kept atomic.Int64 // bytes of report text kept so far
	cfg  *report.Config
	// names shares short strings among the reports of a whole load.
	names *interner
	// again is set when the files were read and checked before (Reread):
	// readSplit leaves their UTF-8 to Report.Restore's comparison.
	again bool
	// buf is where the files are read, when their texts are let go of
	// soon (Buffers); nil reads each into bytes of its own.
	buf *Buffers
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func (l *loader) config(c *report.Config) {
	data, found := l.readFile(ConfigFile, true)
	if !found {
		l.errs.add(report.Pos{Path: ConfigFile}, "缺少站点配置文件 site.toml（源目录中应有 site.toml、content/ 等；可用 gongkai new site 创建站点）")
		return
	}
	if data == nil {
		return
	}
	doc, e := split(ConfigFile, data)
	if e != nil {
		l.errs.list = append(l.errs.list, e)
		return
	}
	// site.toml is all TOML: present it as front matter starting at line 1.
	doc.fm, doc.fmLine = string(doc.body.Source), 1
	if l.decode(doc, c) {
		l.checkBaseURL(doc, c)
	}
}

// decode parses a document's front matter into v, a pointer to a struct.
func (l *loader) decode(doc *document, v any) bool {
	m, e := doc.parse()
	if e != nil {
		l.errs.list = append(l.errs.list, e)
		return false
	}
	before := len(l.errs.list)
	d := &decoder{ix: doc.index(), errs: &l.errs, names: l.names}
	d.table("", m, reflect.ValueOf(v).Elem())
	return len(l.errs.list) == before
}

// read reads and splits one Markdown file, which a directory listing has
// shown to be a file, not a link. The text must nest no deeper than
// MaxDepth, nor hold more inline work than MaxInlineWork.
func (l *loader) read(p string) *document {
	doc := l.readSplit(p, false)
	if doc == nil || !l.checkMarkdownDepth(doc) || !l.checkInlineWork(doc) {
		return nil
	}
	return doc
}

// readSplit reads one Markdown file and splits its front matter from its
// body. link says whether to look whether the file is a link first, when
// no directory listing has shown it is not (readFile).
func (l *loader) readSplit(p string, link bool) *document {
	data, found := l.readFile(p, link)
	if !found {
		l.errs.add(report.Pos{Path: p}, "无法读取：文件不存在（刚被删除？）")
		return nil
	}
	if data == nil {
		return nil
	}
	var doc *document
	var e *Error
	if l.again {
		doc, e = splitChecked(p, data, false)
	} else {
		doc, e = split(p, data)
	}
	if e != nil {
		l.errs.list = append(l.errs.list, e)
		return nil
	}
	return doc
}

// page reads an _index.md page.
func (l *loader) page(p string, pg *report.Page) {
	doc := l.read(p)
	if doc == nil {
		return
	}
	if doc.hasFM {
		l.decode(doc, pg)
	}
	pg.Body = doc.body
}

func (l *loader) year(dir, name string) *report.Year {
	n, _ := strconv.Atoi(name)
	y := &report.Year{Year: n}
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.fsError(dir, "无法读取年份目录", err)
		return nil
	}
	for _, e := range entries {
		name, p := e.Name(), path.Join(dir, e.Name())
		switch {
		case hidden(name):
		case e.Type()&fs.ModeSymlink != 0:
			l.symlink(p)
		case name == indexFile:
			l.page(p, &y.Page)
		case !e.IsDir():
			l.errs.add(report.Pos{Path: p}, "年份目录下只能有 _index.md 和报告目录")
		case !validID.MatchString(name):
			l.errs.add(report.Pos{Path: showPath(p)}, "报告目录名 %s 会成为网址的一部分，%s", quoteName(name), idRule)
		default:
			l.jobs = append(l.jobs, job{year: y, dir: p})
		}
	}
	return y
}

// job is a report folder to load.
type job struct {
	year *report.Year
	dir  string
	rep  *report.Report
	errs List
}

// loadReports loads the queued report folders, as many at once as there are
// CPUs: each with a loader of its own, so that errors are collected without
// locks and come out in folder order, as one loader would list them.
func (l *loader) loadReports() {
	budget := l.opt.Budget(len(l.jobs))
	pool.Each(len(l.jobs), func(i int) error {
		j := &l.jobs[i]
		sub := &loader{fsys: l.fsys, names: l.names}
		if budget == 0 {
			// No text is kept: each is let go of once checked, and its
			// bytes can hold the next report's. Every report is beyond a
			// budget of 0, so its buffers are handed back below: its
			// preface keeps index.md's front matter as blank lines, never
			// no bytes.
			sub.buf = new(Buffers)
		}
		j.rep = sub.report(j.dir, j.year.Year)
		j.errs = sub.errs.list
		r := j.rep
		if r == nil {
			sub.buf.Release()
			return nil
		}
		if l.opt.Loaded != nil {
			l.opt.Loaded(l.cfg, r)
		}
		if budget >= 0 && l.kept.Add(r.TextSize()) > budget {
			if l.opt.Dropping != nil {
				l.opt.Dropping(r)
			}
			r.DropTexts()
			sub.buf.Release()
			if l.opt.Shed {
				r.Shed()
			}
		}
		return nil
	})
	for _, j := range l.jobs {
		l.errs.list = append(l.errs.list, j.errs...)
		if j.rep != nil {
			j.year.Reports = append(j.year.Reports, j.rep)
		}
	}
	l.jobs = nil
}

// report reads one report bundle, a folder that is not a link.
func (l *loader) report(dir string, year int) *report.Report {
	before := len(l.errs.list)
	r := &report.Report{Slug: path.Base(dir), Dir: dir}
	indexPath := path.Join(dir, bundleFile)
	hasIndex, readable := false, true
	var sections []string
	err := fs.WalkDir(l.fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				readable = false
			}
			l.fsError(p, "无法读取目录", err)
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		switch {
		case p == dir:
		case hidden(e.Name()):
			if e.IsDir() {
				return fs.SkipDir
			}
		case l.refusedName(p, e):
			if e.IsDir() {
				return fs.SkipDir
			}
		case e.IsDir():
		case p == indexPath:
			hasIndex = true
		case path.Dir(p) == dir && path.Ext(p) == ".md":
			sections = append(sections, p)
		case route.Generated(rel):
			l.errs.add(report.Pos{Path: p}, "附件不能命名为 %s：生成的报告页面会用到这个文件名（以及 data/ 目录），请改名", rel)
		case l.refusedFile(p, e, "附件"):
		default:
			r.Attachments = append(r.Attachments, rel)
		}
		return nil
	})
	if err != nil {
		l.fsError(dir, "无法读取报告目录", err)
	}
	// An unreadable folder has been reported; that it seems to lack an
	// index.md would only mislead.
	if !readable {
		return nil
	}
	if !hasIndex {
		if len(l.errs.list) == before { // not a link, say
			l.errs.add(report.Pos{Path: dir}, "报告目录缺少 index.md")
		}
		return nil
	}
	if doc := l.read(indexPath); doc != nil {
		if !doc.hasFM {
			l.errs.add(report.Pos{Path: indexPath, Line: 1, Col: 1}, "缺少 front matter：文件应以 “+++” 行开始，写明 title、year、org 等")
		} else {
			if l.decode(doc, r) {
				if r.Year != year {
					l.errs.add(l.keyPos(doc, "year"), "year = %d 与所在的年份目录 %d 不一致", r.Year, year)
				}
				if !validID.MatchString(r.OrgID) {
					l.errs.add(valuePos(doc, "org_id"), "org_id %s 会成为单位页网址的一部分，%s", quoteName(r.OrgID), idRule)
				}
			}
			l.checkIDs(doc, &r.Data)
		}
		r.Pos = report.Pos{Path: indexPath}
		r.Keys = topKeys(doc, l.names)
		r.Preface = doc.body
		doc.release()
	}
	// The sections are made together, as the decoder makes the tables of
	// an array: they live as long as the report.
	all := make([]report.Section, len(sections))
	for i, p := range sections {
		if s := l.section(p, &all[i]); s != nil {
			r.Sections = append(r.Sections, s)
		}
	}
	slices.Sort(r.Attachments)
	l.uniqueBlocks(r)
	if len(l.errs.list) > before {
		return nil
	}
	r.SortSections()
	r.Derive()
	return r
}

// topKeys is where a document's front matter writes each top-level key,
// sorted by name for Report.Where.
func topKeys(doc *document, names *interner) []report.Key {
	if !doc.hasFM {
		return nil
	}
	var keys []report.Key
	for key, pos := range doc.index().pos {
		if key != "" && !strings.ContainsAny(key, ".[") {
			keys = append(keys, report.Key{Name: names.str(key), Line: int32(pos.Line), Col: int32(pos.Col)})
		}
	}
	slices.SortFunc(keys, func(a, b report.Key) int { return strings.Compare(a.Name, b.Name) })
	return slices.Clip(keys)
}

func (l *loader) keyPos(doc *document, key string) report.Pos {
	return doc.index().find(key)
}

// section reads the section file p into s, the place its report keeps for
// it, and returns s; nil when the file is not a section.
func (l *loader) section(p string, s *report.Section) *report.Section {
	doc := l.read(p)
	if doc == nil {
		return nil
	}
	defer doc.release()
	*s = report.Section{ID: strings.TrimSuffix(path.Base(p), ".md"), Pos: report.Pos{Path: p}, Body: doc.body}
	if !doc.hasFM {
		l.errs.add(report.Pos{Path: p, Line: 1, Col: 1}, "缺少 front matter：章节文件应以 “+++” 行开始，至少写明 title")
		return nil
	}
	ok := l.decode(doc, s)
	l.checkIDs(doc, &s.Data)
	if !ok {
		return nil
	}
	s.Pos = report.Pos{Path: p}
	return s
}

// uniqueBlocks rejects two data blocks with one id: charts and links name
// blocks by id within a report.
func (l *loader) uniqueBlocks(r *report.Report) {
	seen := map[string]report.Pos{}
	for _, b := range r.Blocks() {
		if first, ok := seen[b.BlockID()]; ok {
			l.errs.add(b.Position(), "数据块 id %q 重复，已在 %s 使用", b.BlockID(), first)
			continue
		}
		seen[b.BlockID()] = b.Position()
	}
}

// notLinked reports whether dir, a slash path, and every folder above it are
// no symbolic links; it reports the first that is. A folder that cannot be
// looked at is left for the read that follows to report.
func (l *loader) notLinked(dir string) bool {
	for i := 0; i <= len(dir); i++ {
		if i < len(dir) && dir[i] != '/' {
			continue
		}
		info, err := fs.Lstat(l.fsys, dir[:i])
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			l.symlink(dir[:i])
			return false
		}
		if errors.Is(err, ErrSymlink) {
			l.fsError(dir[:i], "", err)
			return false
		}
	}
	return true
}

// noLinks reports every symbolic link in the theme folder dir, if there is
// one: the build copies static/ and reads layouts/ as they are, and must
// not copy what a link points at. Hidden files it does not copy, and so
// skips; hidden folders it does copy.
func (l *loader) noLinks(dir string) {
	info, err := fs.Lstat(l.fsys, dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err != nil:
		l.fsError(dir, "无法读取目录", err)
		return
	case info.Mode()&fs.ModeSymlink != 0:
		l.symlink(dir)
		return
	case !info.IsDir():
		return
	}
	fs.WalkDir(l.fsys, dir, func(p string, e fs.DirEntry, err error) error {
		switch {
		case err != nil:
			l.fsError(p, "无法读取目录", err)
		case hidden(e.Name()):
			// Not copied (render skips dot files), and editors' lock
			// files are links.
		case l.refusedName(p, e):
			if e.IsDir() {
				return fs.SkipDir
			}
		case !e.IsDir():
			l.refusedFile(p, e, "")
		}
		return nil
	})
}

// refusedName reports, and says why, an entry of a folder the build
// publishes from that is a symbolic link or whose name cannot be part of
// the site's addresses.
func (l *loader) refusedName(p string, e fs.DirEntry) bool {
	switch {
	case e.Type()&fs.ModeSymlink != 0:
		l.symlink(p)
	case badName(e.Name()) != "":
		l.errs.add(report.Pos{Path: showPath(p)}, "文件名 %s %s：它会成为网址的一部分，请改名", quoteName(e.Name()), badName(e.Name()))
	default:
		return false
	}
	return true
}

// refusedFile reports, and says why, a file the build would copy as it is
// (what names it: an attachment, or "" for a theme file) that is not a
// regular file or is larger than MaxAttachmentSize.
func (l *loader) refusedFile(p string, e fs.DirEntry, what string) bool {
	if !e.Type().IsRegular() {
		l.errs.add(report.Pos{Path: p}, "%s不是普通文件（%s）：只能发布普通文件", what, e.Type())
		return true
	}
	if info, err := e.Info(); err == nil && info.Size() > MaxAttachmentSize {
		l.errs.add(report.Pos{Path: p}, "%s过大（%d 字节，上限 %d 字节，即 %d MiB）：请压缩或拆分后再发布", cmp.Or(what, "文件"), info.Size(), int64(MaxAttachmentSize), MaxAttachmentSize>>20)
		return true
	}
	return false
}
