package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/cli"
)

// Every command that reads the book client by client prints byte-identical
// output whether one worker reads it or many: the workers finish in any
// order, and what they reduce must be put back in the book's own order.
func TestOutputSameWithOneWorker(t *testing.T) {
	root := bookgentest.Dir(t, 150)
	// Findings of every stage, in clients read first and last, so that
	// check has something to order.
	for name, text := range map[string]string{
		"clients/aaa-broken/client.yaml":       "kind: Client\nid: aaa-broken\nname: [unclosed\n",
		"clients/zzz-unknown/client.yaml":      "kind: Client\nid: zzz-unknown\nname: Z\nstatus: active\ncolour: red\nowner: nobody\n",
		"opportunities/zzz-orphan.yaml":        "kind: Opportunity\nclient: no-such-client\n",
		"clients/zzz-unknown/reviews/1999.yml": "kind: Review\ndate: 2001-01-01\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commands := [][]string{
		{"portfolio"},
		{"portfolio", "-o", "json"},
		{"check"},
		{"check", "-o", "json"},
		{"due"},
		{"due", "-o", "json"},
		{"health"},
		{"health", "-o", "json"},
		{"health", "--history"},
	}
	runWith := func(workers int, args []string) (int, string, string) {
		t.Setenv("CLIENTBOOK_WORKERS", strconv.Itoa(workers))
		var stdout, stderr bytes.Buffer
		argv := append([]string{"--book", root, "--today", bookgentest.Today.String()}, args...)
		code := cli.Main(argv, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	for _, args := range commands {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code1, out1, err1 := runWith(1, args)
			code8, out8, err8 := runWith(8, args)
			if code1 == 3 || out1 == "" {
				t.Fatalf("one worker: exit %d, stdout %d bytes, stderr:\n%s", code1, len(out1), err1)
			}
			if code1 != code8 {
				t.Errorf("exit %d with one worker, %d with eight", code1, code8)
			}
			if out1 != out8 {
				t.Errorf("stdout differs between one worker and eight:\n%s", firstDifference(out1, out8))
			}
			if err1 != err8 {
				t.Errorf("stderr differs between one worker and eight:\n%s", firstDifference(err1, err8))
			}
		})
	}
}

// firstDifference shows the first line where a and b part.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  one:   " + al[i] + "\n  eight: " + bl[i]
		}
	}
	return "one output is a prefix of the other"
}
