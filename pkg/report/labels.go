// Label placement for the matrix scatter: every label takes the nearest
// free place around its dot, clear of every dot, label, quadrant name and
// axis value, or is listed under the chart when none is free.

package report

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// box is an axis-aligned rectangle of the chart.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

func (a box) inside(w, h float64) bool {
	return a.x0 >= 2 && a.y0 >= 2 && a.x1 <= w-2 && a.y1 <= h-2
}

// grow is the box with pad added on every side.
func (a box) grow(pad float64) box { return box{a.x0 - pad, a.y0 - pad, a.x1 + pad, a.y1 + pad} }

// labelGaps are the distances from a dot's edge at which its label is
// tried, nearest first.
var labelGaps = []float64{5, 16, 30, 46}

// placeLabels puts each dot's label beside it. At each distance from the
// dot's edge in turn it tries right, left, below, above and the four
// diagonals, and keeps the first place that lies in the chart and is clear
// of every dot, every quadrant name and every label already placed. Dots
// are visited in their drawing order, so the largest clients get the
// first choice. A label that finds no free place is not drawn (Label is
// emptied) and the page lists it under the chart instead: labels never
// overlap each other, a dot or a quadrant name. The same dots give the
// same places.
func placeLabels(dots []Dot, width, height int) {
	taken := newBoxes(width, height)
	for _, d := range dots {
		taken.add(dotBox(d))
	}
	for _, q := range quadrantCorners {
		taken.add(cornerBox(q))
	}
	// The axes' values and titles: the advisor's, turned, along the left
	// edge, and the breadth's under the plot.
	for v := 0; v <= 100; v += 25 {
		x, y := float64(X(v)), float64(Y(v))
		taken.add(box{x - 12, PlotTop + PlotSize + 7, x + 12, PlotTop + PlotSize + 21})
		taken.add(box{PlotLeft - 8 - 24, y - 8, PlotLeft - 8, y + 6})
	}
	taken.add(box{0, PlotTop, 24, PlotTop + PlotSize})
	taken.add(box{PlotLeft + PlotSize/2 - 150, PlotTop + PlotSize + 58, PlotLeft + PlotSize/2 + 150, PlotTop + PlotSize + 74})
	for i := range dots {
		d := &dots[i]
		full := d.Label
		b, side, near, ok := freePlace(d, taken, width, height)
		if !ok {
			// A long name may fit shortened; the tooltip keeps it whole.
			d.Label = shortened(full)
			b, side, near, ok = freePlace(d, taken, width, height)
		}
		if !ok {
			d.Label = nil
			continue
		}
		// The text is anchored at the box's edge nearest the dot, so that
		// a name drawn wider than estimated grows away from its dot.
		x := b.x0
		switch side {
		case "end":
			x = b.x1
		case "middle":
			x = (b.x0 + b.x1) / 2
		}
		d.LabelX, d.LabelY, d.LabelAnchor = fixed1(x), fixed1(b.y0+labelAscent), side
		taken.add(b.grow(labelPad))
		if !near {
			d.Leader = leader(d, b)
		}
	}
}

// leader runs from the dot's edge towards the nearest point of its
// label's box.
func leader(d *Dot, b box) *Leader {
	cx, cy := float64(d.CX), float64(d.CY)
	px, py := min(max(cx, b.x0), b.x1), min(max(cy, b.y0+2), b.y1-2)
	dx, dy := px-cx, py-cy
	n := math.Hypot(dx, dy)
	if n == 0 {
		return nil
	}
	return &Leader{
		X1: fixed1(cx + dx*d.radius/n), Y1: fixed1(cy + dy*d.radius/n),
		X2: fixed1(px - dx*2/n), Y2: fixed1(py - dy*2/n),
	}
}

