package cli

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gongkai/internal/build"
	"gongkai/internal/check"
	"gongkai/internal/importer"
	"gongkai/internal/pool"
	"gongkai/internal/source"
)

// A manifest is a CSV file, as Excel saves it (UTF-8, with or without a
// byte order mark, or GBK), that lists the reports to import, one a row:
// the county finance bureau imports every unit's report in one run.

// manifestColumns are the columns a manifest may have, by key, with the
// names its header row may give them; file and org_id are required.
var manifestColumns = []struct {
	key      string
	names    []string
	required bool
}{
	{"file", []string{"file", "文件"}, true},
	{"year", []string{"year", "年度"}, false},
	{"org", []string{"org", "单位名称"}, false},
	{"org_id", []string{"org_id", "单位标识"}, true},
	{"slug", []string{"slug", "目录名"}, false},
}

// manifestRow is one row of a manifest and what became of it.
type manifestRow struct {
	line   int    // the line of the manifest it starts on
	file   string // the file it reads, relative to the manifest's folder
	meta   importer.Meta
	bundle *importer.Bundle
	dir    string // the report's folder under the site, once known
	state  rowState
	reason string // why it failed or was skipped
	errs   int
	warns  int
}

type rowState int

const (
	rowPending rowState = iota
	rowImported
	rowSkipped
	rowFailed
)

func (r *manifestRow) fail(format string, args ...any) {
	r.state, r.reason = rowFailed, fmt.Sprintf(format, args...)
}

// runManifest imports every row of the manifest name into the site src:
// the rows read in parallel, the bundles written in the manifest's order,
// then one check of the whole site, whose findings each row's summary
// counts. A row that fails does not stop the others; a row whose report
// folder exists is skipped, so that a corrected manifest can be run again.
func (e *env) runManifest(name, src, unit string, dry bool) int {
	rows, err := readManifest(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "gongkai import: %s\n", err)
		return ExitError
	}
	if len(rows) == 0 {
		fmt.Fprintf(e.stderr, "gongkai import: %s 中没有要导入的行（第一行是列名，其后每行一份报告）\n", name)
		return ExitError
	}
	_ = pool.Each(len(rows), func(i int) error {
		r := rows[i]
		if r.state != rowPending {
			return nil
		}
		r.meta.Unit = unit
		// A row that names its year and folder is skipped without reading
		// its file: a second run costs nothing for the rows already done.
		if r.meta.Year != "" {
			slug := cmp.Or(r.meta.Slug, r.meta.OrgID)
			if dir := filepath.Join(src, source.ContentDir, r.meta.Year, slug); exists(dir) {
				r.dir, r.state, r.reason = dir, rowSkipped, "报告目录已存在，跳过"
				return nil
			}
		}
		if err := importable(r.file); err != nil {
			r.fail("%v", err)
			return nil
		}
		text, err := importer.ReadFile(r.file)
		if err != nil {
			r.fail("%v", err)
			return nil
		}
		b, err := importer.Make(src, text, importer.SplitText(text), r.meta)
		if err != nil {
			r.fail("%v", err)
			return nil
		}
		r.bundle, r.dir = b, b.Dir
		return nil
	})
	// Decided in the manifest's order, so that of two rows that name the
	// same folder the first wins, whatever the scheduling; on a second run
	// too, where the first was skipped.
	claimed := map[string]int{}
	for _, r := range rows {
		if r.dir == "" || r.state == rowFailed {
			continue
		}
		if first, dup := claimed[r.dir]; dup {
			r.fail("报告目录 %s 与第 %d 行相同；请在 slug 列另起目录名", r.dir, first)
			continue
		}
		claimed[r.dir] = r.line
		switch {
		case r.bundle == nil:
			continue // skipped before it was read
		case exists(r.dir):
			r.state, r.reason = rowSkipped, "报告目录已存在，跳过"
			continue
		}
		r.state = rowImported
	}
	// The folders are decided: the writes, each into its own, can run
	// in parallel.
	var write []*manifestRow
	for _, r := range rows {
		if r.state == rowImported && !dry {
			write = append(write, r)
		}
	}
	_ = pool.Each(len(write), func(i int) error {
		if err := write[i].bundle.Write(); err != nil {
			write[i].fail("%v", err)
		}
		return nil
	})
	checked := e.checkRows(src, rows, dry)
	return e.summary(name, rows, checked, dry)
}

// checkRows checks the site once and counts each imported row's errors and
// warnings from the findings in its folder. It says whether it could.
func (e *env) checkRows(src string, rows []*manifestRow, dry bool) bool {
	imported := false
	for _, r := range rows {
		imported = imported || r.state == rowImported
	}
	if !imported || dry {
		return false
	}
	srcFS, err := source.Dir(src)
	var findings []check.Finding
	if err == nil {
		findings, err = build.Check(srcFS)
	}
	if err != nil {
		fmt.Fprintf(e.stdout, "核查未能完成：%s\n", err)
		return false
	}
	byDir := map[string][]check.Finding{}
	for _, f := range findings {
		// A report's findings are those in its folder.
		if dir, ok := source.ReportDirOf(f.Pos.Path); ok {
			byDir[dir] = append(byDir[dir], f)
		}
	}
	for _, r := range rows {
		if r.state == rowImported {
			r.errs, r.warns, _ = check.Count(byDir[reportKey(r.dir)])
		}
	}
	return true
}

// reportKey is the slash path under the site of a report folder
// SRC/content/YEAR/SLUG.
func reportKey(dir string) string {
	return source.ContentDir + "/" + filepath.Base(filepath.Dir(dir)) + "/" + filepath.Base(dir)
}

