// Package report owns the HTML report of SPEC §8's `report` command: one
// self-contained page of the open recoveries (§2 Recovery, those judged
// not salvageable, §6's `exit`, set apart), the portfolio (§6), the
// Client Growth Matrix (§3) as an SVG scatter (coincident clients share a
// dot; labels are placed clear of every dot, label and quadrant name, or
// listed under the chart), each client's health trend (§2) as a small SVG
// line chart with months on its date axis, the relationship map (§12) of
// every key client as a two-column SVG, every opportunity's decision and
// conditions (§5), the due list and the check summary (§7).
//
// Colour is never the only signal: each band has a shape (Mark), the
// palette is Okabe-Ito's, and TestContrast holds text to 4.5:1 and
// graphics to 3:1 (WCAG 2.2 AA). The print style sheet keeps headings
// with their sections and repeats table headers; on a phone the portfolio
// keeps rank, client, health and action.
//
// It computes no figure of its own (beyond counting days: how long a
// recovery has been open, how far its next deadline is). FromBook has the domain packages
// compute each result once, as their commands do, and Build arranges
// them — portfolio.Rank's entries and summary (which carry each client's
// health.Result, and with it health.RecoveryOf's reading of each open
// recovery), due.List's items, the check's findings, accept.Evaluate's
// decisions and relmap.Of's maps — into a
// Model of display strings and chart coordinates; Write renders the Model
// with html/template, which escapes everything that came from the book's
// files; every value the page prints also goes through inert.Text first,
// so that a control character in a name is a visible escape on the page
// too.
//
// The page is deterministic: the same inputs give the same bytes. Every
// list is in a fixed order, numbers are printed with fixed precision and
// the only date on the page is the report's "today". It needs nothing
// from the network: the CSS is inline, the fonts are the system's, the
// charts are hand-written SVG and there is no script.
package report
