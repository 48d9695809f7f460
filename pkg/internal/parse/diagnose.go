package parse

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"sort"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// When the YAML library rejects a file it says why only in an error string,
// and the line it names is where it gave up, often lines after the mistake
// (an unclosed quote is noticed at the end of the file). So the mistake is
// found in the source instead, in two steps:
//
//  1. A line-oriented scanner (diagnose_scan.go) reads the text as YAML
//     does, tracking quotes, flow brackets, block scalars, indentation
//     levels and document markers. It records the lines after which
//     nothing is left open (clean boundaries), and candidates: mistakes
//     people make, each at its exact place with advice in our words.
//  2. Which candidate is the mistake is decided by the library itself:
//     the file cut after a clean boundary is a YAML document of its own,
//     so the first clean boundary whose prefix no longer parses closes the
//     span of lines that holds the mistake. Every prefix holding the bytes
//     the library had read when it failed fails the same way, so the scan
//     stops at the first clean boundary after them; the span is found by an
//     exponential search back from there, then bisection: O(log lines)
//     parses, in practice one or two. The first candidate in that span is
//     the answer (one inferred from indentation alone only when there is
//     no other); a candidate elsewhere (a tab the library accepts in a
//     plain scalar's continuation, say) is never reported.
//
// When no candidate lies in the span, the finding is a plain "YAML cannot
// read this line" at the first text of the span: still the line, found
// without reading the library's error text, which nothing here looks at.

// A candidate is a mistake the scanner recognised: where it is (a byte
// offset into the text) and what to say.
type candidate struct {
	off  int
	trip int  // 1-based line where YAML trips over it, when not the line of off
	weak bool // inferred from indentation alone
	msg  string
}

// msgCannotRead is the message when the span of the mistake holds nothing
// the scanner recognises.
const msgCannotRead = "YAML cannot read this line: check its indentation (spaces only, lined up with the keys it belongs with), its quotes and its brackets"

// countingReader counts the bytes the YAML library has read: the library
// reads its input lazily, in small chunks, so after a failure every byte it
// looked at is among the first n.
type countingReader struct {
	r *bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// diagnoseSyntax finds the mistake in data, a text the YAML library could
// not parse after reading the first read bytes of it (0 when not known).
// It never panics and always gives a position inside the text.
func diagnoseSyntax(data []byte, read int) Problem {
	s := scanSource(data, read)
	lo, hi := s.failingSpan()
	cands := s.cands
	slices.SortStableFunc(cands, func(a, b candidate) int { return a.off - b.off })
	var weak *candidate
	for i, c := range cands {
		line := c.trip
		if line == 0 {
			line = s.lineOf(c.off)
		}
		switch {
		case line <= lo || line > hi:
		case !c.weak:
			return Problem{Pos: s.pos(c.off), Msg: c.msg}
		case weak == nil:
			weak = &cands[i]
		}
	}
	if weak != nil {
		return Problem{Pos: s.pos(weak.off), Msg: weak.msg}
	}
	return Problem{Pos: s.pos(s.firstText(lo, hi)), Msg: msgCannotRead}
}

// failingSpan returns the lines lo+1..hi that hold the first mistake: the
// text up to the end of line lo parses, up to the end of line hi does not.
// Only clean boundaries are cut at, where a prefix of a valid text is
// valid. The last line scanned is known to fail: it is the end of the
// text, or the first clean boundary after all that the library read.
func (s *scanner) failingSpan() (lo, hi int) {
	bounds := make([]int, 0, len(s.clean)+2)
	bounds = append(bounds, 0)
	for _, b := range s.clean {
		if b < s.stop {
			bounds = append(bounds, b)
		}
	}
	bounds = append(bounds, s.stop)
	parses := func(i int) bool {
		switch bounds[i] {
		case 0:
			return true
		case s.stop:
			return false
		}
		return yamlParses(s.data[:s.lines[bounds[i]-1].next])
	}
	h := len(bounds) - 1
	// Gallop back from h to a prefix that parses, then bisect.
	l, step := h-1, 1
	for l > 0 && !parses(l) {
		h = l
		step *= 2
		l = max(h-step, 0)
	}
	for h-l > 1 {
		mid := (l + h) / 2
		if parses(mid) {
			l = mid
		} else {
			h = mid
		}
	}
	return bounds[l], bounds[h]
}

// yamlParses reports whether the YAML library reads every document of data
// without an error.
func yamlParses(data []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := safeDecode(dec, &n); err != nil {
			return errors.Is(err, io.EOF)
		}
	}
}

// lineOf returns the 1-based line holding the byte at off.
func (s *scanner) lineOf(off int) int {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i].next > off })
	return min(i, len(s.lines)-1) + 1
}

// pos returns the 1-based line and column (in characters) of the byte at off.
func (s *scanner) pos(off int) Pos {
	line := s.lineOf(off)
	l := s.lines[line-1]
	off = min(max(off, l.start), l.end)
	return Pos{Line: line, Column: 1 + utf8.RuneCount(s.data[l.start:off])}
}

// firstText returns the offset of the first character of lines lo+1..hi
// that is not a space, a tab or part of a comment, or the start of line
// lo+1 when there is none.
func (s *scanner) firstText(lo, hi int) int {
	for ln := lo; ln < hi && ln < len(s.lines); ln++ {
		l := s.lines[ln]
		i := l.start
		for i < l.end && (s.data[i] == ' ' || s.data[i] == '\t') {
			i++
		}
		if i < l.end && s.data[i] != '#' {
			return i
		}
	}
	return s.lines[min(lo, len(s.lines)-1)].start
}
