package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"gongkai/internal/source"
)

// Report is what gongkai new report is told about the report to start.
type Report struct {
	Year  string // four digits, the year folder
	Org   string // the unit's full name
	OrgID string // the unit's id, the same every year
	Slug  string // the report's folder name; "" means OrgID
}

// reportFiles are the files of a new report bundle: index.md and the nine
// standard sections, named as in the sample report.
var reportFiles = []file{
	{"index.md", "index.md"},
	{"01-basic.md", "01-basic.md"},
	{"02-general-budget.md", "02-general-budget.md"},
	{"03-government-funds.md", "03-government-funds.md"},
	{"04-state-capital.md", "04-state-capital.md"},
	{"05-social-insurance.md", "05-social-insurance.md"},
	{"06-performance.md", "06-performance.md"},
	{"07-problems.md", "07-problems.md"},
	{"08-measures.md", "08-measures.md"},
	{"09-self-evaluation.md", "09-self-evaluation.md"},
}

// Validate checks the report's year, names and ids, and fills in the slug.
func (r *Report) Validate() error {
	if !source.ValidYear(r.Year) {
		return fmt.Errorf("年度 %q 应为四位数字，如 2024", r.Year)
	}
	if err := checkText("单位名称（--org）", r.Org); err != nil {
		return err
	}
	if !source.ValidID(r.OrgID) {
		return fmt.Errorf("单位标识 --org-id %q 会成为单位页网址的一部分，%s", r.OrgID, source.IDRule)
	}
	if r.Slug == "" {
		r.Slug = r.OrgID
	}
	if !source.ValidID(r.Slug) {
		return fmt.Errorf("报告目录名 --slug %q 会成为网址的一部分，%s", r.Slug, source.IDRule)
	}
	return nil
}

// Title is the report's standard title: 2024年度某单位整体支出绩效自评报告.
func (r *Report) Title() string {
	return r.Year + "年度" + r.Org + "整体支出绩效自评报告"
}

// Dir is the report's folder under the site src.
func (r *Report) Dir(src string) string {
	return filepath.Join(src, source.ContentDir, r.Year, r.Slug)
}

// NewReport writes a new report bundle into the site src, at
// content/YEAR/SLUG/, and returns its folder. The site must have its
// site.toml; the bundle must not exist yet.
func NewReport(src string, r Report) (string, error) {
	if err := r.Validate(); err != nil {
		return "", err
	}
	config := filepath.Join(src, source.ConfigFile)
	if st, err := os.Stat(config); err != nil || !st.Mode().IsRegular() {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("读取 %s：%w", config, err)
		}
		return "", fmt.Errorf("%s 中没有站点配置文件 %s：请在站点目录中运行，或用 --src 指定站点目录；还没有站点的，先用 gongkai new site 目录 创建", src, source.ConfigFile)
	}
	year, _ := strconv.Atoi(r.Year) // Validate made sure it is a number
	files, err := render(reportFiles, struct {
		Title, Org, OrgID string
		Year              int
	}{r.Title(), r.Org, r.OrgID, year})
	if err != nil {
		return "", err
	}
	dir := r.Dir(src)
	err = create(dir, files, false)
	if errors.Is(err, ErrTaken) {
		return "", fmt.Errorf("报告目录 %s 已存在：gongkai new report 不会改动已有的报告；同一单位同一年度的另一份报告，请用 --slug 另起目录名，如 --slug %s-2", dir, r.Slug)
	}
	return dir, err
}
