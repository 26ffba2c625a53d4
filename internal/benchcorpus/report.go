package benchcorpus

import (
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// file is one generated file; its name is relative to the report's folder.
type file struct {
	name string
	data []byte
}

// sectionFiles are the nine sections of a 部门整体支出绩效自评报告, named as
// in the sample report, with the headings of their parts.
var sectionFiles = []struct {
	file, title string
	parts       []string
}{
	{"01-basic.md", "一、基本情况", []string{"（一）部门职能职责", "（二）机构设置及人员情况", "（三）年度整体支出绩效目标"}},
	{"02-general-budget.md", "二、一般公共预算支出情况", []string{"（一）基本支出情况", "（二）项目支出情况", "（三）“三公”经费支出情况"}},
	{"03-government-funds.md", "三、政府性基金预算支出情况", []string{"（一）资金安排情况", "（二）资金使用和管理情况"}},
	{"04-state-capital.md", "四、国有资本经营预算支出情况", []string{"（一）资金安排情况", "（二）资金使用和管理情况"}},
	{"05-social-insurance.md", "五、社会保险基金预算支出情况", []string{"（一）资金收支情况", "（二）基金管理情况"}},
	{"06-performance.md", "六、部门整体支出绩效情况", []string{"（一）产出情况", "（二）效益情况", "（三）满意度情况"}},
	{"07-problems.md", "七、存在的问题及原因分析", []string{"（一）存在的问题", "（二）原因分析"}},
	{"08-measures.md", "八、下一步改进措施", []string{"（一）加强预算编制管理", "（二）强化绩效运行监控", "（三）加强评价结果应用"}},
	{"09-self-evaluation.md", "九、绩效自评结果及其他需要说明的情况", []string{"（一）自评结果", "（二）其他需要说明的情况"}},
}

// reportGen writes one report.
type reportGen struct {
	rng  *rand.Rand
	seed uint64
	u    unit
	year int
	p    *prose

	initial, final []budgetItem
	score          int64 // in tenths
}

type budgetItem struct {
	class  int
	amount int64 // hundredths of 万元
}

// reportFiles generates report k of the corpus, for unit u and year.
func reportFiles(seed uint64, k int, u unit, year int) []file {
	rng := rand.New(rand.NewPCG(seed, uint64(k)))
	g := &reportGen{rng: rng, seed: seed, u: u, year: year, p: &prose{rng: rng, year: year, org: u.name}}
	g.initial, g.final = budgets(seed, u, year)
	sections := make([]file, len(sectionFiles))
	for i := range sectionFiles {
		sections[i] = g.section(i)
	}
	// index.md last: the score totals the indicator table of section 9.
	return append([]file{g.index()}, sections...)
}

func (g *reportGen) title() string {
	return fmt.Sprintf("%d年度%s整体支出绩效自评报告", g.year, g.u.name)
}

func (g *reportGen) index() file {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", quote(g.title()))
	fmt.Fprintf(&b, "year = %d\n", g.year)
	fmt.Fprintf(&b, "org = %s\n", quote(g.u.name))
	fmt.Fprintf(&b, "org_id = %s\n", quote(g.u.id))
	fmt.Fprintf(&b, "region = %s\n", quote(g.u.region))
	b.WriteString("unit = \"万元\"\n")
	fmt.Fprintf(&b, "published = %d-%02d-%02d\n", g.year+1, 3+g.rng.IntN(3), 1+g.rng.IntN(28))
	fmt.Fprintf(&b, "score = %s\n", tenths(g.score))
	fmt.Fprintf(&b, "grade = %s\n", quote(grade(g.score)))
	b.WriteString("+++\n\n")
	fmt.Fprintf(&b, "根据县财政局关于开展%d年度部门整体支出绩效自评工作的通知要求，%s对本单位%d年度部门整体支出情况进行了自评，现将有关情况报告如下。\n",
		g.year, g.u.name, g.year)
	return file{"index.md", []byte(b.String())}
}

func grade(tenths int64) string {
	switch {
	case tenths >= 900:
		return "优"
	case tenths >= 800:
		return "良"
	case tenths >= 600:
		return "中"
	}
	return "差"
}

// quote is s as a TOML basic string.
func quote(s string) string { return `"` + tomlEscaper.Replace(s) + `"` }

var tomlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// section writes section i: front matter with its data blocks, then two to
// five kilobytes of text under the section's part headings.
func (g *reportGen) section(i int) file {
	sf := sectionFiles[i]
	var fm strings.Builder
	fm.WriteString("+++\n")
	fmt.Fprintf(&fm, "title = %s\n", quote(sf.title))
	switch i {
	case 1:
		g.budgetBlock(&fm, "initial", "年初预算", g.initial)
		g.budgetBlock(&fm, "final", "决算", g.final)
		g.totalMetrics(&fm)
	case 5:
		g.performanceBlocks(&fm)
	case 8:
		g.indicators(&fm)
	}
	fm.WriteString("+++\n\n")

	var b strings.Builder
	size := 2048 + g.rng.IntN(2*1024+1)
	for j, part := range sf.parts {
		fmt.Fprintf(&b, "### %s\n\n", part)
		g.special(&b, i, j)
		g.p.fill(&b, size*(j+1)/len(sf.parts))
	}
	return file{sf.file, []byte(fm.String() + b.String())}
}

// special writes what part j of section i says besides the generic prose:
// the unit's duties, its staff table, the budget in words, a table of
// tasks, the score.
func (g *reportGen) special(b *strings.Builder, i, j int) {
	switch {
	case i == 0 && j == 0:
		fmt.Fprintf(b, "%s主要负责全县%s工作，承担相关政策的组织实施和监督管理，%s。\n\n", g.u.name, g.u.dept.area, g.p.slot("result"))
	case i == 0 && j == 1:
		g.staffTable(b)
	case i == 1 && j == 0:
		g.budgetText(b)
	case i == 1 && j == 2:
		g.officialTable(b)
	case i == 5 && j == 0:
		g.tasksTable(b)
	case i == 8 && j == 0:
		fmt.Fprintf(b, "经自评，%d年度%s部门整体支出绩效自评得分为%s分，评价等级为“%s”。\n\n", g.year, g.u.name, tenths(g.score), grade(g.score))
	}
}

// budgets draws the year's initial budget and final accounts: most money
// under the unit's own class, some under staff costs and one or two others.
// They are drawn from the unit and the year alone, not from the report's
// stream, so that the next year's report can state them as last year's.
func budgets(seed uint64, u unit, year int) (initial, final []budgetItem) {
	rng := stream(seed, u, year, "budget")
	total := u.budget * int64(100+3*(year-2019)+rng.IntN(21)-10) / 100
	weights := map[int]int64{u.dept.class: int64(600 + rng.IntN(300))}
	for _, c := range []int{classSocial, classHealth, classHousing} {
		weights[c] += int64(20 + rng.IntN(60))
	}
	for range rng.IntN(3) {
		weights[rng.IntN(len(classes))] += int64(10 + rng.IntN(50))
	}
	var sum int64
	for _, w := range weights {
		sum += w
	}
	// The classes in order before any draw that depends on it: a map's
	// order is random.
	cs := slices.Sorted(maps.Keys(weights))
	for _, c := range cs {
		initial = append(initial, budgetItem{class: c, amount: total * weights[c] / sum})
	}
	for _, it := range initial {
		it.amount = it.amount * int64(85+rng.IntN(46)) / 100
		final = append(final, it)
	}
	return initial, final
}

// stream is the random stream of one thing a unit states for one year,
// the same in whichever report draws it.
func stream(seed uint64, u unit, year int, what string) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d/%s", u.id, year, what)
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// metricValue is the value a unit states for metric id in year.
func metricValue(seed uint64, u unit, year int, id string) int64 {
	return int64(20 + stream(seed, u, year, "metric/"+id).IntN(5000))
}

// totalMetrics states the year's budget totals against last year's, as
// metrics "initial-total" and "final-total", which check compares with
// the totals of last year's report.
func (g *reportGen) totalMetrics(b *strings.Builder) {
	lastInitial, lastFinal := budgets(g.seed, g.u, g.year-1)
	for _, t := range []struct {
		id, name   string
		prev, this []budgetItem
	}{{"initial-total", "年初预算总额", lastInitial, g.initial}, {"final-total", "决算支出总额", lastFinal, g.final}} {
		prev, v := sumOf(t.prev), sumOf(t.this)
		fmt.Fprintf(b, "\n[[metrics]]\nid = %q\nname = %s\nunit = \"万元\"\nvalue = %s\nprevious = %s\nchange = %s\n",
			t.id, quote(t.name), cents(v), cents(prev), tenths(ratio(v-prev, prev, 1000)))
	}
}

func sumOf(items []budgetItem) int64 {
	var s int64
	for _, it := range items {
		s += it.amount
	}
	return s
}

// budgetBlock writes a [[budget]] whose total is the sum of its items and
// whose shares are their amounts' shares of it, rounded half up.
func (g *reportGen) budgetBlock(b *strings.Builder, id, title string, items []budgetItem) {
	total := sumOf(items)
	fmt.Fprintf(b, "\n[[budget]]\nid = %q\ntitle = %s\ntotal = %s\n", id, quote(title), cents(total))
	for _, it := range items {
		c := classes[it.class]
		fmt.Fprintf(b, "\n  [[budget.items]]\n  code = %q\n  name = %s\n  amount = %s\n  share = %s\n",
			c.code, quote(c.name), cents(it.amount), cents(ratio(it.amount, total, 10000)))
	}
}

// budgetText says the budgets in words, as reports do, and in half the
// reports places the final accounts' chart in the text.
func (g *reportGen) budgetText(b *strings.Builder) {
	say := func(lead string, items []budgetItem) {
		total := sumOf(items)
		fmt.Fprintf(b, "%s总计%s万元，其中：", lead, cents(total))
		for n, it := range items {
			if n > 0 {
				b.WriteString("；")
			}
			fmt.Fprintf(b, "%s%s万元，占%s%%", classes[it.class].name, cents(it.amount), cents(ratio(it.amount, total, 10000)))
		}
		b.WriteString("。\n\n")
	}
	say(fmt.Sprintf("%d年年初预算收入支出安排", g.year), g.initial)
	say(fmt.Sprintf("%d年决算支出", g.year), g.final)
	if g.rng.IntN(2) == 0 {
		b.WriteString("```chart\ndata = \"final\"\n```\n\n")
	}
}

// staffTable is a table of posts and staff whose totals add up.
func (g *reportGen) staffTable(b *strings.Builder) {
	admin := g.u.staff * (40 + g.rng.IntN(40)) / 100
	service := g.u.staff - admin - 2
	rows := []struct {
		name        string
		posts, have int
	}{
		{"行政编制", admin, admin - g.rng.IntN(3)},
		{"事业编制", service, service - g.rng.IntN(5)},
		{"工勤编制", 2, 2},
	}
	fmt.Fprintf(b, "%s内设机构%d个，下属单位%d个。人员编制及实有人数如下表。\n\n", g.u.name, 4+g.rng.IntN(8), g.rng.IntN(5))
	b.WriteString("| 类别 | 编制数（人） | 实有人数（人） |\n| --- | ---: | ---: |\n")
	var posts, have int
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %d | %d |\n", r.name, r.posts, r.have)
		posts += r.posts
		have += r.have
	}
	fmt.Fprintf(b, "| 合计 | %d | %d |\n\n", posts, have)
}

