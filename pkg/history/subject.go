package history

import (
	"regexp"
	"strings"
)

var (
	quoted   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	numbers  = regexp.MustCompile(`\d+(?:[-.:/]\d+)*`)
	units    = regexp.MustCompile(`\b(day|week|month|year|hour)s\b`)
	blank    = regexp.MustCompile(`\s+`)
	emptyPar = regexp.MustCompile(`\(\s*\)`)
)

// Subject is what a finding's message is about, as diff matches findings:
//
//   - the first double-quoted text in the message, quotes included, when
//     there is one: the action, milestone, dependency, scope change or
//     field the finding names (`action "Send proposal" was due ...`);
//   - else the message with every number and date taken out (and a
//     parenthesis left empty by that), "days", "weeks", "months", "years"
//     and "hours" made singular, and runs of spaces made one: "the newest
//     health assessment (2026-01-02) is 40 days old" and the same finding
//     a week later, "... is 47 days old", have the same subject.
//
// So a finding that only moved lines, or whose age grew, keeps its
// subject; another action, or another kind of problem, does not.
func Subject(message string) string {
	// Without a backslash, the first quoted text is simply from the first
	// quote to the next, and the rest is plain scanning: regular
	// expressions cost diff of a large book more than the rest of
	// comparing it (subjectByRegexp is the reading this one must equal;
	// FuzzSubject holds them to it).
	if !strings.ContainsRune(message, '\\') {
		if i := strings.IndexByte(message, '"'); i >= 0 {
			if j := strings.IndexByte(message[i+1:], '"'); j >= 0 {
				return message[i : i+j+2]
			}
		}
		return collapse(dropEmptyParens(singular(dropNumbers(message))))
	}
	return subjectByRegexp(message)
}

// The passes of an unquoted subject, each what its regular expression
// does (numbers, units, emptyPar, blank), by hand.

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWord(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// dropNumbers takes out every number and date: digits, joined by - . : /
// to more digits.
func dropNumbers(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		for i+1 < len(s) && strings.IndexByte("-.:/", s[i]) >= 0 && isDigit(s[i+1]) {
			for i++; i < len(s) && isDigit(s[i]); i++ {
			}
		}
	}
	return b.String()
}

// singular makes the plural units, whole words, singular.
func singular(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if i == 0 || !isWord(s[i-1]) {
			found := false
			for _, u := range [...]string{"day", "week", "month", "year", "hour"} {
				end := i + len(u) + 1
				if strings.HasPrefix(s[i:], u+"s") && (end == len(s) || !isWord(s[end])) {
					b.WriteString(u)
					i, found = end, true
					break
				}
			}
			if found {
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// dropEmptyParens takes out parentheses that hold only spaces.
func dropEmptyParens(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '(' {
			j := i + 1
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if j < len(s) && s[j] == ')' {
				i = j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// collapse makes each run of spaces one, and trims the ends.
func collapse(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if isSpace(s[i]) {
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return strings.TrimSpace(b.String())
}

// subjectByRegexp is Subject as its doc says it, in regular expressions.
func subjectByRegexp(message string) string {
	if q := quoted.FindString(message); q != "" {
		return q
	}
	return unquotedSubject(message)
}

// unquotedSubject is the subject of a message without quoted text.
func unquotedSubject(message string) string {
	s := numbers.ReplaceAllString(message, "")
	s = units.ReplaceAllString(s, "$1")
	s = emptyPar.ReplaceAllString(s, "")
	return strings.TrimSpace(blank.ReplaceAllString(s, " "))
}
