package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/portfolio"
)

// printPortfolioSummary writes the summary block under the table: the
// totals of every active client, whatever rows the filters showed. With a
// width (a terminal's), the lists of counts are broken into lines no wider.
func printPortfolioSummary(w io.Writer, s portfolio.Summary, currency string, shown, lineWidth int) {
	const indent = 20 // "  " and the label column
	counts := func(cs portfolio.Counts) string {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = fmt.Sprintf("%s %d", c.Key, c.N)
		}
		return wrapList(parts, indent, lineWidth)
	}
	title := fmt.Sprintf("Summary of %d active %s", s.Clients, plural(s.Clients, "client", "clients"))
	if currency != "" {
		title += ", amounts in " + currency
	}
	if shown != s.Clients {
		title += fmt.Sprintf(" (%d shown)", shown)
	}
	// The four amounts are right-aligned under each other.
	amounts := []string{
		render.FormatMoney(exact.Fixed(s.Revenue, 2)),
		"-",
		render.FormatMoney(exact.Plain(s.Hours)),
		render.FormatMoney(exact.Fixed(s.OpportunityCost, 2)),
	}
	if s.NetContribution != nil {
		amounts[1] = render.FormatMoney(exact.Fixed(s.NetContribution, 2))
	}
	width := 0
	for _, a := range amounts {
		width = max(width, len(a))
	}
	largest := "- (no revenue recorded)"
	if s.Largest != nil {
		largest = fmt.Sprintf("%s, %s of revenue", s.Largest.ID, portfolio.Percent(s.LargestShare))
	}
	rows := [][2]string{
		{"revenue", fmt.Sprintf("%*s", width, amounts[0])},
		{"net contribution", fmt.Sprintf("%*s  (%d of %d %s with a known margin)", width, amounts[1], s.KnownMargin, s.Clients, plural(s.Clients, "client", "clients"))},
		{"management hours", fmt.Sprintf("%*s", width, amounts[2])},
		{"opportunity cost", fmt.Sprintf("%*s", width, amounts[3])},
		{"largest client", largest},
		{"actions", counts(s.Actions)},
		{"bands", counts(s.Bands)},
		{"quadrants", counts(s.Quadrants)},
	}
	// The title names the firm's currency and the rows a client: book
	// text, escaped.
	fmt.Fprintln(w)
	render.Fprintln(w, title)
	for _, r := range rows {
		// A list of counts broken into lines goes on under its label.
		for i, line := range strings.Split(r[1], "\n") {
			if i > 0 {
				r[0] = ""
			}
			render.Fprintf(w, "  %-17s %s\n", r[0], line)
		}
	}
}

// wrapList joins items with ", ", breaking the line before an item that
// would go past width (0: one line) when each line starts at column
// indent.
func wrapList(items []string, indent, width int) string {
	var b strings.Builder
	col := indent
	for i, it := range items {
		if i > 0 {
			b.WriteString(",")
			col++
			if width > 0 && col+1+len([]rune(it))+1 > width {
				b.WriteString("\n")
				col = indent
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(it)
		col += len([]rune(it))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
