package render

import (
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// Fitting a table to a terminal, the way gh and kubectl do: a table that
// is wider than Options.Width leaves out its least important columns
// (Column.Priority) and shortens the text of the columns that allow it
// (Column.Shorten) with "…", so that no row wraps onto a second line.
// Widths are display widths (twwidth): "…", "↑" and "é" are one column,
// a CJK character two.

// shortenTo is the narrowest a Shorten column is made before columns are
// left out: enough of a reason or a name to recognise it.
const shortenTo = 16

// squeezeTo is the narrowest any text column is made when leaving out
// every optional column is not enough.
const squeezeTo = 4

// ellipsis ends a shortened cell.
const ellipsis = "…"

// layout is the columns a table shows and the widest its cells may be.
type layout struct {
	keep  []int // the grid's columns shown, in order
	limit []int // per grid column: the widest a cell may be, 0 when unlimited
}

// tableWidth is the width of a table whose columns have content widths w
// (without padding): a border, then each column's padding and border.
func tableWidth(keep []int, w []int) int {
	total := 1
	for _, c := range keep {
		total += w[c] + 3
	}
	return total
}

// fit chooses the columns and widths for a table of columns cols whose
// headers are hw wide and whose widest cells (headers included) are nat
// wide, to be at most width wide; width 0 keeps everything in full.
func fit(cols []Column, hw, nat []int, width int) layout {
	n := len(cols)
	l := layout{limit: make([]int, n)}
	for c := range n {
		l.keep = append(l.keep, c)
	}
	if width <= 0 || tableWidth(l.keep, nat) <= width {
		return l
	}
	short := make([]int, n) // each column at its narrowest before any is left out
	for c, col := range cols {
		short[c] = nat[c]
		if col.Shorten {
			short[c] = min(nat[c], max(hw[c], shortenTo))
		}
	}
	// Leave out the optional columns, least important first (the
	// rightmost on a tie), until the rest fit with their text shortened.
	for tableWidth(l.keep, short) > width {
		drop := -1
		for i, c := range l.keep {
			if p := cols[c].Priority; p > 0 && (drop < 0 || p >= cols[l.keep[drop]].Priority) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		l.keep = append(l.keep[:drop:drop], l.keep[drop+1:]...)
	}
	w := make([]int, n)
	copy(w, nat)
	excess := tableWidth(l.keep, w) - width
	// Shorten the widest shortenable cell a column at a time: the space
	// left goes to the longest text.
	excess = squeeze(l.keep, w, excess, func(c int) int {
		if cols[c].Shorten {
			return short[c]
		}
		return w[c]
	})
	// Still too wide with every optional column gone: any text column
	// gives way, down to a few characters. Numbers are never cut.
	squeeze(l.keep, w, excess, func(c int) int {
		if cols[c].Align == AlignLeft {
			return squeezeTo
		}
		return w[c]
	})
	for _, c := range l.keep {
		if w[c] < nat[c] {
			l.limit[c] = w[c]
		}
	}
	return l
}

// squeeze narrows the widest of the kept columns, one column of text at a
// time, down to floor(c), until excess is used up; it returns what is
// left of excess.
func squeeze(keep []int, w []int, excess int, floor func(c int) int) int {
	for excess > 0 {
		widest := -1
		for _, c := range keep {
			if w[c] > floor(c) && (widest < 0 || w[c] > w[widest]) {
				widest = c
			}
		}
		if widest < 0 {
			return excess
		}
		w[widest]--
		excess--
	}
	return 0
}

// shorten cuts each line of s to at most width display columns, ending a
// cut line with "…"; width 0 leaves s as it is.
func shorten(s string, width int) string {
	if width <= 0 || twwidth.Width(s) <= width {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = shortenLine(line, width)
	}
	return strings.Join(lines, "\n")
}

func shortenLine(s string, width int) string {
	if width <= 0 || twwidth.Width(s) <= width {
		return s
	}
	room := width - twwidth.Width(ellipsis)
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := twwidth.Width(string(r))
		if used+rw > room {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return strings.TrimRight(b.String(), " ") + ellipsis
}

// Width is the display width of s on a terminal: "…", "↑" and "é" are one
// column, a CJK character two, whatever the locale.
func Width(s string) int { return mdWidth(s) }
