package report

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"iter"
	"slices"

	"gongkai/internal/decimal"
)

// Pos is a place in a source file. Line and Col count from 1; Col counts
// characters, not bytes. A zero Line means the whole file.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Date is a calendar date without a time zone, as TOML's local date.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// String is the ISO form, 2024-04-30.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Chinese is the form a Chinese reader expects, 2024年4月30日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Site is a whole source tree.
type Site struct {
	Config Config
	Home   Page
	Years  []*Year // newest first
	Orgs   []*Org  // by OrgID
	// replacement and supersedes join reports by superseded_by, within
	// this site: Index makes them, so that reports shared by two sites
	// (a clone, an archive of one year) are never written to.
	replacement map[*Report]*Report
	supersedes  map[*Report][]*Report
}

// Config is site.toml.
type Config struct {
	Title       string    `toml:"title,required"`
	Language    string    `toml:"language"`
	BaseURL     string    `toml:"base_url"`
	Description string    `toml:"description"`
	Footer      Footer    `toml:"footer"`
	Check       SiteCheck `toml:"check"`
}

// SiteCheck configures the checks for the whole site ([check] in site.toml).
type SiteCheck struct {
	// RequiredSections are the section titles every report must have,
	// matched without their numbering and punctuation; nil means the nine
	// of a 部门整体支出绩效自评报告.
	RequiredSections []string `toml:"required_sections"`
	// TemplatePatterns is the text that marks template text left in a
	// report; nil means the built-in list.
	TemplatePatterns []string `toml:"template_patterns"`
	// Ignore silences finding codes in every report.
	Ignore []string `toml:"ignore"`
}

// ReportCheck silences finding codes in one report ([check] in index.md),
// with the reason, which the report's page does not show but a reviewer reads.
type ReportCheck struct {
	Ignore []string `toml:"ignore"`
	Reason string   `toml:"reason"`
}

// Footer holds the identifiers a government portal must show (GB/T 和 国办
// 政府网站规范): each is shown only when set.
type Footer struct {
	Sponsor  string `toml:"sponsor"`   // 主办单位
	SiteCode string `toml:"site_code"` // 网站标识码
	ICP      string `toml:"icp"`       // ICP备案号
	Police   string `toml:"police"`    // 公安机关备案号
}

// IsZero reports whether no identifier is set, so the footer shows none.
func (f Footer) IsZero() bool { return f == Footer{} }

// Text is Markdown source and where it starts, so later steps can point at
// lines in the original file.
//
// A large site lets go of a report's texts as soon as they are read and
// checked, and reads them again only to render the report, so that a
// build of fifty thousand reports never holds all their text (see
// Report.DropTexts and Report.RestoreTexts): Source is then nil and
// Dropped set, and Size and Sum say what it was.
type Text struct {
	Pos    Pos // the line the body starts on
	Source []byte
	// Dropped is set when Source was let go; Blank then keeps what
	// IsBlank said of it.
	Dropped bool
	Blank   bool
	// Size and Sum are the length and hash of Source, so that a text read
	// again can be told from one that changed meanwhile. Sum is of this
	// process only (its seed is random): it is never written anywhere.
	Size int
	Sum  uint64
}

// NewText is the text source starting at pos.
func NewText(pos Pos, source []byte) Text {
	return Text{Pos: pos, Source: source, Size: len(source), Sum: sum(source)}
}

// sumSeed is the seed of every Text's Sum in this process.
var sumSeed = maphash.MakeSeed()

// sum is the hash of b. maphash reads 8 bytes at a time where the FNV-1a
// used before read one: every text of a large site is hashed twice, once
// read and once read again, and FNV-1a took 1.9 s of the 20,000-report
// build.
func sum(b []byte) uint64 { return maphash.Bytes(sumSeed, b) }

