// Package exact holds the project's only arithmetic helpers: decimals read
// exactly from their text, scores kept as fractions, and the one rounding rule
// of SPEC §1 ("computed exactly and then rounded half up"). Every domain
// package calls these so no formula rounds on its own.
package exact
