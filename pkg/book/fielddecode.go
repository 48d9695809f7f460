package book

import (
	"reflect"

	"go.yaml.in/yaml/v3"
)

// isFieldType reports whether t is a Field[T]: the decoder and the schema
// tell a scalar from a nested struct by it.
func isFieldType(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.NumField() == 4 && t.Field(2).Name == "Set" && t.Field(3).Name == "Invalid"
}

// decodeField fills the Field v from n and marks it Invalid when n held a
// value that did not decode: every such value has been reported (CB003),
// and a rule must tell it from an absent one.
func (d *decoder) decodeField(n *yaml.Node, v reflect.Value, f fieldSpec, key string) {
	d.decodeScalar(n, v, f, key)
	if !isNull(n) && !v.Field(2).Bool() {
		v.Field(3).SetBool(true)
	}
}
