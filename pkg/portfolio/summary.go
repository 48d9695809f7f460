package portfolio

import "math/big"

// Count is one key of a summary count.
type Count struct {
	Key string
	N   int
}

// Counts are a summary's counts in a fixed order, every key present.
type Counts []Count

// Get returns the count of key.
func (cs Counts) Get(key string) int {
	for _, c := range cs {
		if c.Key == key {
			return c.N
		}
	}
	return 0
}

func newCounts(keys []string) Counts {
	cs := make(Counts, len(keys))
	for i, k := range keys {
		cs[i] = Count{Key: k}
	}
	return cs
}

func (cs Counts) add(key string) {
	for i := range cs {
		if cs[i].Key == key {
			cs[i].N++
			return
		}
	}
}

// Summary totals the portfolio of every active client.
type Summary struct {
	Clients int
	Revenue *big.Rat
	// NetContribution sums the clients whose margin is known; nil when
	// no client's is. KnownMargin counts those clients.
	NetContribution *big.Rat
	KnownMargin     int
	Hours           *big.Rat
	OpportunityCost *big.Rat
	// Largest is the client with the highest revenue (on a tie the lower
	// id) and LargestShare its share; nil when Σ R = 0.
	Largest      *Entry
	LargestShare *big.Rat

	Actions   Counts // keys: Actions
	Bands     Counts // keys: Bands
	Quadrants Counts // keys: Quadrants
}

// summer totals the ranked entries one at a time, in rank order.
type summer struct {
	s     Summary
	total *big.Rat // Σ R
}

func newSummer(total *big.Rat) *summer {
	return &summer{total: total, s: Summary{
		Revenue:         total,
		Hours:           new(big.Rat),
		OpportunityCost: new(big.Rat),
		Actions:         newCounts(Actions),
		Bands:           newCounts(Bands),
		Quadrants:       newCounts(Quadrants),
	}}
}

// add counts e. The largest client is remembered as e itself: the caller
// keeps e unchanged (an element of the ranked entries) or passes a fresh
// copy each time.
func (m *summer) add(e *Entry, f Figures) {
	s := &m.s
	s.Clients++
	s.Hours.Add(s.Hours, e.Hours)
	s.OpportunityCost.Add(s.OpportunityCost, f.OpportunityCost)
	if f.NetContribution != nil {
		if s.NetContribution == nil {
			s.NetContribution = new(big.Rat)
		}
		s.NetContribution.Add(s.NetContribution, f.NetContribution)
		s.KnownMargin++
	}
	if m.total.Sign() > 0 && (s.Largest == nil || e.Revenue.Cmp(s.Largest.Revenue) > 0 ||
		(e.Revenue.Cmp(s.Largest.Revenue) == 0 && e.ID < s.Largest.ID)) {
		s.Largest, s.LargestShare = e, f.Share
	}
	s.Actions.add(e.Action)
	s.Bands.add(e.Band)
	if q := e.Quadrant; q != nil {
		s.Quadrants.add(*q)
	} else {
		s.Quadrants.add(NoQuadrant)
	}
}

func (m *summer) done() Summary { return m.s }
