package render

import (
	"encoding"
	"encoding/json"
	"iter"
	"reflect"
	"strings"
)

// Flat is the csv view of rows of a type that -o json prints (a struct
// with json tags): one column per JSON field, named as JSON names it, so
// that a tool reads the same names in both. A field that is itself an
// object (a struct without its own JSON form) gives a column per field of
// its own, by that field's name (factors.transparency is the column
// transparency); a list gives one cell, its items joined by ";"; every
// value is written as JSON writes it (a number exactly, a string without
// quotes, true or false), null as an empty cell.
func Flat[T any](rows iter.Seq[T]) *Grid {
	fields := flatFields(reflect.TypeFor[T](), nil)
	g := &Grid{Columns: make([]Column, len(fields))}
	for i, f := range fields {
		g.Columns[i] = Column{Name: f.name}
	}
	g.Stream = func(yield func([]Cell) bool) {
		cells := make([]Cell, len(fields))
		for row := range rows {
			v := reflect.ValueOf(&row).Elem()
			for i, f := range fields {
				cells[i] = Cell{Text: flatText(fieldByPath(v, f.path))}
			}
			if !yield(cells) {
				return
			}
		}
	}
	return g
}

// flatField is one column of a Flat grid: its name and where its value
// is in a row.
type flatField struct {
	name string
	path []int
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// flatFields lists the columns of struct type t, whose fields are at path
// in a row.
func flatFields(t reflect.Type, path []int) []flatField {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []flatField
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || !sf.IsExported() && !sf.Anonymous {
			continue
		}
		p := append(append([]int(nil), path...), i)
		if object(sf.Type) && (sf.Anonymous && name == "" || name != "") {
			out = append(out, flatFields(sf.Type, p)...)
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, flatField{name: name, path: p})
	}
	return out
}

// object reports whether values of t are JSON objects written field by
// field: a struct (or pointer to one) without a JSON or text form of its
// own.
func object(t reflect.Type) bool {
	if t.Implements(jsonMarshaler) || t.Implements(textMarshaler) {
		return false
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	pt := reflect.PointerTo(t)
	return !t.Implements(jsonMarshaler) && !pt.Implements(jsonMarshaler) && !t.Implements(textMarshaler) && !pt.Implements(textMarshaler)
}

// fieldByPath follows path from v; an invalid Value where a nil pointer
// is on the way.
func fieldByPath(v reflect.Value, path []int) reflect.Value {
	for _, i := range path {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v
}

// flatText is a value as a csv cell: a list's items joined by ";", a
// string as it is, anything else as JSON writes it, null as "".
func flatText(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	if (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) && v.Type().Elem().Kind() != reflect.Uint8 {
		items := make([]string, v.Len())
		for i := range items {
			items[i] = flatText(v.Index(i))
		}
		return strings.Join(items, ";")
	}
	b, err := json.Marshal(v.Interface())
	if err != nil || string(b) == "null" {
		return ""
	}
	var s string
	if b[0] == '"' && json.Unmarshal(b, &s) == nil {
		return s
	}
	return string(b)
}
