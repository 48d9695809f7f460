package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The scanner's reading of one block node: a key, a list item or a plain
// value, and where it sits among the open levels (see diagnose_scan.go).

// Kinds of the first construct of a line, for placing it among the levels.
const (
	kindOther = iota
	kindKey
	kindEntry
)

// blockNode reads the node starting at off in block context.
func (s *scanner) blockNode(off, end int, c nodeCtx) {
	col := off - s.lineStart()
	if c.keyable && isIndicatorAt(s.data, off, end, '-') {
		if c.first {
			s.place(off, col, kindEntry, "")
		} else {
			s.levels = append(s.levels, level{indent: col, seq: true, line: s.line()})
		}
		p := off + 1
		for p < end && (s.data[p] == ' ' || s.data[p] == '\t') {
			if s.data[p] == '\t' {
				s.add(p, "a tab follows the \"-\" of this list item, where YAML wants a space: replace the tab with a space")
				break
			}
			p++
		}
		p = skipBlanks(s.data, p, end)
		owner := prevState{kind: prevOpen, indent: col, line: s.line()}
		if p == end || s.data[p] == '#' {
			s.prev = owner
			return
		}
		s.blockNode(p, end, nodeCtx{keyable: true, owner: owner})
		return
	}
	if c.keyable && (isIndicatorAt(s.data, off, end, '?') || isIndicatorAt(s.data, off, end, ':')) {
		// Explicit keys and values: rare, not placed among the levels.
		owner := prevState{kind: prevOpen, indent: col, line: s.line()}
		s.prev = owner
		if p := skipBlanks(s.data, off+1, end); p < end && s.data[p] != '#' {
			s.blockNode(p, end, nodeCtx{owner: owner})
		}
		return
	}
	// Properties: anchors and tags.
	p := off
	for p < end && (s.data[p] == '&' || s.data[p] == '!') {
		q := tokenEnd(s.data, p, end, false)
		if s.data[p] == '!' {
			if tag := string(s.data[p:q]); !standardTags[tag] {
				s.add(p, fmt.Sprintf("custom tag %s is not part of the clientbook format: remove it", tag))
			}
		}
		p = skipBlanks(s.data, q, end)
	}
	if p == end || p > off && s.data[p] == '#' {
		if c.first {
			s.place(off, col, kindOther, "")
		}
		s.prev = prevState{kind: prevOpen, indent: c.owner.indent, key: c.owner.key, line: c.owner.line}
		return
	}
	ch := s.data[p]
	done := prevState{kind: prevDone, indent: c.owner.indent, key: c.owner.key, line: c.owner.line}
	switch {
	case ch == '*':
		s.add(p, "aliases (*name) are not part of the clientbook format: write the value out in full")
		s.prev = done
		return
	case ch == '"' || ch == '\'':
		r := s.scanQuote(ch, p+1, end)
		if r < 0 {
			if c.first {
				s.place(off, col, kindOther, "")
			}
			s.quote = &quoteOpen{ch: ch, off: p, owner: c.owner}
			return
		}
		a := skipBlanks(s.data, r, end)
		if c.keyable && isIndicatorAt(s.data, a, end, ':') {
			s.key(off, col, string(s.data[p+1:r-1]), a+1, end, c)
			return
		}
		if c.first {
			s.place(off, col, kindOther, "")
		}
		s.prev = done
		if !s.endOfNode(a, end) {
			s.add(a, textAfterQuote(ch))
		}
		return
	case ch == '[' || ch == '{':
		if c.first {
			s.place(off, col, kindOther, "")
		}
		s.flow = append(s.flow, flowOpen{ch: ch, off: p, base: s.indentOf(s.ln), valOff: -1})
		s.flowOwner = c.owner
		if r := s.scanFlow(p+1, end); r >= 0 {
			s.afterFlow(r, end)
		}
		return
	case ch == '|' || ch == '>':
		if c.first {
			s.place(off, col, kindOther, "")
		}
		s.block, s.blockIndent = c.owner.indent, 0
		s.prev = done
		return
	case !c.keyable && isIndicatorAt(s.data, p, end, '-'):
		s.add(p, "a list cannot start on the line of its key: put each \"- \" item on a line of its own below the key, or write the list as [a, b]")
		s.prev = done
		return
	case ch == ']' || ch == '}':
		if c.first {
			s.place(off, col, kindOther, "")
		}
		s.add(p, fmt.Sprintf("this %c closes nothing: delete it, or quote the value if it is part of the text", ch))
		s.prev = done
		return
	case ch == '@' || ch == '`' || ch == ',' || ch == '%':
		if c.first {
			s.place(off, col, kindOther, "")
		}
		s.add(p, fmt.Sprintf("a value cannot start with %c in YAML: quote the value", ch))
		s.prev = done
		return
	}
	r, colon := s.plainEnd(p, end, false)
	if colon && c.keyable {
		s.key(off, col, strings.TrimRight(string(s.data[p:r]), " \t"), r+1, end, c)
		return
	}
	if c.first && s.place(off, col, kindOther, string(s.data[p:r])) {
		return
	}
	if colon {
		s.add(p, colonMessage(c.owner.key, string(s.data[p:commentStart(s.data, p, end)])))
		s.prev = done
		return
	}
	s.prev = prevState{kind: prevPlain, indent: c.owner.indent, key: c.owner.key, line: c.owner.line, off: p}
}

