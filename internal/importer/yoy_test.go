package importer

import (
	"strings"
	"testing"
)

// TestFiguresYearOnYear: a figure compared with last year's becomes a
// [[metrics]] block with the change signed by its word and previous only
// where the text states it; a comparison not read whole gives no block.
func TestFiguresYearOnYear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		text   string
		want   []string
		not    []string
		blocks int
		missed int
	}{
		{
			name: "change in % with last year's figure in brackets",
			text: "今年以来（截止10月25日），全县共发生交通事故2083起，同比上升19.9%（2022年同期1737起）。",
			want: []string{"[[metrics]]", `id = "metric-1"`, `name = "发生交通事故"`, `unit = "起"`, "value = 2083\n",
				"previous = 1737\n", "change = 19.9\n", "draft = true", `source = "in.txt:7"`},
			blocks: 1,
		},
		{
			name:   "a fall stated as an amount and in % is negative and has no previous",
			text:   "部门整体支出为877.53万元，同比减少62.52万元，减少7.11%。",
			want:   []string{`name = "部门整体支出"`, `unit = "万元"`, "value = 877.53\n", "change = -7.11\n"},
			not:    []string{"previous", "62.52"},
			blocks: 1,
		},
		{
			name:   "last year's figure in the comparison, no change stated",
			text:   "全年共发生事故2083起，较上年的1737起上升。",
			want:   []string{`name = "发生事故"`, "value = 2083\n", "previous = 1737\n"},
			not:    []string{"change"},
			blocks: 1,
		},
		{
			name:   "下降 in % with 较上年同期",
			text:   "接处警1200次，较上年同期下降5%。",
			want:   []string{`name = "接处警"`, `unit = "次"`, "value = 1200\n", "change = -5\n"},
			blocks: 1,
		},
		{
			name:   "two comparisons in one clause",
			text:   "办理业务100件，同比增长10%，受理投诉50件，同比减少5%。",
			want:   []string{`id = "metric-1"`, `name = "办理业务"`, "change = 10\n", `id = "metric-2"`, `name = "受理投诉"`, "change = -5\n"},
			blocks: 2,
		},
		{
			name:   "a comparison read and one not read in one clause",
			text:   "全县共发生交通事故2083起，同比上升19.9%（2022年同期1737起），其中亡人事故9起，死亡9人，与上年同期分别下降25%、30.8%。",
			want:   []string{`name = "发生交通事故"`, "change = 19.9\n"},
			blocks: 1,
			missed: 1,
		},
		{
			name:   "two figures compared at once are not read",
			text:   "其中亡人事故9起，死亡9人，与上年同期分别下降25%、30.8%。",
			missed: 1,
		},
		{
			name:   "a change only as an amount gives no block",
			text:   "支出877.53万元，同比减少62.52万元。",
			missed: 1,
		},
		{
			name:   "a % whose word says the other way gives no block",
			text:   "支出877.53万元，同比减少62.52万元，增加7.11%。",
			missed: 1,
		},
		{
			name:   "last year's figure in another unit gives no block",
			text:   "共发生交通事故2083起，同比上升19.9%（2022年同期1737人）。",
			missed: 1,
		},
		{
			name:   "a comparison after prose with no figure is nothing to read",
			text:   "事故数量明显减少，同比下降明显。",
			blocks: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := NewFigures("in.txt", "万元")
			blocks := f.Find([]Line{{Text: tc.text, No: 7}})
			if len(blocks) != tc.blocks || len(f.Missed) != tc.missed {
				t.Fatalf("%d blocks, missed %v; want %d blocks, %d missed", len(blocks), f.Missed, tc.blocks, tc.missed)
			}
			var all strings.Builder
			for _, b := range blocks {
				if b.Source != "in.txt:7" {
					t.Errorf("source %q", b.Source)
				}
				all.WriteString(b.TOML)
			}
			wantInOrder(t, all.String(), tc.want, tc.not)
		})
	}
}
