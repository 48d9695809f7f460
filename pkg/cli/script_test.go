package cli_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/clientbook/clientbook/pkg/cli"
	"github.com/clientbook/clientbook/pkg/internal/golden"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// TestMain registers the real program as the `clientbook` command of the
// scripts, run in a child process of the test binary.
func TestMain(m *testing.M) {
	// The in-process tests call Main, which reads the real environment:
	// unless a test says otherwise, they read every file, as the scripts
	// do (their HOME is /no-home). This runs in the scripts' clientbook
	// too, where a script's own setting, even empty, is kept.
	if _, set := os.LookupEnv("CLIENTBOOK_CACHE"); !set {
		os.Setenv("CLIENTBOOK_CACHE", "off")
	}
	testscript.Main(m, map[string]func(){
		"clientbook": func() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar. Each script is a small book
// and the exact output expected from it; CLIENTBOOK_UPDATE=1 go test
// ./pkg/cli rewrites the expected sections.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		UpdateScripts:       golden.Update(),
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits, "maxwidth": cmdMaxWidth, "damage": cmdDamage},
		Setup: func(e *testscript.Env) error {
			e.Setenv("CLIENTBOOK_TODAY", "2026-11-23")
			e.Setenv("NO_COLOR", "1")
			e.Setenv("EXAMPLES", examples)
			return nil
		},
	})
}

// cmdExits runs a program and asserts its exact exit code, which `exec` and
// `! exec` cannot tell apart (SPEC §8 gives 1, 2 and 3 different meanings):
//
//	exits 2 clientbook check
//
// Like exec, it leaves the program's stdout and stderr for cmp and stdout.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// sgr matches the colour codes a terminal does not show.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// cmdMaxWidth asserts that no line of the last command's stdout is wider
// than N terminal columns (display width, colour codes left out), and
// that stdout is not empty:
//
//	maxwidth 80
func cmdMaxWidth(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: maxwidth N")
	}
	limit, err := strconv.Atoi(args[0])
	if err != nil || limit < 1 {
		ts.Fatalf("maxwidth: %q is not a width", args[0])
	}
	out := ts.ReadFile("stdout")
	if out == "" {
		ts.Fatalf("maxwidth: stdout is empty")
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := render.Width(sgr.ReplaceAllString(line, "")); w > limit {
			ts.Fatalf("maxwidth: line %d is %d columns wide, more than %d:\n%s", i+1, w, limit, line)
		}
	}
}

// cmdDamage flips one bit in the middle of every file under a folder, as a
// disk or an interrupted copy might:
//
//	damage $WORK/cache
func cmdDamage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: damage DIR")
	}
	n := 0
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil || len(data) == 0 {
			return err
		}
		data[len(data)/2] ^= 0x10
		n++
		return os.WriteFile(p, data, 0o600)
	})
	ts.Check(err)
	if n == 0 {
		ts.Fatalf("damage: no file under %s", args[0])
	}
}
