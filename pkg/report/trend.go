package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
)

// The trend charts' geometry: small multiples sharing one date axis (the
// oldest round of any active client to today) and the 0–100 score axis.
const (
	trendWidth  = 280
	trendHeight = 150
	trendLeft   = 30
	trendRight  = trendWidth - 14
	trendTop    = 12
	trendBottom = 122 // y of score 0
)

// Trends holds one chart per active client, in rank order.
type Trends struct {
	Width, Height int
	Left, Right   int
	Start, End    string // the shared date axis
	StartX, EndX  int
	TickX         int
	DateY         int
	AxisY         int // the score axis's 0, where month ticks hang from
	MonthTickY    int
	Ticks         []TrendTick
	Months        []MonthTick // the date axis's labels
	Charts        []Trend
}

// MonthTick labels the first of a month on the date axis.
type MonthTick struct {
	Label  string // "Jan 2026"
	At     string // the first of the month's x, where its tick is drawn
	X      string // where the label is: At, or moved inside the chart near its edges
	Anchor string // middle, or start/end by the chart's edges
}

// maxMonthTicks is how many month labels fit under a chart: at the axis's
// font size "Sep 2026" is about 45 units of the 236 between its ends.
const maxMonthTicks = 4

// monthSteps are the intervals between labelled months, shortest first:
// the axis takes the shortest that keeps within maxMonthTicks.
var monthSteps = []int{1, 2, 3, 6, 12, 24, 60}

// TrendTick is a score grid line: 0, 50, 100 and the firm's band edges.
type TrendTick struct {
	Label string
	Y     string
	Class string
}

// Trend is one client's health over its rounds, oldest first.
type Trend struct {
	ID, Name string
	Score    string // the current score, "–" when unrated
	Band     string
	Trend    string // arrow
	Rounds   int    // rounds with a score
	Points   []TrendPoint
	Line     string // polyline points, "" with fewer than two
	Last     *TrendPoint
}

// TrendPoint is one round.
type TrendPoint struct {
	X, Y   string
	LabelY string // where the score's label goes: above the point, or below it near the top
	Date   string
	Score  int
	Band   string
}

// scoreY maps a 0–100 score to the trend chart's y.
func scoreY(score int) float64 {
	return trendBottom - float64(score)*(trendBottom-trendTop)/100
}

func trendsOf(entries []portfolio.Entry, healthOf map[string]*health.Result, s *book.Settings, today book.Date) Trends {
	t := Trends{
		Width: trendWidth, Height: trendHeight,
		Left: trendLeft, Right: trendRight,
		StartX: trendLeft, EndX: trendRight, TickX: trendLeft - 5, DateY: trendHeight - 8,
		AxisY: trendBottom, MonthTickY: trendBottom + 5,
		Charts: []Trend{},
	}
	start, end := today, today
	for i := range entries {
		for _, r := range healthOf[entries[i].ID].Rounds {
			if r.Score != nil {
				start, end = min(start, r.Newest), max(end, r.Newest)
			}
		}
	}
	t.Start, t.End = start.String(), end.String()
	tick := func(v int, class string) TrendTick {
		return TrendTick{Label: fmt.Sprint(v), Y: fixed1(scoreY(v)), Class: class}
	}
	ticks := []TrendTick{tick(0, "grid"), tick(100, "grid")}
	if s.BandWatch > 0 && s.BandWatch < 100 {
		ticks = append(ticks, tick(s.BandWatch, "edge-"+health.Watch))
	}
	if s.BandHealthy > 0 && s.BandHealthy < 100 {
		ticks = append(ticks, tick(s.BandHealthy, "edge-"+health.Healthy))
	}
	t.Ticks = ticks
	x := func(d book.Date) float64 {
		if end == start {
			return (trendLeft + trendRight) / 2
		}
		return trendLeft + float64(d-start)*(trendRight-trendLeft)/float64(end-start)
	}
	t.Months = monthTicks(start, end, x)
	for i := range entries {
		e := &entries[i]
		h := healthOf[e.ID]
		c := Trend{ID: e.ID, Name: nameOr(e.Name, e.ID), Score: "–", Band: e.Band, Points: []TrendPoint{}}
		if e.Score != nil {
			c.Score = fmt.Sprint(*e.Score)
		}
		if e.Trend != nil {
			c.Trend = trendArrows[*e.Trend]
		}
		// Rounds are newest first; the chart reads oldest to newest.
		var coords []string
		for j := len(h.Rounds) - 1; j >= 0; j-- {
			r := h.Rounds[j]
			if r.Score == nil {
				continue
			}
			y := scoreY(*r.Score)
			p := TrendPoint{X: fixed1(x(r.Newest)), Y: fixed1(y), LabelY: fixed1(y - 7), Date: r.Newest.String(), Score: *r.Score, Band: r.Band}
			if *r.Score > 85 {
				p.LabelY = fixed1(y + 15)
			}
			c.Points = append(c.Points, p)
			coords = append(coords, p.X+","+p.Y)
		}
		c.Rounds = len(c.Points)
		if len(coords) > 1 {
			c.Line = strings.Join(coords, " ")
		}
		if n := len(c.Points); n > 0 {
			c.Last = &c.Points[n-1]
		}
		t.Charts = append(t.Charts, c)
	}
	return t
}

// monthTicks labels the first of every step-th month between start and
// end, counted from January of year 0: every January and every step
// months from it for a step up to 12, every other January for 24, the
// Januaries of years divisible by 5 for 60. When no first of a month
// falls in the span, start's month is labelled at start.
func monthTicks(start, end book.Date, x func(book.Date) float64) []MonthTick {
	first := func(y int, m time.Month) book.Date { return book.DateOf(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)) }
	var months []book.Date
	s := start.Time()
	for d := first(s.Year(), s.Month()); d <= end; d = first(d.Time().Year(), d.Time().Month()+1) {
		if d >= start {
			months = append(months, d)
		}
	}
	var chosen []book.Date
	for _, step := range monthSteps {
		chosen = chosen[:0]
		for _, d := range months {
			if t := d.Time(); (t.Year()*12+int(t.Month())-1)%step == 0 {
				chosen = append(chosen, d)
			}
		}
		if len(chosen) <= maxMonthTicks {
			break
		}
	}
	if len(chosen) == 0 {
		chosen = []book.Date{start}
	}
	out := []MonthTick{}
	for _, d := range chosen {
		at := x(d)
		v, anchor := at, "middle"
		switch {
		case v < trendLeft+monthHalf:
			anchor, v = "start", max(v, trendLeft-monthHalf/2)
		case v > trendRight-monthHalf:
			anchor, v = "end", min(v, trendRight+monthHalf/2)
		}
		out = append(out, MonthTick{Label: d.Time().Format("Jan 2006"), At: fixed1(at), X: fixed1(v), Anchor: anchor})
	}
	return out
}

// monthHalf is half a month label's width, in the chart's units.
const monthHalf = 23