// officialTable is the table of the 三公 costs.
func (g *reportGen) officialTable(b *strings.Builder) {
	b.WriteString("| 项目 | 预算数（万元） | 决算数（万元） |\n| --- | ---: | ---: |\n")
	var bt, ft int64
	for _, name := range []string{"公务接待费", "公务用车运行维护费", "因公出国（境）费用"} {
		bud := int64(g.rng.IntN(2000))
		if name == "因公出国（境）费用" {
			bud = 0
		}
		fin := bud * int64(60+g.rng.IntN(40)) / 100
		bt, ft = bt+bud, ft+fin
		fmt.Fprintf(b, "| %s | %s | %s |\n", name, cents(bud), cents(fin))
	}
	fmt.Fprintf(b, "| 合计 | %s | %s |\n\n", cents(bt), cents(ft))
}

// tasksTable is a table of the year's key tasks with their completion rates.
func (g *reportGen) tasksTable(b *strings.Builder) {
	b.WriteString("| 序号 | 工作任务 | 年度目标 | 完成情况 | 完成率 |\n| ---: | --- | ---: | ---: | ---: |\n")
	for n, a := range g.pickActions(4 + g.rng.IntN(3)) {
		target := int64(10 + g.rng.IntN(500))
		done := target * int64(90+g.rng.IntN(21)) / 100
		fmt.Fprintf(b, "| %d | %s | %d%s | %d%s | %s%% |\n", n+1, a[0], target, a[1], done, a[1], cents(ratio(done, target, 10000)))
	}
	b.WriteString("\n")
}

