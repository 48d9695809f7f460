// Package book owns SPEC §1 and the "Files" part of §9: finding the book's
// root, reading its files safely (inside the root, size and shape limits,
// in parallel), decoding each file strictly from yaml.Node trees so every
// value keeps its line and column, the typed model of every kind, the firm's
// defaults, and the structural rules CB001–CB008.
//
// Scalars are parsed and range-checked once, here: later packages receive
// Dates, Durations, exact decimals and validated ids, never raw text.
package book
