package load

import (
	"errors"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Decoding the leaves of a file: a Field of a scalar, and a map of
// strings, each checked for type, enum and range.

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

func (d *decoder) decodeStringMap(n *yaml.Node, v reflect.Value, f fieldSpec, key string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.report(CB003, n, "%q must be a mapping, not %s", key, describe(n))
		return
	}
	m := make(book.StringMap, 0, len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.report(CB003, k, "keys in %q must be plain names", key)
			continue
		}
		if seen[k.Value] {
			d.report(CB001, k, "duplicate key %s in %s: keep one", quote(k.Value), key)
			continue
		}
		seen[k.Value] = true
		if f.keys != nil && !slices.Contains(f.keys, k.Value) {
			hint := ""
			if d.limit.Listing(CB002, d.path) {
				hint = didYouMean(k.Value, f.keys)
			}
			d.report(CB002, k, "unknown key %s in %s%s", quote(k.Value), key, hint)
			continue
		}
		var e book.MapEntry
		e.Key = k.Value
		e.KeyPos = nodePos(k)
		d.decodeField(val, reflect.ValueOf(&e.Value).Elem(), fieldSpec{}, k.Value)
		m = append(m, e)
	}
	v.Set(reflect.ValueOf(m))
}

// decodeScalar fills a Field[T] from a scalar node, validating type, enum and range.
func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, f fieldSpec, key string) {
	v.Field(1).Set(reflect.ValueOf(nodePos(n)))
	if isNull(n) {
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.report(CB003, n, "%q must be a single value, not %s%s", key, describe(n), textAdvice(n))
		return
	}
	val := v.Field(0)
	text := n.Value
	switch val.Interface().(type) {
	case string:
		if len(f.enum) > 0 && !slices.Contains(f.enum, text) {
			d.report(CB003, n, "%q is %s; expected one of: %s", key, quote(text), strings.Join(f.enum, ", "))
			return
		}
		val.SetString(text)
	case book.ID:
		id, err := book.ParseID(text)
		if err != nil {
			d.report(CB003, n, "%s: %v", key, err)
			return
		}
		val.SetString(string(id))
	case bool:
		if n.Tag != "!!bool" {
			d.report(CB003, n, "%q must be true or false, not %s", key, quote(text))
			return
		}
		val.SetBool(text == "true" || text == "True" || text == "TRUE")
	case int:
		if n.Tag != "!!int" {
			d.report(CB003, n, "%q must be a whole number, not %s%s", key, quote(text), adviceSuffix(numberAdvice(text)))
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), 0, 64)
		if err != nil || i > 1<<40 || i < -(1<<40) {
			d.report(CB003, n, "%q must be a whole number, not %s", key, quote(text))
			return
		}
		if !f.intInRange(i) {
			d.report(CB003, n, "%q is %s: %s", key, text, rangeProblem(big.NewRat(i, 1), f))
			return
		}
		val.SetInt(i)
	case book.Decimal:
		if n.Tag != "!!int" && n.Tag != "!!float" {
			d.report(CB003, n, "%q must be a number, not %s%s", key, quote(text), adviceSuffix(numberAdvice(text)))
			return
		}
		dec, err := book.ParseDecimalText(text)
		if errors.Is(err, exact.ErrTooManyDigits) {
			d.report(CB003, n, "%q has more than %d digits: clientbook reads numbers of at most %d digits", key, exact.MaxDigits, exact.MaxDigits)
			return
		}
		if err != nil {
			d.report(CB003, n, "%q must be a plain number such as 1200 or 0.22, not %s", key, quote(text))
			return
		}
		if msg := rangeProblem(dec.Rat, f); msg != "" {
			d.report(CB003, n, "%q is %s: %s", key, text, msg)
			return
		}
		val.Set(reflect.ValueOf(dec))
	case book.Date:
		date, err := book.ParseDate(text)
		if err != nil {
			d.report(CB003, n, "%q is %s: %v", key, quote(text), err)
			return
		}
		val.SetInt(int64(date))
	case book.Duration:
		dur, err := book.ParseDuration(text)
		if err != nil {
			d.report(CB003, n, "%q is %s: %v", key, quote(text), err)
			return
		}
		val.SetInt(int64(dur))
	}
	v.Field(2).SetBool(true)
}

// intInRange checks a whole number against the field's bounds without
// big.Rat: whole-number fields are most of a book's numbers.
func (f fieldSpec) intInRange(i int64) bool {
	if f.min != nil && (f.minInt != nil && i < *f.minInt || f.minInt == nil && big.NewRat(i, 1).Cmp(f.min) < 0) {
		return false
	}
	if f.max != nil && (f.maxInt != nil && i > *f.maxInt || f.maxInt == nil && big.NewRat(i, 1).Cmp(f.max) > 0) {
		return false
	}
	return true
}
