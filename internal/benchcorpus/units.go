package benchcorpus

import (
	"math/rand/v2"
	"strconv"
)

// county is where a unit is: its region as reports write it, the short name
// that starts a unit's name, and the romanised name that starts its org_id.
type county struct {
	region, short, id string
}

var counties = []county{
	{"湖南省株洲市炎陵县", "炎陵县", "yanling"},
	{"湖南省株洲市茶陵县", "茶陵县", "chaling"},
	{"湖南省株洲市攸县", "攸县", "youxian"},
	{"湖南省株洲市醴陵市", "醴陵市", "liling"},
	{"湖南省株洲市渌口区", "渌口区", "lukou"},
	{"湖南省湘潭市湘潭县", "湘潭县", "xiangtan"},
	{"湖南省湘潭市韶山市", "韶山市", "shaoshan"},
	{"湖南省湘潭市湘乡市", "湘乡市", "xiangxiang"},
	{"湖南省衡阳市衡山县", "衡山县", "hengshan"},
	{"湖南省衡阳市衡东县", "衡东县", "hengdong"},
	{"湖南省衡阳市祁东县", "祁东县", "qidong"},
	{"湖南省衡阳市耒阳市", "耒阳市", "leiyang"},
	{"湖南省邵阳市新邵县", "新邵县", "xinshao"},
	{"湖南省邵阳市隆回县", "隆回县", "longhui"},
	{"湖南省岳阳市平江县", "平江县", "pingjiang"},
	{"湖南省岳阳市华容县", "华容县", "huarong"},
	{"湖南省常德市桃源县", "桃源县", "taoyuan"},
	{"湖南省常德市石门县", "石门县", "shimen"},
	{"湖南省益阳市安化县", "安化县", "anhua"},
	{"湖南省郴州市宜章县", "宜章县", "yizhang"},
	{"湖南省永州市宁远县", "宁远县", "ningyuan"},
	{"湖南省怀化市沅陵县", "沅陵县", "yuanling"},
	{"湖南省娄底市新化县", "新化县", "xinhua"},
	{"湖南省张家界市慈利县", "慈利县", "cili"},
}

// dept is a kind of budget unit: its name after the county's, its part of
// the org_id, the functional class (政府收支分类科目) most of its money is
// spent under, and the field of work its report speaks of.
type dept struct {
	name, id string
	class    int // index into classes
	area     string
}

var depts = []dept{
	{"教育局", "education", 2, "教育事业发展"},
	{"财政局", "finance", 0, "财政收支管理"},
	{"卫生健康局", "health", 6, "医疗卫生服务"},
	{"民政局", "civil-affairs", 5, "基本民生保障"},
	{"人力资源和社会保障局", "hrss", 5, "就业和社会保障"},
	{"自然资源局", "natural-resources", 13, "自然资源管理"},
	{"住房和城乡建设局", "housing", 8, "城乡建设管理"},
	{"交通运输局", "transport", 10, "交通基础设施建设"},
	{"水利局", "water", 9, "水利工程建设与管理"},
	{"农业农村局", "agriculture", 9, "农业农村发展"},
	{"林业局", "forestry", 9, "森林资源保护"},
	{"文化旅游广电体育局", "culture-tourism", 4, "公共文化服务"},
	{"市场监督管理局", "market-regulation", 0, "市场秩序监管"},
	{"应急管理局", "emergency", 15, "应急管理和安全生产"},
	{"审计局", "audit", 0, "审计监督"},
	{"统计局", "statistics", 0, "统计调查"},
	{"医疗保障局", "medical-insurance", 6, "医疗保障"},
	{"退役军人事务局", "veterans", 5, "退役军人服务保障"},
	{"公安局交通警察大队", "traffic-police", 1, "道路交通安全管理"},
	{"司法局", "justice", 1, "公共法律服务"},
	{"发展和改革局", "development-reform", 0, "经济社会发展规划"},
	{"科学技术局", "science-tech", 3, "科技创新服务"},
	{"商务局", "commerce", 12, "商贸流通服务"},
	{"城市管理综合执法局", "urban-management", 8, "城市管理"},
	{"档案馆", "archives", 0, "档案管理"},
	{"疾病预防控制中心", "cdc", 6, "疾病预防控制"},
	{"人民医院", "people-hospital", 6, "医疗服务"},
	{"第一中学", "no1-middle-school", 2, "高中教育教学"},
	{"融媒体中心", "media-center", 4, "新闻宣传"},
	{"机关事务服务中心", "government-services", 0, "机关后勤保障"},
	{"行政审批服务局", "admin-approval", 0, "政务服务"},
	{"气象局", "meteorology", 13, "气象服务"},
	{"生态环境分局", "ecology", 7, "生态环境保护"},
	{"乡村振兴局", "rural-revitalization", 9, "乡村振兴"},
}

// classes are the functional classes of expenditure a budget lists.
var classes = []struct{ code, name string }{
	{"201", "一般公共服务支出"},
	{"204", "公共安全支出"},
	{"205", "教育支出"},
	{"206", "科学技术支出"},
	{"207", "文化旅游体育与传媒支出"},
	{"208", "社会保障和就业支出"},
	{"210", "卫生健康支出"},
	{"211", "节能环保支出"},
	{"212", "城乡社区支出"},
	{"213", "农林水支出"},
	{"214", "交通运输支出"},
	{"215", "资源勘探工业信息等支出"},
	{"216", "商业服务业等支出"},
	{"220", "自然资源海洋气象等支出"},
	{"221", "住房保障支出"},
	{"224", "灾害防治及应急管理支出"},
}

// The classes every unit spends a little under: pensions, health
// insurance and housing of its staff.
const (
	classSocial  = 5  // 208
	classHealth  = 6  // 210
	classHousing = 14 // 221
)

// unit is one reporting unit, the same in every year it reports.
type unit struct {
	id, name, region string
	dept             dept
	// budget is the unit's yearly budget in hundredths of 万元, before a
	// year's variation.
	budget int64
	staff  int
}

// unitOf is unit i of the corpus: the counties and kinds of unit combine,
// and a corpus larger than their product numbers its units further.
func unitOf(seed uint64, i int) unit {
	c := counties[i%len(counties)]
	d := depts[(i/len(counties))%len(depts)]
	u := unit{id: c.id + "-" + d.id, name: c.short + d.name, region: c.region, dept: d}
	if round := i / (len(counties) * len(depts)); round > 0 {
		n := strconv.Itoa(round + 1)
		u.id += "-" + n
		u.name += "第" + n + "分支机构"
	}
	rng := rand.New(rand.NewPCG(seed, 1<<32|uint64(i)))
	// From 2 to 80 million yuan: 200 to 8000 万元.
	u.budget = (200 + rng.Int64N(7800)) * 100
	u.staff = 12 + rng.IntN(180)
	return u
}
