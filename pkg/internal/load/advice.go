package load

import (
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/internal/parse"
)

// The words the decoder adds to a finding: what range a value wants, and
// what a value that YAML read as something else was probably meant to be.

// rangeProblem says how r is out of f's range; "" when it is not.
func rangeProblem(r *big.Rat, f fieldSpec) string {
	switch {
	case f.min != nil && f.max != nil && (r.Cmp(f.min) < 0 || r.Cmp(f.max) > 0):
		return fmt.Sprintf("out of range: want %s to %s", f.min.RatString(), f.max.RatString())
	case f.min != nil && r.Cmp(f.min) < 0:
		return fmt.Sprintf("out of range: want at least %s", f.min.RatString())
	case f.max != nil && r.Cmp(f.max) > 0:
		return fmt.Sprintf("out of range: want at most %s", f.max.RatString())
	}
	return ""
}

// adviceSuffix appends advice to a message when there is some.
func adviceSuffix(advice string) string {
	if advice == "" {
		return ""
	}
	return ": " + advice
}

// textAdvice is the advice for a mapping where a single value belongs that
// is one "key: value" pair on one line: most likely text with ": " in it.
func textAdvice(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 || n.Style&yaml.FlowStyle != 0 {
		return ""
	}
	k, v := n.Content[0], n.Content[1]
	if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || k.Style != 0 || v.Style != 0 || k.Line != v.Line {
		return ""
	}
	text := k.Value + ": " + v.Value
	if len(text) > parse.QuoteLimit || strings.ContainsAny(text, "\"\\") {
		return "; if it is text with \": \" in it, quote it"
	}
	return fmt.Sprintf("; if it is text with \": \" in it, quote it: \"%s\"", text)
}

// separatedInFlow recognises a number written with thousands separators in
// a flow mapping, {revenue: 265,000}, which YAML reads as the value 265 and
// then keys "000" with no value. content is the mapping's keys and values
// and i the index of the key whose value may be the first group. It
// returns the number as written and how many groups followed, 0 when the
// value is not such a number. The groups must follow the value right
// after a comma, with no space, as digits do in a number.
func separatedInFlow(content []*yaml.Node, i int) (written string, groups int) {
	val := content[i+1]
	if val.Kind != yaml.ScalarNode || val.Style != 0 || !isDigitGroup(val.Value, 1, true) {
		return "", 0
	}
	written = val.Value
	line, next := val.Line, val.Column+utf8.RuneCountInString(val.Value)+1
	for j := i + 2; j+1 < len(content); j += 2 {
		k, v := content[j], content[j+1]
		if k.Kind != yaml.ScalarNode || k.Style != 0 || !isNull(v) || k.Line != line || k.Column != next || !isDigitGroup(k.Value, 3, false) {
			break
		}
		written += "," + k.Value
		next = k.Column + utf8.RuneCountInString(k.Value) + 1
		groups++
		if strings.Contains(k.Value, ".") {
			break // the fraction ends the number
		}
	}
	return written, groups
}

// digitsAfterNumber reports whether the key at content[i] is three digits
// with no value that follow, on the same line, the plain number value of
// the known key before it: the rest of a number written with a separator,
// as in {revenue: 265, 000}.
func (s *structSpec) digitsAfterNumber(content []*yaml.Node, i int) bool {
	if i < 2 {
		return false
	}
	pk, val, k, v := content[i-2], content[i-1], content[i], content[i+1]
	_, known := s.byKey[pk.Value]
	return known && isNull(v) && k.Style == 0 && isDigitGroup(k.Value, 3, false) &&
		val.Kind == yaml.ScalarNode && val.Style == 0 && isDigitGroup(val.Value, 1, true) &&
		val.Line == k.Line && val.Column < k.Column
}

// isDigitGroup reports whether s is a group of a separated number: the
// first (1 to 3 digits, signed) or a later one (3 digits, the last with a
// fraction).
func isDigitGroup(s string, minLen int, first bool) bool {
	if first {
		s = strings.TrimLeft(s, "+-")
	} else if whole, frac, ok := strings.Cut(s, "."); ok {
		if frac == "" || strings.Trim(frac, "0123456789") != "" {
			return false
		}
		s = whole
	}
	return len(s) >= minLen && len(s) <= 3 && strings.Trim(s, "0123456789") == ""
}