// IsBlank reports whether the text has nothing but white space.
func (t Text) IsBlank() bool {
	if t.Dropped {
		return t.Blank
	}
	for _, b := range t.Source {
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	return true
}

// drop lets go of the source, remembering whether it was blank.
func (t *Text) drop() {
	if !t.Dropped {
		t.Blank, t.Source, t.Dropped = t.IsBlank(), nil, true
	}
}

// Texts yields the report's texts in order: the preface, then each
// section's body.
func (r *Report) Texts() iter.Seq[*Text] {
	return func(yield func(*Text) bool) {
		if !yield(&r.Preface) {
			return
		}
		for _, s := range r.Sections {
			if !yield(&s.Body) {
				return
			}
		}
	}
}

// DropTexts lets go of the preface and section texts, once nothing needs
// them any more.
func (r *Report) DropTexts() {
	for t := range r.Texts() {
		t.drop()
	}
}

// TextSize is how many bytes the report's texts hold, or held before they
// were let go: what a text budget counts.
func (r *Report) TextSize() int64 {
	var n int64
	for t := range r.Texts() {
		n += int64(t.Size)
	}
	return n
}

// TextsDropped reports whether any of the report's texts was let go.
func (r *Report) TextsDropped() bool {
	for t := range r.Texts() {
		if t.Dropped {
			return true
		}
	}
	return false
}

// IsShed reports whether Shed let go of the report's indicator rows.
func (r *Report) IsShed() bool { return r.shed }

// Whole reports whether the report holds all it was read with: neither
// its texts nor its indicator rows nor its data blocks were let go.
func (r *Report) Whole() bool { return !r.shed && r.blocks == nil && !r.TextsDropped() }

// Restore gives the report back what DropTexts, Shed and ShedBlocks let go
// of: its texts from again, the same report's texts read again from its
// files, and its indicator rows and data blocks from their packed bytes.
// It returns the path of the first text that is not what was read before
// (the file changed since), and gives back nothing then.
func (r *Report) Restore(again *Report) (changed string, ok bool) {
	if len(again.Sections) != len(r.Sections) {
		return r.Pos.Path, false
	}
	ours, theirs := slices.Collect(r.Texts()), slices.Collect(again.Texts())
	for i, t := range ours {
		if t.Size != theirs[i].Size || t.Sum != theirs[i].Sum {
			return theirs[i].Pos.Path, false
		}
	}
	if r.blocks != nil {
		if err := r.unpackBlocks(); err != nil {
			return r.Pos.Path, false
		}
	}
	if r.shed {
		if err := r.unpackRows(); err != nil {
			// The rows were dropped for good (DropRows): a report of a
			// one-shot build is not rendered twice. The blocks stay
			// packed, as they were.
			if r.blocks != nil {
				r.dropBlocks()
			}
			return r.Pos.Path, false
		}
		r.shed = false
	}
	r.blocks = nil
	for i, t := range ours {
		t.Source, t.Dropped = theirs[i].Source, false
	}
	return "", true
}

// Page is a plain text page: the home page or a year's overview.
type Page struct {
	Title string `toml:"title"`
	Body  Text   `toml:"-"`
}

// Year is one fiscal year's folder.
type Year struct {
	Year    int
	Page    Page      // content/YYYY/_index.md, if any
	Reports []*Report // by org, then slug
}

// Org is one reporting unit across years, joined by org_id.
type Org struct {
	ID      string
	Name    string    // the newest report's org name
	Reports []*Report // newest first
}

// Report is one published report: a folder of Markdown files.
type Report struct {
	Slug      string `toml:"-"`
	Dir       string `toml:"-"` // its source folder, slash-separated
	Pos       Pos    `toml:"-"` // index.md
	Title     string `toml:"title,required"`
	Year      int    `toml:"year,required"`
	Org       string `toml:"org,required"`
	OrgID     string `toml:"org_id,required"`
	Region    string `toml:"region"`
	Unit      string `toml:"unit,required"`
	Published Date   `toml:"published"`
	// Score and Grade are the self-evaluation's total and band as the
	// original states them, checked against the indicator table.
	Score *decimal.Dec `toml:"score"`
	Grade string       `toml:"grade"`
	Check ReportCheck  `toml:"check"`
	// Withdrawn marks a report taken back. It stays published, with the
	// notice: disclosures are never silently deleted.
	Withdrawn *Withdrawal `toml:"withdrawn"`
	// SupersededBy names the report that replaces this one, as
	// "YEAR/slug"; Site.Replacement resolves it within a site.
	SupersededBy string `toml:"superseded_by"`
	Data
	Preface     Text       `toml:"-"`
	Keys        []Key      `toml:"-"` // where index.md writes each of its own keys, by name
	Sections    []*Section `toml:"-"`
	Attachments []string   `toml:"-"` // file names beside index.md, sorted

	// shed is set once Shed let go of what only the report's page needs;
	// drafts is then what HasDrafts said.
	shed, drafts bool
	// rows are the indicator rows packed by Shed, which Restore unpacks.
	rows []byte
	// blocks are the data blocks packed by ShedBlocks, until Restore
	// unpacks them.
	blocks []byte
}

// Shed lets go of the indicator rows, which only the report's own page
// and checks need, a quarter of what a report holds once its texts are let
// go: after its page is written when nothing renders it again (a one-shot
// build), or as soon as it is read and checked on a site too large to hold
// every report whole. It keeps them packed in bytes (packRows), a few
// hundred a report and no pointer for the collector to follow, which
// Restore unpacks to render the page: faster than decoding the front
// matter again, and the rows rendered are the rows checked. HasDrafts
// keeps its answer. The places of the keys stay: the checks across
// reports name them.
func (r *Report) Shed() {
	if r.shed {
		return
	}
	if r.rows == nil {
		r.rows = r.packRows()
	}
	r.shedRows()
}

// DropRows lets go of the indicator rows for good, and of their packed
// bytes if Shed packed them: once the report's page is written and nothing
// renders it again (a one-shot build). HasDrafts keeps its answer; Restore
// refuses the report then.
func (r *Report) DropRows() {
	r.rows = nil
	r.shedRows()
}

// shedRows lets go of the indicator rows, and marks the report shed with
// what HasDrafts said while it held them.
func (r *Report) shedRows() {
	if !r.shed {
		r.drafts, r.shed = r.HasDrafts(), true
	}
	r.Data.Indicators = nil
	for _, s := range r.Sections {
		s.Indicators = nil
	}
}

// DropBlocks lets go of the report's data blocks once its page is written
// and nothing renders it again (a one-shot build, whose pages that list
// reports are written first): all but the budgets of the year's beginning
// and end, without their items, whose totals the year's table gives again
// once every check is made. HasDrafts keeps its answer.
func (r *Report) DropBlocks() {
	r.shedRows()
	r.blocks = nil
	r.dropBlocks()
}

// dropBlocks lets go of all data blocks but the budgets of the year's
// beginning and end, without their items.
func (r *Report) dropBlocks() {
	initial, final := r.InitialBudget(), r.FinalBudget()
	for _, d := range r.AllData() {
		// The budgets of a front matter may share one array (the
		// decoder's), which a budget kept keeps whole: each lets go of
		// its items, not only those let go of.
		for _, b := range d.Budgets {
			b.Items = nil
		}
		d.Budgets = slices.DeleteFunc(d.Budgets, func(b *Budget) bool { return b != initial && b != final })
		d.Counts, d.Metrics = nil, nil
	}
}

// Release lets go of all but what names the report — its folder, year,
// unit and titles — and whether it holds drafts, once a one-shot build has
// written every page and made every check: what the build does after, the
// search index's merge, then has the room the reports took.
func (r *Report) Release() {
	r.DropTexts()
	r.DropRows()
	r.Data, r.Keys, r.Sections, r.Attachments, r.blocks = Data{}, nil, nil, nil, nil
}

// Key is where index.md writes one of the report's own keys. The path is
// the report's: Line and Col alone keep a report's dozen keys small.
type Key struct {
	Name      string
	Line, Col int32
}

// Where is the place of one of the report's own keys in index.md ("title",
// "year", …), or the file's first line when the key is not written.
func (r *Report) Where(key string) Pos {
	if i, ok := slices.BinarySearchFunc(r.Keys, key, func(k Key, name string) int { return cmp.Compare(k.Name, name) }); ok {
		return Pos{Path: r.Pos.Path, Line: int(r.Keys[i].Line), Col: int(r.Keys[i].Col)}
	}
	return Pos{Path: r.Pos.Path, Line: 1, Col: 1}
}

// Withdrawal is when and why a report was taken back.
type Withdrawal struct {
	Date   Date   `toml:"date,required"`
	Reason string `toml:"reason,required"`
}

// Path is the report's "YEAR/slug", as superseded_by names it.
func (r *Report) Path() string { return fmt.Sprintf("%d/%s", r.Year, r.Slug) }

// Section is one Markdown file of a report.
type Section struct {
	ID     string `toml:"-"` // the file name without .md: "01-basic"
	Pos    Pos    `toml:"-"`
	Title  string `toml:"title,required"`
	Weight int    `toml:"weight"`
	Data
	Body Text `toml:"-"`
}

// Data is the data blocks one front matter declares.
type Data struct {
	Budgets    []*Budget    `toml:"budget"`
	Counts     []*Counts    `toml:"counts"`
	Metrics    []*Metric    `toml:"metrics"`
	Indicators []*Indicator `toml:"indicators"`
}

// Blocks lists the data blocks with an id in the order they are written.
func (d *Data) Blocks() []Block {
	var bs []Block
	for _, b := range d.Budgets {
		bs = append(bs, b)
	}
	for _, b := range d.Counts {
		bs = append(bs, b)
	}
	for _, b := range d.Metrics {
		bs = append(bs, b)
	}
	slices.SortStableFunc(bs, func(a, b Block) int { return cmp.Compare(a.Position().Line, b.Position().Line) })
	return bs
}

// Block is any data block with an id.
type Block interface {
	BlockID() string
	BlockTitle() string
	Kind() string // "budget", "counts" or "metrics"
	Position() Pos
	Origin() Provenance
}

// Provenance says whether a data block was imported from a document and
// not yet checked against it. gongkai import writes draft = true and the
// line it read the figures from; a person who has compared the figures with
// the original deletes draft = true. Until then the page says so and a
// strict build fails, so imported figures are never published as checked.
type Provenance struct {
	Draft  bool   `toml:"draft"`
	Source string `toml:"source"` // "FILE:LINE" of the imported document
}

// Origin is the block's provenance.
func (p Provenance) Origin() Provenance { return p }

func (b *Budget) BlockID() string    { return b.ID }
func (b *Budget) BlockTitle() string { return b.Title }
func (b *Budget) Kind() string       { return "budget" }
func (b *Budget) Position() Pos      { return b.Pos }
func (c *Counts) BlockID() string    { return c.ID }
func (c *Counts) BlockTitle() string { return c.Title }
func (c *Counts) Kind() string       { return "counts" }
func (c *Counts) Position() Pos      { return c.Pos }
func (m *Metric) BlockID() string    { return m.ID }
func (m *Metric) BlockTitle() string { return m.Name }
func (m *Metric) Kind() string       { return "metrics" }
func (m *Metric) Position() Pos      { return m.Pos }

// Budget is money by functional classification (政府收支分类科目).
type Budget struct {
	Pos   Pos           `toml:"-"`
	ID    string        `toml:"id,required"`
	Title string        `toml:"title,required"`
	Total *decimal.Dec  `toml:"total"` // stated total
	Note  string        `toml:"note"`
	Items []*BudgetItem `toml:"items"`
	Provenance

	// Derived by Derive.
	Sum      decimal.Dec // of the items' amounts
	TotalFig Figure      // stated total against Sum
	ShareSum Figure      // stated shares added up against the computed shares added up
	Unlisted decimal.Dec // stated total minus Sum, when positive: money no item accounts for
	// UnlistedShare is Unlisted as a share of the stated total, in %.
	UnlistedShare decimal.Dec
	HasShares     bool // some item states a share
}

// BudgetItem is one functional class of a budget.
type BudgetItem struct {
	Pos    Pos          `toml:"-"`
	Code   string       `toml:"code"`
	Name   string       `toml:"name,required"`
	Amount decimal.Dec  `toml:"amount,required"`
	Share  *decimal.Dec `toml:"share"` // stated share, %

	ShareFig Figure // derived: stated share against amount / base
}

// Counts is a list of things done, with an optional stated total.
type Counts struct {
	Pos        Pos          `toml:"-"`
	ID         string       `toml:"id,required"`
	Title      string       `toml:"title,required"`
	Unit       string       `toml:"unit"`
	AsOf       Date         `toml:"as_of"`
	Total      *int64       `toml:"total"`
	Exhaustive bool         `toml:"exhaustive"`
	Note       string       `toml:"note"`
	Items      []*CountItem `toml:"items"`
	Provenance

	// Sum is derived: the items' values added up exactly, however many
	// and however large; an int64 would wrap around near its limit.
	Sum      decimal.Dec
	TotalFig Figure // derived: stated total against Sum (only when exhaustive)
}

// CountItem is one line of a Counts block.
type CountItem struct {
	Pos    Pos    `toml:"-"`
	Name   string `toml:"name,required"`
	Value  int64  `toml:"value,required"`
	Approx bool   `toml:"approx"` // the text says 余: "more than"
}

// Metric is one figure, optionally against last year or as a rate.
type Metric struct {
	Pos      Pos          `toml:"-"`
	ID       string       `toml:"id,required"`
	Name     string       `toml:"name,required"`
	Unit     string       `toml:"unit"`
	Value    decimal.Dec  `toml:"value,required"`
	Previous *decimal.Dec `toml:"previous"`
	Change   *decimal.Dec `toml:"change"` // stated change, %
	Of       *decimal.Dec `toml:"of"`
	Rate     *decimal.Dec `toml:"rate"` // stated rate, %
	AsOf     Date         `toml:"as_of"`
	Note     string       `toml:"note"`
	Provenance

	ChangeFig Figure // derived: stated change against (value − previous) / previous
	RateFig   Figure // derived: stated rate against value / of
}

// Indicator is one row of the 绩效自评表.
type Indicator struct {
	Pos    Pos          `toml:"-"`
	Level1 string       `toml:"level1"`
	Level2 string       `toml:"level2"`
	Name   string       `toml:"name,required"`
	Target string       `toml:"target"`
	Actual string       `toml:"actual"`
	Weight *decimal.Dec `toml:"weight"`
	Score  *decimal.Dec `toml:"score"`
	Note   string       `toml:"note"`
	Provenance
}
