package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/report"
)

const agency = "../../examples/agency"

// today is the date the example books were written for.
var today = mustDate("2026-11-23")

func mustDate(s string) book.Date {
	d, err := book.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// build loads the book at root and assembles the report with the report
// command's own wiring (FromBook), returning the model and the page.
func build(t *testing.T, root string) (report.Model, []byte) {
	t.Helper()
	b, err := load.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	m := report.FromBook(b, today, book.Duration(14))
	var buf bytes.Buffer
	if err := report.Write(&buf, m); err != nil {
		t.Fatal(err)
	}
	return m, buf.Bytes()
}

// parse parses the page as a browser would.
func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return slices.Contains(strings.Fields(v), class)
}

// all returns the elements below n (n included) for which keep is true,
// in document order.
func all(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func element(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag && (class == "" || hasClass(n, class)) }
}

// one returns the single element matching keep.
func one(t *testing.T, n *html.Node, what string, keep func(*html.Node) bool) *html.Node {
	t.Helper()
	got := all(n, keep)
	if len(got) != 1 {
		t.Fatalf("%s: found %d, want 1", what, len(got))
	}
	return got[0]
}

// text is the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a whole number: %v", s, err)
	}
	return n
}

// The agency's portfolio order and matrix positions, as `clientbook
// portfolio` and `clientbook matrix` print them on 2026-11-23.
var agencyRanked = []string{"kestrel-outdoor", "nimbus-software", "copperleaf-coffee", "fenwick-foods", "harbour-hotels", "pennant-home"}

func TestAgencyPortfolioTable(t *testing.T) {
	_, page := build(t, agency)
	doc := parse(t, page)
	table := one(t, doc, "portfolio table", element("table", "portfolio"))
	tbody := one(t, table, "portfolio tbody", element("tbody", ""))
	rows := all(tbody, element("tr", ""))
	var ids []string
	for i, tr := range rows {
		id, _ := attr(tr, "data-client")
		ids = append(ids, id)
		cells := all(tr, element("td", ""))
		if len(cells) != 11 {
			t.Fatalf("row %d has %d cells, want the 11 columns of SPEC §6", i+1, len(cells))
		}
		if got := text(cells[0]); got != strconv.Itoa(i+1) {
			t.Errorf("row %d: rank %q, want %d", i+1, got, i+1)
		}
		if got := text(one(t, cells[1], "client id", element("span", "id"))); got != id {
			t.Errorf("row %d: client cell shows id %q, row is %q", i+1, got, id)
		}
	}
	if !slices.Equal(ids, agencyRanked) {
		t.Errorf("portfolio rows %v, want one per active client in rank order %v", ids, agencyRanked)
	}
	// Spot-check the formatting of the top row against the portfolio
	// command's figures: revenue 575000 (of 1239500 in all: 46.39%),
	// margin 0.32, 170 hours, net contribution 158500, attractiveness 98,
	// invest.
	first := all(rows[0], element("td", ""))
	for i, want := range map[int]string{3: "● 93 healthy↑", 4: "575,000.0046.4% of revenue", 5: "32.0%", 6: "170", 7: "158,500.00", 8: "98", 9: "invest"} {
		if got := text(first[i]); got != want {
			t.Errorf("kestrel-outdoor column %d: %q, want %q", i+1, got, want)
		}
	}
}

