// Package finding owns what a check reports (SPEC §7): a Finding (rule,
// severity, position, message), the Rule (id, default severity, summary,
// help) and the list of every rule declared, the order findings are printed
// in, and the output formats of `clientbook check`.
//
// A rule is declared once (Declare), by the package that reports it:
// CB001–CB008 by pkg/internal/load, CB101–CB304 by pkg/rules with their checks.
// Rules, and so check --help and SARIF, list the rules of the packages the
// program links; a finding's rule that is not declared is a bug and
// panics (MustLookup), never a rule silently off.
//
// A finding is data, not a Go error: the loader and the rules collect them,
// and only the command decides what they mean for the exit code.
package finding
