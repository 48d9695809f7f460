// Package accept implements SPEC §5, new-work acceptance, with the
// "Acceptance (§5)" and "Files" readings of §9: the six criteria (fit,
// issue, impact, sponsor, relational, other), each from the team's rating
// and the automatic rules the files allow, the lower of the two counting;
// hard conflicts; the 0–100 score; and the accept / review / decline
// decision with its conditions or reasons.
//
// AutoFit, the automatic fit of a profile against the firm's strategy, is
// exported for SPEC §6, whose portfolio fit is the same rule applied to a
// client's own profile and engagements.
//
// The package is pure: it reads a loaded book.Book and returns plain values.
// It knows nothing of flags, terminals or rendering; every score is computed
// exactly with big.Rat and rounded once, through exact.RoundHalfUp.
package accept
