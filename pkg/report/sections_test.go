package report_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/report"
)

// TestCoincidentClientsShareADot uses the consulting book, where
// kilbride-dairy and tessel-components both sit at advisor 58, breadth
// 29, and pike-engineering and zeeland-port-authority at 67, 47: each
// pair is one dot whose label names both, each name with its band's
// shape.
func TestCoincidentClientsShareADot(t *testing.T) {
	m, page := build(t, "../../examples/consulting")
	want := map[string][2]int{
		"tessel-components kilbride-dairy":        {58, 29},
		"zeeland-port-authority pike-engineering": {67, 47},
	}
	shared := 0
	for _, d := range m.Matrix.Dots {
		if len(d.Members) < 2 {
			continue
		}
		shared++
		at, ok := want[d.IDs]
		if !ok || d.Advisor != at[0] || d.Breadth != at[1] {
			t.Errorf("a shared dot of %q at (%d, %d)", d.IDs, d.Advisor, d.Breadth)
		}
		bands := map[string]bool{}
		for _, mem := range d.Members {
			bands[mem.Band] = true
		}
		if (len(bands) > 1) != (d.Band == report.Mixed) {
			t.Errorf("%s: band %q for members in %v", d.IDs, d.Band, bands)
		}
	}
	if shared != len(want) {
		t.Errorf("%d shared dots, want %d", shared, len(want))
	}
	doc := parse(t, page)
	for _, g := range all(doc, element("g", "client")) {
		ids, _ := attr(g, "data-clients")
		if _, ok := want[ids]; !ok {
			continue
		}
		label := one(t, g, "label of "+ids, element("text", "label"))
		var lines []string
		for c := label.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "tspan" {
				lines = append(lines, text(c))
			}
		}
		if len(lines) != 2 {
			t.Errorf("%s: label lines %q, want one per client", ids, lines)
			continue
		}
		for i, id := range strings.Fields(ids) {
			name := id
			for _, r := range m.Portfolio {
				if r.ID == id {
					name = r.Name
				}
			}
			if lines[i] != report.Mark(rowBand(m, id))+" "+name {
				t.Errorf("%s: line %d reads %q, want the band's shape and %q", ids, i, lines[i], name)
			}
		}
	}
}

func rowBand(m report.Model, id string) string {
	for _, r := range m.Portfolio {
		if r.ID == id {
			return r.Band
		}
	}
	return ""
}

// TestOpportunitiesSection: the header's count links to the section, which
// has one row per opportunity in accept's order, each with the decision
// accept.Evaluate gives and its conditions (review) or reasons (decline).
func TestOpportunitiesSection(t *testing.T) {
	m, page := build(t, agency)
	doc := parse(t, page)
	link := one(t, one(t, doc, "header", element("header", "top")), "link to the opportunities", element("a", ""))
	if href, _ := attr(link, "href"); href != "#opportunities" || text(link) != "3 opportunities" {
		t.Errorf("header link %q to %q", text(link), href)
	}
	section := one(t, doc, "opportunities section", func(n *html.Node) bool { id, _ := attr(n, "id"); return id == "opportunities" })
	rows := all(section, element("tr", ""))[1:]
	b, err := load.Load(agency)
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]accept.Result{}
	for _, o := range b.Opportunities {
		results[string(o.ID.Value)] = accept.Evaluate(b, o)
	}
	var order []string
	for _, row := range rows {
		id, _ := attr(row, "data-opportunity")
		order = append(order, id)
		r, ok := results[id]
		if !ok {
			t.Fatalf("row for %q: not an opportunity", id)
		}
		if got, _ := attr(row, "data-decision"); got != string(r.Decision) {
			t.Errorf("%s: decision %q, want %q", id, got, r.Decision)
		}
		pill := one(t, row, id+"'s decision", element("span", "pill"))
		if !strings.HasSuffix(text(pill), " "+string(r.Decision)) || len(strings.Fields(text(pill))) != 2 {
			t.Errorf("%s: decision reads %q: want a shape and the word", id, text(pill))
		}
		want := r.Conditions
		if r.Decision == accept.Decline {
			want = r.Reasons
		}
		var got []string
		for _, li := range all(one(t, row, id+"'s conditions", element("td", "conditions")), element("li", "")) {
			got = append(got, text(li))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: conditions %q, want %q", id, got, want)
		}
		if r.Decision == accept.Accept && len(want) != 0 {
			t.Errorf("%s: an accept with conditions", id)
		}
		if crit := all(row, element("li", "")); len(crit) < 6 {
			t.Errorf("%s: %d criteria shown", id, len(crit))
		}
	}
	// One of each decision, accept first.
	if want := []string{"tallis-robotics-brand", "nimbus-seo-programme", "trailhead-winter-launch"}; !slices.Equal(order, want) {
		t.Errorf("opportunities in order %q, want %q", order, want)
	}
	if o := m.Opportunities; o.Accept != 1 || o.Review != 1 || o.Decline != 1 {
		t.Errorf("counts %+v", o)
	}
}

