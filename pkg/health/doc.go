// Package health implements SPEC §2 (relationship health: rounds, factor
// values, the weighted score, band, trend, staleness, rater disagreement,
// the client's own view and the red flags) and §3 (the Client Growth
// Matrix: advisor and breadth axes and the quadrant), read as §9 settles
// them, and lays out the working behind a score step by step (Explain)
// for `health --explain`. Portfolio priorities (§6) build on its Results
// rather than recomputing anything.
package health
