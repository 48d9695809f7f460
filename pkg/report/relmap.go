package report

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/clientbook/clientbook/pkg/relmap"
)

// The relationship map's geometry (SPEC §12), in SVG user units: our team
// in the left column, their people in the right, one row per stakeholder.
// The stakeholders are grouped by the team member who owns the tie, in
// the team's order, so that no two edges cross; a team member stands
// level with the middle of their stakeholders.
const (
	mapWidth    = 600
	mapTop      = 30 // below the columns' headings
	mapBoxH     = 40
	mapPitch    = 52 // a row: a box and the gap under it
	mapTeamW    = 190
	mapPeopleX  = 310
	mapPeopleW  = mapWidth - mapPeopleX
	mapTextPad  = 10
	mapNameSize = 12.5
	mapNoteSize = 11
	mapBottom   = 8
)

// RelMap is one key client's relationship map, laid out.
type RelMap struct {
	ID, Name      string
	Width, Height int
	TeamX         int // the team column's left edge
	PeopleX       int // the stakeholders' column's left edge
	HeadingY      int
	Team          []MapNode
	People        []MapNode
	Edges         []MapEdge
	Gaps          []MapGap
}

// MapNode is one box: a team member or a stakeholder.
type MapNode struct {
	Key          string // the team member's id, or the stakeholder's name
	X, Y, W, H   int
	TextX        int
	NameY, NoteY int
	Name         string // shortened to fit the box; Title holds it whole
	Note         string // title · role · strength, or the member's ties
	Title        string
	Class        string // unowned, weak, strong, unknown; outside (an owner the firm does not list); spof
}

// MapEdge is the tie between a team member and a stakeholder: its width
// grows with the strength, a weak tie (≤ 2) is dashed, a tie with no
// strength recorded is dotted.
type MapEdge struct {
	Owner, Stakeholder string
	D                  string // the path
	Width              string
	Class              string // strong, weak, unknown
	Title              string
}

// MapGap is one gap the map names.
type MapGap struct {
	Kind    string
	Message string
}

func mapsOf(ms []relmap.Map) []RelMap {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b relmap.Map) int { return strings.Compare(a.ID, b.ID) })
	out := []RelMap{}
	for _, m := range ms {
		out = append(out, layoutMap(m))
	}
	return out
}

