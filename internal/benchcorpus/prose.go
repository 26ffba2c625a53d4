package benchcorpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// The vocabulary of the prose: phrases of the kind every self-evaluation
// report is made of. None of them is template text the checks look for
// (check.templatePatterns), so a generated report reads as a finished one.
var (
	openers = []string{
		"全年", "报告期内", "一年来", "年度内", "今年以来",
		"在县委、县政府的正确领导下", "在上级主管部门的精心指导下",
		"按照年初工作部署", "围绕年度绩效目标", "对照年度工作计划",
	}
	subjects = []string{
		"我单位", "本部门", "局党组", "单位领导班子", "各股室",
		"机关各科室", "下属各单位", "财务股", "办公室", "各业务股室",
	}
	verbs = []string{
		"认真贯彻落实", "深入推进", "持续加强", "全面落实", "扎实开展",
		"不断完善", "严格执行", "稳步推进", "统筹推进", "大力推进",
		"着力加强", "切实抓好", "进一步规范", "积极探索", "持续深化",
		"全力保障", "精心组织", "有序推进",
	}
	objects = []string{
		"预算绩效管理工作", "部门预算编制和执行", "财政资金使用效益",
		"内部控制制度建设", "政府采购管理", "国有资产管理", "“三公”经费管控",
		"专项资金监督管理", "财务收支审批制度", "项目库建设", "绩效目标管理",
		"绩效运行监控", "党风廉政建设", "干部队伍建设", "政务信息公开工作",
		"基层服务能力建设", "安全生产责任落实", "民生实事项目", "重点项目建设",
		"数字化平台建设", "档案规范化管理", "政务服务标准化建设",
		"矛盾纠纷排查化解", "乡村振兴衔接工作", "优化营商环境工作",
	}
	results = []string{
		"取得了明显成效", "各项工作任务圆满完成", "资金使用效益进一步提升",
		"群众满意度持续提高", "管理水平稳步提升", "制度体系日趋完善",
		"保障能力显著增强", "为全县经济社会发展提供了有力保障",
		"较好地完成了年度绩效目标", "工作效率明显提高", "各项指标均达到预期",
	}
	means = []string{
		"通过建立健全工作机制", "通过召开专题会议研究部署", "通过开展专项检查",
		"通过加强日常监督", "通过完善考核办法", "通过加大宣传力度",
		"通过强化责任落实", "依托信息化手段", "坚持问题导向",
		"坚持以人民为中心的发展思想",
	}
	measures = []string{
		"严格按照预算批复的用途和标准使用资金", "定期开展财务收支情况分析",
		"及时调整优化支出结构", "认真做好预算执行进度监控",
		"建立绩效目标与预算安排挂钩机制", "进一步细化预算编制",
		"强化预算执行的刚性约束", "将绩效评价结果作为下年度预算安排的重要依据",
		"加强财务人员业务培训", "完善资产登记和清查盘点制度",
		"落实重大事项集体决策制度", "严格执行政府采购相关规定",
	}
	problems = []string{
		"预算编制的精细化程度还不够高", "部分项目绩效目标设置不够细化量化",
		"预算执行进度不够均衡", "绩效评价结果运用还不够充分",
		"财务管理人员业务水平有待提高", "部分项目前期论证不够充分",
		"资产管理信息化水平较低", "绩效监控的及时性有待加强",
	}
	reasons = []string{
		"业务工作任务重、人员力量不足", "对绩效管理的重视程度还不够",
		"部分项目资金下达较晚", "项目实施受客观因素影响",
		"相关制度建设滞后于工作实际", "业务培训的针对性不强",
	}
	// actions are things a unit counts, with their measure word.
	actions = [][2]string{
		{"开展专项检查", "次"}, {"组织业务培训", "场次"}, {"办理审批事项", "件"},
		{"受理群众咨询", "人次"}, {"发放宣传资料", "份"}, {"开展实地调研", "次"},
		{"召开专题会议", "次"}, {"处理投诉举报", "件"}, {"完成项目验收", "个"},
		{"下发整改通知", "份"}, {"走访服务对象", "户"}, {"录入信息数据", "条"},
	}
)