// freePlace is the first place for d's label, nearest first, that lies in
// the chart and is clear of every taken box; anchor is the text-anchor
// that keeps the text at the box's edge nearest the dot; near is true
// when the place is on the nearest ring, right beside the dot.
func freePlace(d *Dot, taken *boxes, width, height int) (b box, anchor string, near, ok bool) {
	r := d.radius
	cx, cy := float64(d.CX), float64(d.CY)
	w, h := 0.0, labelAscent+3+lineHeight*float64(len(d.Label)-1)
	for _, mem := range d.Label {
		w = max(w, textWidth(labelText(mem), labelSize))
	}
	for i, gap := range labelGaps {
		// Each place is the label's box; its text starts at the box's
		// left edge, its first baseline labelAscent below its top.
		diag := (r + gap) * math.Sqrt2 / 2
		boxes := []box{
			{cx + r + gap, cy - h/2, cx + r + gap + w, cy + h/2},
			{cx - r - gap - w, cy - h/2, cx - r - gap, cy + h/2},
			{cx - w/2, cy + r + gap, cx + w/2, cy + r + gap + h},
			{cx - w/2, cy - r - gap - h, cx + w/2, cy - r - gap},
			{cx + diag, cy + diag, cx + diag + w, cy + diag + h},
			{cx - diag - w, cy + diag, cx - diag, cy + diag + h},
			{cx + diag, cy - diag - h, cx + diag + w, cy - diag},
			{cx - diag - w, cy - diag - h, cx - diag, cy - diag},
		}
		for j, b := range boxes {
			if b.inside(float64(width), float64(height)) && !taken.hits(b.grow(labelPad)) {
				return b, anchors[j], i == 0, true
			}
		}
	}
	return box{}, "", false, false
}

// anchors are the text-anchors of freePlace's candidates, in its order:
// right, left, below, above, then the diagonals right-below, left-below,
// right-above, left-above.
var anchors = []string{"start", "end", "middle", "middle", "start", "end", "start", "end"}

// shortLabel is how many characters of a name a shortened label keeps.
const shortLabel = 22

// shortened is the label with each name cut to shortLabel characters and
// an ellipsis.
func shortened(label []DotMember) []DotMember {
	out := slices.Clone(label)
	for i := range out {
		if r := []rune(out[i].Name); len(r) > shortLabel {
			out[i].Name = strings.TrimSpace(string(r[:shortLabel-1])) + "…"
		}
	}
	return out
}

// boxes are the chart's taken boxes, filed by the cells of a coarse grid
// they cover, so that a candidate place is checked against its
// neighbours only: a crowded chart of thousands of dots is placed in a
// blink rather than in time that grows with the square of its dots.
type boxes struct {
	cols, rows int
	cells      [][]box
}

// boxCell is the side of a grid cell, in chart units.
const boxCell = 32

func newBoxes(width, height int) *boxes {
	cols, rows := width/boxCell+1, height/boxCell+1
	return &boxes{cols: cols, rows: rows, cells: make([][]box, cols*rows)}
}

// span is the range of cells b covers, clamped to the grid.
func (t *boxes) span(b box) (c0, r0, c1, r1 int) {
	cell := func(v float64, n int) int { return min(max(int(math.Floor(v/boxCell)), 0), n-1) }
	return cell(b.x0, t.cols), cell(b.y0, t.rows), cell(b.x1, t.cols), cell(b.y1, t.rows)
}

func (t *boxes) add(b box) {
	c0, r0, c1, r1 := t.span(b)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			t.cells[r*t.cols+c] = append(t.cells[r*t.cols+c], b)
		}
	}
}

// hits reports whether b overlaps any taken box.
func (t *boxes) hits(b box) bool {
	c0, r0, c1, r1 := t.span(b)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			for _, o := range t.cells[r*t.cols+c] {
				if b.overlaps(o) {
					return true
				}
			}
		}
	}
	return false
}

// dotBox is a dot's bounding square.
func dotBox(d Dot) box {
	r, cx, cy := d.radius, float64(d.CX), float64(d.CY)
	return box{cx - r, cy - r, cx + r, cy + r}
}

// cornerBox is the box a quadrant's name is drawn in.
func cornerBox(q Corner) box {
	// The names are drawn in capitals, letter-spaced by 0.08em.
	w := textWidth(strings.ToUpper(q.Name), cornerSize) + 0.08*cornerSize*float64(len(q.Name))
	x0 := float64(q.X)
	if q.Anchor == "end" {
		x0 -= w
	}
	return box{x0, float64(q.Y) - cornerSize, x0 + w, float64(q.Y) + 3}
}

// labelText is one line of a dot's label as measured: the band's shape,
// a space and the name.
func labelText(m DotMember) string { return Mark(m.Band) + " " + m.Name }

// textWidth estimates, generously, the width of a label in the system
// sans-serif font at weight 600: narrow letters and spaces, wide capitals
// and shapes, the rest at charWidth.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune(" ilIjtfr.,:;'!|()[]", r):
			w += 4.8
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 12
		case unicode.IsUpper(r) || r > 0x2000:
			w += 9.6
		default:
			w += charWidth
		}
	}
	return w * size / labelSize
}
