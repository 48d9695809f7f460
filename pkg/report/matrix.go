package report

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/clientbook/clientbook/pkg/exact"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
)

// The matrix chart's geometry, in SVG user units. The plot is a square of
// PlotSize units; one point of advisor or breadth is Scale units, so a
// client's centre is a whole number: cx = PlotLeft + Scale × breadth,
// cy = PlotTop + PlotSize − Scale × advisor.
const (
	PlotLeft = 64
	PlotTop  = 24
	Scale    = 5
	PlotSize = 100 * Scale

	matrixWidth  = PlotLeft + PlotSize + 36
	matrixHeight = PlotTop + PlotSize + 56

	// Dot radii: the largest revenue gets maxRadius, and a dot's area is
	// proportional to revenue down to minRadius, so that a client with no
	// revenue recorded is still seen.
	maxRadius = 30.0
	minRadius = 5.0

	labelSize = 12.0 // font size of a dot's label
	charWidth = 7.0  // a generous average glyph width at labelSize
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
	AxisX, AxisY, AxisYCentreY int        // where the axis titles go
}

// Tick is one grid line of both axes.
type Tick struct {
	Value int
	X, Y  int
}

// Corner is a quadrant's name, drawn in its outer corner.
type Corner struct {
	Name   string
	Class  string
	X, Y   int
	Anchor string
}

// Dot is one client in the matrix.
type Dot struct {
	ID, Name string
	Advisor  int
	Breadth  int
	Quadrant string
	Band     string
	Score    string
	Revenue  string
	CX, CY   int
	R        string
	// radius is R as a number, for placing labels clear of the dot.
	radius float64

	Label       string
	LabelX      string
	LabelY      string
	LabelAnchor string
}

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

// quadrantCorners names each quadrant in its outer corner.
var quadrantCorners = []Corner{
	{Name: "trusted advisor", Class: "quadrant-" + health.TrustedAdvisor, X: PlotLeft + 10, Y: PlotTop + 20, Anchor: "start"},
	{Name: "trusted partner", Class: "quadrant-" + health.TrustedPartner, X: PlotLeft + PlotSize - 10, Y: PlotTop + 20, Anchor: "end"},
	{Name: "expert for hire", Class: "quadrant-" + health.ExpertForHire, X: PlotLeft + 10, Y: PlotTop + PlotSize - 12, Anchor: "start"},
	{Name: "vendor", Class: "quadrant-" + health.Vendor, X: PlotLeft + PlotSize - 10, Y: PlotTop + PlotSize - 12, Anchor: "end"},
}

func matrixOf(p portfolio.Portfolio, healthOf map[string]*health.Result) Matrix {
	m := Matrix{
		Width: matrixWidth, Height: matrixHeight,
		Left: PlotLeft, Top: PlotTop, Right: PlotLeft + PlotSize, Bottom: PlotTop + PlotSize,
		Size: PlotSize, Half: PlotSize / 2, TickX: PlotLeft - 8, TickY: PlotTop + PlotSize + 18,
		MidX: X(50), MidY: Y(50),
		Quadrants: quadrantCorners,
		Dots:      []Dot{}, Unplaced: []Unplaced{}, Differs: []Differs{},
		AxisX: PlotLeft + PlotSize/2, AxisY: PlotTop + PlotSize + 44, AxisYCentreY: PlotTop + PlotSize/2,
	}
	for v := 0; v <= 100; v += 25 {
		m.Ticks = append(m.Ticks, Tick{Value: v, X: X(v), Y: Y(v)})
	}
	largest := new(big.Rat)
	for i := range p.Entries {
		if e := &p.Entries[i]; e.Revenue.Cmp(largest) > 0 {
			largest = e.Revenue
		}
	}
	var order []*portfolio.Entry
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
		order = append(order, e)
	}
	slices.SortStableFunc(order, func(a, b *portfolio.Entry) int {
		return cmp.Or(b.Revenue.Cmp(a.Revenue), cmp.Compare(a.ID, b.ID))
	})
	for _, e := range order {
		row := health.MatrixRowOf(*healthOf[e.ID])
		d := Dot{
			ID: row.ID, Name: nameOr(e.Name, e.ID), Advisor: *row.Advisor, Breadth: row.Breadth,
			Quadrant: *row.Quadrant, Band: e.Band, Score: "unrated",
			Revenue: portfolio.Money(p.Currency, e.Revenue),
			CX:      X(row.Breadth), CY: Y(*row.Advisor),
			Label: nameOr(e.Name, e.ID),
		}
		if e.Score != nil {
			d.Score = strconv.Itoa(*e.Score)
		}
		d.radius = tenth(radius(e.Revenue, largest))
		d.R = fixed1(d.radius)
		m.Dots = append(m.Dots, d)
	}
	placeLabels(m.Dots, m.Width, m.Height)
	if largest.Sign() > 0 {
		// Two sizes: the largest client's revenue and a quarter of it,
		// which has half the radius.
		// Both circles stand on the same baseline.
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

// placeLabels puts each dot's label beside it, trying right, left, below
// and above in turn and keeping the first place that collides with no
// dot, quadrant name or label already placed. Dots are visited in their
// drawing order, so the largest clients get the first choice. When every
// place collides, the first that fits in the chart is used.
func placeLabels(dots []Dot, width, height int) {
	var taken []box
	for _, d := range dots {
		r := d.radius
		taken = append(taken, box{float64(d.CX) - r, float64(d.CY) - r, float64(d.CX) + r, float64(d.CY) + r})
	}
	for _, q := range quadrantCorners {
		w := textWidth(q.Name, 11)
		x0 := float64(q.X)
		if q.Anchor == "end" {
			x0 -= w
		}
		taken = append(taken, box{x0, float64(q.Y) - 11, x0 + w, float64(q.Y) + 3})
	}
	for i := range dots {
		d := &dots[i]
		r := d.radius
		cx, cy := float64(d.CX), float64(d.CY)
		w := textWidth(d.Label, labelSize)
		type place struct {
			x, y   float64
			anchor string
			b      box
		}
		places := []place{
			{cx + r + 5, cy + 4, "start", box{cx + r + 5, cy - 8, cx + r + 5 + w, cy + 6}},
			{cx - r - 5, cy + 4, "end", box{cx - r - 5 - w, cy - 8, cx - r - 5, cy + 6}},
			{cx, cy + r + 15, "middle", box{cx - w/2, cy + r + 3, cx + w/2, cy + r + 18}},
			{cx, cy - r - 6, "middle", box{cx - w/2, cy - r - 18, cx + w/2, cy - r - 3}},
		}
		chosen := -1
		for j, p := range places {
			if !p.b.inside(float64(width), float64(height)) {
				continue
			}
			if chosen < 0 {
				chosen = j
			}
			free := true
			for k, t := range taken {
				if k != i && p.b.overlaps(t) {
					free = false
					break
				}
			}
			if free {
				chosen = j
				break
			}
		}
		if chosen < 0 {
			chosen = 0
		}
		p := places[chosen]
		d.LabelX, d.LabelY, d.LabelAnchor = fixed1(p.x), fixed1(p.y), p.anchor
		taken = append(taken, p.b)
	}
}

// textWidth estimates the width of a label in the system sans-serif font.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * charWidth * size / labelSize
}

// Title is the dot's tooltip.
func (d Dot) Title() string {
	return fmt.Sprintf("%s (%s): advisor %d, breadth %d, %s; health %s %s; revenue %s",
		d.Name, d.ID, d.Advisor, d.Breadth, d.Quadrant, d.Score, d.Band, d.Revenue)
}
