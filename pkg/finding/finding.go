package finding

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// Severity is how serious a finding is. The zero value is invalid.
type Severity int

// Severities, from least to most serious. Off silences a rule.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

// String returns the name users write in `rules:` and see in output.
func (s Severity) String() string {
	if s < Off || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name (error, warning, info, off).
func ParseSeverity(s string) (Severity, bool) {
	for i, name := range severityNames {
		if name == s {
			return Severity(i), true
		}
	}
	return Off, false
}

// Finding is one problem found in the book.
type Finding struct {
	Rule     string
	Severity Severity
	Path     string // slash-separated, relative to the book root
	Line     int    // 0 when the finding is about a whole file or folder
	Column   int
	Message  string
}

// Location renders path:line:col, leaving out what is unknown. A path
// holding control characters (a file name with a line break in it) has
// them escaped, so that a finding stays on one line.
func (f Finding) Location() string {
	p := Printable(f.Path)
	switch {
	case f.Line > 0 && f.Column > 0:
		return fmt.Sprintf("%s:%d:%d", p, f.Line, f.Column)
	case f.Line > 0:
		return fmt.Sprintf("%s:%d", p, f.Line)
	default:
		return p
	}
}

// Printable escapes what must not reach a terminal or a line-based reader
// as is: control characters (line breaks, escape sequences), bytes that are
// not UTF-8, line and paragraph separators and the bidirectional controls
// that can make text read differently from what it is. Everything else,
// other scripts included, is left as it is. It is inert.Text, the one
// escaping every text output of clientbook shares.
func Printable(s string) string { return inert.Text(s) }

// Sort orders findings by path, line, column, rule and message so output
// never depends on map order or on which worker finished first.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// ApplySeverities sets each finding's severity from the overrides (rule id
// → severity), dropping the rules set to off. Findings of rules without an
// override keep the severity they were made with.
func ApplySeverities(fs []Finding, overrides map[string]Severity) []Finding {
	if len(overrides) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if s, ok := overrides[f.Rule]; ok {
			if s == Off {
				continue
			}
			f.Severity = s
		}
		out = append(out, f)
	}
	return out
}

// Counts tallies findings by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Count tallies fs.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		c.Add(f)
	}
	return c
}

// Add counts f.
func (c *Counts) Add(f Finding) {
	switch f.Severity {
	case Error:
		c.Errors++
	case Warning:
		c.Warnings++
	case Info:
		c.Infos++
	}
}

// AtOrAbove reports whether any finding counted is at least as severe as
// min.
func (c Counts) AtOrAbove(min Severity) bool {
	switch min {
	case Error:
		return c.Errors > 0
	case Warning:
		return c.Errors+c.Warnings > 0
	case Info:
		return c.Errors+c.Warnings+c.Infos > 0
	}
	return false
}
