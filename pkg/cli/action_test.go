package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// actionStep is the run script of the action's step with the given id.
func actionStep(t *testing.T, id string) (script string, env map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Runs struct {
			Steps []struct {
				ID  string            `yaml:"id"`
				Run string            `yaml:"run"`
				Env map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(raw, &action); err != nil {
		t.Fatal(err)
	}
	for _, s := range action.Runs.Steps {
		if s.ID == id {
			return s.Run, s.Env
		}
	}
	t.Fatalf("action.yml has no step %q", id)
	return "", nil
}

// TestActionOutputs runs the action's check step, as the runner would,
// with bash, a clientbook built from this source and the example book: the
// step sets errors, warnings, infos and sarif-file, writes the SARIF log,
// and fails exactly when check does.
func TestActionOutputs(t *testing.T) {
	t.Parallel() // waits on another program
	if testing.Short() {
		t.Skip("builds clientbook")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script, _ := actionStep(t, "check")
	temp := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(temp, "clientbook"), "../../cmd/clientbook")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	book, err := filepath.Abs(filepath.Join("..", "..", "examples", "agency"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format, failOn string
		fails          bool
		sarif          string
	}{
		{"sarif", "error", false, "clientbook.sarif"},
		{"github", "warning", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			work := t.TempDir()
			output := filepath.Join(work, "github-output")
			cmd := exec.Command(bash, "-e", "-c", script)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "RUNNER_TEMP="+temp, "GITHUB_OUTPUT="+output,
				"BOOK="+book, "FAIL_ON="+tt.failOn, "SINCE=", "FORMAT="+tt.format, "OUTPUT=", "CLIENTBOOK_TODAY=2026-11-23")
			out, err := cmd.CombinedOutput()
			if (err != nil) != tt.fails {
				t.Fatalf("step failed = %v, want %v: %v\n%s", err != nil, tt.fails, err, out)
			}
			got, err := os.ReadFile(output)
			if err != nil {
				t.Fatal(err)
			}
			want := "errors=0\nwarnings=\\d+\ninfos=0\n"
			if tt.sarif != "" {
				want += "sarif-file=" + tt.sarif + "\n"
			}
			if !regexp.MustCompile("^" + want + "$").Match(got) {
				t.Errorf("outputs:\n%s\nwant:\n%s", got, want)
			}
			if strings.Contains(string(got), "warnings=0\n") {
				t.Errorf("the example book has warnings; outputs say none:\n%s", got)
			}
			if tt.sarif != "" {
				log, err := os.ReadFile(filepath.Join(work, tt.sarif))
				if err != nil || !strings.Contains(string(log), `"partialFingerprints"`) {
					t.Errorf("no SARIF log at %s: %v", tt.sarif, err)
				}
			}
		})
	}
}

// TestREADMEWorkflowsLint runs actionlint (pinned in go.mod as a tool) on
// every GitHub workflow the README shows, so a snippet a user copies is a
// valid workflow.
func TestREADMEWorkflowsLint(t *testing.T) {
	t.Parallel() // waits on another program
	if testing.Short() {
		t.Skip("builds actionlint")
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(raw), -1)
	n := 0
	for _, b := range blocks {
		if !strings.Contains(b[1], "runs-on:") {
			continue // not a GitHub workflow
		}
		n++
		dir := t.TempDir()
		wf := filepath.Join(dir, ".github", "workflows", "readme.yml")
		if err := os.MkdirAll(filepath.Dir(wf), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(wf, []byte(b[1]), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("go", "tool", "actionlint", "-no-color", wf)
		cmd.Dir = filepath.Join("..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("actionlint on the README's workflow %d: %v\n%s\n%s", n, err, out, b[1])
		}
	}
	if n < 2 {
		t.Errorf("found %d workflows in the README, want at least 2", n)
	}
}
