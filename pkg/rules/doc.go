// Package rules implements the relationship rules of SPEC §7, CB101–CB304,
// read as §9 settles them: account plans (CB1xx), relationship health and
// contact (CB2xx) and engagements (CB3xx). Each rule is one declaration,
// a variable named after its id next to its check function:
//
//	var CB105 = declare(finding.Rule{ID: "CB105", Default: finding.Warning,
//		Summary: "plan has no update cadence", Help: "Set updates: …"}, planNoUpdates)
//
// which puts it in All, the list Check runs, and in finding.Rules, the one
// list that check --help, SARIF and the firm's `rules` overrides read. The
// check reports with c.report(path, pos, …): the Context knows the rule it
// runs. Health-based rules use health's results, never recompute them.
//
// A rule skips what it cannot know: a value that is itself an error
// (Field.Invalid, reported as CB003) is neither taken for absent nor for
// false. A client whose status is not known (client.yaml unread, or its
// status missing or not valid) has its plan and engagements checked as an
// active client's; the rules on client.yaml's own content wait for it.
package rules