// summary prints one line a row and the totals, and gives the exit status:
// 1 when a row failed.
func (e *env) summary(name string, rows []*manifestRow, checked, dry bool) int {
	w := e.stdout
	head := []string{"行", "文件", "报告目录", "章节", "数据块", "错误", "警告", "结果"}
	table := [][]string{head}
	var imported, skipped, failed int
	for _, r := range rows {
		cells := []string{fmt.Sprint(r.line), shorten(r.file, 36), "", "", "", "", "", ""}
		if r.dir != "" {
			cells[2] = filepath.ToSlash(reportKey(r.dir))
		}
		switch r.state {
		case rowImported:
			imported++
			cells[3], cells[4] = fmt.Sprint(len(r.bundle.Sections)), fmt.Sprint(len(r.bundle.Blocks))
			if checked {
				cells[5], cells[6] = fmt.Sprint(r.errs), fmt.Sprint(r.warns)
			}
			cells[7] = "已导入"
			if dry {
				cells[7] = "可导入（--dry-run 未写入）"
			}
		case rowSkipped:
			skipped++
			cells[7] = r.reason
		default:
			failed++
			cells[7] = "失败（原因见下）"
		}
		table = append(table, cells)
	}
	printTable(w, table)
	for _, r := range rows {
		switch {
		case r.state != rowFailed:
		case r.file == "":
			fmt.Fprintf(w, "%s:%d: %s\n", name, r.line, shorten(r.reason, 400))
		default:
			fmt.Fprintf(w, "%s:%d: %s：%s\n", name, r.line, shorten(r.file, 80), shorten(r.reason, 400))
		}
	}
	fmt.Fprintf(w, "共 %d 行：导入 %d 份，跳过 %d 份（报告目录已存在），失败 %d 行\n", len(rows), imported, skipped, failed)
	if checked {
		fmt.Fprintln(w, "各报告的错误和警告：用 gongkai check 查看详情")
	}
	if failed > 0 {
		fmt.Fprintf(w, "改正 %s 中失败的行（或其文件）后，可再次运行同一命令：已导入的报告会跳过\n", name)
		return ExitError
	}
	return ExitOK
}

// readManifest reads the rows of the manifest name. An error is about the
// whole file (unreadable, no header, a required column missing); a row
// that cannot be read, or whose file, year, org_id or slug is wrong, is a
// failed row.
func readManifest(name string) ([]*manifestRow, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("无法读取清单 %s：%w", name, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("清单 %s 不是普通文件", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, importer.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取清单 %s：%w", name, err)
	}
	// Decode takes UTF-8 (with or without a byte order mark) or GBK, as
	// Excel saves a CSV.
	text, err := importer.Decode(name, data)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(strings.NewReader(text.Body))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("清单 %s 的第一行（列名）无法读取：%v", name, csvError(err))
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, c := range manifestColumns {
			for _, n := range c.names {
				if h != n {
					continue
				}
				if _, dup := col[c.key]; dup {
					return nil, fmt.Errorf("清单 %s 的列 %s 出现了两次", name, c.key)
				}
				col[c.key] = i
			}
		}
	}
	var missing []string
	for _, c := range manifestColumns {
		if _, ok := col[c.key]; !ok && c.required {
			missing = append(missing, c.key)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("清单 %s 缺少列 %s；第一行应为列名：file,year,org,org_id,slug（year、org、slug 可省略）", name, strings.Join(missing, "、"))
	}
	base := filepath.Dir(name)
	var rows []*manifestRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		r := &manifestRow{}
		if err != nil {
			// FieldPos knows no record that did not parse: the error
			// carries its line.
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				r.line = pe.StartLine
			}
			r.fail("这一行不是正确的 CSV：%v", csvError(err))
			rows = append(rows, r)
			continue
		}
		r.line, _ = cr.FieldPos(0)
		get := func(key string) string {
			if i, ok := col[key]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // an empty row, as Excel leaves below a list
		}
		r.file = get("file")
		r.meta = importer.Meta{Year: get("year"), Org: get("org"), OrgID: get("org_id"), Slug: get("slug")}
		// A relative path is relative to the manifest, wherever it
		// leads: the user wrote the manifest, and the summary says which
		// file each row read.
		if r.file != "" && !filepath.IsAbs(r.file) {
			r.file = filepath.Join(base, r.file)
		}
		switch {
		case r.file == "":
			r.fail("file 列为空：请填写要导入的文件")
		case r.meta.OrgID == "":
			r.fail("org_id 列为空：请填写单位标识（小写英文字母、数字和连字符，各年度相同）")
		case !source.ValidID(r.meta.OrgID):
			r.fail("org_id %q 会成为单位页网址的一部分，%s", shorten(r.meta.OrgID, 40), source.IDRule)
		case r.meta.Slug != "" && !source.ValidID(r.meta.Slug):
			r.fail("slug %q 会成为网址的一部分，%s", shorten(r.meta.Slug, 40), source.IDRule)
		case r.meta.Year != "" && !source.ValidYear(r.meta.Year):
			r.fail("year %q 应为四位数字，如 2023", shorten(r.meta.Year, 40))
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// csvError says a CSV parse error in Chinese; the line is said by the
// caller.
func csvError(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "引号不成对"
	case errors.Is(err, csv.ErrBareQuote):
		return "没有用引号括起的字段中出现了引号"
	case errors.Is(err, io.EOF):
		return "文件是空的"
	}
	return err.Error()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
