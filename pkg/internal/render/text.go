package render

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// Free-form text (review's agenda, health --explain, the matrix drawing,
// warnings) is written with Fprintf, Fprintln and Sprintf instead of fmt's:
// the format is the program's layout, and every argument is data from the
// book, printed through inert.Text as a grid's cells are. A name holding
// "\n::error file=x::" stays on its line as `\n::error file=x::`; the
// format's own line breaks are kept.

// Fprintf is fmt.Fprintf with every argument escaped (inert.Text).
func Fprintf(w io.Writer, format string, args ...any) (int, error) {
	return fmt.Fprintf(w, format, inertArgs(args)...)
}

// Fprintln is fmt.Fprintln with every argument escaped (inert.Text).
func Fprintln(w io.Writer, args ...any) (int, error) {
	return fmt.Fprintln(w, inertArgs(args)...)
}

// Sprintf is fmt.Sprintf with every argument escaped (inert.Text).
func Sprintf(format string, args ...any) string {
	return fmt.Sprintf(format, inertArgs(args)...)
}

// inertArgs wraps each argument that can print text. Plain numbers and
// booleans are passed as they are: they print no control character, and
// an int may be a width or precision (%*s), which fmt reads itself.
func inertArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if plainValue(a) {
			out[i] = a
		} else {
			out[i] = inertArg{a}
		}
	}
	return out
}

// plainValue reports whether v is a number or a boolean that formats
// itself the usual way (no String, Error or Format method).
func plainValue(v any) bool {
	switch v.(type) {
	case fmt.Formatter, fmt.Stringer, error:
		return false
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	}
	return false
}

// inertArg formats a value as fmt would, then escapes what it printed.
type inertArg struct{ v any }

// Format prints the value with the verb and flags it was given. Text that
// needs escaping is escaped first and padded after, so that a width counts
// the characters shown.
func (a inertArg) Format(f fmt.State, verb rune) {
	plain := fmt.Sprintf(fmt.FormatString(f, verb), a.v)
	s := fmt.Sprintf(bareFormat(f, verb), a.v)
	safe := inert.Text(s)
	if safe == s {
		io.WriteString(f, plain)
		return
	}
	width, ok := f.Width()
	pad := ""
	if n := utf8.RuneCountInString(safe); ok && n < width {
		pad = strings.Repeat(" ", width-n)
	}
	if f.Flag('-') {
		io.WriteString(f, safe+pad)
	} else {
		io.WriteString(f, pad+safe)
	}
}

// bareFormat is the directive f and verb stand for without its width.
func bareFormat(f fmt.State, verb rune) string {
	var b strings.Builder
	b.WriteByte('%')
	for _, flag := range "+-# 0" {
		if f.Flag(int(flag)) {
			b.WriteRune(flag)
		}
	}
	if p, ok := f.Precision(); ok {
		fmt.Fprintf(&b, ".%d", p)
	}
	b.WriteRune(verb)
	return b.String()
}
