package output

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBusy checks that a second build of a target another build is writing
// fails at once, naming the holder, and leaves the first build's files
// alone, so that the first commits a complete tree.
func TestBusy(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)

	d, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range second {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	for _, create := range []func(string) (*Dir, error){Create, func(s string) (*Dir, error) { return CreateOwned(s, Marker) }} {
		other, err := create(target)
		if err == nil {
			other.Abort()
			t.Fatal("a second Create of a target being written succeeded")
		}
		want := fmt.Sprintf("另一个 gongkai（进程 %d）正在写入 %s", os.Getpid(), target)
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatalf("the first build's Commit after a second build was refused: %v", err)
	}
	equalTrees(t, "the first build's output", readTree(t, target), withMarker(second))
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target: %q", s)
	}
	// Once the first is done, the lock is free.
	write(t, target, first)
}

// TestBusyOtherTargets checks that builds of different targets in the same
// folder do not exclude each other.
func TestBusyOtherTargets(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	a, err := Create(filepath.Join(parent, "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Abort()
	b, err := Create(filepath.Join(parent, "b"))
	if err != nil {
		t.Fatal(err)
	}
	b.Abort()
}

// TestStaleLockFile checks that a lock file left by a killed build, which
// holds a process id but no lock, does not stop the next build.
func TestStaleLockFile(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, ".public.gongkai-lock"), []byte("99999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(parent, "public")
	write(t, target, first)
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target: %q", s)
	}
}

// holdEnv names the target that TestHold, run as a child process, holds.
const holdEnv = "GONGKAI_OUTPUT_TEST_HOLD"

// TestHold is not a test: run by TestBusyProcess in a child process, it
// starts a build of a target, says so, and waits to be killed.
func TestHold(t *testing.T) {
	target := os.Getenv(holdEnv)
	if target == "" {
		t.Skip("run by TestBusyProcess")
	}
	d, err := Create(target)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	if err := d.WriteFile("half.html", []byte("half")); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("holding")
	select {}
}

// TestBusyProcess checks the lock between processes: a build in another
// process is named by its process id, and once that process is killed in
// mid-build, the next build goes ahead and leaves nothing of it behind.
func TestBusyProcess(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	write(t, target, first)

	cmd := exec.Command(os.Args[0], "-test.run=^TestHold$")
	cmd.Env = append(os.Environ(), holdEnv+"="+target)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "holding\n" {
		t.Fatalf("the child says %q", line)
	}

	_, err = Create(target)
	want := fmt.Sprintf("另一个 gongkai（进程 %d）正在写入", cmd.Process.Pid)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Create while another process builds: %v, want an error containing %q", err, want)
	}
	if _, err := os.Stat(filepath.Join(parent, ".public.gongkai-tmp", "half.html")); err != nil {
		t.Errorf("the other process's temporary directory was touched: %v", err)
	}

	cmd.Process.Kill()
	cmd.Wait()
	write(t, target, second)
	equalTrees(t, "after the killed build", readTree(t, target), withMarker(second))
	if s := siblings(t, parent, "public"); len(s) != 0 {
		t.Errorf("left beside the target: %q", s)
	}
}
