package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The scanner of diagnose.go: it reads a text line by line as YAML does,
// far enough to know what is open at the end of each line (a quoted
// scalar, flow brackets, a block scalar) and how the block lines nest,
// and records the mistakes people make as candidates. It never fails:
// what it does not understand it passes over, and diagnose.go only
// reports a candidate that lies where the YAML library fails.

// A level is a block mapping or sequence open at an indentation.
type level struct {
	indent int
	seq    bool
	line   int    // 1-based line of its first key or "-"
	name   string // its first key, for a mapping
}

// What the last construct of the previous text line left for the next.
const (
	prevNone  = iota
	prevOpen  // a key or "-" with its value on the lines below
	prevPlain // a plain value, which may go on on more-indented lines
	prevDone  // a value that is complete
)

type prevState struct {
	kind   int
	indent int    // column of the key or "-" that owns the value
	key    string // that key, "" for a list item
	line   int    // 1-based line of that key
	off    int    // where a plain value starts
}

// A flowOpen is an open [ or {, and the entry being read in it.
type flowOpen struct {
	ch     byte
	off    int
	base   int // indentation of the line it opened on
	keyAt  int // 1-based line of a block key inside it, 0 if none
	colon  bool
	key    string
	valOff int
}

// A quoteOpen is a quoted scalar not closed on the line it opened on.
type quoteOpen struct {
	ch    byte
	off   int
	owner prevState
}

// noBlock is scanner.block when no block scalar is being skipped.
const noBlock = -2

type scanner struct {
	data  []byte
	lines []srcLine
	ln    int // index of the line being read
	cands []candidate
	clean []int // 1-based lines after which nothing is left open
	stop  int   // the number of lines scanned

	flow        []flowOpen
	flowOwner   prevState
	quote       *quoteOpen
	block       int // indentation a block scalar's lines must exceed, or noBlock
	blockIndent int // the indentation of its first line, 0 before it
	levels      []level
	prev        prevState
	docEnd      int  // 1-based line of a "..." that ended the document, or 0
	directive   bool // after a directive, until "---": no clean boundary
}

// nodeCtx is where a node starts: whether a key may start there (at the
// start of a line, after "- "), whether it is the first construct of its
// line (placed in the indentation levels), and what owns it.
type nodeCtx struct {
	keyable bool
	first   bool
	owner   prevState
}

// scanSource scans data, which the YAML library failed to parse having
// read its first read bytes (0 when not known). As every prefix holding
// them fails too, the scan stops at the first clean boundary after them:
// the mistake is before it.
func scanSource(data []byte, read int) *scanner {
	s := &scanner{data: data, lines: splitLines(data), block: noBlock}
	s.prev = prevState{kind: prevOpen, indent: -1}
	s.stop = len(s.lines)
	for s.ln = 0; s.ln < len(s.lines); s.ln++ {
		s.readLine()
		if s.directive {
			continue
		}
		if s.quote == nil && len(s.flow) == 0 {
			s.clean = append(s.clean, s.ln+1)
			if read > 0 && s.lines[s.ln].next >= read {
				s.stop = s.ln + 1
				return s
			}
		}
	}
	switch {
	case s.quote != nil:
		s.add(s.quote.off, fmt.Sprintf("this %c is never closed: add the closing %c where the value ends%s", s.quote.ch, s.quote.ch, quoteHint(s.quote.ch)))
	case len(s.flow) > 0:
		f := s.flow[0]
		s.add(f.off, fmt.Sprintf("this %c is never closed: add %c where the %s ends", f.ch, closer(f.ch), flowWhat(f.ch)))
	}
	return s
}

func (s *scanner) add(off int, msg string) {
	s.cands = append(s.cands, candidate{off: off, msg: msg})
}

// addTrip adds a candidate for a mistake at off that YAML trips over only
// on the current line.
func (s *scanner) addTrip(off int, msg string) {
	s.cands = append(s.cands, candidate{off: off, trip: s.line(), msg: msg})
}

func (s *scanner) line() int { return s.ln + 1 }

func (s *scanner) lineStart() int { return s.lines[s.ln].start }

// readLine reads the current line in the state the previous lines left.
func (s *scanner) readLine() {
	l := s.lines[s.ln]
	if s.ln > 0 {
		if p := s.lines[s.ln-1]; p.next-p.end > 1 && s.data[p.end] != '\r' {
			// U+0085, U+2028 or U+2029: a line break to YAML, seldom meant.
			r, _ := utf8.DecodeRune(s.data[p.end:p.next])
			s.addTrip(p.end, fmt.Sprintf("YAML reads the invisible character U+%04X here as a line break: delete it, or replace it with a space", r))
		}
	}
	switch {
	case s.quote != nil:
		q := s.quote
		r := s.scanQuote(q.ch, l.start, l.end)
		if r < 0 {
			return
		}
		s.quote = nil
		if len(s.flow) > 0 {
			if r = s.scanFlow(r, l.end); r >= 0 {
				s.afterFlow(r, l.end)
			}
			return
		}
		s.prev = prevState{kind: prevDone, indent: q.owner.indent, key: q.owner.key, line: q.owner.line}
		if a := skipBlanks(s.data, r, l.end); !s.endOfNode(a, l.end) {
			s.add(q.off, fmt.Sprintf("this %c is not closed on its line, and the %c that closes it on line %d has more text after it: close the quote on this line", q.ch, q.ch, s.line()))
		}
	case len(s.flow) > 0:
		i := skipBlanks(s.data, l.start, l.end)
		if f := &s.flow[0]; f.keyAt == 0 && i-l.start <= f.base && looksLikeKey(s.data[i:l.end]) {
			f.keyAt = s.line()
		}
		if r := s.scanFlow(i, l.end); r >= 0 {
			s.afterFlow(r, l.end)
		}
	default:
		s.blockLine(l)
	}
}

