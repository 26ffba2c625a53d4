package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// overview is what gongkai help prints: every command with its synopsis and
// what it does. The synopsis stands on a line of its own because its width
// varies too much (and Chinese characters take two columns) to share one
// with the description.
func overview(w io.Writer) {
	fmt.Fprintln(w, "gongkai：部门整体支出绩效自评报告等预决算及绩效公开文件的静态网站生成器")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "用法：gongkai 命令 [参数]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "命令：")
	for _, c := range commands {
		fmt.Fprintf(w, "  %s\n      %s\n", c.usage, c.help)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "运行 gongkai help 命令（如 gongkai help build）查看该命令的全部参数及其默认值。")
}

// runHelp prints the overview, or the help of one command: exactly what
// gongkai COMMAND -h prints.
func runHelp(e *env, args []string) int {
	if len(args) == 0 {
		overview(e.stdout)
		return ExitOK
	}
	if isHelpFlag(args[0]) {
		fmt.Fprintf(e.stdout, "用法：%s\n\n%s\n", helpUsage, helpAbout)
		return ExitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, []string{"-h"})
		}
	}
	fmt.Fprintf(e.stderr, "gongkai help：未知的命令 %q；运行 gongkai help 查看所有命令\n", args[0])
	return ExitUsage
}

// isHelpFlag reports whether arg asks for help, as the flag package
// understands it.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "--h", "-help", "--help":
		return true
	}
	return false
}

// topic is the usage line and the description of the command that a flag
// set of that name parses, for its help.
func topic(name string) (usage, about string) {
	switch name {
	case "import":
		// The command table's line is short; the flags' placeholders are
		// in the full one.
		return importUsage, ""
	case "new site":
		return newSiteUsage, newSiteAbout
	case "new report":
		return newReportUsage, newReportAbout
	}
	for _, c := range commands {
		if c.name == name {
			return c.usage, c.help
		}
	}
	return "gongkai " + name, ""
}

// printHelp prints the help of the command fs parses: what its Usage says
// (the usage line and description, unless the command wrote its own), then
// a table of its flags.
func printHelp(w io.Writer, fs *flag.FlagSet) {
	fs.SetOutput(w)
	fs.Usage()
	fs.SetOutput(io.Discard)
	printFlags(w, fs)
}

// printFlags prints fs's flags as an aligned table, in Chinese: each flag
// with its placeholder, its description and its default. It is what
// flag.PrintDefaults would print, less the English ("Usage of",
// "(default …)", "string").
func printFlags(w io.Writer, fs *flag.FlagSet) {
	usage, _ := topic(fs.Name())
	type row struct{ left, right string }
	var rows []row
	fs.VisitAll(func(f *flag.Flag) {
		left := "--" + f.Name
		if p := placeholder(f, usage); p != "" {
			left += " " + p
		}
		_, text := flag.UnquoteUsage(f)
		if d := defaultText(f); d != "" {
			text += "（默认：" + d + "）"
		}
		rows = append(rows, row{left, text})
	})
	if len(rows) == 0 {
		return
	}
	widest := 0
	for _, r := range rows {
		widest = max(widest, width(r.left))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "参数：")
	for _, r := range rows {
		fmt.Fprintf(w, "  %s%s  %s\n", r.left, strings.Repeat(" ", widest-width(r.left)), r.right)
	}
}

// placeholder is what stands for a flag's value in the help: the word in
// back quotes in its description (the flag package's convention), else the
// word after the flag in the command's usage line, else 值. A flag that
// takes no value (a bool) has none.
func placeholder(f *flag.Flag, usage string) string {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return ""
	}
	if strings.Contains(f.Usage, "`") {
		name, _ := flag.UnquoteUsage(f)
		return name
	}
	if _, after, ok := strings.Cut(usage, "--"+f.Name+" "); ok {
		word, _, _ := strings.Cut(after, " ")
		if word = strings.TrimRight(word, "]"); word != "" && !strings.HasPrefix(word, "-") && !strings.HasPrefix(word, "[") {
			return word
		}
	}
	return "值"
}

// defaultText is a flag's default as the help says it, or "" when the
// default is empty or false: such a flag's description says what happens
// without it.
func defaultText(f *flag.Flag) string {
	switch f.DefValue {
	case "", "false":
		return ""
	case ".":
		return "当前目录"
	}
	return f.DefValue
}

// width is the number of terminal columns s takes: Chinese characters and
// full-width punctuation take two.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports whether r is an East Asian wide or full-width character,
// for the ranges a Chinese help text uses.
func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F, // CJK radicals … Yi
		r >= 0xAC00 && r <= 0xD7A3,                // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,                // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,                // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60,                // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions
		return true
	}
	return false
}
