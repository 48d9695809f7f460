// Package relmap owns the relationship map of SPEC §12: for one client,
// who on our team knows whom on theirs and how strongly, and the gaps in
// that web (no sponsor, no decision-maker, weak ties, a stakeholder nobody
// owns, one team member holding more than half of the strong ties).
//
// A Map is a flat value: it holds the names and numbers it shows, so the
// text, DOT, Mermaid and JSON printers in cli, and the report's drawing,
// read the same thing.
package relmap
