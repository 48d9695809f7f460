package edit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AppendToList returns src with item appended to the list under the
// top-level key, as one flow-style line ("- {date: …, kind: …}").
//
// It edits the text, not a re-encoded tree: every byte of src is kept, and
// the new line goes right after the list's last item, found from the
// parsed nodes' positions, with the indentation of the list's dashes. The
// YAML encoder would drop blank lines, re-indent and move comments, and a
// user's file is theirs. When the key is absent, "key:" and the item are
// added at the end of the document; when it is present but empty (null or
// []), the item is put under it. Lines end as the file's lines do (CRLF
// stays CRLF).
//
// The result is parsed again and compared with src: it must be one YAML
// document, the list must have grown by exactly the new item and nothing
// else may have changed. Otherwise AppendToList returns an error and no
// text, so a file it cannot edit safely is never written.
func AppendToList(src []byte, key string, item *yaml.Node) ([]byte, error) {
	line, err := Flow(item)
	if err != nil {
		return nil, err
	}
	s, err := readSource(src)
	if err != nil {
		return nil, err
	}
	bom, body, before, root := s.bom, s.body, s.before, s.root
	t := &text{body: body, nl: lineEnd(body)}
	t.index()

	var out []byte
	k, v, next := lookup(root, key)
	switch {
	case k == nil:
		out = t.appendKey(root, key, line)
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		out, err = t.appendFlow(k, v, line)
	case v.Kind == yaml.SequenceNode:
		out = t.appendBlock(v, next, line)
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		out, err = t.fillNull(k, v, line)
	default:
		return nil, fmt.Errorf("%s is not a list (line %d): it must hold a list of entries", key, v.Line)
	}
	if err != nil {
		return nil, err
	}
	if err := verify(before, out, key, item); err != nil {
		return nil, fmt.Errorf("cannot add to %s without changing the rest of the file (%w): add the entry by hand", key, err)
	}
	return append(bom, out...), nil
}

// plainLineBreaks refuses line breaks other than LF and CRLF. The YAML
// parser counts a lone CR, NEL, LS or PS as a line break, so node lines
// would not match the lines this package splits on.
func plainLineBreaks(b []byte) error {
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return errors.New("the file ends lines with a lone carriage return: convert it to LF or CRLF line ends first")
		}
	}
	for _, r := range []rune{'\u0085', '\u2028', '\u2029'} {
		if bytes.ContainsRune(b, r) {
			return fmt.Errorf("the file contains the line separator U+%04X, which YAML reads as a line break: replace it first", r)
		}
	}
	return nil
}

// lineEnd is the file's line end: CRLF when its first line ends so.
func lineEnd(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i > 0 && b[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// lookup finds key among the root mapping's keys, with the key after it
// (nil when it is the last).
func lookup(root *yaml.Node, key string) (k, v, next *yaml.Node) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			if i+2 < len(root.Content) {
				next = root.Content[i+2]
			}
			return root.Content[i], root.Content[i+1], next
		}
	}
	return nil, nil, nil
}

// appendBlock adds the item after the last item of a block list. The last
// item runs up to the next top-level key; blank lines and comments at or
// left of the dashes just before that key are not part of it (they
// introduce what follows, like "# kind: call | meeting" under a list), but
// comments indented under the item are.
func (t *text) appendBlock(seq, next *yaml.Node, line string) []byte {
	dash := seq.Column - 1
	last := seq.Content[len(seq.Content)-1]
	end := t.lines()
	if next != nil {
		end = next.Line - 1
	}
	for end > last.Line {
		l := t.line(end)
		trimmed := bytes.TrimLeft(l, " \t")
		indent := len(l) - len(trimmed)
		if len(bytes.TrimSpace(l)) == 0 || (trimmed[0] == '#' && indent <= dash) {
			end--
			continue
		}
		break
	}
	return t.insertAfter(end, strings.Repeat(" ", dash)+"- "+line)
}

// appendKey adds "key:" and the item at the end of the document, indented
// like the file's other top-level lists.
func (t *text) appendKey(root *yaml.Node, key, line string) []byte {
	col, step := 1, 2
	if len(root.Content) > 0 {
		col = root.Content[0].Column
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if v := root.Content[i+1]; v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && v.Line > root.Content[i].Line {
			step = v.Column - root.Content[i].Column
			break
		}
	}
	pad := strings.Repeat(" ", col-1)
	return t.insertAfter(t.lines(), pad+key+":", pad+strings.Repeat(" ", step)+"- "+line)
}

// fillNull puts the item under a key whose value is empty ("key:") or an
// explicit null ("key: ~"), which is removed.
func (t *text) fillNull(k, v *yaml.Node, line string) ([]byte, error) {
	indent := strings.Repeat(" ", k.Column-1+2)
	if v.Value == "" {
		return t.insertAfter(k.Line, indent+"- "+line), nil
	}
	if v.Line != k.Line {
		return nil, fmt.Errorf("cannot add to %s: write its empty value on the key's line (line %d)", k.Value, k.Line)
	}
	from := t.offset(v.Line, v.Column)
	if !bytes.HasPrefix(t.body[from:], []byte(v.Value)) {
		return nil, fmt.Errorf("cannot find the value of %s at line %d", k.Value, v.Line)
	}
	return t.replaceOnKeyLine(k, from, from+len(v.Value), indent+"- "+line), nil
}

