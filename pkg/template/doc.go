// Package template owns the commented files that `init` and `new` write
// (SPEC §8): one template per kind, filled with the id, name and today's
// date. Every template, filled, passes `clientbook check` with no errors.
package template
