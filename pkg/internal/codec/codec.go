package codec

import (
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
)

// Binary is this package's encoding as a value, for a caller that takes
// its codec as an interface (load.Options.Codec).
type Binary struct{}

// Append is the package's Append.
func (Binary) Append(dst []byte, v any) ([]byte, error) { return Append(dst, v) }

// Decode is the package's Decode.
func (Binary) Decode(data []byte, v any) error { return Decode(data, v) }

// Append appends the encoding of v to dst. It fails for a value holding a
// kind it does not encode (a channel, a function, an interface).
func Append(dst []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return dst, errors.New("codec: cannot encode nil")
	}
	return appendValue(dst, rv)
}

// Decode sets *v (v is a non-nil pointer) from data, which must hold
// exactly one encoding of a value of v's type.
func Decode(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("codec: Decode needs a non-nil pointer")
	}
	d := decoder{data: data}
	d.value(rv.Elem(), 0)
	if d.err == nil && len(d.data) > 0 {
		d.err = errors.New("codec: bytes left over")
	}
	return d.err
}

var (
	binaryMarshaler   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	textMarshaler     = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler   = reflect.TypeFor[encoding.TextUnmarshaler]()
	byteType          = reflect.TypeFor[byte]()
)

// typeInfo is what the codec asks of a type on every value of it, worked
// out once per type: asking reflect for each value cost a cache read of a
// large book more than the rest of decoding.
type typeInfo struct {
	text, marshals bool  // see marshals
	fields         []int // a struct's exported fields
}

var typeInfos sync.Map // reflect.Type → *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{}
	ti.text, ti.marshals = marshals(t)
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				ti.fields = append(ti.fields, i)
			}
		}
	}
	actual, _ := typeInfos.LoadOrStore(t, ti)
	return actual.(*typeInfo)
}

// marshals says how a struct type t marshals itself: through
// BinaryMarshaler, TextMarshaler, or neither (ok false), its pointer
// unmarshalling the same way.
func marshals(t reflect.Type) (text, ok bool) {
	if t.Kind() != reflect.Struct {
		return false, false
	}
	p := reflect.PointerTo(t)
	switch {
	case p.Implements(binaryMarshaler) && p.Implements(binaryUnmarshaler):
		return false, true
	case p.Implements(textMarshaler) && p.Implements(textUnmarshaler):
		return true, true
	}
	return false, false
}

func appendValue(dst []byte, v reflect.Value) ([]byte, error) {
	t := v.Type()
	var ti *typeInfo
	if t.Kind() == reflect.Struct {
		ti = infoOf(t)
	}
	if ti != nil && ti.marshals {
		text := ti.text
		p := reflect.New(t)
		p.Elem().Set(v)
		var b []byte
		var err error
		if text {
			b, err = p.Interface().(encoding.TextMarshaler).MarshalText()
		} else {
			b, err = p.Interface().(encoding.BinaryMarshaler).MarshalBinary()
		}
		if err != nil {
			return dst, fmt.Errorf("codec: %s: %w", t, err)
		}
		return appendBytes(dst, b), nil
	}
	switch t.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(dst, 1), nil
		}
		return append(dst, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(dst, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(dst, v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(dst, math.Float64bits(v.Float())), nil
	case reflect.String:
		return appendBytes(dst, []byte(v.String())), nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(dst, 0), nil
		}
		return appendValue(append(dst, 1), v.Elem())
	case reflect.Slice:
		// 0 is a nil slice, n+1 one of n elements: an empty slice and a
		// nil one print differently (JSON's [] and null).
		if v.IsNil() {
			return append(dst, 0), nil
		}
		dst = binary.AppendUvarint(dst, uint64(v.Len())+1)
		if t.Elem() == byteType {
			return append(dst, v.Bytes()...), nil
		}
		return appendElems(dst, v)
	case reflect.Array:
		return appendElems(dst, v)
	case reflect.Map:
		return appendMap(dst, v)
	case reflect.Struct:
		var err error
		for _, i := range ti.fields {
			if dst, err = appendValue(dst, v.Field(i)); err != nil {
				return dst, err
			}
		}
		return dst, nil
	}
	return dst, fmt.Errorf("codec: cannot encode %s", t)
}

