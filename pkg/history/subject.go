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
	if q := quoted.FindString(message); q != "" {
		return q
	}
	s := numbers.ReplaceAllString(message, "")
	s = units.ReplaceAllString(s, "$1")
	s = emptyPar.ReplaceAllString(s, "")
	return strings.TrimSpace(blank.ReplaceAllString(s, " "))
}
