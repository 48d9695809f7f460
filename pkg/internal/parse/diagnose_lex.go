package parse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The character-level readers of the source scanner (diagnose_scan.go):
// line breaks as YAML counts them, flow collections, quoted and plain
// scalars, and the indicators that start or end them.

// srcLine is one line of a text as YAML counts lines: start and end of its
// text, and next, the start of the next line (after the line break).
type srcLine struct{ start, end, next int }

// splitLines splits data at YAML's line breaks (see yamlBreaks). A final
// line break does not start another line; an empty text is one empty line.
func splitLines(data []byte) []srcLine {
	var lines []srcLine
	start := 0
	for i := 0; i < len(data); {
		n := breakLen(data, i)
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, srcLine{start: start, end: i, next: i + n})
		i += n
		start = i
	}
	if start < len(data) || len(lines) == 0 {
		lines = append(lines, srcLine{start: start, end: len(data), next: len(data)})
	}
	return lines
}

// breakLen is the length of the line break at data[i], 0 when there is none.
func breakLen(data []byte, i int) int {
	switch data[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xc2:
		if i+1 < len(data) && data[i+1] == 0x85 {
			return 2
		}
	case 0xe2:
		if i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9) {
			return 3
		}
	}
	return 0
}

// scanFlow reads flow content from i to end. It returns the offset after
// the ] or } that closes the outermost bracket, or -1 when the line ends
// with brackets still open.
func (s *scanner) scanFlow(i, end int) int {
	for i < end {
		f := &s.flow[len(s.flow)-1]
		ch := s.data[i]
		switch {
		case ch == ' ' || ch == '\t':
			i++
		case ch == '#' && (i == s.lineStart() || s.data[i-1] == ' ' || s.data[i-1] == '\t'):
			return -1
		case ch == ',':
			f.colon, f.key, f.valOff = false, "", -1
			i++
		case ch == '[' || ch == '{':
			f.value(i)
			s.flow = append(s.flow, flowOpen{ch: ch, off: i, base: f.base, valOff: -1})
			i++
		case ch == ']' || ch == '}':
			if ch != closer(f.ch) {
				s.add(f.off, fmt.Sprintf("this %c is closed by %c on line %d: close it with %c", f.ch, ch, s.line(), closer(f.ch)))
			}
			if len(s.flow) == 1 && f.keyAt > 0 {
				s.add(f.off, fmt.Sprintf("this %c is not closed before the key on line %d: add %c where the %s ends", f.ch, f.keyAt, closer(f.ch), flowWhat(f.ch)))
			}
			s.flow = s.flow[:len(s.flow)-1]
			i++
			if len(s.flow) == 0 {
				return i
			}
		case ch == ':' && (i+1 == end || isBlankOrFlow(s.data[i+1])):
			if f.colon && f.valOff >= 0 {
				value := "" // no example for a value over several lines
				if f.valOff >= s.lineStart() {
					value = string(s.data[f.valOff:flowValueEnd(s.data, f.valOff, end)])
				}
				s.add(f.valOff, colonMessage(f.key, value))
				f.valOff = -2 // reported
			}
			f.colon = true
			i++
		case ch == '"' || ch == '\'':
			f.value(i)
			r := s.scanQuote(ch, i+1, end)
			if r < 0 {
				s.quote = &quoteOpen{ch: ch, off: i}
				return -1
			}
			if !f.colon {
				f.key = string(s.data[i+1 : r-1])
			}
			i = r
		case ch == '*':
			s.add(i, "aliases (*name) are not part of the clientbook format: write the value out in full")
			i = tokenEnd(s.data, i, end, true)
		case ch == '&' || ch == '!':
			j := tokenEnd(s.data, i, end, true)
			if tag := string(s.data[i:j]); ch == '!' && !standardTags[tag] {
				s.add(i, fmt.Sprintf("custom tag %s is not part of the clientbook format: remove it", tag))
			}
			i = j
		default:
			j, _ := s.plainEnd(i, end, true)
			if j == i {
				j++ // a lone '-', '?' or ':' that is not an indicator here
			}
			if f.colon {
				f.value(i)
			} else {
				f.key = strings.TrimRight(string(s.data[i:j]), " \t")
			}
			i = j
		}
	}
	return -1
}

// value records that the entry's value starts at off, when it is after a ':'.
func (f *flowOpen) value(off int) {
	if f.colon && f.valOff == -1 {
		f.valOff = off
	}
}

// afterFlow reads what follows the bracket that closed a flow collection
// in block context.
func (s *scanner) afterFlow(i, end int) {
	o := s.flowOwner
	s.prev = prevState{kind: prevDone, indent: o.indent, key: o.key, line: o.line}
	a := skipBlanks(s.data, i, end)
	switch {
	case s.endOfNode(a, end):
	case isIndicatorAt(s.data, a, end, ':'):
		// A flow collection as a key: not part of the format, and no
		// syntax error; the decoder says so.
	case s.data[a] == ']' || s.data[a] == '}':
		s.add(a, fmt.Sprintf("this %c closes nothing: delete it", s.data[a]))
	default:
		s.add(a, fmt.Sprintf("text follows the closing %c: delete it, or move it inside the brackets", s.data[i-1]))
	}
}

