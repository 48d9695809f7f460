// Package review builds the annual client review's agenda (SPEC §4): the
// thirteen questions in the spec's order, each with its id, tailored to the
// client — its own priorities in `plans`, its weak and missing stakeholder
// relationships in `people`, `team` only when we have a team, `manager`
// only when it has a relationship manager — with notes from the last
// review and the relationship's health, and the questions not to ask.
// With an open recovery the agenda opens with it (recovery.go): the root
// cause, what we accepted, each action's owner, deadline and state, and the
// promises kept so far, as health reads them (SPEC §2).
package review
