package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/clientbook/clientbook/pkg/internal/golden"
	"github.com/clientbook/clientbook/pkg/report"
)

// recoveryRow finds a client's row in either group of the panel.
func recoveryRow(t *testing.T, r report.Recoveries, id string) report.RecoveryRow {
	t.Helper()
	for _, row := range append(append([]report.RecoveryRow{}, r.Exit...), r.Recover...) {
		if row.ID == id {
			return row
		}
	}
	t.Fatalf("%s has no row in the recoveries panel", id)
	return report.RecoveryRow{}
}

func ids(rows []report.RecoveryRow) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

// want is a recovery row's figures, worked out by hand.
type wantRow struct {
	openFor      string
	daysOpen     int
	kept         *int
	keptText     string
	width        int
	pending      int
	next, when   string
	overdue      bool
	salvageable  string
	exit         bool
	nextAction   string
	responsible  string
	rootCauseSet bool
}

func checkRow(t *testing.T, got report.RecoveryRow, w wantRow) {
	t.Helper()
	if got.OpenFor != w.openFor || got.DaysOpen == nil || *got.DaysOpen != w.daysOpen {
		t.Errorf("%s: open for %q (%v days), want %q (%d)", got.ID, got.OpenFor, got.DaysOpen, w.openFor, w.daysOpen)
	}
	if (got.PromisesKept == nil) != (w.kept == nil) || got.PromisesKept != nil && *got.PromisesKept != *w.kept {
		t.Errorf("%s: promises kept %v, want %v", got.ID, deref(got.PromisesKept), deref(w.kept))
	}
	if got.KeptText != w.keptText || got.KeptWidth != w.width || got.Pending != w.pending {
		t.Errorf("%s: kept %q, bar %d, %d pending; want %q, %d, %d", got.ID, got.KeptText, got.KeptWidth, got.Pending, w.keptText, w.width, w.pending)
	}
	if got.NextDeadline != w.next || got.NextWhen != w.when || got.NextOverdue != w.overdue || got.NextAction != w.nextAction {
		t.Errorf("%s: next %q %q (overdue %v) %q; want %q %q (overdue %v) %q", got.ID,
			got.NextDeadline, got.NextWhen, got.NextOverdue, got.NextAction, w.next, w.when, w.overdue, w.nextAction)
	}
	if got.Salvageable != w.salvageable || got.Exit != w.exit || got.Responsibility != w.responsible || (got.RootCause != "") != w.rootCauseSet {
		t.Errorf("%s: salvageable %q exit %v responsibility %q root cause %q; want %q %v %q (root cause given: %v)", got.ID,
			got.Salvageable, got.Exit, got.Responsibility, got.RootCause, w.salvageable, w.exit, w.responsible, w.rootCauseSet)
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func ip(n int) *int { return &n }

// TestAgencyRecoveries: the agency book on 2026-11-23 has two open
// recoveries, one in each group.
func TestAgencyRecoveries(t *testing.T) {
	m, _ := build(t, agency)
	r := m.Recoveries
	if got := ids(r.Exit); strings.Join(got, ",") != "pennant-home" {
		t.Errorf("exit group %v, want [pennant-home] (salvageable: false)", got)
	}
	if got := ids(r.Recover); strings.Join(got, ",") != "harbour-hotels" {
		t.Errorf("recover group %v, want [harbour-hotels]", got)
	}
	// harbour-hotels, opened 2026-10-09: 22 days to the end of October
	// and 23 in November, 45 days, 6 whole weeks. Promises: the apology
	// call kept early (due 10-12, done 10-10), the revised concepts kept
	// late (due 11-04, done 11-05), the sign-off process pending (due
	// 11-27): 1 kept of 2 fallen due, 50%; next deadline 11-27, in 4 days.
	checkRow(t, recoveryRow(t, r, "harbour-hotels"), wantRow{
		openFor: "45 days (6 weeks)", daysOpen: 45,
		kept: ip(50), keptText: "50% (1 of 2 kept)", width: 50, pending: 1,
		next: "2026-11-27", when: "in 4 days", nextAction: "Agree a written brief sign-off process with Rob Adeyemi",
		salvageable: "yes", responsible: "accepted", rootCauseSet: true,
	})
	// pennant-home, opened 2026-09-24: 6 days of September, 31 of October,
	// 23 of November, 60 days, 8 weeks. Promises: kept early (due 10-02,
	// done 09-30), kept late (due 10-16, done 10-21), the hand-over undone
	// past its due date 11-20, and the final invoice pending (12-11):
	// 1 kept of 3 fallen due, 33.3 → 33%; the next deadline is the
	// overdue hand-over, 3 days overdue.
	checkRow(t, recoveryRow(t, r, "pennant-home"), wantRow{
		openFor: "60 days (8 weeks)", daysOpen: 60,
		kept: ip(33), keptText: "33% (1 of 3 kept)", width: 33, pending: 1,
		next: "2026-11-20", when: "3 days overdue", overdue: true,
		nextAction:  "Hand over working files, fonts and brand assets to the in-house team",
		salvageable: "no", exit: true, responsible: "accepted", rootCauseSet: true,
	})
}

// writeBook writes files (path → content) under a new temporary root.
func writeBook(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, text := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const firmFile = `kind: Firm
name: Test Firm
currency: GBP
team:
  - {id: ann, name: Ann, role: director, senior: true}
`

// client is a client file with the given status and recovery block.
func client(id, status, recovery string) string {
	return "kind: Client\nid: " + id + "\nname: Client " + strings.ToUpper(id) + "\nstatus: " + status +
		"\ntier: standard\nsince: 2024-01-01\nowner: ann\n" + recovery
}

// TestRecoveryEdges pins the panel's figures at their edges on a small
// book, today 2026-11-23.
func TestRecoveryEdges(t *testing.T) {
	root := writeBook(t, map[string]string{
		"clientbook.yaml": firmFile,
		// Opened today; nothing decided; one promise not yet due.
		"clients/a/client.yaml": client("a", "active", `recovery:
  opened: 2026-11-23
  plan:
    - {action: First call, owner: ann, due: 2026-11-30}
`),
		// Not salvageable; its one promise kept on the day; no action left.
		"clients/b/client.yaml": client("b", "active", `recovery:
  opened: 2026-11-10
  salvageable: false
  root_cause: They want out
  responsibility_accepted: false
  plan:
    - {action: Final invoice, owner: ann, due: 2026-11-15, done: 2026-11-15}
`),
		// Closed: not open, not shown.
		"clients/c/client.yaml": client("c", "active", `recovery:
  opened: 2026-01-10
  salvageable: true
  closed: 2026-06-01
`),
		// Open, but the client is former: the report covers active clients.
		"clients/d/client.yaml": client("d", "former", `recovery:
  opened: 2026-01-10
  salvageable: false
`),
		// Two weeks open exactly; one promise done late, one undone since
		// yesterday: 0 of 2 kept, an empty bar; next deadline overdue by 1.
		"clients/e/client.yaml": client("e", "active", `recovery:
  opened: 2026-11-09
  salvageable: true
  root_cause: "<b>Missed</b> the brief"
  responsibility_accepted: true
  plan:
    - {action: Re-brief, owner: ann, due: 2026-11-12, done: 2026-11-13}
    - {action: New concepts, owner: ann, due: 2026-11-22}
`),
	})
	m, page := build(t, root)
	r := m.Recoveries
	if got := strings.Join(ids(r.Exit), ","); got != "b" {
		t.Errorf("exit group %q, want b", got)
	}
	// e's next deadline (11-22) comes before a's (11-30).
	if got := strings.Join(ids(r.Recover), ","); got != "e,a" {
		t.Errorf("recover group %q, want e,a (next deadline first)", got)
	}
	if r.Open() != 3 {
		t.Errorf("%d open recoveries, want 3", r.Open())
	}
	checkRow(t, recoveryRow(t, r, "a"), wantRow{
		openFor: "opened today", daysOpen: 0,
		keptText: "none fallen due yet", pending: 1,
		next: "2026-11-30", when: "in 7 days", nextAction: "First call",
		salvageable: "not decided", responsible: "not stated",
	})
	checkRow(t, recoveryRow(t, r, "b"), wantRow{
		openFor: "13 days", daysOpen: 13,
		kept: ip(100), keptText: "100% (1 of 1 kept)", width: 100,
		salvageable: "no", exit: true, responsible: "not accepted", rootCauseSet: true,
	})
	checkRow(t, recoveryRow(t, r, "e"), wantRow{
		openFor: "14 days (2 weeks)", daysOpen: 14,
		kept: ip(0), keptText: "0% (0 of 2 kept)", width: 0,
		next: "2026-11-22", when: "1 day overdue", overdue: true, nextAction: "New concepts",
		salvageable: "yes", responsible: "accepted", rootCauseSet: true,
	})

	doc := parse(t, page)
	section := one(t, doc, "recoveries panel", func(n *html.Node) bool { id, _ := attr(n, "id"); return id == "recoveries" })
	groups := all(section, element("div", "recovery-group"))
	if len(groups) != 2 || !hasClass(groups[0], "exit") || !hasClass(groups[1], "recover") {
		t.Fatalf("want the exit group, then the recover group")
	}
	if h := text(one(t, groups[0], "exit heading", element("h3", ""))); !strings.Contains(h, "exit") || !strings.Contains(h, "Not salvageable") {
		t.Errorf("exit group heading %q: the group must say so in words", h)
	}
	// A bar for each recovery with a promise fallen due, its length the
	// figure; a's has none fallen due, so no bar, only the words.
	bars := map[string]string{}
	for _, tr := range all(section, element("tr", "")) {
		id, ok := attr(tr, "data-client")
		if !ok {
			continue
		}
		for _, rect := range all(tr, element("rect", "bar")) {
			bars[id], _ = attr(rect, "width")
		}
		if id == "e" {
			cell := one(t, tr, "deadline", element("td", "deadline"))
			if !hasClass(cell, "overdue") || !strings.Contains(text(cell), "overdue") {
				t.Errorf("e's overdue deadline is not marked in words and class: %q", text(cell))
			}
			if !strings.Contains(text(tr), "<b>Missed</b> the brief") {
				t.Errorf("e's root cause is not shown as text: %q", text(tr))
			}
		}
	}
	if len(bars) != 2 || bars["b"] != "100" || bars["e"] != "0" {
		t.Errorf("bars %v, want b 100 and e 0, none for a", bars)
	}
	if bytes.Contains(page, []byte("<b>Missed")) {
		t.Error("the root cause reached the page as markup")
	}
}

// TestNoRecoveries: with no open recovery the panel stays, and says so.
func TestNoRecoveries(t *testing.T) {
	root := writeBook(t, map[string]string{
		"clientbook.yaml":       firmFile,
		"clients/a/client.yaml": client("a", "active", ""),
	})
	m, page := build(t, root)
	if m.Recoveries.Open() != 0 || m.Recoveries.Exit == nil || m.Recoveries.Recover == nil {
		t.Errorf("recoveries %+v, want two empty groups", m.Recoveries)
	}
	section := one(t, parse(t, page), "recoveries panel", func(n *html.Node) bool { id, _ := attr(n, "id"); return id == "recoveries" })
	if len(all(section, element("table", ""))) != 0 || !strings.Contains(text(section), "No open recovery") {
		t.Errorf("empty panel reads %q", text(section))
	}
}

// TestRecoveriesGolden pins the agency's recoveries panel as HTML
// (CLIENTBOOK_UPDATE=1 rewrites it).
func TestRecoveriesGolden(t *testing.T) {
	_, page := build(t, agency)
	start := bytes.Index(page, []byte(`<section class="card" id="recoveries">`))
	if start < 0 {
		t.Fatal("no recoveries section")
	}
	end := bytes.Index(page[start:], []byte("</section>"))
	golden.Check(t, filepath.Join("testdata", "recoveries_agency.html"), append(page[start:start+end+len("</section>")], '\n'))
	if portfolio := bytes.Index(page, []byte(`id="portfolio"`)); portfolio < start {
		t.Error("the recoveries panel is not above the portfolio")
	}
}
