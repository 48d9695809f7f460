package report

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
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

// Title is the dot's tooltip: each client at the dot.
func (d Dot) Title() string {
	var parts []string
	for _, m := range d.Members {
		parts = append(parts, fmt.Sprintf("%s (%s): health %s %s; revenue %s", m.Name, m.ID, m.Score, m.Band, m.Revenue))
	}
	return fmt.Sprintf("advisor %d, breadth %d, %s: %s", d.Advisor, d.Breadth, d.Quadrant, strings.Join(parts, "; "))
}
