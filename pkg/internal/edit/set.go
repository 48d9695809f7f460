package edit

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SetInList returns src with key set to value in the entry of the
// top-level list whose idKey is idValue: the shape of "management_hours of
// the financials row of 2026".
//
// Like AppendToList it edits the text at the parsed nodes' positions and
// keeps every other byte: an existing scalar value is replaced where it
// stands (its comment stays after it); a missing key is added at the end
// of the entry, inside the braces of a flow entry ("{year: 2026, revenue:
// 1}") or as a line of its own under a block one; with no such entry,
// {idKey: idValue, key: value} is appended to the list (and the list
// created when absent). The result is parsed again and compared with src:
// only that one value may have changed. Two entries with the same idKey
// are refused: which one is meant is the user's call.
func SetInList(src []byte, list, idKey, idValue, key string, value *yaml.Node) ([]byte, error) {
	line, err := Flow(value)
	if err != nil {
		return nil, err
	}
	s, err := readSource(src)
	if err != nil {
		return nil, err
	}
	bom, body, before, root := s.bom, s.body, s.before, s.root
	_, seq, next := lookup(root, list)
	var entry *yaml.Node
	var after *yaml.Node // the entry after it in the list, if any
	if seq != nil && seq.Kind == yaml.SequenceNode {
		for i, item := range seq.Content {
			if item.Kind != yaml.MappingNode {
				continue
			}
			if _, v, _ := lookup(item, idKey); v != nil && v.Kind == yaml.ScalarNode && v.Value == idValue {
				if entry != nil {
					return nil, fmt.Errorf("%s has two entries with %s %s (lines %d and %d): merge them into one first", list, idKey, idValue, entry.Line, item.Line)
				}
				entry = item
				after = nil
				if i+1 < len(seq.Content) {
					after = seq.Content[i+1]
				}
			}
		}
	}
	if entry == nil {
		out, err := AppendToList(src, list, Map(Pair{Key: idKey, Value: Plain(idValue)}, Pair{Key: key, Value: value}))
		if err != nil {
			return nil, err
		}
		return out, nil
	}
	t := &text{body: body, nl: lineEnd(body)}
	t.index()
	var out []byte
	k, v, _ := lookup(entry, key)
	switch {
	case k != nil:
		out, err = t.replaceScalar(k, v, line)
	case entry.Style&yaml.FlowStyle != 0:
		out, err = t.addToFlowMap(entry, key+": "+line)
	default:
		end := t.lines()
		switch {
		case after != nil:
			end = after.Line - 1
		case next != nil:
			end = next.Line - 1
		}
		out = t.addToBlockMap(entry, end, key+": "+line)
	}
	if err != nil {
		return nil, err
	}
	if err := verifySet(before, out, list, idKey, key, value); err != nil {
		return nil, fmt.Errorf("cannot set %s in %s without changing the rest of the file (%w): set it by hand", key, list, err)
	}
	return append(bom, out...), nil
}

// replaceScalar replaces the scalar v (the value of k) where it stands.
func (t *text) replaceScalar(k, v *yaml.Node, with string) ([]byte, error) {
	if v.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("%s (line %d) does not hold a single value", k.Value, v.Line)
	}
	if v.Tag == "!!null" && v.Value == "" {
		return nil, fmt.Errorf("%s (line %d) has no value: write 0 after it, or delete the key, and run the import again", k.Value, k.Line)
	}
	from := t.offset(v.Line, v.Column)
	to := from
	switch v.Style {
	case 0:
		if !bytes.HasPrefix(t.body[from:], []byte(v.Value)) {
			return nil, fmt.Errorf("cannot find the value of %s at line %d", k.Value, v.Line)
		}
		to = from + len(v.Value)
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		end, ok := quoteEnd(t.body, from)
		if !ok {
			return nil, fmt.Errorf("cannot find the end of the value of %s at line %d", k.Value, v.Line)
		}
		to = end + 1
	default:
		return nil, fmt.Errorf("%s (line %d) is written in a style clientbook does not edit: write it as a plain number", k.Value, v.Line)
	}
	return splice(t.body, from, to, with), nil
}

// addToFlowMap adds "key: value" before the closing brace of a flow
// mapping, after a comma.
func (t *text) addToFlowMap(m *yaml.Node, pair string) ([]byte, error) {
	open := t.offset(m.Line, m.Column)
	if open >= len(t.body) || t.body[open] != '{' {
		return nil, fmt.Errorf("cannot find the entry at line %d", m.Line)
	}
	_, last, err := flowEnd(t.body, open)
	if err != nil {
		return nil, fmt.Errorf("cannot find the end of the entry at line %d: %w", m.Line, err)
	}
	ins := ", " + pair
	switch t.body[last] {
	case '{':
		ins = pair
	case ',':
		ins = " " + pair
	}
	return splice(t.body, last+1, last+1, ins), nil
}

// addToBlockMap adds a line "key: value" after the block mapping m's last
// line, which is at most line end: blank lines and comments left of the
// mapping's keys before end introduce what follows, and stay after it.
func (t *text) addToBlockMap(m *yaml.Node, end int, pair string) []byte {
	col := m.Column - 1
	last := m.Content[len(m.Content)-1]
	for end > last.Line {
		l := t.line(end)
		trimmed := bytes.TrimLeft(l, " \t")
		indent := len(l) - len(trimmed)
		if len(bytes.TrimSpace(l)) == 0 || (trimmed[0] == '#' && indent < col) {
			end--
			continue
		}
		break
	}
	return t.insertAfter(end, strings.Repeat(" ", col)+pair)
}

// verifySet checks that after is before with key set to value in the
// entry of list whose idKey is the same, and nothing else changed.
func verifySet(before map[string]any, after []byte, list, idKey, key string, value *yaml.Node) error {
	got, err := decodeMap(after)
	if err != nil {
		return fmt.Errorf("the result does not parse: %w", err)
	}
	var want any
	if err := value.Decode(&want); err != nil {
		return err
	}
	if len(got) != len(before) {
		return errors.New("the result has other keys than the original")
	}
	for k, v := range before {
		if k != list && !reflect.DeepEqual(got[k], v) {
			return fmt.Errorf("%s would change", k)
		}
	}
	old, _ := before[list].([]any)
	now, ok := got[list].([]any)
	if !ok || len(now) != len(old) {
		return fmt.Errorf("%s would change its number of entries", list)
	}
	changed := 0
	for i := range old {
		if reflect.DeepEqual(old[i], now[i]) {
			continue
		}
		changed++
		o, ok1 := old[i].(map[string]any)
		n, ok2 := now[i].(map[string]any)
		if !ok1 || !ok2 || !reflect.DeepEqual(n[key], want) {
			return errors.New("the entry would not read back as written")
		}
		for k, v := range o {
			if k != key && !reflect.DeepEqual(n[k], v) {
				return fmt.Errorf("the entry's %s would change", k)
			}
		}
		if len(n) != len(o)+boolInt(!hasKey(o, key)) {
			return errors.New("the entry would gain other keys")
		}
	}
	if changed > 1 {
		return errors.New("more than one entry would change")
	}
	return nil
}