// endOfNode reports whether nothing but a comment follows at a.
func (s *scanner) endOfNode(a, end int) bool {
	return a >= end || s.data[a] == '#' && a > 0 && (s.data[a-1] == ' ' || s.data[a-1] == '\t')
}

// scanQuote reads a quoted scalar from off (after the opening quote, or at
// the start of a line it goes on to) to end. It returns the offset after
// the closing quote, or -1 when the line ends first. An escape YAML does
// not know is a candidate.
func (s *scanner) scanQuote(q byte, off, end int) int {
	for i := off; i < end; i++ {
		c := s.data[i]
		switch {
		case q == '\'' && c == '\'':
			if i+1 < end && s.data[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		case q == '"' && c == '"':
			return i + 1
		case q == '"' && c == '\\':
			if i+1 == end {
				return -1 // an escaped line break
			}
			n, ok := escapeLen(s.data[i+1 : end])
			if !ok {
				r, _ := utf8.DecodeRune(s.data[i+1 : end])
				s.add(i, fmt.Sprintf("\\%c is not an escape YAML knows: write \\\\ for a backslash, or quote the value with ' instead of \"", r))
			}
			i += n
		}
	}
	return -1
}

// escapeLen checks the escape after a backslash (esc starts after it) and
// returns how many bytes it takes.
func escapeLen(esc []byte) (int, bool) {
	digits := 0
	switch esc[0] {
	case '0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', '/', '\\', 'N', '_', 'L', 'P':
		return 1, true
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		return 1, false
	}
	for k := 1; k <= digits; k++ {
		if k >= len(esc) || !isHex(esc[k]) {
			return k, false
		}
	}
	return 1 + digits, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// plainEnd finds the end of a plain scalar starting at i: the offset of a
// ':' that makes it a key (colon true), of a comment, or end. In flow
// context the flow indicators end it too.
func (s *scanner) plainEnd(i, end int, flow bool) (int, bool) {
	for j := i; j < end; j++ {
		switch c := s.data[j]; {
		case c == ':' && (j+1 == end || s.data[j+1] == ' ' || s.data[j+1] == '\t' || flow && isFlowIndicator(s.data[j+1])):
			return j, true
		case c == '#' && j > i && (s.data[j-1] == ' ' || s.data[j-1] == '\t'):
			return j, false
		case flow && isFlowIndicator(c):
			return j, false
		}
	}
	return end, false
}

// commentStart is the offset of a comment after i on the line, or end.
func commentStart(data []byte, i, end int) int {
	for j := i + 1; j < end; j++ {
		if data[j] == '#' && (data[j-1] == ' ' || data[j-1] == '\t') {
			return j
		}
	}
	return end
}

// flowValueEnd is where a flow value starting at i ends on its line: at a
// ',', a closing bracket or a comment.
func flowValueEnd(data []byte, i, end int) int {
	for j := i; j < end; j++ {
		if c := data[j]; c == ',' || c == ']' || c == '}' || c == '#' && j > i && data[j-1] == ' ' {
			return j
		}
	}
	return end
}

// tokenEnd is the end of an anchor, alias or tag starting at i.
func tokenEnd(data []byte, i, end int, flow bool) int {
	j := i + 1
	for j < end && data[j] != ' ' && data[j] != '\t' && !(flow && isFlowIndicator(data[j])) {
		j++
	}
	return j
}

func skipBlanks(data []byte, i, end int) int {
	for i < end && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return i
}

// isIndicatorAt reports whether data[i] is c followed by a space, a tab or
// the end of the line: "- ", "? ", ": ".
func isIndicatorAt(data []byte, i, end int, c byte) bool {
	return i < end && data[i] == c && (i+1 == end || data[i+1] == ' ' || data[i+1] == '\t')
}

// isMarker reports whether a line is a document marker: "---" or "...",
// alone or followed by a space.
func isMarker(text []byte, c byte) bool {
	return len(text) >= 3 && text[0] == c && text[1] == c && text[2] == c &&
		(len(text) == 3 || text[3] == ' ' || text[3] == '\t')
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

func isBlankOrFlow(c byte) bool { return c == ' ' || c == '\t' || isFlowIndicator(c) }

// looksLikeKey reports whether a line's text starts with "name:" followed
// by a space or its end, as a block key does.
func looksLikeKey(text []byte) bool {
	k, v, ok := bytes.Cut(text, []byte(":"))
	return ok && looksLikeName(string(k)) && (len(v) == 0 || v[0] == ' ' || v[0] == '\t')
}

// looksLikeName reports whether s could be a clientbook key: letters,
// digits, '_' and '-', starting with a letter.
func looksLikeName(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func closer(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

func flowWhat(open byte) string {
	if open == '[' {
		return "list"
	}
	return "mapping"
}

func quoteHint(q byte) string {
	if q == '\'' {
		return " (write '' for a ' inside the value)"
	}
	return ""
}
