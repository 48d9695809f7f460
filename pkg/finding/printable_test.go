package finding

import (
	"bytes"
	"strings"
	"testing"
)

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"clients/acme/client.yaml", "clients/acme/client.yaml"},
		{"clients/ünï/client.yaml", "clients/ünï/client.yaml"},
		{"clients/Odd Name/client.yaml", "clients/Odd Name/client.yaml"},
		{"clients/nl\nx", `clients/nl\nx`},
		{"a\r\tb", `a\r\tb`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"bell\a del\x7f", `bell\x07 del\x7f`},
		{"c1 \u0085 sep \u2028", `c1 \u0085 sep \u2028`},
		{"bidi \u202eevil\u2066", `bidi \u202eevil\u2066`},
		{"latin1 caf\xe9", `latin1 caf\xe9`},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTextStaysOnOneLine: whatever a file's name or a value holds, each
// finding is one line of the text format and no escape sequence reaches
// the terminal.
func TestTextStaysOnOneLine(t *testing.T) {
	r := Report{Findings: []Finding{
		{Rule: "CB006", Severity: Error, Path: "clients/nl\nx", Message: "folder name \"nl\\nx\" is not a client id"},
		{Rule: "CB003", Severity: Error, Path: "clients/x/client.yaml", Line: 4, Column: 7, Message: "name is \x1b[31mred\x1b[0m\r\nfake: line"},
	}}
	var text, src bytes.Buffer
	if err := WriteText(&text, r); err != nil {
		t.Fatal(err)
	}
	lines := func(string, int) (string, bool) { return "name: \"\x1b]0;title\x07\"", true }
	if err := WriteTextWithSource(&src, r, lines); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text.String(), "\n"); n != 2 {
		t.Errorf("want 2 lines for 2 findings, got %d:\n%s", n, text.String())
	}
	for name, out := range map[string]string{"text": text.String(), "source": src.String()} {
		if strings.ContainsAny(out, "\x1b\r\x07") {
			t.Errorf("%s output holds control characters: %q", name, out)
		}
	}
	if !strings.HasPrefix(text.String(), `clients/nl\nx: error CB006`) {
		t.Errorf("the path is not escaped in place:\n%s", text.String())
	}
}

// TestGitHubStaysOnOneLine: whatever a finding's path or message holds,
// each finding is one workflow command: the message is escaped as the
// text format escapes it, the file as a property (the runner decodes %0A
// back) with the other control characters escaped visibly.
func TestGitHubStaysOnOneLine(t *testing.T) {
	r := Report{Findings: []Finding{{
		Rule: "CB003", Severity: Warning, Path: "clients/x\x1b[2J\n::error file=a::b/client.yaml", Line: 3, Column: 7,
		Message: "name \x1b]8;;https://evil.example\x1b\\ 50% \a\r\n::error file=x::pwned \u009b2J \u202eevil",
	}}}
	var out bytes.Buffer
	if err := WriteGitHub(&out, r, ""); err != nil {
		t.Fatal(err)
	}
	want := `::warning file=clients/x\x1b[2J%0A%3A%3Aerror file=a%3A%3Ab/client.yaml,line=3,col=7,title=CB003 wrong type or value out of range::` +
		`name \x1b]8;;https://evil.example\x1b\ 50%25 \x07\r\n::error file=x::pwned \u009b2J \u202eevil` + "\n"
	if got := out.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
