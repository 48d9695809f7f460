package codec

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"reflect"
	"slices"
	"strings"
)

// appendMap encodes a map as a slice is encoded (0 for nil, n+1 for n
// entries), then its entries ordered by their keys' encodings, so that the
// same map always gives the same bytes whatever Go's iteration order.
func appendMap(dst []byte, v reflect.Value) ([]byte, error) {
	if v.IsNil() {
		return append(dst, 0), nil
	}
	if v.Type().Key().Kind() == reflect.String {
		return appendStringMap(dst, v)
	}
	type pair struct{ key, value []byte }
	pairs := make([]pair, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		k, err := appendValue(nil, iter.Key())
		if err != nil {
			return dst, err
		}
		val, err := appendValue(nil, iter.Value())
		if err != nil {
			return dst, err
		}
		pairs = append(pairs, pair{k, val})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.key, b.key) })
	dst = binary.AppendUvarint(dst, uint64(len(pairs))+1)
	for _, p := range pairs {
		dst = append(append(dst, p.key...), p.value...)
	}
	return dst, nil
}

// appendStringMap is appendMap for string keys, the usual kind, without a
// buffer per entry: the keys in order of length, then of bytes, a fixed
// order whatever Go's iteration order (decoding takes any order).
func appendStringMap(dst []byte, v reflect.Value) ([]byte, error) {
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		return cmp.Or(cmp.Compare(a.Len(), b.Len()), strings.Compare(a.String(), b.String()))
	})
	dst = binary.AppendUvarint(dst, uint64(len(keys))+1)
	var err error
	for _, k := range keys {
		if dst, err = appendValue(dst, k); err != nil {
			return dst, err
		}
		if dst, err = appendValue(dst, v.MapIndex(k)); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// mapValue decodes what appendMap encoded; a key given twice is damage.
func (d *decoder) mapValue(v reflect.Value, depth int) {
	t := v.Type()
	n, ok := d.count(v, "map entries")
	if !ok {
		return
	}
	m := reflect.MakeMapWithSize(t, int(n))
	for range n {
		k := reflect.New(t.Key()).Elem()
		d.value(k, depth+1)
		val := reflect.New(t.Elem()).Elem()
		d.value(val, depth+1)
		if d.err != nil {
			return
		}
		if m.MapIndex(k).IsValid() {
			d.fail("map key given twice")
			return
		}
		m.SetMapIndex(k, val)
	}
	v.Set(m)
}