// key reads a key at off (column col) whose ':' is just before from, and
// the value after it.
func (s *scanner) key(off, col int, name string, from, end int, c nodeCtx) {
	if utf8.RuneCountInString(name) > 1024 {
		s.add(off, "this key is longer than 1024 characters, the most YAML reads in a key: shorten it")
	}
	switch {
	case c.first:
		s.place(off, col, kindKey, name)
	case c.keyable:
		s.levels = append(s.levels, level{indent: col, line: s.line(), name: name})
	}
	owner := prevState{kind: prevOpen, indent: col, key: name, line: s.line()}
	v := skipBlanks(s.data, from, end)
	if v == end || s.data[v] == '#' {
		s.prev = owner
		return
	}
	s.blockNode(v, end, nodeCtx{owner: owner})
}

// addWeak adds a candidate inferred from indentation alone: in the span
// of the mistake, any other candidate is preferred.
func (s *scanner) addWeak(off int, msg string) {
	s.cands = append(s.cands, candidate{off: off, weak: true, msg: msg})
}

// place puts the first construct of a line, at column col, among the open
// levels, and records a candidate when its indentation fits none of them.
// It reports whether the line is more of the plain value above.
func (s *scanner) place(off, col, kind int, name string) bool {
	var popped *level
	for len(s.levels) > 0 && s.levels[len(s.levels)-1].indent > col {
		p := s.levels[len(s.levels)-1]
		popped = &p
		s.levels = s.levels[:len(s.levels)-1]
	}
	push := func() {
		if kind != kindOther {
			s.levels = append(s.levels, level{indent: col, seq: kind == kindEntry, line: s.line(), name: name})
		}
	}
	if len(s.levels) == 0 {
		push()
		return false
	}
	top := s.levels[len(s.levels)-1]
	if top.indent < col {
		switch {
		case popped != nil:
			s.addWeak(off, fmt.Sprintf("this line is indented by %s, which lines up with nothing above it: indent it by %d, like %s, or by %d, like %s", spacesText(col), popped.indent, popped.describe(), top.indent, top.describe()))
		case s.prev.kind == prevOpen:
		case s.prev.kind == prevPlain && kind == kindOther:
			return true
		case s.prev.kind == prevPlain || s.prev.kind == prevDone:
			s.addWeak(off, fmt.Sprintf("this line is indented more than %s on line %d, which already has a value: line it up with %s", s.prevName(), s.prev.line, s.prevName()))
		}
		push()
		return false
	}
	switch {
	case kind == kindEntry && !top.seq:
		if s.prev.kind == prevOpen && s.prev.indent == col && s.prev.key != "" {
			push() // a list lined up with its key
			return false
		}
		if s.prev.kind != prevOpen && s.prev.key != "" {
			s.addWeak(off, fmt.Sprintf("this list item follows %s on line %d, which already has a value: put the list under a key of its own, ending in \":\"", Quote(s.prev.key), s.prev.line))
		} else {
			s.addWeak(off, "this list item belongs to no key: put it under a key ending in \":\", indented")
		}
	case kind == kindEntry:
	case top.seq:
		s.levels = s.levels[:len(s.levels)-1]
		if n := len(s.levels); n > 0 && s.levels[n-1].indent == col && !s.levels[n-1].seq {
			if kind == kindOther {
				s.addWeak(off, noKeyMessage(name))
			}
			return false
		}
		what := "this line"
		if kind == kindKey {
			what = Quote(name)
		}
		if popped != nil && !popped.seq {
			s.addWeak(off, fmt.Sprintf("%s is lined up with the \"-\" of the list item on line %d: indent it by %d, like %s", what, top.line, popped.indent, popped.describe()))
		} else {
			s.addWeak(off, fmt.Sprintf("%s is lined up with the \"-\" of the list item on line %d, not with a key: indent it under the item, or line it up with the key the list belongs to", what, top.line))
		}
		push()
	case kind == kindOther:
		s.addWeak(off, noKeyMessage(name))
	}
	return false
}
