package book

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/finding"
)

// malformedDir holds the corpus of hostile and broken files. A file named
// firm-*.yaml is placed as the book's clientbook.yaml; every other file as
// clients/x/client.yaml next to a valid clientbook.yaml.
const malformedDir = "../../testdata/malformed"

// malformedCase is what loading one corpus file must give: the rule of the
// first finding (none when rule is ""), its line when line > 0, and a piece
// of its message.
type malformedCase struct {
	rule string
	line int
	msg  string
}

var malformedCases = map[string]malformedCase{
	// Encoding.
	"invalid-utf8.yaml":  {"CB001", 3, "not valid UTF-8"},
	"utf16.yaml":         {"CB001", 1, "not valid UTF-8"},
	"bom.yaml":           {}, // a UTF-8 byte order mark is allowed
	"crlf.yaml":          {}, // Windows line ends are allowed
	"cr-only.yaml":       {}, // so are old Mac ones
	"crlf-error.yaml":    {"CB003", 6, `"tier" is "huge"`},
	"nul-byte.yaml":      {"CB001", 6, "NUL byte"},
	"control-char.yaml":  {"CB001", 6, "control character U+0007"},
	"tab-indent.yaml":    {"CB001", 7, "YAML syntax error"},
	"empty.yaml":         {"CB001", 1, "file is empty"},
	"only-comments.yaml": {"CB001", 1, "file is empty"},
	// Shape of the document.
	"only-whitespace.yaml":     {"CB001", 1, "file is empty"},
	"null-document.yaml":       {"CB003", 1, "must be a mapping of keys to values, not null"},
	"top-level-list.yaml":      {"CB003", 1, "must be a mapping of keys to values, not a list"},
	"top-level-scalar.yaml":    {"CB003", 1, "must be a mapping of keys to values"},
	"two-documents.yaml":       {"CB001", 6, "more than one YAML document"},
	"document-end-marker.yaml": {"CB001", 7, "YAML syntax error"},
	"mapping-key.yaml":         {"CB003", 6, "keys in Client must be plain names"},
	"duplicate-keys.yaml":      {"CB001", 6, `duplicate key "name"`},
	"conflict-markers.yaml":    {"CB001", 3, "merge conflict marker"},
	"nest-100.yaml":            {"CB001", 6, "nesting is deeper than 64"},
	"nest-100-block.yaml":      {"CB001", 69, "nesting is deeper than 64"},
	"folded-block-ok.yaml":     {},
	// What the format excludes (SPEC §9 Files).
	"billion-laughs.yaml": {"CB001", 5, "anchors (&name)"},
	"unknown-alias.yaml":  {"CB001", 6, "aliases (*name)"},
	"merge-key.yaml":      {"CB001", 7, "merge keys (<<)"},
	"custom-tag.yaml":     {"CB001", 6, "custom tag !vault"},
	"binary-tag.yaml":     {"CB001", 6, "custom tag !!binary"},
	// Syntax errors, at the line where the broken construct opens.
	"unclosed-quote.yaml": {"CB001", 6, "YAML syntax error"},
	"unclosed-flow.yaml":  {"CB001", 4, "YAML syntax error"},
	// Values.
	"huge-integer.yaml":   {"CB003", 6, `"potential" must be a whole number`},
	"float-overflow.yaml": {"CB003", 7, `"revenue" must be a number, not "1e99999"`},
	"huge-exponent.yaml":  {"CB003", 7, `"revenue" must be a number`},
	// Kind.
	"kind-missing.yaml": {"CB004", 1, `required field "kind" missing`},
	"kind-list.yaml":    {"CB003", 1, `"kind" must be a single value`},
	"wrong-kind.yaml":   {"CB006", 1, "kind Opportunity does not belong"},
	// Firm variants.
	"firm-empty.yaml":             {"CB001", 1, "file is empty"},
	"firm-list.yaml":              {"CB003", 1, "Firm must be a mapping"},
	"firm-bad-rule-severity.yaml": {"CB003", 3, `rule CB002 is set to "loud"`},
	"firm-weights-string.yaml":    {"CB003", 4, `"trust" must be a number, not "high"`},
	"firm-bands-inverted.yaml":    {"CB003", 4, "bands.watch (60) is above bands.healthy (40)"},
	"firm-team-not-list.yaml":     {"CB003", 3, `"team" must be a list`},
}

const validClient = "apiVersion: clientbook/v1\nkind: Client\nid: x\nname: X Ltd\nstatus: prospect\n"

// malformedBook is the book a corpus file is loaded in.
func malformedBook(name string, data []byte) map[string]string {
	if strings.HasPrefix(name, "firm-") {
		return map[string]string{"clientbook.yaml": string(data), "clients/x/client.yaml": validClient}
	}
	return map[string]string{"clientbook.yaml": validFirm, "clients/x/client.yaml": string(data)}
}

// loadWithin loads a book and fails the test when that takes longer than
// limit or panics: a hostile file must neither hang nor crash the loader.
func loadWithin(t *testing.T, root string, limit time.Duration) *Book {
	t.Helper()
	type outcome struct {
		b     *Book
		err   error
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{panic: r}
			}
		}()
		b, err := Load(root)
		done <- outcome{b: b, err: err}
	}()
	select {
	case o := <-done:
		if o.panic != nil {
			t.Fatalf("Load panicked: %v", o.panic)
		}
		if o.err != nil {
			t.Fatalf("Load: %v", o.err)
		}
		return o.b
	case <-time.After(limit):
		t.Fatalf("Load did not finish within %s", limit)
		return nil
	}
}

