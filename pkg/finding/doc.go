// Package finding owns what a check reports (SPEC §7): a Finding (rule,
// severity, position, message), the catalog of every rule id with its
// default severity and help, the order findings are printed in, and the
// output formats of `clientbook check`.
//
// A finding is data, not a Go error: the loader and the rules collect them,
// and only the command decides what they mean for the exit code.
package finding
