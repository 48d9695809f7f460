package inert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain ascii", "Acme Retail Ltd", "Acme Retail Ltd"},
		{"empty", "", ""},
		{"accents", "Café Ünïcode, São Paulo", "Café Ünïcode, São Paulo"},
		{"ellipsis, dashes, arrows", "a, b, … — 29 at-risk ↓ ≥ 50 × ÷ Σ", "a, b, … — 29 at-risk ↓ ≥ 50 × ÷ Σ"},
		{"emoji and other scripts", "🚀 Ωμέγα 東京 مرحبا", "🚀 Ωμέγα 東京 مرحبا"},
		{"backslashes stay", `C:\path\x1b`, `C:\path\x1b`},
		{"no-break space stays", "a\u00a0b", "a\u00a0b"},
		{"clear screen", "\x1b[2JAcme", `\x1b[2JAcme`},
		{"colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"osc 8 link", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\`},
		{"osc title ended by bel", "\x1b]0;pwned\a", `\x1b]0;pwned\x07`},
		{"bel and del", "bell\a del\x7f", `bell\x07 del\x7f`},
		{"nul", "a\x00b", `a\x00b`},
		{"line feed then workflow command", "Acme\n::error file=x::pwned", `Acme\n::error file=x::pwned`},
		{"carriage return", "ok\roverwritten", `ok\roverwritten`},
		{"crlf", "a\r\nb", `a\r\nb`},
		{"tab", "a\tb", `a\tb`},
		{"c1 csi", "\u009b2J", `\u009b2J`},
		{"c1 next line", "a\u0085b", `a\u0085b`},
		{"c1 first and last", "\u0080\u009f", `\u0080\u009f`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"paragraph separator", "a\u2029b", `a\u2029b`},
		{"right-to-left override", "invoice\u202egpj.exe", `invoice\u202egpj.exe`},
		{"every embedding and override", "\u202a\u202b\u202c\u202d\u202e", `\u202a\u202b\u202c\u202d\u202e`},
		{"isolates", "\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"latin-1 byte", "caf\xe9", `caf\xe9`},
		{"truncated utf-8", "ab\xe2\x80", `ab\xe2\x80`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Text(tc.in)
			if got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := Text(got); again != got {
				t.Errorf("Text is not idempotent: Text(%q) = %q", got, again)
			}
		})
	}
}

// TestTextLeavesNothingLive: whatever the input, the result is valid UTF-8
// without a control character, a separator or a bidirectional control.
func TestTextLeavesNothingLive(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\xff\xfe\xc0")
	out := Text(all.String())
	if !utf8.ValidString(out) {
		t.Fatal("the result is not valid UTF-8")
	}
	for _, r := range out {
		if escaped(r) {
			t.Fatalf("the result holds %U", r)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"formula", "=1+1", "'=1+1"},
		{"hyperlink formula", `=HYPERLINK("http://evil.example","x")`, `'=HYPERLINK("http://evil.example","x")`},
		{"plus formula", "+1+1", "'+1+1"},
		{"plus number", "+1", "+1"},
		{"minus number", "-1", "-1"},
		{"negative money", "-12.50", "-12.50"},
		{"negative integer", "-3", "-3"},
		{"negative fraction without integer part", "-.5", "-.5"},
		{"minus text", "-x", "'-x"},
		{"minus formula", "-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"},
		{"lone minus", "-", "'-"},
		{"lone plus", "+", "'+"},
		{"sign and point only", "-.", "'-."},
		{"two points", "-1.2.3", "'-1.2.3"},
		{"exponent after a sign", "-1e5", "'-1e5"},
		{"at function", "@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"leading tab", "\tx", "'\tx"},
		{"leading carriage return", "\rx", "'\rx"},
		{"exponent without a sign is not a trigger", "1e5", "1e5"},
		{"plain number", "12.50", "12.50"},
		{"text", "Acme", "Acme"},
		{"equals later", "a=1", "a=1"},
		{"empty", "", ""},
		{"quote already", "'=1", "'=1"},
		{"escaped tab is not a tab", `\tx`, `\tx`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CSVCell(tc.in); got != tc.want {
				t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEncoded(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"layout stays", "{\n\t\"a\": \"b\"\n}\n", "{\n\t\"a\": \"b\"\n}\n"},
		{"text stays", `"Café … 🚀"`, `"Café … 🚀"`},
		{"json escapes stay", `"\u001b[2J\n"`, `"\u001b[2J\n"`},
		{"del", "\"a\x7fb\"", `"a\u007fb"`},
		{"c1 csi", "\"\u009b2J\"", `"\u009b2J"`},
		{"bidi override and isolate", "\"invoice\u202egpj\u2066\"", `"invoice\u202egpj\u2066"`},
		{"separators", "\"a\u2028b\u2029\"", `"a\u2028b\u2029"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Encoded([]byte(tc.in))); got != tc.want {
				t.Errorf("Encoded(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
