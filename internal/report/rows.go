package report

import "errors"

// errRows reports packed rows that packRows did not write.
var errRows = errors.New("report: the packed indicator rows are damaged")

// packRows packs the indicator rows of the report and of each section, in
// that order, into bytes.
func (r *Report) packRows() []byte { return pack(r.AllData(), codeRows) }

// unpackRows gives the report and its sections back the rows packRows
// packed, or nothing if the bytes are damaged. Words are the table's
// strings, shared; the bytes stay packed for the next Shed.
func (r *Report) unpackRows() error {
	all, ok := unpack(r.rows, len(r.Sections)+1, codeRows)
	if !ok {
		return errRows
	}
	for i, d := range r.AllData() {
		d.Indicators = all[i].Indicators
	}
	return nil
}

// codeRows packs or unpacks the indicator rows of ds.
func codeRows(c coder, ds []*Data) {
	for _, d := range ds {
		codeList(c, &d.Indicators, (*Indicator).code)
	}
}

func (in *Indicator) code(c coder) {
	c.pos(&in.Pos)
	for _, s := range [...]*string{&in.Level1, &in.Level2, &in.Name, &in.Target, &in.Actual, &in.Note, &in.Source} {
		c.word(s)
	}
	c.optDec(&in.Weight)
	c.optDec(&in.Score)
	c.bool(&in.Draft)
}
