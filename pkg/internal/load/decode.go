package load

import (
	"math/big"
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

// A decoder turns one file's yaml.Node tree into a model value, strictly:
// unknown keys, wrong types, values out of range and missing required keys
// become findings at the node's position, and decoding goes on so that one
// run reports every problem of the file.
type decoder struct {
	path     string
	findings []finding.Finding
	limit    finding.Limiter
}

func (d *decoder) report(rule *finding.Rule, n *yaml.Node, format string, args ...any) {
	d.reportAt(rule, nodePos(n), format, args...)
}

func (d *decoder) reportAt(rule *finding.Rule, p book.Pos, format string, args ...any) {
	if d.limit.Admit(rule, d.path, p.Line, p.Column) {
		d.findings = append(d.findings, rule.At(d.path, p.Line, p.Column, format, args...))
	}
}

// result is what decoding the file gave: its value and its findings, with
// one more for each rule that had more than maxPerRule.
func (d *decoder) result(value any) result {
	return result{value: value, findings: append(d.findings, d.limit.Summaries()...)}
}

func nodePos(n *yaml.Node) book.Pos {
	if n == nil {
		return book.Pos{}
	}
	return book.Pos{Line: n.Line, Column: n.Column}
}

// fieldSpec is a struct field's yaml key and cb validation, parsed once per type.
type fieldSpec struct {
	index    int
	key      string
	required bool
	enum     []string
	min, max *big.Rat
	// minInt and maxInt are min and max as int64 when they are whole.
	minInt, maxInt *int64
	keys           []string
}

type structSpec struct {
	fields  []fieldSpec
	byKey   map[string]int // key → index into fields
	posIdx  int            // index of the Pos field, or -1
	keysIdx int            // index of the Keys field, or -1
	header  int            // index of an embedded Header, or -1
}

var specCache sync.Map // reflect.Type → *structSpec

var (
	posType       = reflect.TypeFor[book.Pos]()
	keysType      = reflect.TypeFor[map[string]book.Pos]()
	headerType    = reflect.TypeFor[book.Header]()
	stringMapType = reflect.TypeFor[book.StringMap]()
)

func specOf(t reflect.Type) *structSpec {
	if s, ok := specCache.Load(t); ok {
		return s.(*structSpec)
	}
	s := &structSpec{byKey: map[string]int{}, posIdx: -1, keysIdx: -1, header: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Name == "Pos" && f.Type == posType:
			s.posIdx = i
			continue
		case f.Name == "Keys" && f.Type == keysType:
			s.keysIdx = i
			continue
		case f.Anonymous && f.Type == headerType:
			s.header = i
			continue
		}
		key := f.Tag.Get("yaml")
		if key == "" || key == "-" {
			continue
		}
		fs := fieldSpec{index: i, key: key}
		for _, opt := range strings.Split(f.Tag.Get("cb"), ",") {
			name, val, _ := strings.Cut(opt, "=")
			switch name {
			case "required":
				fs.required = true
			case "enum":
				fs.enum = strings.Split(val, "|")
			case "keys":
				fs.keys = strings.Split(val, "|")
			case "min":
				fs.min, _ = new(big.Rat).SetString(val)
			case "max":
				fs.max, _ = new(big.Rat).SetString(val)
			}
		}
		fs.minInt, fs.maxInt = wholeOf(fs.min), wholeOf(fs.max)
		s.byKey[key] = len(s.fields)
		s.fields = append(s.fields, fs)
	}
	specCache.Store(t, s)
	return s
}

func wholeOf(r *big.Rat) *int64 {
	if r == nil || !r.IsInt() || !r.Num().IsInt64() {
		return nil
	}
	i := r.Num().Int64()
	return &i
}

// keyNames lists a struct's keys for "expected one of" messages.
func (s *structSpec) keyNames(withHeader bool) []string {
	var names []string
	if withHeader {
		names = append(names, "apiVersion", "kind")
	}
	for _, f := range s.fields {
		names = append(names, f.key)
	}
	return names
}