// templates are the sentence shapes. A {name} is filled from the list of
// that name, or by prose.slot for the special ones.
var templates = []string{
	"{opener}，{subject}{verb}{object}，{result}。",
	"{subject}{mean}，{verb}{object}，{verb}{object}，{result}。",
	"全年共{act}，较上年{updown}{pct}%。",
	"{measure}，{measure}，确保{object}落到实处。",
	"针对{problem}的问题，{subject}{measure}，{result}。",
	"一是{verb}{object}；二是{verb}{object}；三是{verb}{object}。",
	"{opener}，{subject}累计{act}，{result}。",
	"{subject}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党中央、国务院决策部署，{verb}{object}。",
	"{year}年，{org}{verb}{object}，{act}，{result}。",
	"{subject}{mean}，{measure}，{object}{result}。",
	"同时，{subject}{verb}{object}，{act}，有效提升了{object}水平。",
}

// prose writes Chinese sentences from the vocabulary.
type prose struct {
	rng  *rand.Rand
	year int
	org  string
}

func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// sentence is one sentence from a random template.
func (p *prose) sentence() string {
	return p.expand(pick(p.rng, templates))
}

// expand fills the slots of a template.
func (p *prose) expand(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		b.WriteString(p.slot(t[i+1 : j]))
		t = t[j+1:]
	}
}

func (p *prose) slot(name string) string {
	switch name {
	case "opener":
		return pick(p.rng, openers)
	case "subject":
		return pick(p.rng, subjects)
	case "verb":
		return pick(p.rng, verbs)
	case "object":
		return pick(p.rng, objects)
	case "result":
		return pick(p.rng, results)
	case "mean":
		return pick(p.rng, means)
	case "measure":
		return pick(p.rng, measures)
	case "problem":
		return pick(p.rng, problems)
	case "act":
		a := pick(p.rng, actions)
		return a[0] + strconv.Itoa(5+p.rng.IntN(2000)) + a[1]
	case "updown":
		return pick(p.rng, []string{"增长", "下降", "提高"})
	case "pct":
		return tenths(int64(1 + p.rng.IntN(400)))
	case "year":
		return strconv.Itoa(p.year)
	case "org":
		return p.org
	}
	panic("benchcorpus: unknown slot " + name)
}

// paragraph is n sentences.
func (p *prose) paragraph(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(p.sentence())
	}
	return b.String()
}

// fill appends paragraphs of up to 3 to 6 sentences to b until it holds
// size bytes: the last paragraph stops at the sentence that reaches it.
func (p *prose) fill(b *strings.Builder, size int) {
	for b.Len() < size {
		for range 3 + p.rng.IntN(4) {
			b.WriteString(p.sentence())
			if b.Len() >= size {
				break
			}
		}
		b.WriteString("\n\n")
	}
}

// tenths writes n/10 with one decimal: 199 is "19.9", -5 is "-0.5".
func tenths(n int64) string { return fixed(n, 1) }

// cents writes n/100 with two decimals: 97176 is "971.76".
func cents(n int64) string { return fixed(n, 2) }

func fixed(n int64, places int) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	if len(s) <= places {
		s = strings.Repeat("0", places-len(s)+1) + s
	}
	return sign + s[:len(s)-places] + "." + s[len(s)-places:]
}

// ratio is n/d in units of 10^-places, rounded half away from zero.
func ratio(n, d int64, scale int64) int64 {
	neg := (n < 0) != (d < 0)
	if n < 0 {
		n = -n
	}
	if d < 0 {
		d = -d
	}
	q := (2*n*scale + d) / (2 * d)
	if neg {
		return -q
	}
	return q
}
