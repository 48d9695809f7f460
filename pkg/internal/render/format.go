package render

import (
	"fmt"
	"strings"
)

// Format is an output format name given with -o.
type Format string

// The output formats understood by Write.
const (
	Table    Format = "table"
	JSON     Format = "json"
	YAML     Format = "yaml"
	CSV      Format = "csv"
	Markdown Format = "markdown"
)

// allFormats lists every format in the order used in messages.
var allFormats = []Format{Table, JSON, YAML, CSV, Markdown}

// ParseFormat validates s against the allowed formats (all five when allowed
// is empty); the error lists the allowed names. Matching ignores case and
// surrounding spaces.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	if len(allowed) == 0 {
		allowed = allFormats
	}
	want := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, f := range allowed {
		if f == want && f.valid() {
			return f, nil
		}
	}
	return "", unknownFormat(s, allowed)
}

// unknownFormat is the error for a format name outside allowed.
func unknownFormat(s string, allowed []Format) error {
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	return fmt.Errorf("unknown output format %q (allowed: %s)", s, strings.Join(names, ", "))
}

// valid reports whether f is one of the five known formats.
func (f Format) valid() bool {
	for _, k := range allFormats {
		if f == k {
			return true
		}
	}
	return false
}
