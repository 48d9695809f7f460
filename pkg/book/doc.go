// Package book owns SPEC §1 and the "Files" part of §9: finding the book's
// root, listing and reading its files (the limits of size and shape; how a
// file is opened safely is pkg/internal/fsafe's), decoding each file
// strictly from yaml.Node trees so every value keeps its line and column,
// the typed model of every kind, the firm's defaults, and the structural
// rules CB001–CB008.
//
// Each reads a large book client folder by client folder on the worker
// pool of pkg/internal/stream, handing each folder on in path order as
// soon as it is read, so that no run holds the whole book; Stream and Load
// collect what it hands on. With a cache (pkg/internal/cache) an unchanged
// folder is not read: its slot is the JSON the previous run stored.
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
