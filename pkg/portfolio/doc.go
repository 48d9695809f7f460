// Package portfolio implements SPEC §6, portfolio priorities, with the
// "Portfolio (§6)" readings of §9: for each active client its revenue,
// margin and management hours from the newest financials row not after
// this year, the four attractiveness components (health, margin score,
// fit, potential), opportunity cost and net contribution, its share of the
// firm's revenue, the action (exit, recover, renegotiate, de-prioritize,
// invest, maintain) with the main reason in words, the spec's order and
// ranks, and the summary.
//
// It builds on pkg/health's Results: the health score, band, trend,
// quadrant, the financials row and the open recovery (health.Recovery:
// salvageable, next deadline, promises kept) are taken from them, never
// recomputed.
// The fit component is pkg/accept's AutoFit applied to the client's own
// profile. Money is exact (big.Rat from the numbers' decimal text) and
// every 0–100 value is rounded half up once, through exact.RoundHalfUp.
//
// The package is pure: it knows nothing of flags, terminals or rendering.
// report.go gives the JSON shape of SPEC §8.
package portfolio
