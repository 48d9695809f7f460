// Package template owns the commented files that `init` and `new` write
// (SPEC §8): one template per kind, filled with the id, name, today's date
// and what the user gave by flags. Nothing is made up (issue 21): every
// value that would count — ratings, financials, touchpoints, stakeholders,
// assessments, fees, goals, promises — is a YAML comment showing its shape,
// so a new client is unrated with an unknown margin, and a new review is
// planned, counting for nothing until it is held. Every template, filled,
// passes `clientbook check` with no errors and no warnings of its own
// beyond those it documents (a plan without client input; an active client
// with nothing recorded yet, whose findings say what to record next).
package template
