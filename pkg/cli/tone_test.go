package cli

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// A health row's band and trend cells carry the tone of the band and the
// trend the row holds, whatever the cells' text says.
func TestHealthCellTones(t *testing.T) {
	str := func(s string) *string { return &s }
	yes, no := true, false
	tests := []struct {
		name       string
		row        health.Row
		band       string
		bandTone   render.Tone
		trendTone  render.Tone
		trendShown string
	}{
		{"healthy and up", health.Row{Band: health.Healthy, Trend: str(health.Up), Incomplete: &no}, "healthy", render.ToneGood, render.ToneGood, "up"},
		{"watch and flat", health.Row{Band: health.Watch, Trend: str(health.Flat)}, "watch", render.ToneWarn, render.ToneNone, "flat"},
		{"at-risk and down", health.Row{Band: health.AtRisk, Trend: str(health.Down)}, "at-risk", render.ToneBad, render.ToneBad, "down"},
		{"unrated, no trend", health.Row{Band: health.Unrated}, "unrated", render.ToneDim, render.ToneNone, ""},
		{"incomplete is marked and faint", health.Row{Band: health.Healthy, Trend: str(health.New), Incomplete: &yes}, "healthy*", render.ToneDim, render.ToneNone, "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := healthCells(tt.row)
			if got := cells[2]; got != (render.Cell{Text: tt.band, Tone: tt.bandTone}) {
				t.Errorf("band cell = %+v, want %q in tone %d", got, tt.band, tt.bandTone)
			}
			if got := cells[3]; got != (render.Cell{Text: tt.trendShown, Tone: tt.trendTone}) {
				t.Errorf("trend cell = %+v, want %q in tone %d", got, tt.trendShown, tt.trendTone)
			}
		})
	}
}

func TestDecisionAndActionTones(t *testing.T) {
	decisions := map[accept.Decision]render.Tone{accept.Accept: render.ToneGood, accept.Review: render.ToneWarn, accept.Decline: render.ToneBad}
	for d, want := range decisions {
		if got := decisionTone(d); got != want {
			t.Errorf("decisionTone(%s) = %d, want %d", d, got, want)
		}
	}
	actions := map[string]render.Tone{"invest": render.ToneGood, "maintain": render.ToneNone, "renegotiate": render.ToneWarn, "de-prioritize": render.ToneWarn, "recover": render.ToneBad, "exit": render.ToneBad}
	for a, want := range actions {
		if got := actionTone(a); got != want {
			t.Errorf("actionTone(%s) = %d, want %d", a, got, want)
		}
	}
}
