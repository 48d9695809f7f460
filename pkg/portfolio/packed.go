package portfolio

import (
	"bytes"
	"cmp"
	"math/big"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/pack"
)

// Pack is a measured entry (Measure) as bytes, in a record with no
// pointers (see pkg/pack): what ranking, the reasons and the printers read
// of it — of the client its id, name, status, owner, tier, potential and
// the opening date of an open recovery; of its health the score, band,
// trend and quadrant; and every figure Measure worked out. A caller that reads a large book
// client by client keeps this, about 250 bytes, for each active client;
// RankPacked ranks the records and unpacks one entry at a time.
//
// The record starts with what the spec's order compares (id,
// attractiveness, revenue), so that ranking reads no more of it.
func Pack(e Entry) []byte {
	var w pack.Writer
	c := e.Client
	w.String(string(c.ID.Value))
	w.Int(e.Attractiveness)
	w.Rat(e.Revenue)

	packField(&w, c.ID, func(v book.ID) { w.String(string(v)) })
	packField(&w, c.Name, w.String)
	packField(&w, c.Status, w.String)
	packField(&w, c.Owner, func(v book.ID) { w.String(string(v)) })
	packField(&w, c.Tier, w.String)
	packField(&w, c.Potential, w.Int)
	w.Bool(openRecovery(c))
	if openRecovery(c) {
		packField(&w, c.Recovery.Opened, func(v book.Date) { w.Int(int(v)) })
	}

	h := e.Health
	w.OptInt(h.Score)
	w.String(h.Band)
	w.OptString(h.Trend)
	w.OptString(h.Matrix.Quadrant)

	w.OptInt(e.Year)
	w.Rat(e.Hours)
	w.Rat(e.Margin)
	w.Rat(e.OpportunityCost)
	w.Rat(e.NetContribution)
	w.Int(e.Components.Health)
	w.Int(e.Components.Margin)
	w.Int(e.Components.Fit)
	w.Int(e.Components.Potential)
	w.OptInt(e.FitValue)
	w.String(e.FitReason)
	w.Rat(e.AttractivenessExact)
	return w.Bytes()
}

func packField[T any](w *pack.Writer, f book.Field[T], value func(T)) {
	w.Bool(f.Set)
	w.Int(f.Pos.Line)
	w.Int(f.Pos.Column)
	value(f.Value)
}

func unpackField[T any](r *pack.Reader, value func() T) book.Field[T] {
	var f book.Field[T]
	f.Set = r.Bool()
	f.Pos.Line = r.Int()
	f.Pos.Column = r.Int()
	f.Value = value()
	return f
}

// packedHead reads what the spec's order compares: id, attractiveness and
// revenue. The id shares the record's storage.
func packedHead(rec []byte) (id []byte, attractiveness int, revenue *big.Rat, rest *pack.Reader) {
	r := pack.NewReader(rec)
	id = r.Bytes()
	attractiveness = r.Int()
	revenue = r.Rat()
	return id, attractiveness, revenue, r
}

// Unpack gives back the entry Pack packed, with those fields only.
func Unpack(rec []byte) Entry {
	_, attractiveness, revenue, r := packedHead(rec)
	id := func() book.ID { return book.ID(r.String()) }
	c := &book.Client{}
	c.ID = unpackField(r, id)
	c.Name = unpackField(r, r.String)
	c.Status = unpackField(r, r.String)
	c.Owner = unpackField(r, id)
	c.Tier = unpackField(r, r.String)
	c.Potential = unpackField(r, r.Int)
	if r.Bool() {
		c.Recovery = &book.Recovery{Opened: unpackField(r, func() book.Date { return book.Date(r.Int()) })}
	}

	e := Entry{Client: c, Attractiveness: attractiveness, Revenue: revenue}
	e.Health = health.Result{Client: c, Score: r.OptInt(), Band: r.String(), Trend: r.OptString()}
	e.Health.Matrix.Quadrant = r.OptString()

	e.Year = r.OptInt()
	e.Hours = r.Rat()
	e.Margin = r.Rat()
	e.OpportunityCost = r.Rat()
	e.NetContribution = r.Rat()
	e.Components.Health = r.Int()
	e.Components.Margin = r.Int()
	e.Components.Fit = r.Int()
	e.Components.Potential = r.Int()
	e.FitValue = r.OptInt()
	e.FitReason = r.String()
	e.AttractivenessExact = r.Rat()
	if !r.Done() {
		panic("portfolio: a packed entry has bytes left over")
	}
	return e
}

// Packed is SPEC §6 for a book on a day, with its entries kept packed in
// rank order: Entry(i) unpacks the entry ranked i+1, with its share,
// action and reason.
type Packed struct {
	Today    book.Date
	Currency string
	Summary  Summary

	records  [][]byte // in the spec's order
	total    *big.Rat // Σ R over the active clients
	settings *book.Settings
}

// Len is the number of active clients.
func (p *Packed) Len() int { return len(p.records) }

// Entry is the entry ranked i+1, as RankMeasured would give it.
func (p *Packed) Entry(i int) Entry {
	e := Unpack(p.records[i])
	finish(&e, p.total, p.settings)
	e.Rank = i + 1
	return e
}

// packedKey is what the spec's order compares of one record, kept beside
// it while sorting so that most comparisons unpack nothing: revenue as the
// nearest float64, which orders two amounts correctly whenever the floats
// differ, and when both are exact.
type packedKey struct {
	attractiveness int
	revenue        float64
	exact          bool
	rec            []byte
}

// RankPacked is RankMeasured for packed entries (Pack), one per active
// client in the book's order. It keeps records, reordered, in the result.
func RankPacked(records [][]byte, s *book.Settings, today book.Date) *Packed {
	p := &Packed{Today: today, Currency: s.Currency, settings: s, total: new(big.Rat)}
	keys := make([]packedKey, len(records))
	for i, rec := range records {
		_, a, revenue, _ := packedHead(rec)
		p.total.Add(p.total, revenue)
		f, exact := revenue.Float64()
		keys[i] = packedKey{attractiveness: a, revenue: f, exact: exact, rec: rec}
	}
	slices.SortStableFunc(keys, comparePacked)
	p.records = records
	for i, k := range keys {
		p.records[i] = k.rec
	}
	keys = nil

	sum := newSummer(p.total)
	for i := range p.records {
		e := p.Entry(i) // a fresh entry each time, as summer.add needs
		sum.add(&e)
	}
	p.Summary = sum.done()
	return p
}

// comparePacked is Compare on packed records.
func comparePacked(a, b packedKey) int {
	if c := cmp.Compare(b.attractiveness, a.attractiveness); c != 0 {
		return c
	}
	c := cmp.Compare(b.revenue, a.revenue)
	if c == 0 && !(a.exact && b.exact) {
		_, _, ra, _ := packedHead(a.rec)
		_, _, rb, _ := packedHead(b.rec)
		c = rb.Cmp(ra)
	}
	if c != 0 {
		return c
	}
	return bytes.Compare(packedID(a.rec), packedID(b.rec))
}

// packedID is the id a record starts with, sharing its storage.
func packedID(rec []byte) []byte { return pack.NewReader(rec).Bytes() }