func (g *reportGen) pickActions(n int) [][2]string {
	perm := g.rng.Perm(len(actions))
	out := make([][2]string, n)
	for i := range out {
		out[i] = actions[perm[i]]
	}
	return out
}

// metricKinds are the single figures a report states against last year.
var metricKinds = []struct{ id, name, unit string }{
	{"complaints", "受理投诉举报", "件"},
	{"trainings", "组织业务培训", "场次"},
	{"public-info", "主动公开政府信息", "条"},
	{"inspections", "开展监督检查", "次"},
	{"visits", "走访服务对象", "户"},
	{"approvals", "办结审批事项", "件"},
}

// performanceBlocks writes the counts and metrics of section 6, all of
// whose stated totals, changes and rates agree with their parts.
func (g *reportGen) performanceBlocks(b *strings.Builder) {
	items := g.pickActions(3 + g.rng.IntN(4))
	values := make([]int64, len(items))
	var sum int64
	for i := range items {
		values[i] = int64(10 + g.rng.IntN(3000))
		sum += values[i]
	}
	fmt.Fprintf(b, "\n[[counts]]\nid = \"main-tasks\"\ntitle = \"主要业务工作完成情况\"\nunit = \"件（次）\"\nas_of = %d-12-31\ntotal = %d\nexhaustive = true\n", g.year, sum)
	for i, a := range items {
		fmt.Fprintf(b, "\n  [[counts.items]]\n  name = %s\n  value = %d\n", quote(a[0]), values[i])
	}

	people := []string{"服务企业", "服务群众", "服务基层单位", "接待来访"}[:2+g.rng.IntN(3)]
	sum = 0
	var lines strings.Builder
	for _, name := range people {
		v := int64(50 + g.rng.IntN(20000))
		sum += v
		fmt.Fprintf(&lines, "\n  [[counts.items]]\n  name = %s\n  value = %d\n", quote(name), v)
	}
	fmt.Fprintf(b, "\n[[counts]]\nid = \"service-people\"\ntitle = \"服务对象情况（部分）\"\nunit = \"人次\"\ntotal = %d\nexhaustive = false\nnote = \"上表只列主要服务对象。\"\n%s",
		sum+int64(g.rng.IntN(5000)), lines.String())

	for _, i := range g.rng.Perm(len(metricKinds))[:2+g.rng.IntN(3)] {
		m := metricKinds[i]
		// Last year's value is the one the unit's report of last year
		// states, if it states this metric: check compares them.
		prev, v := metricValue(g.seed, g.u, g.year-1, m.id), metricValue(g.seed, g.u, g.year, m.id)
		fmt.Fprintf(b, "\n[[metrics]]\nid = %q\nname = %s\nunit = %s\nvalue = %d\nprevious = %d\nchange = %s\n",
			m.id, quote(m.name), quote(m.unit), v, prev, tenths(ratio(v-prev, prev, 1000)))
	}
	of := int64(100 + g.rng.IntN(2000))
	v := of * int64(85+g.rng.IntN(15)) / 100
	fmt.Fprintf(b, "\n[[metrics]]\nid = \"satisfaction\"\nname = \"满意度调查满意人数\"\nunit = \"人\"\nvalue = %d\nof = %d\nrate = %s\nnote = \"对服务对象开展问卷调查。\"\n",
		v, of, cents(ratio(v, of, 10000)))
}

