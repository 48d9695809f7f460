// Package bookgen writes large, realistic and valid books (SPEC §1) for
// benchmarks and tests: a firm with a team and a strategy, and N clients
// with stakeholders, financials, health rounds, touchpoint logs with a long
// tail of heavy clients, engagements, account plans, annual reviews and
// new-work opportunities, written the way people write YAML by hand (comments,
// flow-style maps, the odd quoted note).
//
// Generation is deterministic: the same seed, N and today give byte-identical
// files, and client i is drawn from its own random stream seeded by (seed, i),
// so it is the same file whatever N is. Opportunity j is likewise drawn from
// (seed, j) and only names clients 20j..20j+19, which exist whenever there are
// N/20 opportunities. Every generated book loads with no error findings; the
// warnings it raises (overdue actions, stale health) are the ones a real book
// has.
package bookgen
