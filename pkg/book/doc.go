// Package book owns SPEC §1 and the "Files" part of §9: finding the book's
// root, reading its files safely (inside the root, size and shape limits,
// in parallel), decoding each file strictly from yaml.Node trees so every
// value keeps its line and column, the typed model of every kind, the firm's
// defaults, and the structural rules CB001–CB008.
//
// Scalars are parsed and range-checked once, here: later packages receive
// Dates, Durations, exact decimals and validated ids, never raw text. A
// value that did not decode is marked Invalid, apart from an absent one.
//
// A broken file hides nothing else: a client whose client.yaml cannot be
// read is a stand-in holding its other files (Client.Unread), and every
// client or opportunity the commands cannot use is in Book.LeftOut with
// the place to fix.
package book
