// Package timeimport reads the detailed time-report CSV exports of Harvest,
// Toggl Track and Clockify and turns them into management hours per
// client and year (SPEC §11 "import time").
//
// A file is read as a stream, one row at a time: what is kept is a sum per
// (client, year) and a count per name that matched nothing, so memory does
// not grow with the number of rows. Hours are summed exactly (from their
// decimal text, or from H:MM:SS as an exact fraction of an hour) and the
// sum is rounded half up to two decimals once, at the end.
//
// It knows nothing of YAML or the command line: the cli package writes the
// changes through pkg/edit.
package timeimport
