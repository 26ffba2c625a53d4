package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"gongkai/internal/chart"
	"gongkai/internal/report"
	"gongkai/internal/source"
)

// fence is the body of a ```chart fence.
type fence struct {
	Data  string `toml:"data"`
	Type  string `toml:"type"`
	Title string `toml:"title"`
}

var fenceKeys = []string{"data", "type", "title"}

// RenderChart places the figure a chart fence asks for. A fence that names no
// block, an unknown block or type, or a chart the block cannot have is an
// error at the fence's line; it is collected, so that every bad fence of a
// build is reported together, and the fence renders as nothing.
func (rp *reportPage) RenderChart(w io.Writer, spec []byte, line int) error {
	f, pos, msg := rp.parseFence(spec, line)
	if msg != "" {
		rp.errs = append(rp.errs, &source.Error{Pos: pos, Msg: msg})
		return nil
	}
	var fig *Block
	if f.Data == compareID {
		if f.Type != "" && f.Type != string(chart.Bar) {
			return rp.fail(pos, "图表 %q 只能画成 bar", compareID)
		}
		if fig = rp.compare(); fig == nil {
			return rp.fail(pos, "图表 %q 需要报告同时有 id 为 initial 的年初预算和决算数据块", compareID)
		}
	} else {
		b := rp.rep.Block(f.Data)
		if b == nil {
			return rp.fail(pos, "图表引用的数据块 %q 不存在；本报告的数据块：%s", f.Data, strings.Join(rp.placeable(), "、"))
		}
		if _, err := chart.For(rp.rep, b, chart.Type(f.Type), f.Title); err != nil {
			return rp.fail(pos, "%v", err)
		}
		rp.placed[b.BlockID()] = true
		fig = rp.figure(b, chart.Type(f.Type), f.Title)
	}
	return rp.j.r.pages["report"].ExecuteTemplate(w, "block", fig)
}

func (rp *reportPage) fail(pos report.Pos, format string, args ...any) error {
	rp.errs = append(rp.errs, &source.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	return nil
}

// placeable are the ids a fence may name: the blocks', and the
// comparison's when the report has both budgets.
func (rp *reportPage) placeable() []string {
	ids := blockIDs(rp.rep)
	if rp.rep.InitialBudget() != nil && rp.rep.FinalBudget() != nil {
		ids = append(ids, compareID)
	}
	return ids
}

// parseFence reads a fence body. Keys match exactly, as in front matter.
func (rp *reportPage) parseFence(spec []byte, line int) (fence, report.Pos, string) {
	pos := report.Pos{Path: rp.path, Line: line}
	var f fence
	md, err := toml.NewDecoder(bytes.NewReader(spec)).Decode(&f)
	var pe toml.ParseError
	switch {
	case errors.As(err, &pe):
		return f, report.Pos{Path: rp.path, Line: line + pe.Position.Line}, "图表块的 TOML 语法错误：" + pe.Message
	case err != nil:
		return f, pos, "图表块：" + err.Error()
	}
	for _, k := range md.Keys() {
		if !slices.Contains(fenceKeys, k.String()) {
			return f, pos, fmt.Sprintf("图表块中未知的键 %q；可用的键：data、type、title", k.String())
		}
	}
	if f.Data == "" {
		return f, pos, `图表块缺少 data：写明要画的数据块 id，如 data = "initial"`
	}
	return f, pos, ""
}
