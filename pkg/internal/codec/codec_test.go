package codec

import (
	"bytes"
	"math/big"
	"reflect"
	"testing"
)

type inner struct {
	N    int
	Name *string
}

type sample struct {
	B       bool
	I       int
	I8      int8
	U       uint32
	F       float64
	S       string
	P       *int
	PNil    *int
	Rat     *big.Rat
	RatNil  *big.Rat
	Slice   []inner
	Nil     []string
	Empty   []string
	Bytes   []byte
	Arr     [2]int
	Nested  inner
	hidden  int // unexported: not encoded
	Defined date
	Map     map[string]inner
	MapNil  map[string]int
	MapNone map[int]bool
}

type date int

func ptr[T any](v T) *T { return &v }

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   any
	}{
		{"zero struct", sample{}},
		{"every field set", sample{
			B: true, I: -123456, I8: -128, U: 1 << 31, F: 0.1, S: "héllo\x00",
			P: ptr(7), Rat: big.NewRat(-22, 7),
			Slice: []inner{{1, ptr("a")}, {-2, nil}}, Empty: []string{}, Bytes: []byte{0, 255},
			Arr: [2]int{3, -4}, Nested: inner{9, ptr("")}, Defined: 20261205,
			Map: map[string]inner{"b": {2, nil}, "a": {1, ptr("x")}, "": {}}, MapNone: map[int]bool{},
		}},
		{"a map", map[string]int{"z": 1, "y": -1}},
		{"a string", "clients/acme"},
		{"a nil slice", []int(nil)},
		{"an empty slice", []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := Append(nil, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := reflect.New(reflect.TypeOf(tt.in))
			if err := Decode(enc, got.Interface()); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Elem().Interface(), tt.in) {
				t.Fatalf("got %#v, want %#v", got.Elem().Interface(), tt.in)
			}
		})
	}
}

func TestUnexportedNotEncoded(t *testing.T) {
	a, _ := Append(nil, sample{hidden: 1})
	b, _ := Append(nil, sample{})
	if !bytes.Equal(a, b) {
		t.Fatal("an unexported field changed the encoding")
	}
}

// The same map gives the same bytes whatever order Go iterates it in,
// and a nil map and an empty one differ.
func TestMapDeterministic(t *testing.T) {
	m := map[string]int{}
	for i := range 50 {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	first, _ := Append(nil, m)
	for range 20 {
		again, _ := Append(nil, m)
		if !bytes.Equal(again, first) {
			t.Fatal("the same map encoded differently")
		}
	}
	empty, _ := Append(nil, map[string]int{})
	none, _ := Append(nil, map[string]int(nil))
	if bytes.Equal(empty, none) {
		t.Fatal("an empty map and a nil one encode the same")
	}
	// "a" given twice: damage, not the last one winning.
	twice := []byte{3, 1, 'a', 2, 1, 'a', 4}
	var got map[string]int
	if err := Decode(twice, &got); err == nil {
		t.Fatalf("a key given twice decoded: %v", got)
	}
}

func TestUnsupported(t *testing.T) {
	for _, v := range []any{map[string]any{"a": 1}, struct{ X any }{1}, nil} {
		if _, err := Append(nil, v); err == nil {
			t.Errorf("%T encoded", v)
		}
	}
	var s sample
	if err := Decode(nil, s); err == nil {
		t.Error("decoded into a non-pointer")
	}
}

func TestDamaged(t *testing.T) {
	enc, _ := Append(nil, sample{S: "abc", Slice: []inner{{1, nil}}, Rat: big.NewRat(1, 3), Map: map[string]inner{"k": {}}})
	for i := range len(enc) {
		var s sample
		if err := Decode(enc[:i], &s); err == nil {
			t.Errorf("a truncated encoding (%d of %d bytes) decoded", i, len(enc))
		}
	}
	var s sample
	if err := Decode(append(enc, 0), &s); err == nil {
		t.Error("trailing bytes decoded")
	}
	var b struct{ B bool }
	if err := Decode([]byte{2}, &b); err == nil {
		t.Error("a boolean of 2 decoded")
	}
	var n struct{ N int8 }
	if err := Decode([]byte{0x80, 0x02}, &n); err == nil {
		t.Error("an int8 of 128 decoded")
	}
}

// Whatever the bytes, decoding never panics, and a value that decodes
// encodes to bytes that decode to it again.
func FuzzDecode(f *testing.F) {
	enc, _ := Append(nil, sample{S: "x", P: ptr(1), Rat: big.NewRat(2, 3), Slice: []inner{{1, ptr("y")}}, Empty: []string{}})
	f.Add(enc)
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sample
		if Decode(data, &s) != nil {
			return
		}
		again, err := Append(nil, s)
		if err != nil {
			t.Fatal(err)
		}
		var s2 sample
		if err := Decode(again, &s2); err != nil {
			t.Fatal(err)
		}
		if third, _ := Append(nil, s2); !bytes.Equal(third, again) {
			t.Fatal("re-encoding did not round-trip")
		}
	})
}
