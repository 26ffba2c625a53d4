package build

import (
	"sync"

	"gongkai/internal/check"
	"gongkai/internal/markdown"
	"gongkai/internal/report"
)

// texts gathers, as the reports are rendered in parallel, what the checks
// read off the parse of each text: the template text it holds and its
// links. The Markdown is parsed once, for the page and the checks alike.
type texts struct {
	check    *check.Text
	mu       sync.Mutex
	findings []check.Finding
	links    map[string][]markdown.Link // by the path of the text's file
}

func newTexts(site *report.Site) *texts {
	return &texts{check: check.NewText(site.Config.Check), links: map[string][]markdown.Link{}}
}

// add is render.Options.Text: safe for concurrent use.
func (t *texts) add(rep *report.Report, tx report.Text, facts *markdown.Facts) {
	var fs []check.Finding
	t.check.Check(rep, tx, facts, func(f check.Finding) { fs = append(fs, f) })
	t.mu.Lock()
	defer t.mu.Unlock()
	t.findings = append(t.findings, fs...)
	if len(facts.Links) > 0 {
		t.links[tx.Pos.Path] = facts.Links
	}
}

// result is the findings, silenced as the site and reports say, and the
// links; call it once rendering is done.
func (t *texts) result(site *report.Site) ([]check.Finding, *check.TextLinks) {
	return check.Silence(site, t.findings), check.NewTextLinks(t.links)
}
