package load

import (
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
)

// SchemaKinds maps the names `clientbook schema` takes to the kinds.
var SchemaKinds = []struct {
	Name string
	Kind string
	New  func() any
}{
	{"firm", "Firm", func() any { return &book.Firm{} }},
	{"client", "Client", func() any { return &book.Client{} }},
	{"accountplan", "AccountPlan", func() any { return &book.Plan{} }},
	{"engagement", "Engagement", func() any { return &book.Engagement{} }},
	{"review", "Review", func() any { return &book.Review{} }},
	{"opportunity", "Opportunity", func() any { return &book.Opportunity{} }},
}

// SchemaDir is where a book keeps its schemas, relative to its root:
// `init` writes them there and `schema --write` refreshes them, and every
// template's yaml-language-server comment points there by a relative path,
// so an editor validates with the schemas of the clientbook that wrote
// them, offline, and no file names a URL the project does not serve.
const SchemaDir = ".clientbook/schema"

// SchemaFile is the path of a kind's schema relative to the book root.
func SchemaFile(name string) string { return SchemaDir + "/" + name + ".json" }

// SchemaID is the $id of a kind's schema: a URN, an identifier that names
// the schema without pretending it can be fetched.
func SchemaID(name string) string { return "urn:clientbook:schema:v1:" + name }

// Schema returns the JSON Schema (draft 2020-12) of a file kind, generated
// from the same struct tags the decoder reads, so the two cannot drift.
func Schema(name string) (map[string]any, error) {
	for _, k := range SchemaKinds {
		if k.Name == name || strings.EqualFold(k.Kind, name) {
			s := objectSchema(reflect.TypeOf(k.New()).Elem(), k.Kind)
			s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
			s["$id"] = SchemaID(k.Name)
			s["title"] = "clientbook " + k.Kind
			return s, nil
		}
	}
	var names []string
	for _, k := range SchemaKinds {
		names = append(names, k.Name)
	}
	return nil, fmt.Errorf("unknown kind %q: use one of %s", name, strings.Join(names, ", "))
}

func objectSchema(t reflect.Type, kind string) map[string]any {
	s := specOf(t)
	props := map[string]any{}
	var required []string
	if s.header >= 0 {
		props["apiVersion"] = map[string]any{"const": "clientbook/v1", "description": description("", "apiVersion")}
		props["kind"] = map[string]any{"const": kind, "description": description("", "kind")}
		required = append(required, "kind")
	}
	for _, f := range s.fields {
		p := valueSchema(t.Field(f.index).Type, f, !f.required)
		if d := description(t.Name(), f.key); d != "" {
			p["description"] = d
		}
		props[f.key] = p
		if f.required {
			required = append(required, f.key)
		}
	}
	out := map[string]any{
		"type":                 "object",
		"properties":           props,
		"additionalProperties": false,
	}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

func nullable(s map[string]any, ok bool) map[string]any {
	if !ok {
		return s
	}
	if t, isString := s["type"].(string); isString {
		s["type"] = []string{t, "null"}
		if e, has := s["enum"].([]any); has {
			s["enum"] = append(e, nil)
		}
	}
	return s
}

func ratNumber(r *big.Rat) any {
	if r.IsInt() {
		return r.Num().Int64()
	}
	f, _ := r.Float64()
	return f
}

func valueSchema(t reflect.Type, f fieldSpec, optional bool) map[string]any {
	switch {
	case t == stringMapType:
		s := map[string]any{
			"type":                 "object",
			"additionalProperties": map[string]any{"type": []string{"string", "number", "boolean", "null"}},
		}
		if f.keys != nil {
			s["propertyNames"] = map[string]any{"enum": f.keys}
		}
		return nullable(s, optional)
	case t.Kind() == reflect.Pointer:
		return nullable(objectSchema(t.Elem(), ""), true)
	case t.Kind() == reflect.Slice:
		return nullable(map[string]any{"type": "array", "items": valueSchema(t.Elem(), f, false)}, optional)
	case isFieldType(t):
		return nullable(scalarSchema(t.Field(0).Type, f), optional)
	case t.Kind() == reflect.Struct:
		return nullable(objectSchema(t, ""), optional)
	}
	return map[string]any{}
}

func scalarSchema(t reflect.Type, f fieldSpec) map[string]any {
	s := map[string]any{}
	switch t {
	case reflect.TypeFor[book.ID]():
		s["type"] = "string"
		s["pattern"] = book.IDPattern
	case reflect.TypeFor[book.Date]():
		s["type"] = "string"
		s["pattern"] = `^\d{4}-\d{2}-\d{2}$`
		s["format"] = "date"
	case reflect.TypeFor[book.Duration]():
		s["type"] = "string"
		s["pattern"] = book.DurationPattern
	case reflect.TypeFor[book.Decimal]():
		s["type"] = "number"
	case reflect.TypeFor[bool]():
		s["type"] = "boolean"
	case reflect.TypeFor[int]():
		s["type"] = "integer"
	default:
		s["type"] = "string"
	}
	if f.min != nil {
		s["minimum"] = ratNumber(f.min)
	}
	if f.max != nil {
		s["maximum"] = ratNumber(f.max)
	}
	if len(f.enum) > 0 {
		enum := make([]any, 0, len(f.enum))
		for _, e := range slices.Clone(f.enum) {
			enum = append(enum, e)
		}
		s["enum"] = enum
	}
	return s
}
