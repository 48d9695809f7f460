package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/cli"
)

// mapBook is a book whose stakeholders' text tries to break out of a DOT
// string and a Mermaid label.
func mapBook(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"clientbook.yaml": "kind: Firm\nname: Test Firm\nteam:\n  - {id: ann, name: \"Ann \\\"A\\\" Lee\", senior: true}\n  - {id: bo, name: Bo}\n",
		"clients/acme/client.yaml": `kind: Client
id: acme
name: "Acme \"]; x -- y; //"
status: active
stakeholders:
  - {name: Jane, title: "CMO\\", role: sponsor, strength: 4, owner: ann}
  - {name: "Raj <br/> #35; ` + "`" + `md` + "`" + `", role: decision-maker, strength: 2, owner: bo}
  - {name: "Dee\nRoss", strength: 3}
  - {name: "end", role: user, strength: 5, owner: zed}
`,
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func mapOutput(t *testing.T, format string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := cli.Main([]string{"--book", mapBook(t), "map", "acme", "-o", format}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("map -o %s: exit %d: %s", format, code, errOut.String())
	}
	return out.String()
}

// TestMapDOTGraphviz has Graphviz's dot (Debian's graphviz) lay the map out:
// it must accept the graph, and draw exactly the team's three people, the
// client's four and the three owned ties, whatever the names hold.
func TestMapDOTGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz): the DOT output is not checked by it")
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(mapOutput(t, "dot"))
	var svg, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &svg, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot refused the graph: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("dot warned: %s", stderr.String())
	}
	if n := strings.Count(svg.String(), `class="node"`); n != 7 {
		t.Errorf("dot drew %d nodes, want 7 (ann, bo, zed; Jane, Raj, Dee, end)", n)
	}
	if n := strings.Count(svg.String(), `class="edge"`); n != 3 {
		t.Errorf("dot drew %d edges, want 3", n)
	}
}

// TestMapMermaidParses reads the Mermaid output with the grammar it uses
// (a flowchart of subgraphs, quoted node labels, labelled links and a
// class): every line must be one of those statements, every label free of
// a raw quote, every link between declared nodes, and the counts right.
func TestMapMermaidParses(t *testing.T) {
	const label = `"[^"]*"`
	statements := []*regexp.Regexp{
		regexp.MustCompile(`^flowchart LR$`),
		regexp.MustCompile(`^  subgraph (ours|theirs)\[` + label + `\]$`),
		regexp.MustCompile(`^  end$`),
		regexp.MustCompile(`^    ([st]\d+)\[` + label + `\]$`),
		regexp.MustCompile(`^  ([t]\d+) (---|===|-\.-)\|(\d|\?)\| ([s]\d+)$`),
		regexp.MustCompile(`^  classDef unowned [a-z0-9:#,. -]+$`),
		regexp.MustCompile(`^  class (s\d+(,s\d+)*) unowned$`),
	}
	out := mapOutput(t, "mermaid")
	declared := map[string]bool{}
	nodes, links := 0, 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		matched := false
		for i, re := range statements {
			m := re.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			matched = true
			switch i {
			case 3:
				declared[m[1]] = true
				nodes++
			case 4:
				if !declared[m[1]] || !declared[m[4]] {
					t.Errorf("link between undeclared nodes: %q", line)
				}
				links++
			}
			break
		}
		if !matched {
			t.Errorf("not a statement of the grammar: %q", line)
		}
		for _, bad := range []string{"\x1b", "<br/> #35", "`"} {
			if strings.Contains(line, bad) {
				t.Errorf("book text reached the output unescaped (%q): %q", bad, line)
			}
		}
	}
	if nodes != 7 || links != 3 {
		t.Errorf("%d nodes and %d links, want 7 and 3:\n%s", nodes, links, out)
	}
}
