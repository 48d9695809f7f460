package edit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// item is the entry the tests append.
var item = Map(
	Pair{"date", Plain("2026-11-23")},
	Pair{"kind", Plain("call")},
	Pair{"by", Plain("piers")},
	Pair{"with", Strs("Jane Doe", "O'Neil, Pat")},
	Pair{"notes", Str("Rates: agreed # at last")},
)

const itemLine = `{date: 2026-11-23, kind: call, by: piers, with: [Jane Doe, 'O''Neil, Pat'], notes: 'Rates: agreed # at last'}`

// messy is a client file as people write them: comments everywhere, blank
// lines, odd spacing, a list item spanning lines, and a comment under the
// list that introduces what follows.
const messy = `# yaml-language-server: $schema=../../.clientbook/schema/client.json

# Acme: our oldest client.
apiVersion:   clientbook/v1
kind: Client
id: acme        # folder name
name: "Acme Retail Ltd"

status: active
stakeholders:
    -   {name: Jane Doe,   role: sponsor, strength: 4}   # since 2021

    - name: Bob   # the CFO
      role: decision-maker
touchpoints:
    - {date: 2026-10-02, kind: call,    by: piers}


    -   date: 2026-11-02   # the QBR
        kind: meeting
        # notes to come
        by: piers

    # kind: call | meeting | email | review | social | workshop

# Recovery opened after the October call.
recovery:
  opened: 2026-10-15
`

// lines splits text into lines, each with its line end.
func lines(s string) []string { return strings.SplitAfter(s, "\n") }