// decodeStruct fills the struct v from a mapping node.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, what string) {
	s := specOf(v.Type())
	if s.posIdx >= 0 {
		v.Field(s.posIdx).Set(reflect.ValueOf(nodePos(n)))
	}
	if n.Kind != yaml.MappingNode {
		d.report(CB003, n, "%s must be a mapping of keys to values, not %s", what, describe(n))
		return
	}
	keys := make(map[string]book.Pos, len(n.Content)/2)
	seen := make(map[string]bool, len(n.Content)/2)
	// null holds the keys written with no value: a required one is empty
	// (CB004). A required key with a value that did not decode has had
	// its CB003 already and is not reported twice.
	null := make(map[string]bool)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.report(CB003, k, "keys in %s must be plain names", what)
			continue
		}
		name := k.Value
		if seen[name] {
			d.report(CB001, k, "duplicate key %s in %s: keep one", quote(name), what)
			continue
		}
		seen[name] = true
		null[name] = isNull(val)
		keys[name] = nodePos(k)
		if s.header >= 0 && (name == "apiVersion" || name == "kind") {
			hv := v.Field(s.header)
			hs := specOf(headerType)
			f := hs.fields[hs.byKey[name]]
			d.decodeValue(val, hv.Field(f.index), f, name)
			continue
		}
		idx, ok := s.byKey[name]
		if !ok {
			if s.digitsAfterNumber(n.Content, i) {
				// {revenue: 265, 000}: digits after a number and a comma.
				d.report(CB002, k, "unknown field %s in %s: these digits follow \"%s: %s\" after a comma, which ends the value; for the number, write %s: %s%s", quote(name), what, n.Content[i-2].Value, n.Content[i-1].Value, n.Content[i-2].Value, n.Content[i-1].Value, name)
				continue
			}
			hint := ""
			if d.limit.Listing(CB002, d.path) { // past the limit, no one reads the hint
				hint = didYouMean(name, s.keyNames(s.header >= 0))
			}
			d.report(CB002, k, "unknown field %s in %s%s", quote(name), what, hint)
			continue
		}
		f := s.fields[idx]
		if written, groups := separatedInFlow(n.Content, i); groups > 0 {
			// 265,000 in a flow mapping: 265 and a key "000".
			d.report(CB003, val, "%q is written %s, and YAML reads the comma as the end of the value: %s", name, written, numberAdvice(written))
			i += 2 * groups
			continue
		}
		d.decodeValue(val, v.Field(f.index), f, name)
	}
	if s.keysIdx >= 0 {
		v.Field(s.keysIdx).Set(reflect.ValueOf(keys))
	}
	for _, f := range s.fields {
		if f.required && !isSet(v.Field(f.index)) {
			switch {
			case !seen[f.key]:
				d.report(CB004, n, "required field %q missing in %s: add it", f.key, what)
			case null[f.key]:
				d.reportAt(CB004, keys[f.key], "required field %q in %s is empty: give it a value", f.key, what)
			}
		}
	}
	if s.header >= 0 && !v.Field(s.header).Field(1).Field(2).Bool() && (!seen["kind"] || null["kind"]) {
		d.report(CB004, n, "required field \"kind\" missing: add kind: %s", what)
	}
}

// isSet reports whether a field holds a value: a set Field, a non-nil pointer or a non-empty list.
func isSet(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		return !v.IsNil()
	case reflect.Struct:
		if set := v.FieldByName("Set"); set.IsValid() && set.Kind() == reflect.Bool {
			return set.Bool()
		}
		return true
	}
	return true
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return quote(n.Value)
	}
	return "something else"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// decodeValue decodes n into v, which is a Field, a struct, a pointer to a
// struct, a list or a StringMap.
func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value, f fieldSpec, key string) {
	t := v.Type()
	switch {
	case t == stringMapType:
		d.decodeStringMap(n, v, f, key)
	case t.Kind() == reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(t.Elem())
		d.decodeStruct(n, p.Elem(), key)
		v.Set(p)
	case t.Kind() == reflect.Slice:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.report(CB003, n, "%q must be a list, not %s", key, describe(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decodeValue(item, s.Index(i), f, key)
		}
		v.Set(s)
	case isFieldType(t):
		d.decodeField(n, v, f, key)
	case t.Kind() == reflect.Struct:
		if isNull(n) {
			return
		}
		d.decodeStruct(n, v, key)
	}
}