// replaceOnKeyLine removes body[from:to] from the key's line (and the
// spaces before it when nothing but spaces follow), then adds the item's
// line after the key's line.
func (t *text) replaceOnKeyLine(k *yaml.Node, from, to int, item string) []byte {
	lineEnd := t.starts[k.Line-1] + len(t.line(k.Line))
	if len(bytes.TrimSpace(t.body[to:lineEnd])) == 0 {
		to = lineEnd
		for from > 0 && (t.body[from-1] == ' ' || t.body[from-1] == '\t') {
			from--
		}
	}
	edited := &text{body: splice(t.body, from, to, ""), nl: t.nl}
	edited.index()
	return edited.insertAfter(k.Line, item)
}

// appendFlow adds the item to a flow list ("[a, b]"): before its closing
// bracket, after a comma. An empty "[]" on the key's line becomes a block
// list, so that later entries each get a line of their own.
func (t *text) appendFlow(k, seq *yaml.Node, line string) ([]byte, error) {
	open := t.offset(seq.Line, seq.Column)
	if open >= len(t.body) || t.body[open] != '[' {
		return nil, fmt.Errorf("cannot find the list %s at line %d", k.Value, seq.Line)
	}
	end, last, err := flowEnd(t.body, open)
	if err != nil {
		return nil, fmt.Errorf("cannot find the end of the list %s (line %d): %w", k.Value, seq.Line, err)
	}
	if len(seq.Content) == 0 && seq.Line == k.Line && !bytes.Contains(t.body[open:end], []byte("\n")) {
		return t.replaceOnKeyLine(k, open, end+1, strings.Repeat(" ", k.Column-1+2)+"- "+line), nil
	}
	var ins string
	switch t.body[last] {
	case '[':
		ins = line
	case ',':
		ins = " " + line + ","
	default:
		ins = ", " + line
	}
	return splice(t.body, last+1, last+1, ins), nil
}

// flowEnd finds the bracket closing the flow collection opened at b[open],
// and the last character before it that is not a space or a comment. It
// skips quoted strings and comments, where brackets do not count.
func flowEnd(b []byte, open int) (end, last int, err error) {
	depth := 0
	last = open
	for i := open; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i, last, nil
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case c == '#' && (b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\n'):
			for i < len(b) && b[i] != '\n' {
				i++
			}
			continue
		case (c == '"' || c == '\'') && strings.IndexByte("[{,:?", b[last]) >= 0:
			// A quote opens a string only where a value starts; in
			// O'Neil it is part of a plain word.
			j, ok := quoteEnd(b, i)
			if !ok {
				return 0, 0, errors.New("a quoted string is not closed")
			}
			i = j
		}
		last = i
	}
	return 0, 0, errors.New("the bracket is not closed")
}

// quoteEnd returns the index of the quote that closes the string opened at
// b[i]: in single quotes a doubled quote is an escaped one, in double
// quotes a backslash escapes the next character.
func quoteEnd(b []byte, i int) (int, bool) {
	q := b[i]
	for j := i + 1; j < len(b); j++ {
		switch {
		case q == '"' && b[j] == '\\':
			j++
		case b[j] == q && q == '\'' && j+1 < len(b) && b[j+1] == '\'':
			j++
		case b[j] == q:
			return j, true
		}
	}
	return 0, false
}

// decodeMap reads a file that must be one YAML document holding a mapping.
func decodeMap(b []byte) (map[string]any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty")
		}
		return nil, err
	}
	if m == nil {
		return nil, errors.New("the file does not hold a mapping of keys")
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("the file holds more than one YAML document")
	}
	return m, nil
}

// verify checks that after is before with item appended to before[key],
// and nothing else changed.
func verify(before map[string]any, after []byte, key string, item *yaml.Node) error {
	got, err := decodeMap(after)
	if err != nil {
		return fmt.Errorf("the result does not parse: %w", err)
	}
	var want any
	if err := item.Decode(&want); err != nil {
		return err
	}
	if len(got) != len(before)+boolInt(!hasKey(before, key)) {
		return errors.New("the result has other keys than the original")
	}
	for k, v := range before {
		if k != key && !reflect.DeepEqual(got[k], v) {
			return fmt.Errorf("%s would change", k)
		}
	}
	var old []any
	if v := before[key]; v != nil {
		l, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s is not a list", key)
		}
		old = l
	}
	now, ok := got[key].([]any)
	if !ok || len(now) != len(old)+1 {
		return fmt.Errorf("%s would not grow by one entry", key)
	}
	if len(old) > 0 && !reflect.DeepEqual(now[:len(old)], old) {
		return fmt.Errorf("the entries already in %s would change", key)
	}
	if !reflect.DeepEqual(now[len(old)], want) {
		return errors.New("the new entry would not read back as written")
	}
	return nil
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
