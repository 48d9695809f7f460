// Package due builds the morning list of `clientbook due` (SPEC §8):
// everything dated across the book that is overdue or due soon — plan and
// recovery actions, milestones, what clients owe, check-ins due by each
// client's touchpoint cadence, annual reviews (and planned reviews on their
// own dates, SPEC §9) and planning meetings. Its
// dates follow the same readings as the rules of §7 and §9: due today is not
// overdue, due yesterday is.
package due