// indicatorRows are the rows of the 绩效自评表, with their weights, which
// add up to 100.
var indicatorRows = []struct {
	level1, level2, name, target, actual string
	weight                               int64
}{
	{"产出指标", "数量指标", "重点工作任务完成数", "≥6项", "6项", 15},
	{"产出指标", "质量指标", "项目验收合格率", "100%", "100%", 15},
	{"产出指标", "时效指标", "资金支付及时率", "≥95%", "98%", 10},
	{"产出指标", "成本指标", "预算控制率", "≤100%", "96%", 10},
	{"效益指标", "社会效益指标", "服务保障能力", "有效提升", "明显提升", 20},
	{"效益指标", "可持续影响指标", "长效管理机制", "健全", "基本健全", 10},
	{"满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 10},
	{"预算执行", "预算执行率", "预算执行率", "≥90%", "95%", 10},
}

// indicators writes the 绩效自评表; a few rows lose points, with a reason.
func (g *reportGen) indicators(b *strings.Builder) {
	g.score = 0
	for _, r := range indicatorRows {
		score := r.weight * 10
		note := ""
		if g.rng.IntN(4) == 0 {
			score -= int64(5 * (1 + g.rng.IntN(6)))
			note = pick(g.rng, problems)
		}
		g.score += score
		fmt.Fprintf(b, "\n[[indicators]]\nlevel1 = %s\nlevel2 = %s\nname = %s\ntarget = %s\nactual = %s\nweight = %d\nscore = %s\nnote = %s\n",
			quote(r.level1), quote(r.level2), quote(r.name), quote(r.target), quote(r.actual), r.weight, tenths(score), quote(note))
	}
}

// yearIndex is a year's _index.md.
func yearIndex(year, reports int) []byte {
	return []byte(fmt.Sprintf("+++\ntitle = \"%d年度\"\n+++\n\n本栏目公开%d年度%s份部门整体支出绩效自评报告。\n", year, year, strconv.Itoa(reports)))
}
