// Package book owns the model of SPEC §1: the typed value of every kind of
// file (Firm, Client, Engagement, AccountPlan, Review, Opportunity, …),
// each value with the position it was read at (Field, Pos), the scalars
// they are made of (Date, Duration, ID, Decimal, with the functions that
// parse and range-check them), the Book a run reads and what it LeftOut,
// and the firm's Settings with their defaults.
//
// Scalars are parsed and range-checked once: later packages receive
// Dates, Durations, exact decimals and validated ids, never raw text. A
// value that did not decode is marked Invalid, apart from an absent one.
//
// Reading a book into this model — the files, the decoder, the structural
// rules CB001–CB008, the stream of clients and its cache — is
// pkg/internal/load's.
package book
