package report

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

// labelBox is the box a placed label covers, from the model's numbers.
func labelBox(t *testing.T, d Dot) box {
	t.Helper()
	x, err1 := strconv.ParseFloat(d.LabelX, 64)
	y, err2 := strconv.ParseFloat(d.LabelY, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("label of %s at (%q, %q)", d.ID, d.LabelX, d.LabelY)
	}
	w := 0.0
	for _, m := range d.Label {
		w = max(w, textWidth(labelText(m), labelSize))
	}
	switch d.LabelAnchor {
	case "end":
		x -= w
	case "middle":
		x -= w / 2
	}
	return box{x, y - labelAscent, x + w, y + 3 + lineHeight*float64(len(d.Label)-1)}
}

// TestPlaceLabelsCrowd crowds the chart: clusters of dots close together
// and long names. Every label is placed clear of every dot, quadrant name
// and other label, or is left for the list under the chart; a label set
// apart from its dot has a leader; the same dots give the same places.
func TestPlaceLabelsCrowd(t *testing.T) {
	var dots []Dot
	for i := range 60 {
		a, b := 40+(i*7)%25, 30+(i*11)%30
		name := fmt.Sprintf("Client %02d", i)
		if i%5 == 0 {
			name = "A client with a very long name indeed, Ltd"
		}
		dots = append(dots, Dot{
			ID: fmt.Sprint(i), CX: X(b), CY: Y(a), radius: float64(5 + i%4*6),
			Label: []DotMember{{Name: name, Band: "healthy"}},
		})
	}
	// A dot whose edge touches a corner of the plot and one at 100, 100.
	dots = append(dots, Dot{ID: "corner", CX: X(100), CY: Y(100), radius: maxRadius, Label: []DotMember{{Name: "Top Corner Ltd", Band: "watch"}}})
	placeLabels(dots, matrixWidth, matrixHeight)
	var placed []box
	crowded := 0
	for _, d := range dots {
		if len(d.Label) == 0 {
			crowded++
			continue
		}
		lb := labelBox(t, d)
		if !lb.inside(matrixWidth, matrixHeight) {
			t.Errorf("label of %s outside the chart: %+v", d.ID, lb)
		}
		for _, o := range dots {
			if lb.overlaps(dotBox(o)) {
				t.Errorf("label of %s overlaps the dot of %s", d.ID, o.ID)
			}
		}
		for _, q := range quadrantCorners {
			if lb.overlaps(cornerBox(q)) {
				t.Errorf("label of %s overlaps the quadrant name %q", d.ID, q.Name)
			}
		}
		for _, p := range placed {
			if lb.overlaps(p) {
				t.Errorf("label of %s overlaps another label", d.ID)
			}
		}
		placed = append(placed, lb)
		// A leader starts on the dot's edge.
		if l := d.Leader; l != nil {
			x1, _ := strconv.ParseFloat(l.X1, 64)
			y1, _ := strconv.ParseFloat(l.Y1, 64)
			if r := math.Hypot(x1-float64(d.CX), y1-float64(d.CY)); math.Abs(r-d.radius) > 0.2 {
				t.Errorf("leader of %s starts %.1f from the centre, radius %.1f", d.ID, r, d.radius)
			}
		}
	}
	if crowded == 0 || len(placed) < 20 {
		t.Errorf("%d labels placed and %d crowded: the test no longer crowds the chart", len(placed), crowded)
	}
}

func TestPlaceLabelsDeterministic(t *testing.T) {
	mk := func() []Dot {
		var dots []Dot
		for i := range 30 {
			dots = append(dots, Dot{ID: fmt.Sprint(i), CX: X(50 + i%6), CY: Y(50 + i%5), radius: 8,
				Label: []DotMember{{Name: fmt.Sprintf("Client %d", i), Band: "watch"}}})
		}
		return dots
	}
	a, b := mk(), mk()
	placeLabels(a, matrixWidth, matrixHeight)
	placeLabels(b, matrixWidth, matrixHeight)
	for i := range a {
		if a[i].LabelX != b[i].LabelX || a[i].LabelY != b[i].LabelY || len(a[i].Label) != len(b[i].Label) {
			t.Fatalf("dot %d placed at (%s, %s) then (%s, %s)", i, a[i].LabelX, a[i].LabelY, b[i].LabelX, b[i].LabelY)
		}
	}
}

func TestMonthTicks(t *testing.T) {
	date := func(s string) book.Date {
		d, err := book.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	x := func(start, end book.Date) func(book.Date) float64 {
		return func(d book.Date) float64 {
			if end == start {
				return (trendLeft + trendRight) / 2
			}
			return trendLeft + float64(d-start)*(trendRight-trendLeft)/float64(end-start)
		}
	}
	tests := []struct {
		name, start, end string
		want             []string
	}{
		// 17 firsts of a month: every 1, 2 or 3 months is too many; every 6
		// from January gives three.
		{"the agency's span", "2025-06-10", "2026-11-23", []string{"Jul 2025", "Jan 2026", "Jul 2026"}},
		{"four months, each labelled", "2026-07-15", "2026-11-23", []string{"Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"}},
		{"five months, every other", "2026-06-15", "2026-11-23", []string{"Jul 2026", "Sep 2026", "Nov 2026"}},
		{"no first of a month in the span", "2026-11-02", "2026-11-23", []string{"Nov 2026"}},
		{"one day", "2026-11-23", "2026-11-23", []string{"Nov 2026"}},
		{"a first of a month is the start", "2026-10-01", "2026-11-23", []string{"Oct 2026", "Nov 2026"}},
		{"ten years: every five", "2016-03-01", "2026-11-23", []string{"Jan 2020", "Jan 2025"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := date(tt.start), date(tt.end)
			var got []string
			for _, m := range monthTicks(s, e, x(s, e)) {
				got = append(got, m.Label)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("months %q, want %q", got, tt.want)
			}
		})
	}
}