// TestRelationshipMaps draws a key client's map on a hand-made book: an
// unowned stakeholder (marked, no tie), a weak tie (dashed), a tie with
// no strength (dotted), an owner the firm does not list, and a hostile
// name; the gaps are listed; ties do not cross (each member's
// stakeholders are together, in the team's order); only key clients have
// a map.
func TestRelationshipMaps(t *testing.T) {
	root := writeBook(t, map[string]string{
		"clientbook.yaml": firmFile + "  - {id: bo, name: Bo Berg, role: manager}\n",
		"clients/k/client.yaml": `kind: Client
id: k
name: Key Client
status: active
tier: key
since: 2024-01-01
owner: ann
stakeholders:
  - {name: "<i>Una</i> & Co", title: CEO, role: sponsor, strength: 4, owner: bo}
  - {name: Vic, title: CFO, role: decision-maker, strength: 2, owner: ann}
  - {name: Wen, role: user}
  - {name: Xia, role: user, strength: 3, owner: ann}
  - {name: Yan, role: user, owner: zed}
`,
		"clients/s/client.yaml": client("s", "active", ""),
	})
	m, page := build(t, root)
	if len(m.Maps) != 1 || m.Maps[0].ID != "k" {
		t.Fatalf("maps %+v, want one for the key client", m.Maps)
	}
	doc := parse(t, page)
	if len(all(doc, element("i", ""))) != 0 {
		t.Error("a stakeholder's name became markup")
	}
	svg := one(t, doc, "the map", element("svg", "relmap"))
	people := all(svg, element("g", "person"))
	var names []string
	y := map[string]float64{}
	for _, p := range people {
		key, _ := attr(p, "data-key")
		names = append(names, key)
		r := one(t, p, key+"'s box", element("rect", ""))
		v, _ := attr(r, "y")
		y[key], _ = strconv.ParseFloat(v, 64)
	}
	// ann's (Vic, Xia), bo's (Una), zed's (Yan), then the unowned (Wen).
	if want := []string{"Vic", "Xia", "<i>Una</i> & Co", "Yan", "Wen"}; !slices.Equal(names, want) {
		t.Errorf("their people in order %q, want %q", names, want)
	}
	for _, p := range people {
		key, _ := attr(p, "data-key")
		if (key == "Wen") != hasClass(p, "unowned") {
			t.Errorf("%s: unowned mark %v", key, hasClass(p, "unowned"))
		}
		if key == "Wen" && !strings.Contains(text(p), "no owner") {
			t.Errorf("the unowned stakeholder reads %q", text(p))
		}
	}
	ties := all(svg, element("path", "tie"))
	classes := map[string]string{}
	for _, tie := range ties {
		who, _ := attr(tie, "data-stakeholder")
		c, _ := attr(tie, "class")
		classes[who] = c
	}
	want := map[string]string{"<i>Una</i> & Co": "tie strong", "Vic": "tie weak", "Xia": "tie strong", "Yan": "tie unknown"}
	if len(ties) != 4 || !mapsEqual(classes, want) {
		t.Errorf("ties %v, want %v", classes, want)
	}
	// Widths grow with strength: 1 + 1.2 × s.
	for _, tie := range ties {
		who, _ := attr(tie, "data-stakeholder")
		w, _ := attr(tie, "stroke-width")
		if wantW := map[string]string{"<i>Una</i> & Co": "5.8", "Vic": "3.4", "Xia": "4.6", "Yan": "1.5"}[who]; w != wantW {
			t.Errorf("tie to %s is %s wide, want %s", who, w, wantW)
		}
	}
	team := all(svg, element("g", "team"))
	var members []string
	for _, g := range team {
		key, _ := attr(g, "data-key")
		members = append(members, key)
		if (key == "zed") != hasClass(g, "outside") {
			t.Errorf("%s: outside the firm's team %v", key, hasClass(g, "outside"))
		}
	}
	if !slices.Equal(members, []string{"ann", "bo", "zed"}) {
		t.Errorf("team %q", members)
	}
	// No crossing: down the stakeholders, their owners go down too.
	ownerY := map[string]float64{}
	for _, g := range team {
		key, _ := attr(g, "data-key")
		v, _ := attr(one(t, g, key+"'s box", element("rect", "")), "y")
		ownerY[key], _ = strconv.ParseFloat(v, 64)
	}
	last := -1.0
	for _, name := range names {
		var owner string
		for _, tie := range ties {
			if who, _ := attr(tie, "data-stakeholder"); who == name {
				owner, _ = attr(tie, "data-owner")
			}
		}
		if owner == "" {
			continue
		}
		if ownerY[owner] < last {
			t.Errorf("the tie to %s crosses another", name)
		}
		last = ownerY[owner]
	}
	var gaps []string
	for _, li := range all(one(t, doc, "the map's figure", element("figure", "relmap-card")), element("li", "")) {
		gaps = append(gaps, text(li))
	}
	for _, w := range []string{"unowned Wen has no owner", "weak-tie the tie to Vic is weak"} {
		if !slices.ContainsFunc(gaps, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("gaps %q: none starts %q", gaps, w)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
