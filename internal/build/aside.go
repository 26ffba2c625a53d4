package build

import (
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"gongkai/internal/report"
	"gongkai/internal/source"
)

// aside is where a one-shot build keeps the texts its load lets go of,
// until their pages are rendered: one temporary file, written once and
// read once. Reading each report's files again instead (source.Reread)
// opened, stated, read and closed some ten files a report, 1.6 s of the
// CPU of a 20,000-report build; aside reads a report's texts back in one
// read. They are the very bytes the load checked, so no page can mix them
// with a file saved since.
//
// A report whose texts could not be put aside (no temporary file, a full
// disk) is read again from its files, as serve does.
type aside struct {
	once sync.Once
	f    *os.File // nil when no file could be made
	end  atomic.Int64
	at   sync.Map // *report.Report → int64, where its texts start
	bufs sync.Pool
}

// put writes r's texts to the file; called before the load lets go of
// them, from the load's goroutines.
func (a *aside) put(r *report.Report) {
	a.once.Do(func() {
		f, err := os.CreateTemp("", "gongkai-texts-*")
		if err != nil {
			return
		}
		// Nothing is left behind, even by a killed build; on systems that
		// cannot remove an open file, close does.
		_ = os.Remove(f.Name())
		a.f = f
	})
	if a.f == nil || r.TextSize() == 0 {
		return
	}
	buf, _ := a.bufs.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer a.bufs.Put(buf)
	b := (*buf)[:0]
	for t := range r.Texts() {
		b = append(b, t.Source...)
	}
	*buf = b
	off := a.end.Add(int64(len(b))) - int64(len(b))
	if _, err := a.f.WriteAt(b, off); err != nil {
		return // read again from its files
	}
	a.at.Store(r, off)
}

// restore gives r back the texts put aside, read into buf. It is false
// when they were not put aside or do not read back as they were written;
// r is then as it was, to be read again from its files.
func (a *aside) restore(r *report.Report, buf *source.Buffers) bool {
	if a == nil {
		return false
	}
	v, found := a.at.LoadAndDelete(r)
	if !found {
		return false
	}
	data := buf.Take(int(r.TextSize()))
	if _, err := a.f.ReadAt(data, v.(int64)); err != nil {
		return false
	}
	// again holds the texts read back, each where r's is in Texts.
	again := &report.Report{Sections: make([]*report.Section, len(r.Sections))}
	for i := range again.Sections {
		again.Sections[i] = new(report.Section)
	}
	theirs := slices.Collect(again.Texts())
	for i, t := range slices.Collect(r.Texts()) {
		*theirs[i] = report.NewText(t.Pos, data[:t.Size:t.Size])
		data = data[t.Size:]
	}
	// Restore compares each text's size and hash with the load's.
	_, ok := r.Restore(again)
	return ok
}

// close closes the file, and removes it where put could not.
func (a *aside) close() {
	if a != nil && a.f != nil {
		a.f.Close()
		os.Remove(a.f.Name())
	}
}