// assertInserted checks that after is before with want inserted as whole
// lines at one place, every other line byte-identical.
func assertInserted(t *testing.T, before, after string, want ...string) {
	t.Helper()
	b, a := lines(before), lines(after)
	if len(a) != len(b)+len(want) {
		t.Fatalf("got %d lines, want %d + %d:\n%s", len(a), len(b), len(want), after)
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	for j, w := range want {
		if a[i+j] != w {
			t.Fatalf("line %d is %q, want %q:\n%s", i+j+1, a[i+j], w, after)
		}
	}
	if strings.Join(a[i+len(want):], "") != strings.Join(b[i:], "") {
		t.Fatalf("lines after the insertion changed:\n%s", after)
	}
}

func TestAppendKeepsEveryLine(t *testing.T) {
	out, err := AppendToList([]byte(messy), "touchpoints", item)
	if err != nil {
		t.Fatal(err)
	}
	assertInserted(t, messy, string(out), "    - "+itemLine+"\n")
	// The new line goes right after the last item (with its indented
	// comment), before the blank line and the comment that follows it.
	want := "        by: piers\n    - " + itemLine + "\n\n    # kind: call"
	if !strings.Contains(string(out), want) {
		t.Fatalf("new line not after the last item:\n%s", out)
	}
}

func TestAppendTwice(t *testing.T) {
	once, err := AppendToList([]byte(messy), "touchpoints", item)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := AppendToList(once, "touchpoints", item)
	if err != nil {
		t.Fatal(err)
	}
	assertInserted(t, string(once), string(twice), "    - "+itemLine+"\n")
}

func TestAppendCRLF(t *testing.T) {
	crlf := strings.ReplaceAll(messy, "\n", "\r\n")
	out, err := AppendToList([]byte(crlf), "touchpoints", item)
	if err != nil {
		t.Fatal(err)
	}
	assertInserted(t, crlf, string(out), "    - "+itemLine+"\r\n")
	if strings.Count(string(out), "\n") != strings.Count(string(out), "\r\n") {
		t.Fatal("a line lost its CR")
	}
}

func TestAppendBOM(t *testing.T) {
	src := "\xef\xbb\xbfkind: Client\ntouchpoints:\n  - {date: 2026-01-01}\n"
	out, err := AppendToList([]byte(src), "touchpoints", item)
	if err != nil {
		t.Fatal(err)
	}
	assertInserted(t, src, string(out), "  - "+itemLine+"\n")
}

func TestAppendShapes(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{
			name: "key absent",
			src:  "kind: Client\nid: acme\n# the end\n",
			want: "kind: Client\nid: acme\n# the end\ntouchpoints:\n  - " + itemLine + "\n",
		},
		{
			name: "key absent, indentation of the other lists",
			src:  "kind: Client\nstakeholders:\n- {name: A}\n",
			want: "kind: Client\nstakeholders:\n- {name: A}\ntouchpoints:\n- " + itemLine + "\n",
		},
		{
			name: "key absent, no line end at the end",
			src:  "kind: Client\nid: acme",
			want: "kind: Client\nid: acme\ntouchpoints:\n  - " + itemLine + "\n",
		},
		{
			name: "last item on the last line without a line end",
			src:  "touchpoints:\n  - {date: 2026-01-01}",
			want: "touchpoints:\n  - {date: 2026-01-01}\n  - " + itemLine + "\n",
		},
		{
			name: "indentless list followed by a key",
			src:  "touchpoints:\n- {date: 2026-01-01}\n# next\nid: acme\n",
			want: "touchpoints:\n- {date: 2026-01-01}\n- " + itemLine + "\n# next\nid: acme\n",
		},
		{
			name: "empty value",
			src:  "touchpoints:   # none yet\n  # kind: call | meeting\nid: acme\n",
			want: "touchpoints:   # none yet\n  - " + itemLine + "\n  # kind: call | meeting\nid: acme\n",
		},
		{
			name: "explicit null",
			src:  "touchpoints: ~\nid: acme\n",
			want: "touchpoints:\n  - " + itemLine + "\nid: acme\n",
		},
		{
			name: "null with a comment",
			src:  "touchpoints: null # later\n",
			want: "touchpoints:  # later\n  - " + itemLine + "\n",
		},
		{
			name: "empty flow list",
			src:  "touchpoints: [ ]\nid: acme\n",
			want: "touchpoints:\n  - " + itemLine + "\nid: acme\n",
		},
		{
			name: "flow list",
			src:  "touchpoints: [{date: 2026-01-01, notes: 'a ] b'}]  # old\nid: acme\n",
			want: "touchpoints: [{date: 2026-01-01, notes: 'a ] b'}, " + itemLine + "]  # old\nid: acme\n",
		},
		{
			name: "flow list over lines with a trailing comma",
			src:  "touchpoints: [\n  {date: 2026-01-01, notes: O'Neil}, # first\n]\n",
			want: "touchpoints: [\n  {date: 2026-01-01, notes: O'Neil}, " + itemLine + ", # first\n]\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := AppendToList([]byte(tc.src), "touchpoints", item)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}

func TestAppendRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, src, err string
	}{
		{"not a list", "touchpoints: {date: 2026-01-01}\n", "is not a list"},
		{"lone CR", "kind: Client\rtouchpoints: []\r", "lone carriage return"},
		{"line separator", "kind: Client # a\u2028b\n", "U+2028"},
		{"two documents", "kind: Client\n---\nkind: Client\n", "more than one YAML document"},
		{"duplicate keys", "kind: Client\nkind: Client\n", "already defined"},
		{"not a mapping", "- a\n- b\n", "cannot read"},
		{"syntax error", "kind: [Client\n", "cannot read"},
		{"document end marker", "kind: Client\n...\n", "add the entry by hand"},
		// Blank lines kept by |+ belong to the value: inserting before them
		// would change it, so the append is refused rather than done wrong.
		{"keep-chomped block at the end", "touchpoints:\n  - notes: |+\n      a\n\nid: x\n", "add the entry by hand"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := AppendToList([]byte(tc.src), "touchpoints", item)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("got %v and\n%s\nwant an error with %q", err, out, tc.err)
			}
			if out != nil {
				t.Fatal("an error came with text to write")
			}
		})
	}
}

func TestFlowQuotes(t *testing.T) {
	got, err := Flow(Map(
		Pair{"a", Str("yes")},
		Pair{"b", Str("2026-01-01")},
		Pair{"c", Str("two\nlines")},
		Pair{"d", Str("12")},
		Pair{"e", Str("")},
	))
	if err != nil {
		t.Fatal(err)
	}
	want := `{a: "yes", b: "2026-01-01", c: "two\nlines", d: "12", e: ""}`
	if got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// TestFailedWriteLeavesOriginal makes the rename fail: the original file
// must be byte-identical and no temporary file may be left behind.
func TestFailedWriteLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "client.yaml")
	if err := os.WriteFile(path, []byte(messy), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := AppendToList([]byte(messy), "touchpoints", item)
	if err != nil {
		t.Fatal(err)
	}
	failure := errors.New("disk on fire")
	defer func(saved func(string, string) error) { rename = saved }(rename)
	rename = func(string, string) error { return failure }
	if err := Replace(path, out); !errors.Is(err, failure) {
		t.Fatalf("Replace returned %v, want the rename's error", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != messy {
		t.Fatalf("the original changed:\n%s", got)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}
