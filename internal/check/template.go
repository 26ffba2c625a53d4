package check

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/markdown"
	"gongkai/internal/report"
)

// templatePatterns is the text that marks a template's instructions or
// placeholders left in a report, when site.toml does not list its own
// (template_patterns). Matching folds full-width forms to ASCII, ASCII
// letters to lower case and × to x, and ignores white space, so "（参考提纲）"
// is "(参考提纲)" and "20××年" is "20XX年".
//
// A pattern that begins or ends with an ASCII letter or digit only matches
// where it is not part of a longer ASCII word: the run of its first (last)
// character is extended, and must not follow an ASCII letter (nor be
// followed by an ASCII letter or digit). So "××" matches "XX县", "20XX年" and
// "×××单位", but not "湘BXX123" (a licence plate) or "Exxon". A name
// hidden as "李××" is flagged too: names have no place in this report, and
// a warning is cheap to dismiss. Patterns are plain text, not expressions.
var templatePatterns = []string{
	// Placeholders of the template: "××年度", "××单位", "20XX年", "×年×月×日".
	"××",
	"XX年",
	"xx年",
	"×年",
	// The title of the template itself: 部门整体支出绩效自评报告（参考提纲）.
	"(参考提纲)",
	// Length limits of the self-evaluation form's text fields.
	"(100字以内)",
	"(200字以内)",
	// The form's instruction for the table of special funds.
	"每个专项一行",
	// The stamp placeholder of a printed form, meaningless in published text:
	// "填报单位（公章）：", "（单位公章）", "单位（盖章）：". A blank field of the
	// cover page ("审核意见：") is the COVER-TEXT rule's, in cover.go.
	"(公章)",
	"(盖章)",
	"(单位公章)",
	"(单位盖章)",
	"(签章)",
	"(签字)",
	"(签字盖章)",
	// Fill-in instructions.
	"此处填写",
	"请填写",
	"根据实际情况填写",
	// 六、部门整体支出绩效情况: "总结归纳本部门“四本预算”支出的绩效目标完成情况……".
	"总结归纳本部门",
	// Its closing instruction: "……等方面，衡量部门整体及核心业务实施效果。"
	"衡量部门整体及核心业务实施效果",
	// 二（二）项目支出情况: "两方面：一是××年度专项资金安排和使用管理情况，
	// 有2个及以上专项资金的要分别总结基本情况。二是……".
	"两方面：一是",
	"及以上专项资金的要分别总结",
	// 七、存在的问题及原因分析: "主要反映各种预算支出执行偏离绩效目标的情况，并分析其原因。"
	"主要反映各种预算支出",
	// The template's explanations of what a part shows: "主要反映部门（单位）……".
	"主要反映部门",
}

