// A file as lines, for edits that splice text at the positions the YAML
// parser gives, so every other byte of the file stays as it was.

package edit

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// text is a file's bytes with the offset of each line's start.
type text struct {
	body   []byte
	nl     string
	starts []int // starts[i] is the offset of line i+1
}

func (t *text) index() {
	t.starts = []int{0}
	for i, c := range t.body {
		if c == '\n' && i+1 < len(t.body) {
			t.starts = append(t.starts, i+1)
		}
	}
}

func (t *text) lines() int { return len(t.starts) }

// line returns line n (1-based) without its line end.
func (t *text) line(n int) []byte {
	end := len(t.body)
	if n < len(t.starts) {
		end = t.starts[n]
	}
	return bytes.TrimRight(t.body[t.starts[n-1]:end], "\r\n")
}

// endOf is the offset just after line n's line end (or the end of the file).
func (t *text) endOf(n int) int {
	if n < len(t.starts) {
		return t.starts[n]
	}
	return len(t.body)
}

// offset converts a node's line and column to a byte offset. The parser
// counts columns in characters, not bytes.
func (t *text) offset(line, col int) int {
	off := t.starts[line-1]
	for range col - 1 {
		_, size := utf8.DecodeRune(t.body[off:])
		off += size
	}
	return off
}

// insertAfter puts lines after line n, each ended by the file's line end.
func (t *text) insertAfter(n int, lines ...string) []byte {
	at := t.endOf(n)
	var ins strings.Builder
	if at == len(t.body) && len(t.body) > 0 && t.body[len(t.body)-1] != '\n' {
		ins.WriteString(t.nl) // the last line had no line end
	}
	for _, l := range lines {
		ins.WriteString(l)
		ins.WriteString(t.nl)
	}
	return splice(t.body, at, at, ins.String())
}

func splice(b []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(b)-(to-from)+len(s))
	out = append(out, b[:from]...)
	out = append(out, s...)
	return append(out, b[to:]...)
}

// source is a file about to be edited: its BOM (kept as it was), its body,
// the body's data (to compare with the result's) and its node tree.
type source struct {
	bom, body []byte
	before    map[string]any
	root      *yaml.Node
}

// readSource prepares src for an edit: it refuses line breaks the lines of
// this package would not match, and a file that is not one YAML mapping.
func readSource(src []byte) (*source, error) {
	s := &source{bom: []byte{}, body: src}
	if b, ok := bytes.CutPrefix(src, []byte("\xef\xbb\xbf")); ok {
		s.bom, s.body = []byte("\xef\xbb\xbf"), b
	}
	if err := plainLineBreaks(s.body); err != nil {
		return nil, err
	}
	before, err := decodeMap(s.body)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", err)
	}
	s.before = before
	var doc yaml.Node
	if err := yaml.Unmarshal(s.body, &doc); err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", err)
	}
	s.root = doc.Content[0]
	return s, nil
}
