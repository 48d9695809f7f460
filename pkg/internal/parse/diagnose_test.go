package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileDir is the corpus of hostile files (pkg/internal/load's TestHostileGolden).
const hostileDir = "../../../testdata/hostile"

// diagHead is the start of a client file with nothing wrong in it.
const diagHead = "kind: Client\nid: a\nname: A\nstatus: active\n"

// TestDiagnoseSyntax pins, for each YAML mistake the diagnoser knows, the
// exact line and column of the mistake (not where the YAML library gave
// up) and the whole message.
func TestDiagnoseSyntax(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
		msg       string
	}{
		// Tabs.
		{"tab indenting a key, on line 26 of a long file", diagHead + strings.Repeat("# a comment\n", 20) + "size:\n\temployees: 3\n" + strings.Repeat("notes: x\n", 30), 26, 1,
			"a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"},
		{"tab after spaces", diagHead + "size:\n  \temployees: 3\n", 6, 3,
			"a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"},
		{"tab before a list item", diagHead + "competitors:\n\t- globex\n", 6, 1,
			"a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"},
		{"tab after the dash of a list item", diagHead + "competitors:\n  -\tglobex\n", 6, 4,
			"a tab follows the \"-\" of this list item, where YAML wants a space: replace the tab with a space"},
		{"tab on an empty line after a value", diagHead + "\t\ntier: key\n", 5, 1,
			"a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"},
		{"tab indenting the text of a block scalar", diagHead + "notes: |\n  first\n\tsecond\n", 7, 1,
			"a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"},
		// Text holding ": ".
		{"colon in a block value", diagHead + "notes: Steering call: wants sign-off\n", 5, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "Steering call: wants sign-off"`},
		{"colon in a block value with a comment", diagHead + "notes: Steering call: wants sign-off # from Jane\n", 5, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "Steering call: wants sign-off"`},
		{"colon at the end of a block value", diagHead + "notes: Agenda:\n", 5, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "Agenda:"`},
		{"colon in a flow value", diagHead + "stakeholders:\n  - {name: Jane, notes: a: b}\n", 6, 25,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "a: b"`},
		{"colon in a flow value on its own line", diagHead + "stakeholders:\n  - {name: Jane,\n     notes: Steering call: wants sign-off}\n", 7, 13,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "Steering call: wants sign-off"`},
		{"colon in a flow value over two lines", diagHead + "size: {employees: a\n  b: c}\n", 5, 19,
			`the value of "employees" contains ": ", which YAML reads as the start of another key: quote the value`},
		{"colon in a list item's value", diagHead + "stakeholders:\n  - name: Jane\n    notes: call: yes\n", 7, 12,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "call: yes"`},
		{"colon in a long value", diagHead + "notes: " + strings.Repeat("x", 70) + ": y\n", 5, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value`},
		{"colon in a value holding a quote", diagHead + "notes: Jane said \"no\": fine\n", 5, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value`},
		{"colon in the text going on below a value", diagHead + "notes: Steering call\n  with Jane: wants sign-off\n", 6, 3,
			`this line is indented more than "notes" on line 5, which already has a value: line it up with "notes" if it is a key of its own, or quote the value if this is more of its text`},
		// Unclosed quotes and brackets: where they open.
		{"unclosed double quote", diagHead + "tier: key\nnotes: \"never closed\n" + strings.Repeat("industry: retail\n", 49), 6, 8,
			`this " is never closed: add the closing " where the value ends`},
		{"unclosed single quote", diagHead + "notes: 'never closed\ntier: key\n", 5, 8,
			`this ' is never closed: add the closing ' where the value ends (write '' for a ' inside the value)`},
		{"double quote closed lines later, with text after it", diagHead + "notes: \"never closed\ntier: key\nindustry: \"retail\"\n", 5, 8,
			`this " is not closed on its line, and the " that closes it on line 7 has more text after it: close the quote on this line`},
		{"unclosed flow sequence", diagHead + "competitors: [globex, initech\ntier: key\n", 5, 14,
			"this [ is never closed: add ] where the list ends"},
		{"unclosed flow mapping", diagHead + "size: {employees: 3\ntier: key\n", 5, 7,
			"this { is never closed: add } where the mapping ends"},
		{"unclosed flow sequence on the first line", "name: [A\nstatus: active\n", 1, 7,
			"this [ is never closed: add ] where the list ends"},
		{"the outer of two brackets is unclosed", diagHead + "competitors: [globex, [initech]\n", 5, 14,
			"this [ is never closed: add ] where the list ends"},
		{"lone bracket", "[", 1, 1, "this [ is never closed: add ] where the list ends"},
		{"unclosed at the end, CRLF", "kind: Client\r\nid: a\r\nname: [A, B\r\n", 3, 7, "this [ is never closed: add ] where the list ends"},
		{"unclosed at the end, CR", "kind: Client\rid: a\rname: [A, B\r", 3, 7, "this [ is never closed: add ] where the list ends"},
		{"a quote inside a bracket, never closed", diagHead + "competitors: [globex, \"initech]\n", 5, 23,
			`this " is never closed: add the closing " where the value ends`},
		{"bracket closed by the other kind", diagHead + "competitors: [globex}\n", 5, 14,
			"this [ is closed by } on line 5: close it with ]"},
		{"bracket not closed before the next key", diagHead + "competitors: [globex,\ntier: key\nindustry: retail]\n", 5, 14,
			"this [ is not closed before the key on line 6: add ] where the list ends"},
		{"bracket closing nothing", diagHead + "competitors: [globex]]\n", 5, 22,
			"this ] closes nothing: delete it"},
		{"text after a closing bracket", diagHead + "competitors: [globex] and more\n", 5, 23,
			"text follows the closing ]: delete it, or move it inside the brackets"},
		{"text after a closing quote", diagHead + "notes: \"Acme\" Ltd\n", 5, 15,
			`text follows the closing " of this value: write \" for a " inside the quotes, or put the whole value inside them`},
		{"a quote inside single quotes", diagHead + "notes: 'O'Brien Ltd'\n", 5, 11,
			`text follows the closing ' of this value: write '' for a ' inside the quotes, or put the whole value inside them`},
		{"a line indented less than its block scalar's text", diagHead + "notes: |\n  text\n tier: key\n", 7, 2,
			`this line is indented more than "notes" on line 5, which already has a value: line it up with "notes"`},
		{"an item indented to no level", diagHead + "stakeholders:\n- name: A\n  role: user\n - name: B\n", 8, 2,
			`this line is indented by 1 space, which lines up with nothing above it: indent it by 2, like "name" on line 6, or by 0, like the "-" on line 6`},
		// Indentation.
		{"key indented under a key with a value", diagHead + "  tier: key\n", 5, 3,
			`this line is indented more than "status" on line 4, which already has a value: line it up with "status" if it is a key of its own, or quote the value if this is more of its text`},
		{"key indented under a quoted value", diagHead + "notes: \"x\"\n  tier: key\n", 6, 3,
			`this line is indented more than "notes" on line 5, which already has a value: line it up with "notes"`},
		{"key between two levels", diagHead + "size:\n    employees: 3\n  other: 1\n", 7, 3,
			`this line is indented by 2 spaces, which lines up with nothing above it: indent it by 4, like "employees" on line 6, or by 0, like "kind" on line 1`},
		{"key lined up with the dash of its item", diagHead + "stakeholders:\n  - name: Jane\n  role: sponsor\n", 7, 3,
			`"role" is lined up with the "-" of the list item on line 6: indent it by 4, like "name" on line 6`},
		{"list item after a key with a value", diagHead + "- globex\n", 5, 1,
			`this list item follows "status" on line 4, which already has a value: put the list under a key of its own, ending in ":"`},
		{"list on its key's line", diagHead + "competitors: - globex\n", 5, 14,
			`a list cannot start on the line of its key: put each "- " item on a line of its own below the key, or write the list as [a, b]`},
		{"text where a key belongs", diagHead + "more text\n", 5, 1,
			`this line is neither "key: value" nor a list item: add its key, or, if it is more of the value above, indent it`},
		{"no space after the colon", diagHead + "tier:key\n", 5, 1,
			`a space is missing after the ":" of "tier": YAML reads a key only before ": "`},
		{"no space after the colon on the first line", "kind:Client\nid: a\n", 1, 1,
			`a space is missing after the ":" of "kind": YAML reads a key only before ": "`},
		// Values YAML cannot start with, escapes, excluded constructs.
		{"value starting with @", diagHead + "notes: @acme on social\n", 5, 8,
			"a value cannot start with @ in YAML: quote the value"},
		{"value starting with a backquote", diagHead + "notes: `code`\n", 5, 8,
			"a value cannot start with ` in YAML: quote the value"},
		{"unknown escape", diagHead + "notes: \"C:\\Users\\jane\"\n", 5, 11,
			`\U is not an escape YAML knows: write \\ for a backslash, or quote the value with ' instead of "`},
		{"short unicode escape", diagHead + "notes: \"\\u12\"\n", 5, 9,
			`\u is not an escape YAML knows: write \\ for a backslash, or quote the value with ' instead of "`},
		{"undefined tag handle", diagHead + "notes: !e!x A\n", 5, 8,
			"custom tag !e!x is not part of the clientbook format: remove it"},
		{"undefined alias", diagHead + "notes: *missing\n", 5, 8,
			"aliases (*name) are not part of the clientbook format: write the value out in full"},
		{"undefined alias as a key", diagHead + "*k : v\n", 5, 1,
			"aliases (*name) are not part of the clientbook format: write the value out in full"},
		{"undefined alias in a flow", diagHead + "competitors: [*k]\n", 5, 15,
			"aliases (*name) are not part of the clientbook format: write the value out in full"},
		{"text after the document end", diagHead + "...\nnotes: after\n", 6, 1,
			`the document was ended by "..." on line 5: delete that line, or this text after it`},
		{"key too long", diagHead + strings.Repeat("k", 1100) + ": 1\n", 5, 1,
			"this key is longer than 1024 characters, the most YAML reads in a key: shorten it"},
		{"line separator", "kind: Client\nname: X\u2028Ltd\n", 2, 8,
			"YAML reads the invisible character U+2028 here as a line break: delete it, or replace it with a space"},
		{"next line", "kind: Client\nname: X\u0085Ltd\n", 2, 8,
			"YAML reads the invisible character U+0085 here as a line break: delete it, or replace it with a space"},
		// A text cut after a directive is no document: no span ends there
		// (the search would test the text cut after each directive here).
		{"after directives", "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\nnotes: a: b\n" + strings.Repeat("tier: key\n", 20), 4, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "a: b"`},
		// A byte order mark does not count as a column.
		{"after a byte order mark", "\ufeffkind: Client\nnotes: a: b\n", 2, 8,
			`the value of "notes" contains ": ", which YAML reads as the start of another key: quote the value, as in notes: "a: b"`},
		// Nothing recognised: the line, found by bisection.
		{"a mistake the scanner does not know", diagHead + "notes: |x\n  text\n", 5, 1, msgCannotRead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, ps := Document([]byte(tt.text))
			if root != nil || len(ps) != 1 {
				t.Fatalf("want one problem, got %v", ps)
			}
			if p := ps[0]; p.Pos.Line != tt.line || p.Pos.Column != tt.col || p.Msg != tt.msg {
				t.Fatalf("got  %d:%d %s\nwant %d:%d %s", p.Pos.Line, p.Pos.Column, p.Msg, tt.line, tt.col, tt.msg)
			}
			// Where the library stopped reading only speeds the search up.
			data := []byte(strings.TrimPrefix(tt.text, "\ufeff"))
			if p := diagnoseSyntax(data, 0); p.Pos.Line != tt.line || p.Pos.Column != tt.col || p.Msg != tt.msg {
				t.Errorf("without the read count: %d:%d %s", p.Pos.Line, p.Pos.Column, p.Msg)
			}
		})
	}
}

// TestDiagnoseAfterValidText puts a known mistake after text that is valid
// YAML but easy to misread (block scalars holding what looks like YAML,
// quotes and brackets over several lines, tabs where they are allowed),
// and wants the mistake, not a false one in the text before it.
func TestDiagnoseAfterValidText(t *testing.T) {
	valid := validTricky
	for _, v := range valid {
		if !yamlParses([]byte(v)) {
			t.Fatalf("%q is not valid YAML: fix the test", v)
		}
	}
	const mistake = "zz: a: b\n"
	for _, v := range valid {
		if strings.HasSuffix(v, "...\n") {
			continue // anything after the end of the document is the mistake
		}
		text := v + mistake
		line := strings.Count(text, "\n")
		p := diagnoseSyntax([]byte(text), 0)
		if p.Pos.Line != line || p.Pos.Column != 5 || !strings.HasPrefix(p.Msg, `the value of "zz" contains ": "`) {
			t.Errorf("%q: got %d:%d %s, want the mistake at %d:5", v, p.Pos.Line, p.Pos.Column, p.Msg, line)
		}
	}
}

// validTricky are valid YAML texts that are easy to misread.
var validTricky = []string{
	"a: |\n  x: y\n  [unclosed\n  \"quote\n\n  more\nb: c\n",
	"a: >-\n  text: here\n   \tindented\nb: c\n",
	"a: \"multi\n  line: x\n  done\"\n",
	"a: 'it''s\n  fine'\n",
	"a: [1,\n  2,\n  {b: c}]\n",
	"a: {b: 1,\n  c: [x, y]}\n",
	"a: [1,\n2]\n",
	"a: [x,\nb: c]\n",
	"a: b # c: d [ \"\n",
	"a: plain\n  continued here\n  and - here [ \"x\n",
	"list:\n- a\n- b: c\n  d: e\n- - x\n  - y\n",
	"a:\n  - name: x\n    notes: |\n      hello: world\n       [\n  - name: y\n",
	"\"quoted key\": v\n'other': w\n",
	"a: http://x.example/a:b\n",
	"a: 10:30\n",
	"a:\tb\n",
	"a:\n  b\n  \tc\n",
	"a: 1\n  \t# c\nb: 2\n",
	"a: !!str 3\n",
	"---\na: b\n",
	"%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\na: b\n",
	"a: \"esc \\\" \\\\ \\u00e9 \\x41\"\n",
	"a: \"line\\\n  cont\"\n",
	"a: b\n\n\n# comment\n\n",
	"? a\n: b\n",
	"a:\n  # comment\n  b: c\n",
	"a: [x, 'y]', \"z}\"]\n",
	"a: it's\n",
	"a: x]\n",
	"a: b\r\nc: d\r\n",
	"a: |+\n  x\n\n",
	"a: |2\n    x\n",
	"a:\n- b\nc: d\n",
	"a: [\n]\n",
	"a: -5\n",
	"a: ''\n",
	"a:\n  -\n    b: c\n",
	"a: [a: b, c: d]\n",
	"a: b#c\n",
	"a: caf\u00e9 \u2013 b\n",
	"a: &x b\nc: d\n",
	"a: b\n...\n",
	"a: b\n---\nc: d\n",
	"--- |\n  text\n",
}

// TestCleanPrefixesParse checks the premise of the search for a mistake:
// a valid text cut after any line the scanner calls clean is valid too.
// It runs over texts easy to misread and over every file of the examples.
func TestCleanPrefixesParse(t *testing.T) {
	texts := map[string][]byte{}
	for i, v := range validTricky {
		texts[fmt.Sprintf("tricky %d", i)] = []byte(v)
	}
	var paths []string
	for _, pattern := range []string{"*", "*/*", "*/*/*", "*/*/*/*"} {
		m, _ := filepath.Glob("../../../examples/*/" + pattern + ".yaml")
		paths = append(paths, m...)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = data
	}
	if len(texts) < len(validTricky)+50 {
		t.Fatalf("only %d texts: the examples were not found", len(texts))
	}
	for name, data := range texts {
		if !yamlParses(data) {
			t.Errorf("%s is not valid YAML: fix the test", name)
			continue
		}
		s := scanSource(data, 0)
		for _, b := range s.clean {
			if !yamlParses(data[:s.lines[b-1].next]) {
				t.Errorf("%s: cut after line %d, which the scanner calls clean, it is not valid YAML", name, b)
			}
		}
	}
}

// FuzzDiagnoseSyntax gives the diagnoser any text: it must not panic, and
// its position must be inside the text as YAML counts lines, in
// characters.
func FuzzDiagnoseSyntax(f *testing.F) {
	for _, s := range []string{
		"", "[", "\"", "a: b: c", "a:\n\tb", "a: [x}\n", "a: |\n  x\n\ty\n", "a: \"x\ny\" z\n",
		"- a\n b: c\n", "a: b\u2028c: d", "a: b\r\n  c: d\r\n", "...\nx\n", "k: \"\\q\"", "*a : b",
		"{a: b: c,\n d: [e: f: g]}", "a:\n    b: 1\n  c: 2\n", "x: - y\n", "a: 'b\n\nc' d\n",
	} {
		f.Add([]byte(s), 0)
	}
	corpus, _ := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	for _, p := range corpus {
		if data, err := os.ReadFile(p); err == nil && len(data) <= 4096 {
			f.Add(data, 0)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, read int) {
		if len(data) > 4096 || !utf8.Valid(data) {
			return
		}
		p := diagnoseSyntax(data, max(read, 0))
		last := lastLine(data)
		if p.Pos.Line < 1 || p.Pos.Line > last || p.Pos.Column < 1 {
			t.Fatalf("position %d:%d outside a text of %d lines", p.Pos.Line, p.Pos.Column, last)
		}
		lines := splitLines(data)
		l := lines[p.Pos.Line-1]
		if p.Pos.Column > utf8.RuneCount(data[l.start:l.end])+1 {
			t.Fatalf("column %d past the end of line %d (%q)", p.Pos.Column, p.Pos.Line, data[l.start:l.end])
		}
		if p.Msg == "" {
			t.Fatal("no message")
		}
	})
}

// FuzzCleanPrefixes checks the premise of the search on any valid text: cut
// after a line the scanner calls clean, it stays valid.
func FuzzCleanPrefixes(f *testing.F) {
	for _, v := range validTricky {
		f.Add([]byte(v))
	}
	seeds, _ := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	for _, pattern := range []string{"*", "*/*/*", "*/*/*/*"} {
		m, _ := filepath.Glob("../../../examples/*/" + pattern + ".yaml")
		seeds = append(seeds, m...)
	}
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil && len(data) <= 8192 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 8192 || !utf8.Valid(data) || !yamlParses(data) {
			return
		}
		s := scanSource(data, 0)
		for _, b := range s.clean {
			if !yamlParses(data[:s.lines[b-1].next]) {
				t.Fatalf("cut after line %d, which the scanner calls clean, %q is not valid YAML", b, data[:s.lines[b-1].next])
			}
		}
	})
}
