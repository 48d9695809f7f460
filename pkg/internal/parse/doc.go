// Package parse owns the step from a file's bytes to one YAML node tree
// (SPEC §9 "Files"): the file rules checked before and while parsing (at
// most 1 MiB, UTF-8, no NUL, control character or merge conflict marker,
// one document, nesting at most MaxDepth deep, no anchors, aliases, merge
// keys or custom tags), and, for text the YAML library cannot read, the
// place and the words of the first mistake. The diagnoser never reads the
// library's error text: a line scanner notes the usual mistakes and the
// lines after which nothing is left open, and the library itself, run on
// prefixes cut at those lines, finds the span that holds the first
// mistake. It knows nothing of the book's model: pkg/internal/load decodes
// the tree.
package parse