// foldTemplate is fullWidthToASCII, and also folds what template text is
// matched without: the case of ASCII letters, × for x, curly quotes for straight.
func foldTemplate(r rune) rune {
	r = fullWidthToASCII(r)
	switch r {
	case '×', '✕', '╳':
		return 'x'
	case '“', '”':
		return '"'
	case '‘', '’':
		return '\''
	}
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func asciiLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
func asciiDigit(r rune) bool  { return r >= '0' && r <= '9' }

// templateMatcher finds template patterns in lines of text.
type templateMatcher struct {
	patterns [][]rune       // folded, without white space, distinct
	first    map[rune][]int // patterns by their first rune: most text positions start none
	text     []rune         // scratch: the folded line (a matcher serves one goroutine)
	at       []int          // scratch: where each rune of text came from
	// firstBits marks the runes below 0x10000 that begin a pattern; a
	// pattern that begins with a higher one sets far.
	firstBits [1 << 16 / 64]uint64
	far       bool
}

// maybe reports whether a pattern occurs in the folded line, before the
// ASCII word bounds that find applies: most lines hold none. It folds the
// line into a scratch buffer and looks each rune up in a bitmap of the
// patterns' first runes, so it allocates nothing; a common Chinese
// character that starts a pattern ("及", "主") costs a comparison, not a
// call of find.
func (m *templateMatcher) maybe(line string) bool {
	buf := m.text[:0]
	for i := 0; i < len(line); {
		// Chinese characters are neither folded nor white space. Those of
		// the unified block, three bytes each and most of a line, are
		// decoded here: the decoder's call was half of the time.
		if c := line[i]; c&0xF0 == 0xE0 && i+2 < len(line) && line[i+1]&0xC0 == 0x80 && line[i+2]&0xC0 == 0x80 {
			if r := rune(c&0x0F)<<12 | rune(line[i+1]&0x3F)<<6 | rune(line[i+2]&0x3F); 0x4E00 <= r && r <= 0x9FFF {
				buf = append(buf, r)
				i += 3
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		i += n
		if r < 0x4E00 || r > 0x9FFF {
			if r = foldTemplate(r); unicode.IsSpace(r) {
				continue
			}
		}
		buf = append(buf, r)
	}
	m.text = buf
	for i, r := range buf {
		if r < 1<<16 && m.firstBits[r/64]&(1<<(r%64)) == 0 && !m.far {
			continue
		}
		for _, pi := range m.first[r] {
			if p := m.patterns[pi]; len(buf)-i >= len(p) && slices.Equal(buf[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// siteMatcher is the matcher of the site's template patterns: its own, or
// templatePatterns.
func siteMatcher(cfg report.SiteCheck) *templateMatcher {
	if cfg.TemplatePatterns != nil {
		return newTemplateMatcher(cfg.TemplatePatterns)
	}
	return newTemplateMatcher(templatePatterns)
}

func newTemplateMatcher(patterns []string) *templateMatcher {
	m := &templateMatcher{}
	seen := map[string]bool{}
	for _, p := range patterns {
		var rs []rune
		for _, r := range p {
			if r = foldTemplate(r); !unicode.IsSpace(r) {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 || seen[string(rs)] {
			continue
		}
		seen[string(rs)] = true
		m.patterns = append(m.patterns, rs)
	}
	m.first = map[rune][]int{}
	for i, p := range m.patterns {
		m.first[p[0]] = append(m.first[p[0]], i)
		if r := p[0]; r < 1<<16 {
			m.firstBits[r/64] |= 1 << (r % 64)
		} else {
			m.far = true
		}
	}
	return m
}

// textSpan is a run of runes in a line, [start, end).
type textSpan struct{ start, end int }

// find returns where the patterns occur in line, as rune indexes, in order;
// overlapping occurrences ("××" and "×年" in "××年") are one span.
func (m *templateMatcher) find(line []rune) []textSpan {
	// The folded line without white space, and where each rune came from.
	text, at := m.text[:0], m.at[:0]
	for i, r := range line {
		if r = foldTemplate(r); !unicode.IsSpace(r) {
			text = append(text, r)
			at = append(at, i)
		}
	}
	m.text, m.at = text, at
	var spans []textSpan
	for i, r := range text {
		for _, pi := range m.first[r] {
			p := m.patterns[pi]
			if i+len(p) > len(text) || !slices.Equal(text[i:i+len(p)], p) {
				continue
			}
			if s, ok := asciiWordBounds(line, textSpan{at[i], at[i+len(p)-1] + 1}, p); ok {
				spans = append(spans, s)
			}
		}
	}
	slices.SortFunc(spans, func(a, b textSpan) int { return a.start - b.start })
	var merged []textSpan
	for _, s := range spans {
		if n := len(merged); n > 0 && s.start < merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// asciiWordBounds keeps a pattern that begins or ends with an ASCII letter or
// digit from matching inside a longer ASCII word. It extends s over the run
// of the pattern's first and last character, and rejects it when an ASCII
// letter comes before or an ASCII letter or digit after: "XX" is a
// placeholder in "20XX年" but not in "湘BXX123".
func asciiWordBounds(line []rune, s textSpan, p []rune) (textSpan, bool) {
	first, last := p[0], p[len(p)-1]
	if asciiLetter(first) || asciiDigit(first) {
		for s.start > 0 && foldTemplate(line[s.start-1]) == first {
			s.start--
		}
		if s.start > 0 && asciiLetter(foldTemplate(line[s.start-1])) {
			return s, false
		}
	}
	if asciiLetter(last) || asciiDigit(last) {
		for s.end < len(line) && foldTemplate(line[s.end]) == last {
			s.end++
		}
		if s.end < len(line) {
			if r := foldTemplate(line[s.end]); asciiLetter(r) || asciiDigit(r) {
				return s, false
			}
		}
	}
	return s, true
}

// templateContext is how much of the line after a match a message quotes.
const templateContext = 20

// quoteMatches quotes each match in line as written, once: “两方面：一是”、“××年”.
func quoteMatches(line []rune, spans []textSpan) string {
	var quoted []string
	for _, s := range spans {
		q := "“" + string(line[s.start:s.end]) + "”"
		if !slices.Contains(quoted, q) {
			quoted = append(quoted, q)
		}
	}
	return strings.Join(quoted, "、")
}

// matchContext is the line from its first match on, cut templateContext
// characters after the match's end.
func matchContext(line []rune, first textSpan) string {
	end := min(len(line), first.end+templateContext)
	ctx := strings.TrimRightFunc(string(line[first.start:end]), unicode.IsSpace)
	if end < len(line) {
		ctx += "…"
	}
	return ctx
}

const templateHint = "删除模板说明文字，或替换为本单位的实际情况"

// Text checks report texts for template text left in them, and for the
// blank fields of a cover page (cover.go). It reads the prose off the facts
// of each text, which the render step takes from the parse that renders
// it, so that what the page shows as code is never prose here: code blocks fenced or indented, inside lists and
// blockquotes, chart fences and code spans. It is safe for concurrent
// use: each call takes a matcher, with its scratch space, from a pool.
type Text struct {
	proto    *templateMatcher
	matchers sync.Pool
}

// NewText returns the Text check of the site's template patterns: its own
// (template_patterns), or templatePatterns.
func NewText(cfg report.SiteCheck) *Text {
	t := &Text{proto: siteMatcher(cfg)}
	t.matchers.New = func() any {
		m := *t.proto // the patterns are shared and read-only
		m.text, m.at = nil, nil
		return &m
	}
	return t
}

// Check adds a TEMPLATE-TEXT finding for each prose line of tx that holds
// template text, at the line and the character column of its first
// match; one line gives one finding, however many patterns it holds.
// facts are tx's, line 1 being its first line. A match never spans a cut
// in the prose (see markdown.ProseLine.Sentences), and the message quotes
// the prose as the reader reads it, without the markup.
//
// It adds a COVER-TEXT finding for each prose line with a cover-page field
// left blank (see coverLabels), whatever the site's template patterns.
func (t *Text) Check(rep *report.Report, tx report.Text, facts *markdown.Facts, add func(Finding)) {
	if facts == nil {
		return
	}
	m := t.matchers.Get().(*templateMatcher)
	defer t.matchers.Put(m)
	path := cmp.Or(tx.Pos.Path, rep.Pos.Path)
	first := max(tx.Pos.Line, 1)
	for _, p := range facts.Prose {
		coverText(rep, p, report.Pos{Path: path, Line: first + p.Line - 1}, add)
		if len(m.patterns) == 0 || !m.maybe(p.Text) {
			continue
		}
		line := []rune(p.Text)
		var spans []textSpan
		var sentence []rune // the line up to the end of the first match's sentence
		for start, end := range p.Sentences() {
			for _, s := range m.find(line[start:end]) {
				if spans == nil {
					sentence = line[:end]
				}
				spans = append(spans, textSpan{s.start + start, s.end + start})
			}
		}
		if len(spans) == 0 {
			continue
		}
		add(Finding{Code: "TEMPLATE-TEXT", Severity: Warning, Report: rep.Dir,
			Pos:     report.Pos{Path: path, Line: first + p.Line - 1, Col: p.Col(spans[0].start)},
			Message: "疑似未删除的模板文字" + quoteMatches(line, spans) + "：" + matchContext(sentence, spans[0]),
			Hint:    templateHint})
	}
}

// Titles adds a TEMPLATE-TEXT finding for the title of r and for each of
// its sections' titles that holds template text. A title is in the front
// matter, not Markdown, so no parse has facts about it.
func (t *Text) Titles(r *report.Report, add func(Finding)) {
	if len(t.proto.patterns) == 0 {
		return
	}
	m := t.matchers.Get().(*templateMatcher)
	defer t.matchers.Put(m)
	templateTitle(r, m, r.Pos.Path, r.Title, add)
	for _, s := range r.Sections {
		templateTitle(r, m, s.Pos.Path, s.Title, add)
	}
}

// templateTitle checks one title of r, written in the file at path. The
// model does not keep the lines of the front matter, so a finding points
// at the file's first line, where the front matter begins.
func templateTitle(r *report.Report, m *templateMatcher, path, title string, add func(Finding)) {
	line := []rune(title)
	if spans := m.find(line); len(spans) > 0 {
		add(Finding{Code: "TEMPLATE-TEXT", Severity: Warning, Pos: report.Pos{Path: path, Line: 1}, Report: r.Dir,
			Message: "标题“" + title + "”中疑似未删除的模板文字" + quoteMatches(line, spans), Hint: templateHint})
	}
}
