package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// flags makes a command's flag set. The flag package's own messages are
// English ("Usage of build:", "flag provided but not defined"), so its
// output is discarded: parseFlags says what went wrong in Chinese, and -h
// prints the help of printHelp. Usage prints the usage line and the
// description of the command; a command with more to say sets its own.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		usage, about := topic(name)
		fmt.Fprintf(fs.Output(), "用法：%s\n", usage)
		if about != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", about)
		}
	}
	return fs
}

// srcFlag is the --src flag every command that reads a site has.
func srcFlag(fs *flag.FlagSet) *string {
	return fs.String("src", ".", "站点源目录，含 site.toml 与 content/")
}

// parse parses args into fs, for a command that takes flags only, and
// returns the exit status to use when it should not go on.
func (e *env) parse(fs *flag.FlagSet, args []string) (int, bool) {
	if code, ok := e.parseFlags(fs, args); !ok {
		return code, false
	}
	if fs.NArg() > 0 {
		e.usageError(fs, "多余的参数 %s", strings.Join(fs.Args(), " "))
		return ExitUsage, false
	}
	return 0, true
}

// parseFlags parses args into fs, leaving the operands in fs.Args(). On -h
// or --help it prints the command's help on stdout; on a mistake it says
// what is wrong on stderr.
func (e *env) parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		printHelp(e.stdout, fs)
		return ExitOK, false
	}
	msg := explain(fs, args)
	if msg == "" {
		msg = err.Error()
	}
	e.usageError(fs, "%s", msg)
	return ExitUsage, false
}

// parseOperands parses args whose operands (a file, a year) may stand
// before, between or after the flags, and returns the operands.
func (e *env) parseOperands(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var operands []string
	for {
		if code, ok := e.parseFlags(fs, args); !ok {
			return nil, code, false
		}
		if fs.NArg() == 0 {
			return operands, 0, true
		}
		operands = append(operands, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// usageError says on stderr what is wrong with a command line, and where
// to read how it goes.
func (e *env) usageError(fs *flag.FlagSet, format string, a ...any) {
	cmd, _, _ := strings.Cut(fs.Name(), " ")
	fmt.Fprintf(e.stderr, "gongkai %s：%s；运行 gongkai help %s 查看用法\n", fs.Name(), fmt.Sprintf(format, a...), cmd)
}

// explain says in Chinese what is wrong with args, which fs.Parse refused,
// or "" if it finds nothing. It walks them as the flag package does,
// because that package's errors are English sentences, not values.
func explain(fs *flag.FlagSet, args []string) string {
	usage, _ := topic(fs.Name())
	for len(args) > 0 {
		s := args[0]
		args = args[1:]
		if len(s) < 2 || s[0] != '-' || s == "--" {
			return "" // the flags end here
		}
		name := s[1:]
		if name[0] == '-' {
			name = name[1:]
		}
		if name == "" || name[0] == '-' || name[0] == '=' {
			return fmt.Sprintf("无法识别的参数 %s", s)
		}
		name, value, hasValue := strings.Cut(name, "=")
		f := fs.Lookup(name)
		if f == nil {
			return fmt.Sprintf("未知的参数 --%s", name)
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if hasValue && f.Value.Set(value) != nil {
				return fmt.Sprintf("参数 --%s 只能写作 --%s、--%s=true 或 --%s=false，不能是 %q", name, name, name, name, value)
			}
			continue
		}
		if !hasValue {
			if len(args) == 0 {
				return fmt.Sprintf("参数 --%s 后面缺少值（%s）", name, placeholder(f, usage))
			}
			value, args = args[0], args[1:]
		}
		if err := f.Value.Set(value); err != nil {
			return fmt.Sprintf("参数 --%s 的值 %q 无效：%v", name, value, err)
		}
	}
	return ""
}

// oneOperand parses args, which must hold exactly one operand among the
// flags; missing is the message when there is none.
func (e *env) oneOperand(fs *flag.FlagSet, args []string, missing string) (string, int, bool) {
	operands, code, ok := e.parseOperands(fs, args)
	if !ok {
		return "", code, false
	}
	switch {
	case len(operands) == 0:
		e.usageError(fs, "%s", missing)
		return "", ExitUsage, false
	case len(operands) > 1:
		e.usageError(fs, "多余的参数 %s", strings.Join(operands[1:], " "))
		return "", ExitUsage, false
	}
	return operands[0], ExitOK, true
}