func TestAgencyMatrixDots(t *testing.T) {
	m, page := build(t, agency)
	doc := parse(t, page)
	svg := one(t, doc, "matrix chart", element("svg", "matrix"))
	dots := all(svg, element("circle", "dot"))

	// One dot per active client with an advisor score: the five active
	// clients (ashdown-distillery is not active, so it is left out).
	positions := map[string]health.MatrixRow{}
	b, err := load.Load(agency)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range b.Clients {
		row := health.MatrixRowOf(health.Assess(c, b.Settings, today))
		if c.Status.Value == "active" && row.Advisor != nil {
			positions[row.ID] = row
		}
	}
	if len(dots) != len(positions) || len(dots) != 6 {
		t.Fatalf("%d dots, want one per active rated client (%d)", len(dots), len(positions))
	}
	seen := map[string]bool{}
	for _, d := range dots {
		id, _ := attr(d, "data-client")
		row, ok := positions[id]
		if !ok || seen[id] {
			t.Fatalf("dot for %q: not an active rated client, or twice", id)
		}
		seen[id] = true
		cx, _ := attr(d, "cx")
		cy, _ := attr(d, "cy")
		if atoi(t, cx) != report.X(row.Breadth) || atoi(t, cy) != report.Y(*row.Advisor) {
			t.Errorf("%s at (%s, %s), want breadth %d → x %d, advisor %d → y %d",
				id, cx, cy, row.Breadth, report.X(row.Breadth), *row.Advisor, report.Y(*row.Advisor))
		}
		if r, _ := attr(d, "r"); r == "" {
			t.Errorf("%s: dot without a radius", id)
		}
	}

	// Worked by hand: the plot's left edge is x 64 and its bottom y 550,
	// 5 units a point.
	//   kestrel-outdoor: advisor 89, breadth 100 → x 64 + 500 = 564, y 550 − 445 = 105
	//   harbour-hotels:  advisor 25, breadth 47  → x 64 + 235 = 299, y 550 − 125 = 425
	want := map[string][2]string{"kestrel-outdoor": {"564", "105"}, "harbour-hotels": {"299", "425"}}
	for _, d := range dots {
		id, _ := attr(d, "data-client")
		if w, ok := want[id]; ok {
			cx, _ := attr(d, "cx")
			cy, _ := attr(d, "cy")
			if cx != w[0] || cy != w[1] {
				t.Errorf("%s at (%s, %s), want (%s, %s)", id, cx, cy, w[0], w[1])
			}
		}
	}

	// Area follows revenue: kestrel-outdoor (575,000) is the largest dot,
	// copperleaf-coffee (21,500) the smallest; every dot is at least the
	// minimum radius.
	radius := map[string]float64{}
	for _, d := range dots {
		id, _ := attr(d, "data-client")
		r, _ := attr(d, "r")
		radius[id], _ = strconv.ParseFloat(r, 64)
	}
	if radius["kestrel-outdoor"] != 30 {
		t.Errorf("largest client's radius %v, want 30", radius["kestrel-outdoor"])
	}
	// harbour-hotels: 30 × √(265000/575000) = 20.37 → 20.4
	if radius["harbour-hotels"] != 20.4 {
		t.Errorf("harbour-hotels radius %v, want 20.4", radius["harbour-hotels"])
	}
	for id, r := range radius {
		if r < 5 {
			t.Errorf("%s radius %v below the minimum of 5", id, r)
		}
	}

	// The quadrant names are in the corners, and nobody is left off.
	corners := all(svg, element("text", "corner"))
	var names []string
	for _, c := range corners {
		names = append(names, text(c))
	}
	if !slices.Equal(names, []string{"trusted advisor", "trusted partner", "expert for hire", "vendor"}) {
		t.Errorf("corner names %v", names)
	}
	if len(m.Matrix.Unplaced) != 0 {
		t.Errorf("unplaced %v, want none in the agency book", m.Matrix.Unplaced)
	}
}

func TestAgencyTrendCharts(t *testing.T) {
	m, page := build(t, agency)
	doc := parse(t, page)
	cards := all(doc, element("figure", "trend-card"))
	var ids []string
	for _, card := range cards {
		id, _ := attr(card, "data-client")
		ids = append(ids, id)
		svg := one(t, card, "trend chart of "+id, element("svg", "trend"))
		points := all(svg, element("circle", "pt"))
		var chart report.Trend
		for _, c := range m.Trends.Charts {
			if c.ID == id {
				chart = c
			}
		}
		if len(points) == 0 || len(points) != chart.Rounds {
			t.Errorf("%s: %d points, want one per scored round (%d)", id, len(points), chart.Rounds)
		}
		lines := all(svg, element("polyline", "line"))
		if (len(points) > 1) != (len(lines) == 1) {
			t.Errorf("%s: %d points and %d lines; want a line exactly when there are two rounds or more", id, len(points), len(lines))
		}
		// Oldest to newest: x grows along the line.
		prev := -1.0
		for _, p := range points {
			v, _ := attr(p, "cx")
			x, _ := strconv.ParseFloat(v, 64)
			if x <= prev {
				t.Errorf("%s: rounds not oldest to newest (x %v after %v)", id, x, prev)
			}
			prev = x
		}
	}
	if !slices.Equal(ids, agencyRanked) {
		t.Errorf("trend charts for %v, want one per active client %v", ids, agencyRanked)
	}
	// harbour-hotels has three rounds: 78 (2025-11), 59 (2026-05), 29 (2026-11).
	for _, c := range m.Trends.Charts {
		if c.ID == "harbour-hotels" {
			var scores []int
			for _, p := range c.Points {
				scores = append(scores, p.Score)
			}
			if len(scores) < 2 || scores[len(scores)-1] != 29 {
				t.Errorf("harbour-hotels trend %v, want it to end at the current score 29", scores)
			}
		}
	}
}

