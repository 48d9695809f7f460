// Package render is clientbook's single output layer: every command hands
// its result to Write, which owns how that result looks on the wire.
//
// The package owns:
//   - the set of output formats selectable with -o (table, json, yaml, csv,
//     markdown) and their validation (ParseFormat);
//   - structured encodings: JSON (2-space indent, no HTML escaping) and YAML
//     (derived from the JSON so field names and struct order are kept);
//   - tabular encodings of a Grid: an ASCII table (via tablewriter), a
//     GitHub-flavoured markdown table and CSV;
//   - presentation details shared by those encodings: money formatting with
//     thousands separators, the "-" placeholder for absent cells, column
//     alignment, and terminal colour (ColorEnabled, Cell.Tone);
//   - keeping book text inert in every text format: each cell and column
//     name of a grid, and each argument of the free-form text written with
//     Fprintf, Fprintln and Sprintf, goes through inert.Text (control
//     characters as visible escapes); csv cells also through inert.CSVCell
//     (no formula); JSON and YAML keep values exact, YAML writing a value
//     with a control character double-quoted so it stays on its line.
//
// It knows nothing about clientbook's domain: callers decide which value to
// encode and which columns to show.
package render
