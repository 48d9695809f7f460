package inert

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with what must not reach a terminal or a line-based
// reader as is written visibly as an escape:
//
//   - line feed, carriage return and tab as \n, \r and \t;
//   - the other C0 controls (ESC, BEL, …) and DEL as \xNN;
//   - the C1 controls U+0080–U+009F (a lone U+009B is a CSI), the line
//     and paragraph separators U+2028 and U+2029, and the bidirectional
//     embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069
//     as \uNNNN;
//   - each byte that is not part of valid UTF-8 as \xNN.
//
// Everything else, other scripts, accents, symbols and emoji included, is
// left as it is, so ordinary text is returned unchanged. The result holds
// no control character, so Text(Text(s)) == Text(s).
func Text(s string) string {
	if !needsText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < utf8.RuneSelf && escaped(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case escaped(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// needsText reports whether Text would change s.
func needsText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= utf8.RuneSelf {
			// Only text with a control byte or beyond ASCII is decoded.
			return strings.IndexFunc(s[i:], escaped) >= 0 || !utf8.ValidString(s[i:])
		}
	}
	return false
}

// escaped reports whether Text writes r as an escape.
func escaped(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// CSVCell keeps a spreadsheet from reading s as a formula: a cell that
// starts with =, +, -, @, a tab or a carriage return is prefixed with a
// single quote, as OWASP recommends for CSV injection, unless it is a
// plain number ("-12.50", "+3", "-.5"), which a spreadsheet reads as the
// number it is. Nothing else is changed: CSVCell does not escape control
// characters (render writes every cell through Text first).
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if number(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// number reports whether s is a plain decimal number: an optional sign,
// then digits with at most one decimal point and at least one digit. No
// exponent, grouping or spaces: those are text to a spreadsheet, or a
// formula.
func number(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

// Encoded rewrites the output of a JSON or YAML encoder so that it holds
// no character Text would escape other than the line breaks and tabs of
// its own layout: DEL, the C1 controls and the bidirectional controls that
// encoding/json and the YAML encoder leave raw inside strings become
// \uXXXX escapes, which both formats read back as the same character. The
// data stays exact. For YAML, each string holding such a character must
// be double-quoted (render's encoder sees to it): only there is \uXXXX an
// escape.
func Encoded(b []byte) []byte {
	i := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && escaped(r) {
			break
		}
		i += size
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && escaped(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