func TestAgencyDueAndCheck(t *testing.T) {
	m, page := build(t, agency)
	doc := parse(t, page)
	rows := all(one(t, doc, "due table", element("table", "due")), element("tr", ""))[1:] // after the header
	if len(rows) != 13 {
		t.Fatalf("%d due rows, want the 13 that `due` lists", len(rows))
	}
	overdue := 0
	for i, tr := range rows {
		if hasClass(tr, "overdue") {
			if i != overdue {
				t.Errorf("overdue row %d after a row that is not overdue", i+1)
			}
			overdue++
		}
	}
	if overdue != 5 || m.Due.Overdue != 5 {
		t.Errorf("%d overdue rows highlighted (model %d), want 5", overdue, m.Due.Overdue)
	}
	c := m.Check
	if c.Errors != 0 || c.Warnings != 11 || c.Infos != 0 || c.Files != 38 {
		t.Errorf("check summary %+v, want 0 errors, 11 warnings, 0 infos in 38 files", c)
	}
	findings := all(one(t, doc, "findings table", element("table", "findings")), element("tr", ""))[1:]
	if len(findings) != 11 {
		t.Errorf("%d finding rows, want 11", len(findings))
	}
}

// TestSelfContained checks that the page fetches nothing: no script, no
// stylesheet link, no image, no external reference of any kind.
func TestSelfContained(t *testing.T) {
	_, page := build(t, agency)
	doc := parse(t, page)
	for _, tag := range []string{"script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject"} {
		if n := all(doc, element(tag, "")); len(n) > 0 {
			t.Errorf("the page has a <%s> element", tag)
		}
	}
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "href" && strings.HasPrefix(a.Val, "#") {
				// A link within the page: its target must be there.
				if len(all(doc, func(n *html.Node) bool { id, _ := attr(n, "id"); return "#"+id == a.Val })) != 1 {
					t.Errorf("<%s href=%q>: no element has that id", n.Data, a.Val)
				}
				continue
			}
			if a.Key == "src" || a.Key == "href" || strings.HasPrefix(a.Key, "on") || a.Key == "style" {
				t.Errorf("<%s %s=%q>: the page must not reference or run anything", n.Data, a.Key, a.Val)
			}
		}
	}
	if bytes.Contains(page, []byte("url(")) || bytes.Contains(page, []byte("@import")) {
		t.Error("the CSS references an external resource")
	}
}

func TestDeterministic(t *testing.T) {
	_, first := build(t, agency)
	_, second := build(t, agency)
	if !bytes.Equal(first, second) {
		t.Fatal("two builds of the same book on the same day differ")
	}
	if !bytes.Contains(first, []byte("2026-11-23")) {
		t.Error("the page does not show its date")
	}
}

// hostile is a client name that would run a script if it were not escaped.
const hostile = `<script>alert(1)</script> & "quotes"`