func appendElems(dst []byte, v reflect.Value) ([]byte, error) {
	var err error
	for i := range v.Len() {
		if dst, err = appendValue(dst, v.Index(i)); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

func appendBytes(dst, b []byte) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(b))), b...)
}

// maxDepth bounds how deeply values nest (pointers in pointers), so that
// damaged bytes of a recursive type cannot exhaust the stack.
const maxDepth = 64

// decoder reads values off data; the first error stops it.
type decoder struct {
	data []byte
	err  error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("codec: "+format, args...)
	}
	d.data = nil
}

func (d *decoder) uvarint() uint64 {
	n, w := binary.Uvarint(d.data)
	if w <= 0 {
		d.fail("bad length or number")
		return 0
	}
	d.data = d.data[w:]
	return n
}

// bytes reads n bytes, which must be there.
func (d *decoder) bytes(n uint64) []byte {
	if n > uint64(len(d.data)) {
		d.fail("%d bytes wanted, %d left", n, len(d.data))
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

func (d *decoder) value(v reflect.Value, depth int) {
	if d.err != nil {
		return
	}
	if depth > maxDepth {
		d.fail("values nested too deeply")
		return
	}
	t := v.Type()
	var ti *typeInfo
	if t.Kind() == reflect.Struct {
		ti = infoOf(t)
	}
	if ti != nil && ti.marshals {
		text := ti.text
		b := d.bytes(d.uvarint())
		if d.err != nil {
			return
		}
		var err error
		if text {
			err = v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(b)
		} else {
			err = v.Addr().Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(b)
		}
		if err != nil {
			d.fail("%s: %v", t, err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		switch b := d.bytes(1); {
		case d.err != nil:
		case b[0] > 1:
			d.fail("bad boolean %d", b[0])
		default:
			v.SetBool(b[0] == 1)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, w := binary.Varint(d.data)
		if w <= 0 || v.OverflowInt(n) {
			d.fail("bad %s", t)
			return
		}
		d.data = d.data[w:]
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n := d.uvarint(); d.err == nil {
			if v.OverflowUint(n) {
				d.fail("bad %s", t)
				return
			}
			v.SetUint(n)
		}
	case reflect.Float32, reflect.Float64:
		if b := d.bytes(8); d.err == nil {
			v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
		}
	case reflect.String:
		// A copy of each: a slice of one copy of the input would pin
		// all of it while any string of it is kept.
		if b := d.bytes(d.uvarint()); d.err == nil {
			v.SetString(string(b))
		}
	case reflect.Pointer:
		switch b := d.bytes(1); {
		case d.err != nil:
		case b[0] == 0:
			v.SetZero()
		case b[0] == 1:
			p := reflect.New(t.Elem())
			d.value(p.Elem(), depth+1)
			v.Set(p)
		default:
			d.fail("bad pointer mark %d", b[0])
		}
	case reflect.Slice:
		n, ok := d.count(v, "elements")
		if !ok {
			return
		}
		s := reflect.MakeSlice(t, int(n), int(n))
		if t.Elem() == byteType {
			copy(s.Bytes(), d.bytes(n))
		} else {
			d.elems(s, depth)
		}
		v.Set(s)
	case reflect.Array:
		d.elems(v, depth)
	case reflect.Map:
		d.mapValue(v, depth)
	case reflect.Struct:
		for _, i := range ti.fields {
			d.value(v.Field(i), depth+1)
		}
	default:
		d.fail("cannot decode %s", t)
	}
}

// count reads the count of a slice's elements or a map's entries, encoded
// as 0 for nil (v is set to nil, and ok is false) and n+1 for n. Every
// element or entry takes at least a byte, except of a type that encodes
// as nothing: no count can ask for more than is there.
func (d *decoder) count(v reflect.Value, what string) (n uint64, ok bool) {
	n = d.uvarint()
	switch {
	case d.err != nil:
		return 0, false
	case n == 0:
		v.SetZero()
		return 0, false
	}
	n--
	if n > uint64(len(d.data)) {
		d.fail("%d %s, %d bytes left", n, what, len(d.data))
		return 0, false
	}
	return n, true
}

func (d *decoder) elems(v reflect.Value, depth int) {
	for i := range v.Len() {
		d.value(v.Index(i), depth+1)
	}
}
