package report

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/clientbook/clientbook/pkg/exact"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
)

// The matrix chart's geometry, in SVG user units. The plot is a square of
// PlotSize units; one point of advisor or breadth is Scale units, so a
// client's centre is a whole number: cx = PlotLeft + Scale × breadth,
// cy = PlotTop + PlotSize − Scale × advisor. The quadrant names stand
// outside the plot, above and below it, further from its edge than the
// largest dot reaches, so that no dot or label can cover one.
const (
	PlotLeft = 64
	PlotTop  = 50
	Scale    = 5
	PlotSize = 100 * Scale

	matrixWidth  = PlotLeft + PlotSize + 36
	matrixHeight = PlotTop + PlotSize + 80

	// Dot radii: the largest revenue gets maxRadius, and a dot's area is
	// proportional to revenue down to minRadius, so that a client with no
	// revenue recorded is still seen.
	maxRadius = 30.0
	minRadius = 5.0

	labelSize   = 12.0 // font size of a dot's label
	charWidth   = 8.0  // a generous average glyph width at labelSize, weight 600
	lineHeight  = 15.0 // between the lines of a label naming coincident clients
	labelAscent = 12.0 // from a label's top to its first baseline
	labelPad    = 2.0  // kept clear around every label

	cornerSize = 11.0
)

// X maps a breadth score (0–100) to the chart's x coordinate.
func X(breadth int) int { return PlotLeft + Scale*breadth }

// Y maps an advisor score (0–100) to the chart's y coordinate.
func Y(advisor int) int { return PlotTop + PlotSize - Scale*advisor }

// Matrix is the Client Growth Matrix chart (SPEC §3) of the active
// clients.
type Matrix struct {
	Width, Height              int
	Left, Top, Right, Bottom   int // the plot's edges
	Size, Half                 int // the plot's side and half of it
	MidX, MidY                 int // the quadrant lines at 50
	TickX, TickY               int // where the axes' values go
	Ticks                      []Tick
	Quadrants                  []Corner
	Dots                       []Dot // largest revenue first, so small dots are drawn on top
	Legend                     []LegendDot
	Unplaced                   []Unplaced // active clients without a place
	Differs                    []Differs  // stated positions that differ from the data
	Crowded                    []Dot      // dots whose label found no free place: listed under the chart
	AxisX, AxisY, AxisYCentreY int        // where the axis titles go
}

// Tick is one grid line of both axes.
type Tick struct {
	Value int
	X, Y  int
}

// Corner is a quadrant's name, drawn outside the plot by its corner.
type Corner struct {
	Name   string
	Class  string
	X, Y   int
	Anchor string
}

// Dot is one place in the matrix: one client, or several coincident
// clients (the same advisor and breadth), drawn as one dot whose area is
// their revenue together and whose label names each of them.
type Dot struct {
	ID       string // the first client's id; IDs lists them all
	IDs      string // every client's id, space-separated
	Advisor  int
	Breadth  int
	Quadrant string
	Band     string // the clients' band; "mixed" when they differ
	Members  []DotMember
	CX, CY   int
	R        string
	// radius is R as a number, for placing labels clear of the dot.
	radius float64

	Label       []DotMember // the label's lines; empty when it is listed under the chart
	LabelX      string
	LabelY      string
	LabelAnchor string
	// Leader joins the dot to a label placed further than the nearest
	// ring, so that a label is never read as another dot's; nil for a
	// label right beside its dot.
	Leader *Leader
}

// Leader is a line from a dot's edge to its label's box.
type Leader struct{ X1, Y1, X2, Y2 string }

// DotMember is one client at a dot.
type DotMember struct {
	ID, Name string
	Band     string
	Score    string
	Revenue  string
}

// Mixed is the band of a dot whose coincident clients are in different
// bands; each name in its label carries its own band's shape.
const Mixed = "mixed"

// LegendDot shows what a dot's size means.
type LegendDot struct {
	R      string
	CY     string
	Top    string // the circle's top, where its amount is read
	Amount string
}

// Unplaced is an active client the matrix cannot place.
type Unplaced struct {
	ID, Name string
	Why      string
}

// Differs is a client whose team states another position than the data.
type Differs struct {
	ID, Name string
	Stated   string
	Quadrant string
}

// quadrantCorners names each quadrant outside its outer corner: the top
// two above the plot, the bottom two below its axis values.
var quadrantCorners = []Corner{
	{Name: "trusted advisor", Class: "quadrant-" + health.TrustedAdvisor, X: PlotLeft, Y: PlotTop - 34, Anchor: "start"},
	{Name: "trusted partner", Class: "quadrant-" + health.TrustedPartner, X: PlotLeft + PlotSize, Y: PlotTop - 34, Anchor: "end"},
	{Name: "expert for hire", Class: "quadrant-" + health.ExpertForHire, X: PlotLeft, Y: PlotTop + PlotSize + 46, Anchor: "start"},
	{Name: "vendor", Class: "quadrant-" + health.Vendor, X: PlotLeft + PlotSize, Y: PlotTop + PlotSize + 46, Anchor: "end"},
}

