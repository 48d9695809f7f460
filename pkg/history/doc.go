// Package history compares two states of a book (SPEC §10, `diff`): what
// each client's health, quadrant, portfolio action and revenue were on
// each side, the opportunities' decisions, and the check findings added
// and resolved. A state is evaluated with the domain packages' own
// functions (health.Assess, portfolio.Rank, accept.Evaluate, rules.Check)
// on its own day; nothing here recomputes a formula.
//
// Findings are matched by rule, path and subject (Subject), never by line
// or by wording that depends on the day.
package history
