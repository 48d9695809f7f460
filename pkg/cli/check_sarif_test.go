package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/clientbook/clientbook/pkg/cli"
)

// TestCheckSARIFMatchesSchema runs `check -o sarif` on the example books
// and validates what it prints against the SARIF 2.1.0 schema vendored in
// testdata/schema (no network).
func TestCheckSARIFMatchesSchema(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "schema", "sarif-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	for _, book := range []string{"agency", "consulting"} {
		t.Run(book, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := []string{"check", "--book", filepath.Join("..", "..", "examples", book), "--today", "2026-11-23", "-o", "sarif"}
			if code := cli.Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("check exited %d: %s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), `"ruleId": "CB`) {
				t.Fatalf("no results in the SARIF log; the books have warnings:\n%s", stdout.String())
			}
			inst, err := jsonschema.UnmarshalJSON(&stdout)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF output does not match the 2.1.0 schema:\n%v", err)
			}
		})
	}
}

// TestSARIFMultitool validates `check -o sarif` with Microsoft's SARIF
// multitool (npm @microsoft/sarif-multitool), the reference validator:
// no error or warning on either example book. (Its notes ask for what
// clientbook leaves out on purpose: helpUri, which would point nowhere,
// code snippets and version-control provenance.)
func TestSARIFMultitool(t *testing.T) {
	t.Parallel() // waits on another program
	tool, err := exec.LookPath("sarif-multitool")
	if err != nil {
		t.Skip("sarif-multitool is not installed (npm install -g @microsoft/sarif-multitool): SARIF is checked against the schema only")
	}
	for _, book := range []string{"agency", "consulting"} {
		dir := t.TempDir()
		var stdout, stderr bytes.Buffer
		args := []string{"check", "--book", filepath.Join("..", "..", "examples", book), "--today", "2026-11-23", "-o", "sarif"}
		if code := cli.Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("check exited %d: %s", code, stderr.String())
		}
		in, out := filepath.Join(dir, "in.sarif"), filepath.Join(dir, "out.sarif")
		if err := os.WriteFile(in, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tool, "validate", in, "-o", out, "--level", "Error", "Warning", "--kind", "Fail")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sarif-multitool: %v\n%s", err, msg)
		}
		raw, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID  string `json:"ruleId"`
					Message struct {
						ID        string   `json:"id"`
						Arguments []string `json:"arguments"`
					} `json:"message"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(raw, &log); err != nil {
			t.Fatal(err)
		}
		for _, run := range log.Runs {
			for _, r := range run.Results {
				t.Errorf("%s: %s %s %v", book, r.RuleID, r.Message.ID, r.Message.Arguments)
			}
		}
	}
}
