// Package cli is the gongkai command line: a small table of subcommands, each
// with its own flag set. Main returns the exit status instead of exiting, so
// tests can run it in-process.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"syscall"
	"time"

	"gongkai"
	"gongkai/internal/archive"
	"gongkai/internal/build"
	"gongkai/internal/check"
	"gongkai/internal/output"
	"gongkai/internal/quality"
	"gongkai/internal/server"
	"gongkai/internal/source"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1 // the build or check failed
	ExitUsage = 2
)

// The help command's usage line and description.
const (
	helpUsage = "gongkai help [命令]"
	helpAbout = "显示所有命令，或一个命令的用法、参数及其默认值（与 gongkai 命令 -h 相同）"
)

// Version is the gongkai release; version adds the VCS revision when known.
const Version = gongkai.Version

type command struct {
	name  string
	usage string
	help  string
	run   func(env *env, args []string) int
}

type env struct {
	stdout, stderr io.Writer
}

var commands []*command

func init() {
	commands = []*command{
		{name: "build", usage: "gongkai build [--src 目录] [--out 目录] [--strict]", help: "生成静态网站（原子写入：失败时保留原有输出）", run: runBuild},
		{name: "check", usage: "gongkai check [--src 目录] [--format text|json|html|csv] [--strict]", help: "核查报告：数字是否相符、模板文字、空章节、链接；有错误时退出码为 1", run: runCheck},
		{name: "serve", usage: "gongkai serve [--src 目录] [--addr 地址] [--poll]", help: "在本机预览网站，保存即自动重建并刷新浏览器", run: runServe},
		{name: "new", usage: "gongkai new site|report …", help: "新建站点（new site 目录），或在站点中新建一份带九个标准章节的报告（new report；详见 gongkai help new）", run: runNew},
		{name: "import", usage: "gongkai import 文件 --org-id 单位标识 …", help: "把已有的报告（.docx、网页、.txt/.md）导入为一份报告并核查（详见 gongkai help import）", run: runImport},
		{name: "archive", usage: "gongkai archive 年份 [--src 目录] [--out 目录]", help: "把一个年度归档为可离线打开、带校验清单的目录和 zip", run: runArchive},
		{name: "verify", usage: "gongkai verify 归档目录或zip", help: "按 MANIFEST.sha256 校验归档：列出改动、缺失、多出的文件，多出的目录、重复或越界的条目、链接与损坏的条目", run: runVerify},
		{name: "version", usage: "gongkai version", help: "显示版本", run: runVersion},
		{name: "help", usage: helpUsage, help: helpAbout, run: runHelp},
	}
}

// Main runs gongkai with args (without the program name).
func Main(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		overview(stderr)
		return ExitUsage
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	if isHelpFlag(args[0]) {
		overview(stdout)
		return ExitOK
	}
	fmt.Fprintf(stderr, "gongkai: 未知命令 %q\n", args[0])
	overview(stderr)
	return ExitUsage
}

func runBuild(e *env, args []string) int {
	fs := e.flags("build")
	src := srcFlag(fs)
	out := fs.String("out", "", "输出目录（默认：源目录下的 public）")
	strict := fs.Bool("strict", false, "核查发现错误或仍有未核对的导入草稿时，构建失败")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}
	srcFS, err := source.Open(*src)
	if err != nil {
		return e.fail(err)
	}
	if err := output.CheckPlacement(*src, *out); err != nil {
		return e.fail(err)
	}
	start := time.Now()
	res, err := build.Write(srcFS, *out, build.Options{Strict: *strict, Large: collectLess})
	if len(res.Findings) > 0 {
		for _, f := range res.Findings {
			fmt.Fprintln(e.stderr, f)
		}
		errs, warns, infos := check.Count(res.Findings)
		fmt.Fprintf(e.stderr, "核查：%d 个错误，%d 个警告，%d 条提示（gongkai check 可单独运行核查）\n", errs, warns, infos)
	}
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "构建完成：%d 份报告，%d 个页面，共 %d 个文件，输出到 %s，用时 %s\n",
		res.Reports, res.Pages, res.Files, *out, time.Since(start).Round(time.Millisecond))
	return ExitOK
}

// fail prints an error, one line per source error, and returns ExitError.
func (e *env) fail(err error) int {
	var list source.List
	if errors.As(err, &list) {
		for _, le := range list {
			fmt.Fprintln(e.stderr, le)
		}
		fmt.Fprintf(e.stderr, "gongkai: 共 %d 处错误，未生成网站\n", len(list))
		return ExitError
	}
	fmt.Fprintf(e.stderr, "gongkai: %v\n", err)
	return ExitError
}

func runCheck(e *env, args []string) int {
	fs := e.flags("check")
	src := srcFlag(fs)
	format := fs.String("format", "text", "输出格式：text、json，或质量报告 html（单个网页）、csv（Excel）")
	strict := fs.Bool("strict", false, "有警告时也以退出码 1 结束")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if !slices.Contains([]string{"text", "json", "html", "csv"}, *format) {
		e.usageError(fs, "参数 --format 只能是 text、json、html 或 csv，不能是 %q", *format)
		return ExitUsage
	}
	srcFS, err := source.Open(*src)
	if err != nil {
		return e.fail(err)
	}
	site, findings, err := build.CheckSite(srcFS)
	if err != nil {
		return e.fail(err)
	}
	errs, warns, infos := check.Count(findings)
	switch *format {
	case "json":
		if err := writeJSON(e.stdout, findings); err != nil {
			return e.fail(err)
		}
	case "html":
		if err := quality.New(site, findings).WriteHTML(e.stdout); err != nil {
			return e.fail(err)
		}
	case "csv":
		if err := quality.New(site, findings).WriteCSV(e.stdout); err != nil {
			return e.fail(err)
		}
	default:
		for _, f := range findings {
			fmt.Fprintln(e.stdout, f)
		}
		fmt.Fprintf(e.stdout, "共 %d 个错误，%d 个警告，%d 条提示\n", errs, warns, infos)
	}
	if errs > 0 || (*strict && warns > 0) {
		return ExitError
	}
	return ExitOK
}