func matrixOf(p portfolio.Portfolio, healthOf map[string]*health.Result) Matrix {
	m := Matrix{
		Width: matrixWidth, Height: matrixHeight,
		Left: PlotLeft, Top: PlotTop, Right: PlotLeft + PlotSize, Bottom: PlotTop + PlotSize,
		Size: PlotSize, Half: PlotSize / 2, TickX: PlotLeft - 8, TickY: PlotTop + PlotSize + 18,
		MidX: X(50), MidY: Y(50),
		Quadrants: quadrantCorners,
		Dots:      []Dot{}, Unplaced: []Unplaced{}, Differs: []Differs{}, Crowded: []Dot{},
		AxisX: PlotLeft + PlotSize/2, AxisY: PlotTop + PlotSize + 70, AxisYCentreY: PlotTop + PlotSize/2,
	}
	for v := 0; v <= 100; v += 25 {
		m.Ticks = append(m.Ticks, Tick{Value: v, X: X(v), Y: Y(v)})
	}
	// Coincident clients share a dot: group the placed clients by their
	// place, in rank order within a place.
	type place struct{ advisor, breadth int }
	var places []place
	at := map[place][]*portfolio.Entry{}
	for i := range p.Entries {
		e := &p.Entries[i]
		h := healthOf[e.ID]
		row := health.MatrixRowOf(*h)
		name := nameOr(e.Name, e.ID)
		if row.Differs && row.Quadrant != nil {
			m.Differs = append(m.Differs, Differs{ID: row.ID, Name: name, Stated: *row.Stated, Quadrant: *row.Quadrant})
		}
		if row.Advisor == nil {
			why := "not assessed yet"
			if h.Current() != nil {
				why = "trust, access and transparency unrated in the current round"
			}
			m.Unplaced = append(m.Unplaced, Unplaced{ID: row.ID, Name: name, Why: why})
			continue
		}
		pl := place{*row.Advisor, row.Breadth}
		if at[pl] == nil {
			places = append(places, pl)
		}
		at[pl] = append(at[pl], e)
	}
	sums := map[place]*big.Rat{}
	largest := new(big.Rat)
	for _, pl := range places {
		sum := new(big.Rat)
		for _, e := range at[pl] {
			sum = exact.Add(sum, e.Revenue)
		}
		sums[pl] = sum
		if sum.Cmp(largest) > 0 {
			largest = sum
		}
	}
	revenue := func(pl place) *big.Rat { return sums[pl] }
	slices.SortStableFunc(places, func(a, b place) int {
		return cmp.Or(revenue(b).Cmp(revenue(a)), cmp.Compare(at[a][0].ID, at[b][0].ID))
	})
	for _, pl := range places {
		entries := at[pl]
		row := health.MatrixRowOf(*healthOf[entries[0].ID])
		d := Dot{
			ID: entries[0].ID, Advisor: pl.advisor, Breadth: pl.breadth,
			Quadrant: *row.Quadrant, Band: entries[0].Band,
			CX: X(pl.breadth), CY: Y(pl.advisor),
		}
		var ids []string
		for _, e := range entries {
			mem := DotMember{ID: e.ID, Name: nameOr(e.Name, e.ID), Band: e.Band, Score: "unrated", Revenue: portfolio.Money(p.Currency, e.Revenue)}
			if e.Score != nil {
				mem.Score = strconv.Itoa(*e.Score)
			}
			if e.Band != d.Band {
				d.Band = Mixed
			}
			ids = append(ids, e.ID)
			d.Members = append(d.Members, mem)
		}
		d.IDs = strings.Join(ids, " ")
		d.Label = d.Members
		d.radius = tenth(radius(revenue(pl), largest))
		d.R = fixed1(d.radius)
		m.Dots = append(m.Dots, d)
	}
	placeLabels(m.Dots, m.Width, m.Height)
	for _, d := range m.Dots {
		if len(d.Label) == 0 {
			m.Crowded = append(m.Crowded, d)
		}
	}
	if largest.Sign() > 0 {
		// Two sizes: the largest dot's revenue and a quarter of it, which
		// has half the radius. Both circles stand on the same baseline.
		quarter := exact.Quo(largest, exact.Int(4))
		for _, amount := range []*big.Rat{largest, quarter} {
			r := radius(amount, largest)
			m.Legend = append(m.Legend, LegendDot{
				R: fixed1(r), CY: fixed1(2*maxRadius - r), Top: fixed1(2*maxRadius - 2*r),
				Amount: portfolio.Money(p.Currency, amount),
			})
		}
	}
	return m
}

// radius makes a dot's area proportional to revenue: the largest revenue
// gets maxRadius; no dot is smaller than minRadius.
func radius(revenue, largest *big.Rat) float64 {
	if largest.Sign() <= 0 || revenue.Sign() <= 0 {
		return minRadius
	}
	share, _ := exact.Quo(revenue, largest).Float64()
	return max(minRadius, maxRadius*math.Sqrt(share))
}

// tenth rounds a radius to the tenth of a unit it is drawn with, so that
// labels are placed around the circle as drawn.
func tenth(v float64) float64 { return math.Round(v*10) / 10 }

// fixed1 prints a coordinate with one decimal, the same on every machine.
func fixed1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

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

// Title is the dot's tooltip: each client at the dot.
func (d Dot) Title() string {
	var parts []string
	for _, m := range d.Members {
		parts = append(parts, fmt.Sprintf("%s (%s): health %s %s; revenue %s", m.Name, m.ID, m.Score, m.Band, m.Revenue))
	}
	return fmt.Sprintf("advisor %d, breadth %d, %s: %s", d.Advisor, d.Breadth, d.Quadrant, strings.Join(parts, "; "))
}
