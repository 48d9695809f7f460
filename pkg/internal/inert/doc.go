// Package inert makes book text safe to print (STYLE §6, "book text is
// data"): a client's name, a note, a file's name come from anyone who can
// open a pull request, and must reach a terminal, a CI log or a
// spreadsheet as the text they are, never as a command.
//
// Text escapes control characters visibly, so that a value can neither
// drive a terminal (ESC and OSC sequences, BEL, C1 controls) nor start a
// new line that a CI log reads as a workflow command (`::error …`), nor
// read differently from what it is (bidirectional overrides). CSVCell
// keeps a spreadsheet from evaluating a cell as a formula.
//
// The package is the one place that decides what is escaped and how;
// render applies it to every cell and every value of the text formats,
// finding to the text of `check`, report to every value of the HTML page.
// JSON and YAML output are data formats and keep values exact.
package inert