// jsonFinding is a finding as CI pipelines read it.
type jsonFinding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Block    string `json:"block,omitempty"`
}

func writeJSON(w io.Writer, findings []check.Finding) error {
	out := struct {
		Findings []jsonFinding `json:"findings"`
		Errors   int           `json:"errors"`
		Warnings int           `json:"warnings"`
		Infos    int           `json:"infos"`
	}{Findings: []jsonFinding{}}
	for _, f := range findings {
		out.Findings = append(out.Findings, jsonFinding{Code: f.Code, Severity: f.Severity.String(), Path: f.Pos.Path,
			Line: f.Pos.Line, Col: f.Pos.Col, Message: f.Message, Hint: f.Hint, Block: f.Block})
	}
	out.Errors, out.Warnings, out.Infos = check.Count(findings)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func runServe(e *env, args []string) int {
	fs := e.flags("serve")
	src := srcFlag(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "监听地址：127.0.0.1 只允许本机访问")
	poll := fs.Bool("poll", false, "定时扫描文件而不依赖 inotify（网络盘等收不到文件通知时使用）")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	ln, err := server.Listen(*addr)
	if err != nil {
		return e.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := server.New(server.Config{Src: *src, Addr: *addr, Poll: *poll, Log: e.stderr})
	if err != nil {
		ln.Close()
		return e.fail(err)
	}
	// The folder is said in full: "正在预览 ." tells a user nothing.
	dir, err := filepath.Abs(*src)
	if err != nil {
		dir = *src
	}
	fmt.Fprintf(e.stdout, "正在预览 %s：在浏览器中打开 http://%s/ （按 Ctrl-C 停止）\n", dir, ln.Addr())
	if err := s.Run(ctx, ln); err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, "已停止预览")
	return ExitOK
}

func runArchive(e *env, args []string) int {
	fs := e.flags("archive")
	src := srcFlag(fs)
	out := fs.String("out", ".", "归档目录与 zip 的存放位置")
	// The year may stand before or after the flags.
	arg, code, ok := e.oneOperand(fs, args, "请给出要归档的年份，如 gongkai archive 2023")
	if !ok {
		return code
	}
	year, err := strconv.Atoi(arg)
	if err != nil || year < 1000 || year > 9999 {
		e.usageError(fs, "年份应为四位数字，如 2023，不是 %q", arg)
		return ExitUsage
	}
	// The site is opened again by archive.Write; here it is only checked
	// first, so that a wrong --src is said before anything else.
	if _, err := source.Open(*src); err != nil {
		return e.fail(err)
	}
	if err := output.CheckPlacement(*src, filepath.Join(*out, archive.Name(year))); err != nil {
		return e.fail(err)
	}
	made, err := archive.Made(*src, os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return e.fail(err)
	}
	res, err := archive.Write(archive.Options{Year: year, Src: *src, Out: *out, Made: made, Large: collectLess})
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "已归档 %d 年度：%s（%d 个文件，%d 字节）和 %s（%d 字节），制作时间 %s\n",
		year, res.Dir, res.Files, res.Bytes, res.Zip, res.ZipBytes, made.Format(time.RFC3339))
	return ExitOK
}

func runVerify(e *env, args []string) int {
	fs := e.flags("verify")
	name, code, ok := e.oneOperand(fs, args, "请给出要校验的归档目录或 zip 文件")
	if !ok {
		return code
	}
	p, err := archive.Verify(name)
	if err != nil {
		return e.fail(err)
	}
	if !p.OK() {
		fmt.Fprint(e.stdout, p)
		fmt.Fprintf(e.stdout, "校验失败：%s 与其 %s 不符\n", name, archive.ManifestName)
		return ExitError
	}
	fmt.Fprintf(e.stdout, "校验通过：%s 的每个文件都与 %s 相符\n", name, archive.ManifestName)
	return ExitOK
}

func runVersion(e *env, args []string) int {
	fs := e.flags("version")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	rev := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(e.stdout, "gongkai %s%s (%s)\n", Version, rev, runtime.Version())
	return ExitOK
}

// collectLess lets the collector of a build beyond its text budget
// (build.Options.Large) run less often than GOGC=200 (cmd/gongkai) has it:
// the soft memory limit bounds that build's heap, while GOGC=200 kept it
// at some 550 MB and marked the reports it holds every 300 MB allocated.
// At 20,000 reports the collector's CPU fell from 2.77 s to 2.20 s, the
// peak rising to the limit (from 889 MB to 931 MB RSS). It does nothing
// when GOGC is set, or when no memory limit is: GOGC then bounds the heap.
func collectLess() {
	if os.Getenv("GOGC") == "" && debug.SetMemoryLimit(-1) < math.MaxInt64 {
		debug.SetGCPercent(400)
	}
}
