package render

import (
	"bytes"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// renderTable draws g as an ASCII-bordered table with tablewriter.
//
// tablewriter's defaults are overridden so output is byte-stable: ASCII
// borders instead of box-drawing glyphs, header text kept as given (no
// upper-casing), headers left-aligned unless the column is right-aligned
// (instead of centred), no wrapping or truncation, and East Asian
// ambiguous-width runes measured as narrow whatever the locale. Colour codes
// are added to cells before they reach tablewriter, which measures display
// width with ANSI sequences stripped, so columns stay aligned.
func renderTable(g *Grid, opts Options) ([]byte, error) {
	ncol := len(g.Columns)
	header := make([]any, ncol)
	aligns := make(tw.Alignment, ncol)
	for c, col := range g.Columns {
		header[c] = tableText(col.Name)
		aligns[c] = tw.AlignLeft
		if col.Align == AlignRight {
			aligns[c] = tw.AlignRight
		}
	}
	rows := make([][]string, len(g.Rows))
	for r := range g.Rows {
		rows[r] = make([]string, ncol)
		for c, col := range g.Columns {
			raw := g.cell(r, c)
			s := tableText(col.display(raw))
			if s == "" {
				s = absent
			}
			if opts.Color && col.Tone != nil && raw != "" {
				s = paintLines(s, col.Tone(raw))
			}
			rows[r][c] = s
		}
	}

	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Symbols: tw.NewSymbols(tw.StyleASCII),
		})),
		// Width measurement is process-global in tablewriter and by default
		// follows RUNEWIDTH_EASTASIAN and CJK locales, which would make
		// ambiguous-width runes such as "é" two columns wide; pin it.
		tablewriter.WithEastAsian(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithAlignment(aligns),
	)
	t.Header(header...)
	if err := t.Bulk(rows); err != nil {
		return nil, err
	}
	if err := t.Render(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tableText trims s and replaces tabs, whose rendered width tablewriter
// takes from the environment, with a space.
func tableText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\t", " "))
}

// paintLines colours each line of s separately so that a multi-line cell
// does not bleed colour into the borders between its lines.
func paintLines(s string, t Tone) string {
	if t.sgr() == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = paint(l, t)
	}
	return strings.Join(lines, "\n")
}
