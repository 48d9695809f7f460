// Package pack writes small records as bytes and reads them back.
//
// A command that reads a large book keeps one record per client until the
// whole book is read (a portfolio entry, a client's due items). Kept as Go
// structs, with their strings, pointers and big.Rat values, 100,000 such
// records are a few hundred thousand objects that the garbage collector
// marks again on every collection while the book is read, and about a
// kilobyte or two each. Packed into a []byte, a record is one object with
// no pointers, which the collector never scans, and only as large as its
// data. The caller unpacks one record at a time when it prints.
//
// The format is private to the process: it is never written to disk, and a
// Reader must read the fields in the order the Writer wrote them.
package pack

import (
	"encoding/binary"
	"math/big"
)

// Writer appends fields to a record.
type Writer struct{ buf []byte }

// Bytes is the record written so far.
func (w *Writer) Bytes() []byte { return w.buf }

// Reset empties the record, keeping its storage.
func (w *Writer) Reset() { w.buf = w.buf[:0] }

// Int writes a signed integer.
func (w *Writer) Int(v int) { w.buf = binary.AppendVarint(w.buf, int64(v)) }

// Bool writes a boolean.
func (w *Writer) Bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// String writes a string.
func (w *Writer) String(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Blob writes bytes, read back with Reader.Bytes.
func (w *Writer) Blob(b []byte) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(b)))
	w.buf = append(w.buf, b...)
}

// OptInt writes an integer that may be absent (nil).
func (w *Writer) OptInt(p *int) {
	w.Bool(p != nil)
	if p != nil {
		w.Int(*p)
	}
}

// OptString writes a string that may be absent (nil).
func (w *Writer) OptString(p *string) {
	w.Bool(p != nil)
	if p != nil {
		w.String(*p)
	}
}

// Rat writes an exact number that may be absent (nil).
func (w *Writer) Rat(r *big.Rat) {
	w.Bool(r != nil)
	if r == nil {
		return
	}
	w.Int(r.Sign())
	w.bigInt(r.Num())
	w.bigInt(r.Denom())
}

func (w *Writer) bigInt(i *big.Int) {
	n := (i.BitLen() + 7) / 8
	w.buf = binary.AppendUvarint(w.buf, uint64(n))
	start := len(w.buf)
	w.buf = append(w.buf, make([]byte, n)...)
	i.FillBytes(w.buf[start:])
}

// Reader reads a record's fields in the order they were written. A record
// that is not what the Writer wrote is a bug in the caller, and panics.
type Reader struct {
	buf []byte
	off int
}

// NewReader reads the record b.
func NewReader(b []byte) *Reader { return &Reader{buf: b} }

// NewReaderAt reads the record b from offset off, an Offset of an earlier
// Reader of b.
func NewReaderAt(b []byte, off int) *Reader { return &Reader{buf: b, off: off} }

// Offset is how far into the record the next field starts.
func (r *Reader) Offset() int { return r.off }

// Done reports whether every field has been read.
func (r *Reader) Done() bool { return r.off == len(r.buf) }

// Int reads a signed integer.
func (r *Reader) Int() int {
	v, n := binary.Varint(r.buf[r.off:])
	if n <= 0 {
		panic("pack: bad integer")
	}
	r.off += n
	return int(v)
}

func (r *Reader) length() int {
	v, n := binary.Uvarint(r.buf[r.off:])
	if n <= 0 || v > uint64(len(r.buf)-r.off-n) {
		panic("pack: bad length")
	}
	r.off += n
	return int(v)
}

// Bool reads a boolean.
func (r *Reader) Bool() bool {
	b := r.buf[r.off]
	r.off++
	return b != 0
}

// Bytes reads a string without copying it: the result shares the record's
// storage, for comparing; use String to keep it.
func (r *Reader) Bytes() []byte {
	n := r.length()
	b := r.buf[r.off : r.off+n : r.off+n]
	r.off += n
	return b
}

// String reads a string.
func (r *Reader) String() string { return string(r.Bytes()) }

// OptInt reads an integer that may be absent.
func (r *Reader) OptInt() *int {
	if !r.Bool() {
		return nil
	}
	v := r.Int()
	return &v
}

// OptString reads a string that may be absent.
func (r *Reader) OptString() *string {
	if !r.Bool() {
		return nil
	}
	s := r.String()
	return &s
}

// Rat reads an exact number that may be absent.
func (r *Reader) Rat() *big.Rat {
	if !r.Bool() {
		return nil
	}
	sign := r.Int()
	num := new(big.Int).SetBytes(r.Bytes())
	den := new(big.Int).SetBytes(r.Bytes())
	if sign < 0 {
		num.Neg(num)
	}
	return new(big.Rat).SetFrac(num, den)
}
