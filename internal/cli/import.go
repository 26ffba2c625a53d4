package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gongkai/internal/build"
	"gongkai/internal/check"
	"gongkai/internal/importer"
	"gongkai/internal/source"
)

const importUsage = "gongkai import 文件 --org-id 单位标识 [--src 目录] [--year 年份] [--org 单位名称] [--slug 目录名] [--unit 万元|元] [--dry-run]\n" +
	"       gongkai import --manifest 清单.csv [--src 目录] [--unit 万元|元] [--dry-run]"

// runImport turns a report's text into a bundle of the site and prints an
// import report: the sections found, the encoding converted and what check
// says of the new bundle.
func runImport(e *env, args []string) int {
	fs := e.flags("import")
	src := srcFlag(fs)
	var m importer.Meta
	fs.StringVar(&m.Year, "year", "", "报告年度，四位数字（默认取自标题，如“2023年度”）")
	fs.StringVar(&m.Org, "org", "", "报告单位的全称（默认取自标题）")
	fs.StringVar(&m.OrgID, "org-id", "", "单位标识：小写英文字母、数字和连字符，各年度相同（导入单个文件时必填）")
	fs.StringVar(&m.Slug, "slug", "", "报告目录名，会成为网址的一部分（默认为单位标识）")
	fs.StringVar(&m.Unit, "unit", "", "金额单位：万元 或 元（默认取自正文）")
	dry := fs.Bool("dry-run", false, "只打印导入报告，不写入任何文件")
	manifest := fs.String("manifest", "", "批量导入：CSV 清单，列为 file,year,org,org_id,slug，每行一份报告")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "用法：%s\n"+
			"  读取 Word 文档（.docx：自动编号按所见文字写出，表格转为 Markdown 表格，脚注写成脚注，图片存为附件）、\n"+
			"  PDF（.pdf：用 poppler 的 pdftotext 取出文字层，去掉页码和页眉页脚，接回被分行的段落，对齐的表格转为\n"+
			"  Markdown 表格；需先安装 poppler-utils；扫描件没有文字层，须先做文字识别）、\n"+
			"  网页（.html、.htm：取正文，略去导航与信息框，发布日期写入 published，旁边保存的图片存为附件）\n"+
			"  或 .txt、.md 文本（UTF-8，或 GB18030/GBK，会自动转换），按“一、”“二、”等一级标题分章，\n"+
			"  写入 content/年份/目录名/，然后核查新报告。预算、计数、同比、比率和表格写成待核对的数据块（draft = true），\n"+
			"  图表放在说出这些数字的段落后面。原文没有的单位名称、金额单位写成“【待填写：…】”，由 check 报错提醒填写。\n"+
			"  旧版 .doc、.wps 请先另存为 .docx。\n"+
			"\n"+
			"  批量导入（--manifest）：清单是 CSV 文件（UTF-8 或 GBK，Excel 另存为 CSV 即可），第一行是列名\n"+
			"  file,year,org,org_id,slug：file 和 org_id 必填，year、org 留空时取自标题，slug 留空时同 org_id；\n"+
			"  file 写相对路径时相对于清单所在的文件夹。逐行导入，某行失败不影响其他行，最后统一核查一次，\n"+
			"  列出每行读取的文件、报告目录、章节数、数据块数、错误和警告数，或失败的原因；有失败的行时退出码为 1。\n"+
			"  报告目录已存在的行会跳过，所以改正清单后可以重新运行同一命令。\n", importUsage)
	}
	// The file may stand before, between or after the flags.
	files, code, ok := e.parseOperands(fs, args)
	if !ok {
		return code
	}
	if *manifest != "" {
		var extra []string
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "year", "org", "org-id", "slug":
				extra = append(extra, "--"+f.Name)
			}
		})
		switch {
		case len(files) > 0:
			fmt.Fprintf(e.stderr, "gongkai import: --manifest 与要导入的文件 %s 不能同时给出：文件请写在清单的 file 列\n用法：%s\n", strings.Join(files, " "), importUsage)
			return ExitUsage
		case len(extra) > 0:
			fmt.Fprintf(e.stderr, "gongkai import: --manifest 不能与 %s 同用：请在清单的 year、org、org_id、slug 列逐行给出\n用法：%s\n", strings.Join(extra, " "), importUsage)
			return ExitUsage
		}
		if !e.isSite(*src) {
			return ExitError
		}
		return e.runManifest(*manifest, *src, m.Unit, *dry)
	}
	if len(files) != 1 {
		fmt.Fprintf(e.stderr, "gongkai import: 请给出一个要导入的文件，或用 --manifest 给出清单\n用法：%s\n", importUsage)
		return ExitUsage
	}
	name := files[0]
	if err := importable(name); err != nil {
		fmt.Fprintf(e.stderr, "gongkai import: %s\n", err)
		return ExitError
	}
	if !e.isSite(*src) {
		return ExitError
	}
	text, err := importer.ReadFile(name)
	if err != nil {
		return e.fail(err)
	}
	doc := importer.SplitText(text)
	b, err := importer.Make(*src, text, doc, m)
	if err != nil {
		fmt.Fprintf(e.stderr, "gongkai import: %s\n", err)
		if errors.As(err, new(importer.UsageError)) {
			fmt.Fprintf(e.stderr, "用法：%s\n", importUsage)
			return ExitUsage
		}
		return ExitError
	}
	w := e.stdout
	fmt.Fprintf(w, "导入 %s → %s\n", name, b.Dir)
	for _, n := range b.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	if doc.Title != "" {
		fmt.Fprintf(w, "标题（第 %d 行）：%s\n", doc.TitleLine, doc.Title)
	}
	if len(doc.Preface) > 0 {
		fmt.Fprintf(w, "前言：第 %d 行起 %d 段，写入 index.md\n", doc.Preface[0].No, len(doc.Preface))
	}
	kind := "按原文标题命名"
	if b.Standard {
		kind = "与九个标准章节一致，采用标准文件名和标题"
	}
	fmt.Fprintf(w, "章节：%d 个，%s\n", len(b.Sections), kind)
	for _, s := range b.Sections {
		fmt.Fprintf(w, "  第 %d 行  %-24s %s", s.Line, s.File, s.Title)
		if s.Original != s.Title {
			fmt.Fprintf(w, "（原文“%s”）", s.Original)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "数据块：%d 个，标为 draft = true（待与原文核对后删去该行）\n", len(b.Blocks))
	for _, p := range b.Blocks {
		k := p.Block
		items := ""
		if k.Items > 0 {
			items = fmt.Sprintf("（%d 项）", k.Items)
		}
		fmt.Fprintf(w, "  %s  [[%s]] %s %s%s → %s\n", k.Source, k.Kind, k.ID, k.Title, items, p.File)
	}
	for _, src := range b.Missed {
		fmt.Fprintf(w, "  未能识别为数据块：%s\n", src)
	}
	if *dry {
		fmt.Fprintln(w, "--dry-run：未写入任何文件")
		return ExitOK
	}
	if err := b.Write(); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(w, "已写入 %s\n", b.Dir)
	srcFS, err := source.Dir(*src)
	if err != nil {
		return e.fail(err)
	}
	findings, err := build.Check(srcFS)
	if err != nil {
		// The bundle is written: say why it cannot be checked, but the
		// import itself succeeded.
		fmt.Fprintf(w, "核查未能完成：%s\n", err)
		return ExitOK
	}
	rel := reportKey(b.Dir) + "/"
	var mine []check.Finding
	for _, f := range findings {
		if strings.HasPrefix(f.Pos.Path, rel) {
			mine = append(mine, f)
		}
	}
	errs, warns, infos := check.Count(mine)
	fmt.Fprintf(w, "核查新报告：共 %d 个错误，%d 个警告，%d 条提示\n", errs, warns, infos)
	for _, f := range mine {
		fmt.Fprintln(w, f)
	}
	return ExitOK
}

// importable says why a file cannot be imported by its kind, or nil.
func importable(name string) error {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".doc", ".wps":
		return fmt.Errorf("暂不支持 %s 文件；请先把 %s 另存为 .docx（或 UTF-8 文本 .txt）再导入", ext, name)
	}
	return nil
}

// isSite says whether src holds a site's configuration, and when not,
// says so on stderr: import writes into a site.
func (e *env) isSite(src string) bool {
	config := filepath.Join(src, source.ConfigFile)
	if st, err := os.Stat(config); err != nil || !st.Mode().IsRegular() {
		fmt.Fprintf(e.stderr, "gongkai import: %s 中没有站点配置文件 %s：请在站点目录中运行，或用 --src 指定站点目录；还没有站点的，先用 gongkai new site 目录 创建\n", src, source.ConfigFile)
		return false
	}
	return true
}
