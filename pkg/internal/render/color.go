package render

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// Tone is the colour of a table cell. It only has an effect on table output
// when Options.Color is set.
type Tone int

// The tones a Cell may carry.
const (
	ToneNone Tone = iota // no colour
	ToneGood             // green
	ToneWarn             // yellow
	ToneBad              // red
	ToneDim              // faint
)

// ANSI SGR sequences.
const (
	sgrReset = "\x1b[0m"
	sgrGreen = "\x1b[32m"
	sgrYel   = "\x1b[33m"
	sgrRed   = "\x1b[31m"
	sgrDim   = "\x1b[2m"
)

// sgr returns the escape sequence that starts t, or "" for ToneNone and
// unknown tones.
func (t Tone) sgr() string {
	switch t {
	case ToneGood:
		return sgrGreen
	case ToneWarn:
		return sgrYel
	case ToneBad:
		return sgrRed
	case ToneDim:
		return sgrDim
	}
	return ""
}

// paint wraps s in the escape codes of t; s is returned as is for ToneNone.
func paint(s string, t Tone) string {
	code := t.sgr()
	if code == "" || s == "" {
		return s
	}
	return code + s + sgrReset
}

// ColorEnabled reports whether colour should be used on w: only when w is an
// *os.File that is a terminal, getenv("NO_COLOR") is empty (any non-empty
// NO_COLOR wins) and getenv("TERM") is not "dumb". A nil getenv means
// os.Getenv.
func ColorEnabled(w io.Writer, getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// IsTerminal reports whether w is a terminal, for output meant for people
// (source lines, carets) that scripts should not have to parse.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// TerminalWidth is the number of columns of the terminal w is, 0 when w is
// not a terminal or its size cannot be told.
func TerminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || f == nil || !IsTerminal(w) {
		return 0
	}
	return fileWidth(f)
}
