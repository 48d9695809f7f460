// Package codec owns the compact binary encoding of plain Go values that
// the cache of per-client results (pkg/internal/cache) stores: booleans,
// integers, floats, strings, pointers, slices, arrays and structs of
// them, field by field in declaration order, with no names or tags. A
// struct type that marshals itself (encoding.BinaryMarshaler, else
// encoding.TextMarshaler, as *big.Rat does) is stored as those bytes.
//
// It is not a format for anything but the same program reading back what
// it wrote (the cache's salt holds the program's identity): a decoder
// reads the fields the type it is given declares. Decoding untrusted bytes
// never panics and allocates at most in proportion to the bytes given; a
// damaged encoding is an error.
package codec
