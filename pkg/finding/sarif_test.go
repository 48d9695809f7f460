package finding_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/clientbook/clientbook/pkg/finding"
)

// sarifSchema compiles the SARIF 2.1.0 schema (OASIS, errata 01) vendored
// in testdata, so the test needs no network.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const path = "../../testdata/schema/sarif-2.1.0.json"
	f, err := os.Open(filepath.FromSlash(path))
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
	return sch
}

func sampleReport() finding.Report {
	return finding.Report{Files: 3, Findings: []finding.Finding{
		{Rule: "CB004", Severity: finding.Error, Path: "clients/ghost", Message: "client folder has no client.yaml"},
		{Rule: "CB107", Severity: finding.Error, Path: "clients/acme/plan.yaml", Line: 10, Column: 58, Message: `action "Call: the CIO, 50%" was due 2026-11-22`},
		{Rule: "CB301", Severity: finding.Warning, Path: "clients/acme/engagements/site.yaml", Line: 9, Message: "milestone overdue\nsecond line"},
		{Rule: "CB108", Severity: finding.Info, Path: "clients/acme/plan.yaml", Line: 12, Column: 1, Message: "the plan has 8 goals"},
	}}
}

func writeSARIF(t *testing.T, r finding.Report, prefix string, sev map[string]finding.Severity) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := finding.WriteSARIF(&buf, r, prefix, "1.2.3", sev); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFMatchesSchema(t *testing.T) {
	sch := sarifSchema(t)
	cases := []struct {
		name   string
		report finding.Report
		prefix string
		sev    map[string]finding.Severity
	}{
		{"findings of every severity", sampleReport(), "", nil},
		{"book in a subfolder", sampleReport(), "books/agency", nil},
		{"overrides", sampleReport(), ".", map[string]finding.Severity{"CB107": finding.Error, "CB108": finding.Off}},
		{"no findings", finding.Report{Files: 1}, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := writeSARIF(t, c.report, c.prefix, c.sev)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF output does not match the 2.1.0 schema:\n%v\n%s", err, out)
			}
		})
	}
}

// TestSARIFSchemaRejects shows that the validator and vendored schema are
// strict enough to catch a broken log, so TestSARIFMatchesSchema can fail.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	good := string(writeSARIF(t, sampleReport(), "", nil))
	breakages := []struct{ name, from, to string }{
		{"bad level", `"level": "warning"`, `"level": "fatal"`},
		{"wrong version", `"version": "2.1.0"`, `"version": "2.0.0"`},
		{"unknown property", `"ruleIndex": 3,`, `"ruleIndex": 3, "severity": "error",`},
		{"line zero", `"startLine": 10`, `"startLine": 0`},
		{"message without text", `"text": "the plan has 8 goals"`, `"txt": "the plan has 8 goals"`},
	}
	for _, b := range breakages {
		t.Run(b.name, func(t *testing.T) {
			bad := strings.Replace(good, b.from, b.to, 1)
			if bad == good {
				t.Fatalf("%s is not in the output", b.from)
			}
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
			if err != nil {
				t.Fatal(err)
			}
			if sch.Validate(inst) == nil {
				t.Errorf("a log with %s passed validation", b.name)
			}
		})
	}
}

// TestSARIFContent pins what code scanning reads: rule metadata for every
// catalog rule with overrides applied, and each result's rule, index,
// level, message and location.
func TestSARIFContent(t *testing.T) {
	out := writeSARIF(t, sampleReport(), "books/agency", map[string]finding.Severity{"CB107": finding.Error, "CB108": finding.Off})
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name    string `json:"name"`
					Version string `json:"version"`
					Rules   []struct {
						ID     string `json:"id"`
						Config struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "clientbook" || d.Version != "1.2.3" {
		t.Errorf("driver %s %s, want clientbook 1.2.3", d.Name, d.Version)
	}
	if len(d.Rules) != len(finding.Rules()) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(finding.Rules()))
	}
	levels := map[string]string{}
	for i, r := range d.Rules {
		if r.ID != finding.Rules()[i].ID {
			t.Errorf("rule %d is %s, want %s", i, r.ID, finding.Rules()[i].ID)
		}
		levels[r.ID] = r.Config.Level
	}
	// CB107 raised to error; CB108 off keeps its default (note); others default.
	for id, want := range map[string]string{"CB001": "error", "CB107": "error", "CB108": "note", "CB301": "warning"} {
		if levels[id] != want {
			t.Errorf("rule %s level %q, want %q", id, levels[id], want)
		}
	}
	type result struct {
		rule, level, uri, text string
		index, line, col       int
	}
	want := []result{
		{"CB004", "error", "books/agency/clients/ghost", "client folder has no client.yaml", 3, 0, 0},
		{"CB107", "error", "books/agency/clients/acme/plan.yaml", `action "Call: the CIO, 50%" was due 2026-11-22`, 14, 10, 58},
		{"CB301", "warning", "books/agency/clients/acme/engagements/site.yaml", "milestone overdue\nsecond line", 23, 9, 0},
		{"CB108", "note", "books/agency/clients/acme/plan.yaml", "the plan has 8 goals", 15, 12, 1},
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	for i, r := range run.Results {
		if len(r.Locations) != 1 {
			t.Fatalf("result %d has %d locations", i, len(r.Locations))
		}
		loc := r.Locations[0].Physical
		got := result{r.RuleID, r.Level, loc.Artifact.URI, r.Message.Text, r.RuleIndex, 0, 0}
		if loc.Region != nil {
			got.line, got.col = loc.Region.StartLine, loc.Region.StartColumn
		}
		if got != want[i] {
			t.Errorf("result %d:\n got %+v\nwant %+v", i, got, want[i])
		}
		if finding.Rules()[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d is %s, not %s", i, r.RuleIndex, finding.Rules()[r.RuleIndex].ID, r.RuleID)
		}
	}
}

// SARIF's artifactLocation.uri is a URI reference: every segment of the
// path is percent-encoded, and what comes out parses back to the path.
func TestSARIFURIReference(t *testing.T) {
	tests := []struct{ path, want string }{
		{"clients/acme/client.yaml", "clients/acme/client.yaml"},
		{"clients/o'brien & co, ltd/client.yaml", "clients/o%27brien%20&%20co%2C%20ltd/client.yaml"},
		{"clients/x%41/client.yaml", "clients/x%2541/client.yaml"},
		{"clients/#1/client.yaml", "clients/%231/client.yaml"},
		{"c:/client.yaml", "c%3A/client.yaml"},
		{"clients/a?b/ü.yaml", "clients/a%3Fb/%C3%BC.yaml"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		r := finding.Report{Files: 1, Findings: []finding.Finding{{Rule: "CB001", Severity: finding.Error, Path: tt.path, Line: 1, Column: 1, Message: "m"}}}
		if err := finding.WriteSARIF(&out, r, "", "1.0.0", nil); err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						Physical struct {
							Artifact struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(out.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		got := log.Runs[0].Results[0].Locations[0].Physical.Artifact.URI
		if got != tt.want {
			t.Errorf("%q: uri %q, want %q", tt.path, got, tt.want)
		}
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Fragment != "" || u.RawQuery != "" || u.Path != tt.path {
			t.Errorf("%q: uri %q does not parse back to the path (%+v, %v)", tt.path, got, u, err)
		}
	}
}
