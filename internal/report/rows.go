package report

import "errors"

// errRows reports packed rows that packRows did not write.
var errRows = errors.New("report: the packed indicator rows are damaged")

// packRows packs the indicator rows of the report and of each section, in
// that order, into bytes: for each list its length, then each row's
// fields, strings as words (appendWord), numbers as varints, a path only
// where it differs from the row before.
func (r *Report) packRows() []byte {
	var p packer
	for _, d := range r.AllData() {
		p.uvarint(uint64(len(d.Indicators)))
		for _, in := range d.Indicators {
			p.pos(in.Pos)
			for _, s := range [...]string{in.Level1, in.Level2, in.Name, in.Target, in.Actual, in.Note, in.Source} {
				p.word(s)
			}
			p.optDec(in.Weight)
			p.optDec(in.Score)
			p.bool(in.Draft)
		}
	}
	return p.b
}

// unpackRows gives the report and its sections back the rows packRows
// packed, or nothing if the bytes are damaged. Words are the table's
// strings, shared; the bytes stay packed for the next Shed.
func (r *Report) unpackRows() error {
	u := unpacker{b: r.rows}
	lists := make([][]*Indicator, 0, len(r.Sections)+1)
	for range len(r.Sections) + 1 {
		lists = append(lists, unpackList(&u, (*unpacker).row))
	}
	if u.err != nil || len(u.b) > 0 {
		return errRows
	}
	r.Data.Indicators = lists[0]
	for i, s := range r.Sections {
		s.Indicators = lists[i+1]
	}
	return nil
}

func (u *unpacker) row(in *Indicator) {
	in.Pos = u.pos()
	for _, s := range [...]*string{&in.Level1, &in.Level2, &in.Name, &in.Target, &in.Actual, &in.Note, &in.Source} {
		*s = u.word()
	}
	in.Weight, in.Score = u.optDec(), u.optDec()
	in.Draft = u.bool()
}
