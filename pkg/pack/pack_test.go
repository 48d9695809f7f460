package pack

import (
	"math"
	"math/big"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// Every field reads back as written, in order, and the record is used up.
func TestRoundTrip(t *testing.T) {
	ints := []int{0, 1, -1, 63, -64, 64, 1 << 40, math.MaxInt64, math.MinInt64}
	strs := []string{"", "a", "Café Ünïcode", string(make([]byte, 300))}
	rats := []*big.Rat{nil, rat("0"), rat("1"), rat("-1"), rat("0.215"), rat("-105600.5"), rat("1/3"), rat("-123456789012345678901234567890/7")}

	var w Writer
	for _, v := range ints {
		w.Int(v)
	}
	for _, s := range strs {
		w.String(s)
	}
	for _, r := range rats {
		w.Rat(r)
	}
	w.Bool(true)
	w.Bool(false)
	w.OptInt(nil)
	w.OptInt(ptr(-7))
	w.OptString(nil)
	w.OptString(ptr("x"))

	r := NewReader(w.Bytes())
	for _, want := range ints {
		if got := r.Int(); got != want {
			t.Errorf("Int = %d, want %d", got, want)
		}
	}
	for _, want := range strs {
		if got := r.String(); got != want {
			t.Errorf("String = %q, want %q", got, want)
		}
	}
	for _, want := range rats {
		got := r.Rat()
		if (got == nil) != (want == nil) || got != nil && got.Cmp(want) != 0 {
			t.Errorf("Rat = %v, want %v", got, want)
		}
	}
	if !r.Bool() || r.Bool() {
		t.Error("Bool did not read back true, false")
	}
	if r.OptInt() != nil {
		t.Error("OptInt(nil) read back a value")
	}
	if v := r.OptInt(); v == nil || *v != -7 {
		t.Errorf("OptInt = %v, want -7", v)
	}
	if r.OptString() != nil {
		t.Error("OptString(nil) read back a value")
	}
	if v := r.OptString(); v == nil || *v != "x" {
		t.Errorf("OptString = %v, want x", v)
	}
	if !r.Done() {
		t.Error("the record is not used up")
	}
}

// A record cut short is a bug in the caller and panics rather than read
// past its end.
func TestTruncatedPanics(t *testing.T) {
	var w Writer
	w.String("hello")
	defer func() {
		if recover() == nil {
			t.Error("reading a cut record did not panic")
		}
	}()
	_ = NewReader(w.Bytes()[:3]).String()
}

// Reset keeps nothing of the previous record.
func TestReset(t *testing.T) {
	var w Writer
	w.String("old")
	w.Reset()
	w.Int(5)
	r := NewReader(w.Bytes())
	if r.Int() != 5 || !r.Done() {
		t.Error("Reset left bytes of the previous record")
	}
}
