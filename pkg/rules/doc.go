// Package rules implements the relationship rules of SPEC §7, CB101–CB304,
// read as §9 settles them: account plans (CB1xx), relationship health and
// contact (CB2xx) and engagements (CB3xx). Each rule is one function in
// the registry below; its metadata (default severity, summary, help) lives
// in finding.Catalog, the single list that check, its help text and SARIF
// read. Health-based rules use health's results, never recompute them.
package rules