func TestMalformedCorpus(t *testing.T) {
	entries, err := os.ReadDir(malformedDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for name := range malformedCases {
		if !slices.Contains(names, name) {
			t.Errorf("%s is in the table but not in %s", name, malformedDir)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want, ok := malformedCases[name]
			if !ok {
				t.Fatalf("%s has no entry in malformedCases: add what loading it must report", name)
			}
			data, err := os.ReadFile(filepath.Join(malformedDir, name))
			if err != nil {
				t.Fatal(err)
			}
			b := loadWithin(t, writeBook(t, malformedBook(name, data)), 10*time.Second)
			checkMalformed(t, b, want)
		})
	}
}

// TestMalformedGenerated covers inputs too large to keep in the repository.
func TestMalformedGenerated(t *testing.T) {
	tests := []struct {
		name string
		data func() string
		want malformedCase
	}{
		{"2 MiB file", func() string {
			return validClient + "notes: |\n" + strings.Repeat("  "+strings.Repeat("x", 98)+"\n", 2<<20/100)
		}, malformedCase{"CB001", 0, "file is larger than 1 MiB"}},
		{"file of exactly 1 MiB", func() string {
			head := validClient + "notes: "
			return head + strings.Repeat("x", MaxFileSize-len(head)-1) + "\n"
		}, malformedCase{}},
		{"very long line", func() string {
			return validClient + "notes: " + strings.Repeat("word ", 150_000) + "\n"
		}, malformedCase{}},
		{"very long key", func() string {
			return validClient + strings.Repeat("k", 500_000) + ": 1\n"
		}, malformedCase{"CB001", 6, "YAML syntax error"}}, // YAML limits a plain key to 1024 characters
		{"10000 nested lists", func() string {
			return validClient + "notes: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n"
		}, malformedCase{"CB001", 6, "nesting is deeper than 64"}},
		{"100000 unclosed lists", func() string {
			return validClient + "notes: " + strings.Repeat("[", 100_000) + "\n"
		}, malformedCase{"CB001", 6, "YAML syntax error"}},
		{"1400 nested block mappings, just under 1 MiB", func() string {
			var b strings.Builder
			b.WriteString(validClient + "notes:\n")
			for i := range 1400 {
				b.WriteString(strings.Repeat(" ", i+1) + "k:\n")
			}
			return b.String()
		}, malformedCase{"CB001", 0, "nesting is deeper than 64"}},
		{"many anchors", func() string {
			var b strings.Builder
			b.WriteString(validClient + "competitors:\n")
			for i := range 20_000 {
				fmt.Fprintf(&b, "  - &a%d x\n", i)
			}
			return b.String()
		}, malformedCase{"CB001", 7, "anchors (&name)"}},
		{"many stakeholders", func() string {
			var b strings.Builder
			b.WriteString(validClient + "stakeholders:\n")
			for i := range 20_000 {
				fmt.Fprintf(&b, "  - {name: Person %d, strength: 9}\n", i)
			}
			return b.String()
		}, malformedCase{"CB003", 7, `"strength" is 9`}},
		{"decimal with 100000 digits", func() string {
			return validClient + "financials:\n  - {year: 2025, revenue: 1." + strings.Repeat("1", 100_000) + "}\n"
		}, malformedCase{}},
		{"whole number beyond a float", func() string {
			return validClient + "financials:\n  - {year: 2025, revenue: 1" + strings.Repeat("0", 400) + "}\n"
		}, malformedCase{"CB003", 7, `"revenue" must be a number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := loadWithin(t, writeBook(t, malformedBook("client.yaml", []byte(tt.data()))), 20*time.Second)
			checkMalformed(t, b, tt.want)
		})
	}
}

func checkMalformed(t *testing.T, b *Book, want malformedCase) {
	t.Helper()
	for _, f := range b.Findings {
		if f.Path == "" {
			t.Errorf("finding without a path: %+v", f)
		}
		if _, ok := finding.Lookup(f.Rule); !ok {
			t.Errorf("finding with unknown rule %q", f.Rule)
		}
		if strings.Contains(f.Message, " yaml: ") || strings.HasPrefix(f.Message, "yaml: ") || strings.Contains(f.Message, "reflect") {
			t.Errorf("message leaks a Go error: %s", f.Message)
		}
	}
	if want.rule == "" {
		if len(b.Findings) > 0 {
			t.Fatalf("want no findings, got:\n%s", messages(b.Findings))
		}
		return
	}
	if len(b.Findings) == 0 {
		t.Fatalf("want %s, got no findings", want.rule)
	}
	f := b.Findings[0]
	if f.Rule != want.rule || (want.line > 0 && f.Line != want.line) || !strings.Contains(f.Message, want.msg) {
		t.Fatalf("want %s on line %d containing %q, got:\n%s", want.rule, want.line, want.msg, messages(b.Findings))
	}
}
