package build

import "gongkai/internal/render"

// years writes the year pages again once every finding is known: each
// year's table counts a report's errors and warnings, the links' included,
// which are found only after every page is written. The pages' links and
// ids do not change, so the link checks stand.
func (p *Pipeline) years(b *Build, w render.Writer) error {
	job := b.r.Job(render.Options{Charts: true, Findings: b.Findings, Archive: p.opt.Archive})
	if err := job.Years(b.shown, w); err != nil {
		return renderError(err)
	}
	return nil
}
