package portfolio

import (
	"encoding/json"
	"math/big"
	"reflect"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/health"
)

// packedReport is the JSON report of every packed entry, unpacked in rank
// order, as ReportOf gives it for a Portfolio.
func packedReport(p *Packed) Report {
	entries := make([]Entry, p.Len())
	for i := range entries {
		entries[i] = p.Entry(i)
	}
	return ReportOf(Portfolio{Today: p.Today, Currency: p.Currency, Summary: p.Summary}, entries)
}

// sameReports compares two reports as they print: big.Rat values equal in
// number may differ in their internal form.
func sameReports(t *testing.T, want, got Report) {
	t.Helper()
	rowJSON := func(r Row) string {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if len(want.Clients) != len(got.Clients) {
		t.Fatalf("%d rows, want %d", len(got.Clients), len(want.Clients))
	}
	for i := range want.Clients {
		if w, g := rowJSON(want.Clients[i]), rowJSON(got.Clients[i]); w != g {
			t.Fatalf("row %d differs:\nfull:   %s\npacked: %s", i+1, w, g)
		}
	}
	w, err := json.Marshal(want.Summary)
	if err != nil {
		t.Fatal(err)
	}
	g, err := json.Marshal(got.Summary)
	if err != nil {
		t.Fatal(err)
	}
	if string(w) != string(g) {
		t.Fatalf("summaries differ:\nfull:   %s\npacked: %s", w, g)
	}
}

// Packed entries rank, decide and print exactly as the full entries do,
// on a generated book with every action: same rows, order and summary.
func TestPackedRanksAsFull(t *testing.T) {
	bk, results := bookgentest.Assessed(t, 300)
	full := Rank(bk, results, bookgentest.Today)

	var records [][]byte
	for _, r := range results {
		if r.Client.Status.Value == "active" {
			records = append(records, Pack(Measure(r, bk.Settings)))
		}
	}
	p := RankPacked(records, bk.Settings, bookgentest.Today)
	if p.Len() != len(full.Entries) {
		t.Fatalf("%d packed entries, want %d", p.Len(), len(full.Entries))
	}
	sameReports(t, ReportOf(full, full.Entries), packedReport(p))
}

// kept is e with only what Pack keeps: of the client its id, name,
// status, owner, tier, potential and the opening date of an open recovery;
// of its health the score, band, trend and quadrant.
func kept(e Entry) Entry {
	c := e.Client
	k := &book.Client{ID: c.ID, Name: c.Name, Status: c.Status, Owner: c.Owner, Tier: c.Tier, Potential: c.Potential}
	if openRecovery(c) {
		k.Recovery = &book.Recovery{Opened: c.Recovery.Opened}
	}
	h := e.Health
	e.Client = k
	e.Health = health.Result{Client: k, Score: h.Score, Band: h.Band, Trend: h.Trend}
	e.Health.Matrix.Quadrant = h.Matrix.Quadrant
	return e
}

// Unpack gives back what ranking, the reasons and the printers read of an
// entry, field by field, including positions and the open recovery's date.
func TestUnpackIsKept(t *testing.T) {
	bk, results := bookgentest.Assessed(t, 200)
	recoveries := 0
	for _, r := range results {
		e := Measure(r, bk.Settings)
		want, got := kept(e), Unpack(Pack(e))
		if want.Client.Recovery != nil {
			recoveries++
		}
		if !reflect.DeepEqual(want.Client, got.Client) {
			t.Fatalf("%s: client\nkept:     %+v\nunpacked: %+v", e.ID(), want.Client, got.Client)
		}
		for _, r := range []struct {
			name      string
			want, got *big.Rat
		}{
			{"revenue", want.Revenue, got.Revenue}, {"hours", want.Hours, got.Hours},
			{"margin", want.Margin, got.Margin}, {"opportunity cost", want.OpportunityCost, got.OpportunityCost},
			{"net contribution", want.NetContribution, got.NetContribution},
			{"attractiveness", want.AttractivenessExact, got.AttractivenessExact},
		} {
			if (r.want == nil) != (r.got == nil) || r.want != nil && r.want.Cmp(r.got) != 0 {
				t.Fatalf("%s: %s %v, unpacked %v", e.ID(), r.name, r.want, r.got)
			}
		}
		// The rest compares directly once the exact numbers and the
		// client (compared above) are set aside.
		for _, x := range []*Entry{&want, &got} {
			x.Revenue, x.Hours, x.Margin, x.OpportunityCost, x.NetContribution, x.AttractivenessExact = nil, nil, nil, nil, nil, nil
			x.Client, x.Health.Client = nil, nil
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%s:\nkept:     %+v\nunpacked: %+v", e.ID(), want, got)
		}
	}
	if recoveries == 0 {
		t.Fatal("no client of the generated book has an open recovery: the test does not cover it")
	}
}

// The spec's order on packed records, at its edges: equal attractiveness
// and revenues that only exact arithmetic tells apart (their nearest
// float64 values are equal), equal revenues written differently, and ids.
func TestPackedOrder(t *testing.T) {
	s := book.SettingsOf(nil)
	s.PortfolioHealth, s.PortfolioMargin, s.PortfolioFit, s.PortfolioPotential = big.NewRat(1, 1), new(big.Rat), new(big.Rat), new(big.Rat)
	clients := []cl{
		{id: "b", score: ip(70), fin: []fin{{2026, "100", "0.3", "0"}}},
		{id: "a", score: ip(70), fin: []fin{{2026, "100.00", "0.3", "0"}}},
		{id: "c", score: ip(70), fin: []fin{{2026, "100.01", "0.3", "0"}}},
		{id: "d", score: ip(80)},
		{id: "e", score: ip(69), fin: []fin{{2026, "99999", "0.3", "0"}}},
		// 0.1 and 0.1 + 10⁻²⁰ have the same nearest float64.
		{id: "g", score: ip(60), fin: []fin{{2026, "0.1", "0.3", "0"}}},
		{id: "h", score: ip(60), fin: []fin{{2026, "0.10000000000000000001", "0.3", "0"}}},
		{id: "i", score: ip(60), fin: []fin{{2026, "0.10", "0.3", "0"}}},
	}
	b, rs := build(t, s, clients...)
	today := day(t, "2026-11-23")
	full := Rank(b, rs, today)
	var records [][]byte
	for _, r := range rs {
		records = append(records, Pack(Measure(r, s)))
	}
	p := RankPacked(records, s, today)

	want := []string{"d", "c", "a", "b", "e", "h", "g", "i"}
	for i, id := range want {
		if got := full.Entries[i].ID(); got != id {
			t.Fatalf("full order: %s at %d, want %s", got, i+1, id)
		}
		if e := p.Entry(i); e.ID() != id {
			t.Errorf("packed order: %s at %d, want %s", e.ID(), i+1, id)
		}
	}
	sameReports(t, ReportOf(full, full.Entries), packedReport(p))
}

func TestPackedEmpty(t *testing.T) {
	s := book.SettingsOf(nil)
	p := RankPacked(nil, s, day(t, "2026-11-23"))
	if p.Len() != 0 || p.Summary.Clients != 0 || p.Summary.Largest != nil || p.Summary.Revenue.Sign() != 0 {
		t.Errorf("empty portfolio: %d entries, summary %+v", p.Len(), p.Summary)
	}
}