// blockLine reads a line in block context.
func (s *scanner) blockLine(l srcLine) {
	text := s.data[l.start:l.end]
	i, tab := 0, -1
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		if text[i] == '\t' && tab < 0 {
			tab = i
		}
		i++
	}
	if s.block != noBlock {
		spaces := 0
		for spaces < len(text) && text[spaces] == ' ' {
			spaces++
		}
		switch {
		case i == len(text) && tab < 0:
			return // an empty line of the block scalar
		case s.blockIndent == 0 && spaces > s.block:
			s.blockIndent = spaces // its first line sets its indentation
			return
		case s.blockIndent > 0 && spaces >= s.blockIndent:
			return
		}
		s.block = noBlock
	}
	if tab >= 0 {
		s.add(l.start+tab, "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces")
	}
	if i == len(text) {
		return
	}
	if text[i] == '#' {
		if s.prev.kind == prevPlain {
			s.prev.kind = prevDone // a comment ends a plain value
		}
		return
	}
	if i == 0 {
		switch {
		case isMarker(text, '-'):
			s.levels, s.docEnd, s.directive = s.levels[:0], 0, false
			s.prev = prevState{kind: prevOpen, indent: -1}
			if j := skipBlanks(s.data, l.start+3, l.end); j < l.end && s.data[j] != '#' {
				s.blockNode(j, l.end, nodeCtx{owner: s.prev})
			}
			return
		case isMarker(text, '.'):
			s.docEnd = s.line()
			return
		case text[0] == '%':
			s.directive = true // the document is still to come
			return
		}
	}
	if s.docEnd > 0 {
		s.add(l.start+i, fmt.Sprintf("the document was ended by \"...\" on line %d: delete that line, or this text after it", s.docEnd))
		return
	}
	off := l.start + i
	// More-indented text after a plain value is more of that value, read
	// as plain text up to a ": ", whatever it starts with. YAML allows
	// tabs in its indentation past the value's own indentation.
	spaces := 0
	for spaces < i && text[spaces] == ' ' {
		spaces++
	}
	if s.prev.kind == prevPlain && spaces > s.prev.indent && spaces > s.deepest() {
		_, colon := s.plainEnd(off, l.end, false)
		switch {
		case colon && s.prev.indent < 0:
			// The document so far is one plain value: its first line
			// was meant as a key.
			first := s.lines[s.lineOf(s.prev.off)-1]
			s.addTrip(s.prev.off, noKeyMessage(string(s.data[s.prev.off:first.end])))
		case colon:
			s.add(off, fmt.Sprintf("this line is indented more than %s on line %d, which already has a value: line it up with %s if it is a key of its own, or quote the value if this is more of its text", s.prevName(), s.prev.line, s.prevName()))
		}
		return
	}
	s.blockNode(off, l.end, nodeCtx{keyable: true, first: tab < 0, owner: prevState{indent: -1}})
}

// deepest is the indentation of the innermost open level, -1 when none.
func (s *scanner) deepest() int {
	if len(s.levels) == 0 {
		return -1
	}
	return s.levels[len(s.levels)-1].indent
}

func (s *scanner) prevName() string {
	if s.prev.key == "" {
		return "the list item"
	}
	return Quote(s.prev.key)
}

func spacesText(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

func (l level) describe() string {
	if l.seq {
		return fmt.Sprintf("the \"-\" on line %d", l.line)
	}
	return fmt.Sprintf("%s on line %d", Quote(l.name), l.line)
}

// noKeyMessage is the message for text where a key belongs.
func noKeyMessage(text string) string {
	if k, v, ok := strings.Cut(text, ":"); ok && looksLikeName(k) && v != "" && v[0] != ' ' {
		return fmt.Sprintf("a space is missing after the \":\" of %s: YAML reads a key only before \": \"", Quote(k))
	}
	return "this line is neither \"key: value\" nor a list item: add its key, or, if it is more of the value above, indent it"
}

// colonMessage is the message for a plain value holding ": ".
func colonMessage(key, value string) string {
	value = strings.TrimRight(value, " \t")
	what, fix := "this value", "quote the value"
	if key != "" {
		what = "the value of " + Quote(key)
		if value != "" && utf8.RuneCountInString(key)+utf8.RuneCountInString(value) <= QuoteLimit && !strings.ContainsAny(value, "\"\\") {
			fix = fmt.Sprintf("quote the value, as in %s: \"%s\"", key, value)
		}
	}
	return fmt.Sprintf("%s contains \": \", which YAML reads as the start of another key: %s", what, fix)
}

// textAfterQuote is the message for text after a closing quote on its line.
func textAfterQuote(q byte) string {
	inside := `write '' for a ' inside the quotes`
	if q == '"' {
		inside = `write \" for a " inside the quotes`
	}
	return fmt.Sprintf("text follows the closing %c of this value: %s, or put the whole value inside them", q, inside)
}

// indentOf is the number of spaces line ln starts with.
func (s *scanner) indentOf(ln int) int {
	l := s.lines[ln]
	i := l.start
	for i < l.end && s.data[i] == ' ' {
		i++
	}
	return i - l.start
}