func layoutMap(m relmap.Map) RelMap {
	r := RelMap{ID: m.ID, Name: m.Name, Width: mapWidth, TeamX: 0, PeopleX: mapPeopleX, HeadingY: 14,
		Team: []MapNode{}, People: []MapNode{}, Edges: []MapEdge{}, Gaps: []MapGap{}}
	for _, g := range m.Gaps {
		r.Gaps = append(r.Gaps, MapGap{Kind: g.Kind, Message: g.Message})
	}
	spof := map[string]bool{}
	for _, g := range m.Gaps {
		if g.Kind == relmap.SinglePoint {
			spof[g.Subject] = true
		}
	}
	// Stakeholders grouped by owner in the team's order, the unowned
	// last; file order within a group.
	rank := map[string]int{}
	for i, mem := range m.Team {
		rank[mem.ID] = i
	}
	people := slices.Clone(m.Stakeholders)
	slices.SortStableFunc(people, func(a, b relmap.Stakeholder) int {
		ra, rb := len(m.Team), len(m.Team)
		if a.Owner != nil {
			ra = rank[*a.Owner]
		}
		if b.Owner != nil {
			rb = rank[*b.Owner]
		}
		return ra - rb
	})
	rows := max(len(people), len(m.Team), 1)
	r.Height = mapTop + rows*mapPitch - (mapPitch - mapBoxH) + mapBottom
	centre := map[string][]int{} // owner → the centres of their stakeholders
	for i, st := range people {
		y := mapTop + i*mapPitch
		n := MapNode{Key: st.Name, X: mapPeopleX, Y: y, W: mapPeopleW, H: mapBoxH}
		// The strength and the role first: a long title is what a
		// narrow box cuts short.
		var note []string
		switch {
		case st.Strength == nil:
			note = append(note, "strength not recorded")
			n.Class = "unknown"
		case *st.Strength < relmap.Strong:
			note = append(note, fmt.Sprintf("strength %d, weak", *st.Strength))
			n.Class = "weak"
		default:
			note = append(note, fmt.Sprintf("strength %d", *st.Strength))
			n.Class = "strong"
		}
		if st.Role != nil && *st.Role != "" {
			note = append(note, *st.Role)
		}
		if st.Title != nil && *st.Title != "" {
			note = append(note, *st.Title)
		}
		if st.Owner == nil {
			n.Class += " unowned"
			note = append([]string{"⚠ no owner"}, note...)
		} else {
			centre[*st.Owner] = append(centre[*st.Owner], y+mapBoxH/2)
		}
		fill(&n, st.Name, strings.Join(note, " · "))
		r.People = append(r.People, n)
	}
	// Each member level with the middle of their stakeholders, pushed
	// down where the one above is in the way and up from the bottom.
	ys := make([]int, len(m.Team))
	for i, mem := range m.Team {
		cs := centre[mem.ID]
		mid := (cs[0] + cs[len(cs)-1]) / 2
		ys[i] = max(mid-mapBoxH/2, mapTop)
		if i > 0 {
			ys[i] = max(ys[i], ys[i-1]+mapPitch)
		}
	}
	for i := len(ys) - 1; i >= 0; i-- {
		limit := mapTop + (rows-1)*mapPitch
		if i < len(ys)-1 {
			limit = ys[i+1] - mapPitch
		}
		ys[i] = min(ys[i], limit)
	}
	for i, mem := range m.Team {
		n := MapNode{Key: mem.ID, X: 0, Y: ys[i], W: mapTeamW, H: mapBoxH, Class: "member"}
		note := fmt.Sprintf("%d %s, %d strong", mem.Ties, plural(mem.Ties, "tie", "ties"), mem.Strong)
		if !mem.InTeam {
			n.Class += " outside"
			note += " · not in the firm’s team"
		}
		if spof[mem.Name] {
			n.Class += " spof"
			note = "⚠ " + note
		}
		fill(&n, mem.Name, note)
		r.Team = append(r.Team, n)
	}
	teamY := map[string]int{}
	for i, mem := range m.Team {
		teamY[mem.ID] = ys[i] + mapBoxH/2
	}
	for i, st := range people {
		if st.Owner == nil {
			continue
		}
		x0, y0 := mapTeamW, teamY[*st.Owner]
		x1, y1 := mapPeopleX, r.People[i].Y+mapBoxH/2
		mid := (x0 + x1) / 2
		e := MapEdge{
			Owner: *st.Owner, Stakeholder: st.Name,
			D:     fmt.Sprintf("M%d %d C%d %d %d %d %d %d", x0, y0, mid, y0, mid, y1, x1, y1),
			Width: "1.5", Class: "unknown",
		}
		owner := *st.Owner
		for _, mem := range m.Team {
			if mem.ID == owner {
				owner = mem.Name
			}
		}
		e.Title = fmt.Sprintf("%s knows %s: strength not recorded", owner, st.Name)
		if st.Strength != nil {
			s := *st.Strength
			e.Width = fixed1(1 + 1.2*float64(s))
			e.Class = "strong"
			if s < relmap.Strong {
				e.Class = "weak"
			}
			e.Title = fmt.Sprintf("%s knows %s: strength %d", owner, st.Name, s)
		}
		r.Edges = append(r.Edges, e)
	}
	return r
}

// fill sets a box's lines, each shortened to fit the box, and its tooltip.
func fill(n *MapNode, name, note string) {
	n.TextX = n.X + mapTextPad
	n.NameY = n.Y + 17
	n.NoteY = n.Y + 32
	room := float64(n.W - 2*mapTextPad)
	n.Name = fit(name, room, mapNameSize, charWidth)
	n.Note = fit(note, room, mapNoteSize, regularWidth)
	n.Title = name + ": " + note
}

// regularWidth is a generous average glyph width at labelSize for text of
// regular weight.
const regularWidth = 6.4

// fit shortens s with an ellipsis until its estimated width, at glyph
// width per labelSize, is within room.
func fit(s string, room, size, glyph float64) string {
	per := glyph * size / labelSize
	if float64(utf8.RuneCountInString(s))*per <= room {
		return s
	}
	keep := int(room/per) - 1
	if keep < 1 || utf8.RuneCountInString(s) <= keep {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:keep])) + "…"
}
