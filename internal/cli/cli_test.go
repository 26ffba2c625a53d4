package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the files that cmp compares in testdata/script/*.txtar (review the diff)")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gongkai":   func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
		"zipedit":   func() { os.Exit(zipedit()) },
		"holdbuild": func() { os.Exit(holdbuild()) },
		"mkdocx":    func() { os.Exit(mkdocx()) },
	})
}

// TestScripts runs testdata/script/*.txtar. Each script starts with a copy of
// the repository's sample site in $WORK/sample.
func TestScripts(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			// $PORT is a port that was free a moment ago, for a script
			// that runs serve in the background and must know where.
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err
			}
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			ln.Close()
			env.Setenv("PORT", port)
			// $FIXTURES holds the documents scripts/make-import-fixtures.sh
			// made, which a script cannot hold inline: PDFs.
			env.Setenv("FIXTURES", filepath.Join(root, "internal", "importer", "testdata"))
			sample := filepath.Join(env.WorkDir, "sample")
			if err := copyTree(filepath.Join(root, "content"), filepath.Join(sample, "content")); err != nil {
				return err
			}
			data, err := os.ReadFile(filepath.Join(root, "site.toml"))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(sample, "site.toml"), data, 0o644); err != nil {
				return err
			}
			// $WORK/elsewhere is an empty directory, neither the site nor the
			// repository, to run gongkai from: what it needs, it carries.
			return os.Mkdir(filepath.Join(env.WorkDir, "elsewhere"), 0o755)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmpdir":   cmpdir,
			"waitfor":  waitfor,
			"waithttp": waithttp,
		},
	})
}

// cmpdir compares two directory trees byte for byte: the same file names and
// the same contents.
func cmpdir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmpdir dir1 dir2")
	}
	a, b := readTree(ts, ts.MkAbs(args[0])), readTree(ts, ts.MkAbs(args[1]))
	var diffs []string
	for name, data := range a {
		other, ok := b[name]
		switch {
		case !ok:
			diffs = append(diffs, "only in "+args[0]+": "+name)
		case !bytes.Equal(data, other):
			diffs = append(diffs, "differs: "+name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diffs = append(diffs, "only in "+args[1]+": "+name)
		}
	}
	if neg && len(diffs) == 0 {
		ts.Fatalf("%s and %s are identical", args[0], args[1])
	}
	if !neg && len(diffs) > 0 {
		ts.Fatalf("trees differ:\n%s", strings.Join(diffs, "\n"))
	}
}

func readTree(ts *testscript.TestScript, dir string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	ts.Check(err)
	if len(files) == 0 {
		ts.Fatalf("%s is empty", dir)
	}
	return files
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// TestExitStatus checks the documented exit statuses in-process.
func TestExitStatus(t *testing.T) {
	t.Parallel()
	broken := t.TempDir()
	for name, data := range map[string]string{
		"site.toml":                  "title = \"x\"\n",
		"content/2023/unit/index.md": "+++\ntitle = \"报告\"\nyear = 2023\norg = \"单位\"\norg_id = \"unit\"\nunit = \"万元\"\n+++\n",
		"content/2023/unit/01-a.md":  "+++\ntitel = \"一、基本情况\"\n+++\n",
		"content/2023/unit/02-b.md":  "+++\ntitle = \"二\"\nweight = \"x\"\n+++\n",
	} {
		p := filepath.Join(broken, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{args: nil, code: ExitUsage, stderr: "用法"},
		{args: []string{"frobnicate"}, code: ExitUsage, stderr: `未知命令 "frobnicate"`},
		{args: []string{"build", "--bogus"}, code: ExitUsage, stderr: "gongkai build：未知的参数 --bogus；运行 gongkai help build 查看用法"},
		{args: []string{"build", "extra"}, code: ExitUsage, stderr: "多余的参数"},
		{args: []string{"version"}, code: ExitOK, stdout: "gongkai " + Version},
		{args: []string{"help"}, code: ExitOK, stdout: "gongkai build"},
		{args: []string{"help", "build"}, code: ExitOK, stdout: "--out 目录"},
		{args: []string{"build", "--src", broken, "--out", filepath.Join(t.TempDir(), "out")}, code: ExitError,
			stderr: "content/2023/unit/01-a.md:1:1: 缺少必填的键 \"title\"\n" +
				"content/2023/unit/01-a.md:2:1: 未知的键 \"titel\"，是否想写 \"title\"？\n" +
				"content/2023/unit/02-b.md:3:1: 键 \"weight\" 应为整数，实际为字符串 \"x\"\n" +
				"gongkai: 共 3 处错误，未生成网站\n"},
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	_, port, _ := net.SplitHostPort(taken.Addr().String())
	cases = append(cases, struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{args: []string{"serve", "--src", broken, "--addr", taken.Addr().String()}, code: ExitError, stderr: "端口 " + port + " 已被占用"},
		struct {
			args   []string
			code   int
			stdout string
			stderr string
		}{args: []string{"serve", "--nope"}, code: ExitUsage, stderr: "gongkai serve：未知的参数 --nope"})
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := Main(c.args, &stdout, &stderr)
		name := fmt.Sprint(c.args)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", name, code, c.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), c.stdout) {
			t.Errorf("%s: stdout %q does not contain %q", name, stdout.String(), c.stdout)
		}
		if !strings.Contains(stderr.String(), c.stderr) {
			t.Errorf("%s: stderr %q does not contain %q", name, stderr.String(), c.stderr)
		}
	}
}

// waitfor FILE waits until FILE exists, for a command started in the
// background to get where the script needs it; at most 30 seconds.
func waitfor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfor FILE")
	}
	name := ts.MkAbs(args[0])
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(name); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear within 30 s", args[0])
}

// waithttp URL waits until a server answers at URL, for a server started in
// the background to be ready; at most 30 seconds.
func waithttp(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waithttp URL")
	}
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if res, err := client.Get(args[0]); err == nil {
			res.Body.Close()
			return
		}
	}
	ts.Fatalf("nothing answered at %s within 30 s", args[0])
}
