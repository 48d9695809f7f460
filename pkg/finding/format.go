package finding

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// Report is what `check` prints: the findings and a summary.
type Report struct {
	Findings []Finding
	// Each, when set, gives the findings in place of Findings, one at a
	// time, as a large book is read (see Orderer): it is ranged over
	// once, so a writer that ranges over it never calls Counts.
	Each  iter.Seq[Finding]
	Files int
}

// All ranges over the report's findings.
func (r Report) All() iter.Seq[Finding] {
	if r.Each != nil {
		return r.Each
	}
	return slices.Values(r.Findings)
}

// Counts tallies the report's findings.
func (r Report) Counts() Counts {
	var c Counts
	for f := range r.All() {
		c.Add(f)
	}
	return c
}

// WriteText prints one finding per line as path:line:col: severity CBnnn
// message — the stable format editors and scripts parse.
func WriteText(w io.Writer, r Report) error {
	for f := range r.All() {
		if _, err := fmt.Fprintf(w, "%s: %s %s %s\n", f.Location(), f.Severity, f.Rule, Printable(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// Summary is the one-line count printed after the findings: c, the
// report's Counts, in files files.
func Summary(c Counts, files int) string {
	return fmt.Sprintf("%s, %s, %s in %s",
		plural(c.Errors, "error"), plural(c.Warnings, "warning"), plural(c.Infos, "info"), plural(files, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// JSONOf is f as `check -o json` writes it.
func JSONOf(f Finding) JSON {
	jf := JSON{Rule: f.Rule, Severity: f.Severity.String(), Path: f.Path, Message: f.Message}
	if f.Line > 0 {
		line := f.Line
		jf.Line = &line
		if f.Column > 0 {
			col := f.Column
			jf.Column = &col
		}
	}
	return jf
}

// JSON is one finding as `check -o json` writes it: rule, severity,
// path, line and column (null when not known) and message.
type JSON struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     *int   `json:"line"`
	Column   *int   `json:"column"`
	Message  string `json:"message"`
}

type jsonSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Files    int `json:"files"`
}

type jsonReport struct {
	Findings []JSON      `json:"findings"`
	Summary  jsonSummary `json:"summary"`
}

// WriteJSON prints the report as SPEC §8's check JSON. A finding without a
// position has null line and column.
func WriteJSON(w io.Writer, r Report) error {
	out := jsonReport{Findings: []JSON{}}
	for f := range r.All() {
		out.Findings = append(out.Findings, JSONOf(f))
	}
	c := r.Counts()
	out.Summary = jsonSummary{Errors: c.Errors, Warnings: c.Warnings, Infos: c.Infos, Files: r.Files}
	return encodeJSON(w, out)
}

// encodeJSON writes v as indented JSON without HTML escaping. Strings are
// exact; the control characters encoding/json leaves raw in them (DEL, C1,
// bidirectional controls, in a file's name say) are written as \uXXXX.
func encodeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(inert.Encoded(buf.Bytes()))
	return err
}

// WriteTextWithSource prints each finding as WriteText does, followed by
// the source line with a caret under the column and the rule's advice: the
// terminal format, in hledger's manner. line returns a file's line.
func WriteTextWithSource(w io.Writer, r Report, line func(path string, n int) (string, bool)) error {
	for f := range r.All() {
		if _, err := fmt.Fprintf(w, "%s: %s %s %s\n", f.Location(), f.Severity, f.Rule, Printable(f.Message)); err != nil {
			return err
		}
		if f.Line > 0 {
			if src, ok := line(f.Path, f.Line); ok {
				src = Printable(strings.ReplaceAll(src, "\t", " "))
				fmt.Fprintf(w, "  %4d | %s\n", f.Line, src)
				if f.Column > 0 && f.Column <= len([]rune(src))+1 {
					fmt.Fprintf(w, "       | %s^\n", strings.Repeat(" ", f.Column-1))
				}
			}
		}
		fmt.Fprintf(w, "       = %s\n", MustLookup(f.Rule).Help)
	}
	return nil
}