func TestHostileNamesAreEscaped(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(agency)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "clients", "kestrel-outdoor", "client.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	renamed := false
	for i, l := range lines {
		if strings.HasPrefix(l, "name: ") {
			lines[i] = "name: '" + hostile + "'"
			renamed = true
			break
		}
	}
	if !renamed {
		t.Fatal("no name line in kestrel-outdoor's client.yaml")
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	m, page := build(t, root)
	if m.Portfolio[0].Name != hostile {
		t.Fatalf("the book did not read the hostile name: %q", m.Portfolio[0].Name)
	}
	if bytes.Contains(page, []byte("<script")) {
		t.Error("the page holds a <script> tag")
	}
	if !bytes.Contains(page, []byte(`&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;`)) {
		t.Error("the hostile name does not appear escaped")
	}
	doc := parse(t, page)
	if n := all(doc, element("script", "")); len(n) > 0 {
		t.Fatalf("the browser would see %d <script> elements", len(n))
	}
	// Read back as text, the name is the name: in the table, as the dot's
	// label, in the dot's tooltip, on the trend chart and in an attribute.
	cell := all(one(t, doc, "portfolio table", element("table", "portfolio")), element("td", "client"))[0]
	if got := text(cell); got != hostile+"kestrel-outdoor" {
		t.Errorf("table cell reads %q", got)
	}
	var label, tooltip string
	for _, g := range all(doc, element("g", "client")) {
		if id, _ := attr(g, "data-client"); id == "kestrel-outdoor" {
			label = text(one(t, g, "label", element("text", "label")))
			tooltip = text(one(t, g, "tooltip", element("title", "")))
		}
	}
	// The label is shortened to fit beside the dot; the tooltip keeps the
	// whole name.
	if !strings.HasPrefix(label, "● <script>") || !strings.Contains(tooltip, ": "+hostile+" (kestrel-outdoor)") {
		t.Errorf("dot label %q, tooltip %q", label, tooltip)
	}
	for _, svg := range all(doc, element("svg", "trend")) {
		if id, _ := attr(svg, "data-client"); id == "kestrel-outdoor" {
			if got, _ := attr(svg, "aria-label"); !strings.Contains(got, hostile) {
				t.Errorf("trend aria-label %q", got)
			}
		}
	}
}

// TestUnratedClients uses the consulting book, whose brennan-group is
// active and never assessed: it has a portfolio row, no dot, a place in
// the list under the matrix and a trend card without a chart.
func TestUnratedClients(t *testing.T) {
	m, page := build(t, "../../examples/consulting")
	doc := parse(t, page)
	for _, d := range all(doc, element("circle", "dot")) {
		if id, _ := attr(d, "data-client"); id == "brennan-group" {
			t.Error("an unrated client has a dot")
		}
	}
	placed := 0
	for _, d := range m.Matrix.Dots {
		placed += len(d.Members)
	}
	if placed != len(m.Portfolio)-1 {
		t.Errorf("%d clients on the matrix of %d active clients, want all but brennan-group", placed, len(m.Portfolio))
	}
	under := one(t, doc, "list under the matrix", element("div", "unplaced"))
	li := one(t, under, "unplaced client", element("li", ""))
	if id, _ := attr(li, "data-client"); id != "brennan-group" || !strings.Contains(text(li), "not assessed yet") {
		t.Errorf("listed under the matrix: %q (%s)", text(li), id)
	}
	for _, card := range all(doc, element("figure", "trend-card")) {
		if id, _ := attr(card, "data-client"); id == "brennan-group" {
			if len(all(card, element("svg", ""))) != 0 || !strings.Contains(text(card), "Not assessed yet") {
				t.Errorf("brennan-group's trend card: %q", text(card))
			}
		}
	}
	var row *report.Row
	for i := range m.Portfolio {
		if m.Portfolio[i].ID == "brennan-group" {
			row = &m.Portfolio[i]
		}
	}
	if row == nil || row.Score != "–" || row.Band != health.Unrated || row.Quadrant != "" {
		t.Errorf("brennan-group's row %+v, want unrated and not placed", row)
	}
}

// hostileControls is a client name made to drive a terminal and to forge a
// CI annotation: a clear-screen sequence, an OSC 8 link, BEL, CR, LF then a
// workflow command, a C1 CSI and a right-to-left override.
const (
	hostileControls     = "\x1b[2JKestrel\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\a\r\n::error file=x::pwned \u009b31m \u202eevil"
	hostileControlsYAML = `"\e[2JKestrel\e]8;;https://evil.example\e\\link\e]8;;\e\\\a\r\n::error file=x::pwned \u009B31m \u202Eevil"`
	hostileShown        = `\x1b[2JKestrel\x1b]8;;https://evil.example\x1b\link\x1b]8;;\x1b\\x07\r\n::error file=x::pwned \u009b31m \u202eevil`
)

// TestControlCharactersAreEscaped: html/template makes a value text, and
// inert.Text makes its control characters visible escapes, in text nodes
// and attributes alike; the model keeps the name as it is.
func TestControlCharactersAreEscaped(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(agency)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "clients", "kestrel-outdoor", "client.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "name: ") {
			lines[i] = "name: " + hostileControlsYAML
			break
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	m, page := build(t, root)
	if m.Portfolio[0].Name != hostileControls {
		t.Fatalf("the book did not read the hostile name: %q", m.Portfolio[0].Name)
	}
	for _, c := range []string{"\x1b", "\a", "\r", "\u009b", "\u202e"} {
		if bytes.Contains(page, []byte(c)) {
			t.Errorf("the page holds %q", c)
		}
	}
	if !bytes.Contains(page, []byte(`<td class="client">`+hostileShown+`<span class="id">kestrel-outdoor</span></td>`)) {
		t.Error("the portfolio table does not show the escaped name")
	}
	doc := parse(t, page)
	var label, tooltip string
	for _, g := range all(doc, element("g", "client")) {
		if id, _ := attr(g, "data-client"); id == "kestrel-outdoor" {
			label = text(one(t, g, "label", element("text", "label")))
			tooltip = text(one(t, g, "tooltip", element("title", "")))
		}
	}
	if !strings.HasPrefix(label, "● "+hostileShown[:10]) || !strings.Contains(tooltip, ": "+hostileShown+" (kestrel-outdoor)") {
		t.Errorf("dot label %q, tooltip %q", label, tooltip)
	}
	for _, svg := range all(doc, element("svg", "trend")) {
		if id, _ := attr(svg, "data-client"); id == "kestrel-outdoor" {
			if got, _ := attr(svg, "aria-label"); got != "health of "+hostileShown+" over 3 rounds" {
				t.Errorf("trend aria-label %q", got)
			}
		}
	}
}
