package accept

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Evaluate applies SPEC §5 to one opportunity of the book: the six
// criteria, hard conflicts, the score and the decision.
func Evaluate(b *book.Book, o *book.Opportunity) Result {
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	w := whoOf(b, o)
	r := Result{
		ID:         string(o.ID.Value),
		Path:       o.Path,
		Client:     idPtr(o.Client),
		Service:    field(o.Service),
		Summary:    field(o.Summary),
		Conditions: []string{},
		Open:       []string{},
		Reasons:    []string{},
		Conflicts:  conflicts(b, o, w),
	}
	if o.Prospect != nil {
		r.Prospect = field(o.Prospect.Name)
	}
	r.HardConflict = len(r.Conflicts) > 0

	// Each rule gives an automatic value (nil for none) and a sentence
	// saying what it saw.
	fitAuto, fitWhy := fitRule(s.Strategy, w.profile)
	issueAuto, issueWhy := issueRule(s.Strategy, o)
	sponsorAuto, sponsorWhy := sponsorRule(o.Sponsor)
	relAuto, relWhy := relationalRule(o)
	otherWhy := "other has no automatic rule"
	if r.HardConflict {
		var with []string
		for _, c := range r.Conflicts {
			if !slices.Contains(with, c.Client) {
				with = append(with, c.Client)
			}
		}
		otherWhy += "; hard conflict with " + strings.Join(with, ", ")
	}
	autos := map[string]*int{"fit": fitAuto, "issue": issueAuto, "sponsor": sponsorAuto, "relational": relAuto}
	whys := map[string]string{
		"fit": fitWhy, "issue": issueWhy, "impact": "impact has no automatic rule",
		"sponsor": sponsorWhy, "relational": relWhy, "other": otherWhy,
	}
	ratings := map[string]book.Field[int]{
		"fit": o.Ratings.Fit, "issue": o.Ratings.Issue, "impact": o.Ratings.Impact,
		"sponsor": o.Ratings.Sponsor, "relational": o.Ratings.Relational, "other": o.Ratings.Other,
	}
	for _, name := range book.Criteria {
		c := r.Criteria.Get(name)
		if f := ratings[name]; f.Set {
			c.Rating = intPtr(f.Value)
		}
		c.Auto = autos[name]
		c.Value = lower(c.Rating, c.Auto)
		switch {
		case c.Value == nil:
			c.Reason = "unanswered: no team rating; " + whys[name]
		case c.Auto == nil:
			c.Reason = "team rating only: " + whys[name]
		default:
			c.Reason = whys[name]
		}
		if note, ok := o.Notes.Get(name); ok && note.Set && clean(note.Value) != "" {
			c.Note = strPtr(clean(note.Value))
		}
	}

	r.Score = score(s, &r.Criteria)
	decide(s, &r)
	return r
}

// fitRule is AutoFit as a criterion rule.
func fitRule(s *book.Strategy, p Profile) (*int, string) {
	v, ok, why := AutoFit(s, p)
	if !ok {
		return nil, why
	}
	return intPtr(v), why
}

// issueRule: 2 when the service is outside strategy.services or the issue
// is not defined. An absent issue.defined is unknown, not false (§9 Files).
func issueRule(s *book.Strategy, o *book.Opportunity) (*int, string) {
	var bad, fine []string
	service := clean(o.Service.Value)
	var ours []string
	if s != nil {
		ours = texts(s.Services)
	}
	switch {
	case !o.Service.Set || service == "":
		fine = append(fine, "no service given")
	case len(ours) == 0:
		fine = append(fine, "no strategy services to compare service "+service+" with")
	case containsFold(ours, service):
		fine = append(fine, "service "+service+" is in our services")
	default:
		bad = append(bad, "service "+service+" is outside our services ("+strings.Join(ours, ", ")+")")
	}
	switch {
	case o.Issue == nil || !o.Issue.Defined.Set:
		fine = append(fine, "issue.defined not stated (unknown)")
	case o.Issue.Defined.Value:
		fine = append(fine, "the issue is defined")
	default:
		bad = append(bad, "the client has not defined the issue (issue.defined: false)")
	}
	if len(bad) > 0 {
		return intPtr(2), strings.Join(bad, "; ")
	}
	return nil, strings.Join(fine, "; ")
}

// sponsorRule: 1 with no sponsor, else 2 if not committed, else 3 if not
// senior. An absent senior or committed counts as false (§9 Files).
func sponsorRule(sp *book.Sponsor) (*int, string) {
	if sp == nil {
		return intPtr(1), "no sponsor named"
	}
	who := "the sponsor"
	if n := clean(sp.Name.Value); n != "" {
		who = "sponsor " + n
		if t := clean(sp.Title.Value); t != "" {
			who += " (" + t + ")"
		}
	}
	switch {
	case !sp.Committed.Set:
		return intPtr(2), who + " is not known to be committed (committed not stated)"
	case !sp.Committed.Value && !sp.Senior.Value:
		return intPtr(2), who + " is neither committed nor senior"
	case !sp.Committed.Value:
		return intPtr(2), who + " is not committed"
	case !sp.Senior.Set:
		return intPtr(3), who + " is committed but not known to be senior (senior not stated)"
	case !sp.Senior.Value:
		return intPtr(3), who + " is committed but not senior"
	}
	return nil, who + " is senior and committed"
}

// relationalRule: 2 when the work is bought through procurement.
func relationalRule(o *book.Opportunity) (*int, string) {
	switch {
	case o.ProcurementLed.Set && o.ProcurementLed.Value:
		return intPtr(2), "bought through procurement as a commodity (procurement_led: true)"
	case o.ProcurementLed.Set:
		return nil, "not procurement-led"
	}
	return nil, "procurement_led not stated"
}

// exactly and rounded half up once; nil when nothing is answered or the
// answered criteria weigh nothing.
func score(s *book.Settings, cs *Criteria) *int {
	num, den := new(big.Rat), new(big.Rat)
	for _, name := range book.Criteria {
		c := cs.Get(name)
		if !c.Answered() {
			continue
		}
		w := weight(s, name)
		num.Add(num, exact.Mul(w, exact.RatingFraction(exact.Int(int64(*c.Value)))))
		den.Add(den, w)
	}
	if den.Sign() == 0 { // nothing answered, or all of it weighs 0
		return nil
	}
	return intPtr(exact.RoundHalfUp(exact.Quo(exact.Mul(exact.Int(100), num), den)))
}

func weight(s *book.Settings, name string) *big.Rat {
	if w, ok := s.CriterionWeights[name]; ok && w != nil {
		return w
	}
	return exact.Int(1)
}

// decide sets the decision and its conditions or reasons:
//
//	decline: a hard conflict; a required criterion answered with ≤ 2; score < decline_below.
//	accept:  score ≥ accept_at, every criterion answered, none ≤ 2.
//	review:  otherwise, with a condition for every criterion ≤ 3 or unanswered.
//
// An unanswered required criterion does not decline, but keeps the work
// from accept, since accept needs every criterion answered (§9).
func decide(s *book.Settings, r *Result) {
	for _, c := range r.Conflicts {
		r.Reasons = append(r.Reasons, "hard conflict: "+c.Reason)
	}
	for _, name := range book.Criteria {
		if c := r.Criteria.Get(name); required(s, name) && c.Answered() && *c.Value <= 2 {
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s is required and is %s: a required criterion at 2 or below declines", name, c.String()))
		}
	}
	if r.Score != nil && *r.Score < s.DeclineBelow {
		r.Reasons = append(r.Reasons, fmt.Sprintf("score %d is below decline_below %d", *r.Score, s.DeclineBelow))
	}
	if len(r.Reasons) > 0 {
		r.Decision = Decline
		return
	}

	allAnswered, noneLow := true, true
	for _, name := range book.Criteria {
		c := r.Criteria.Get(name)
		if !c.Answered() {
			allAnswered = false
		} else if *c.Value <= 2 {
			noneLow = false
		}
	}
	if r.Score != nil && *r.Score >= s.AcceptAt && allAnswered && noneLow {
		r.Decision = Accept
		return
	}

	r.Decision = Review
	for _, name := range book.Criteria {
		c := r.Criteria.Get(name)
		switch {
		case !c.Answered():
			req := ""
			if required(s, name) {
				req = " and required"
			}
			r.Conditions = append(r.Conditions, fmt.Sprintf("%s is unanswered%s: %s, and record the team's rating as ratings.%s", name, req, resolve[name], name))
		case *c.Value <= 3:
			why := ""
			if c.Auto != nil && *c.Auto == *c.Value {
				// The automatic rule set the value: what it saw is what to resolve.
				why = c.Reason + "; "
			}
			r.Conditions = append(r.Conditions, fmt.Sprintf("%s is %s: %s%s", name, c.String(), why, resolve[name]))
		default:
			continue
		}
		r.Open = append(r.Open, name)
	}
	if len(r.Conditions) == 0 {
		// Every criterion is answered and above 3, yet the work is short of
		// accept: the score is below accept_at, or there is none because
		// every answered criterion weighs 0.
		if r.Score == nil {
			r.Conditions = append(r.Conditions, "score is null: every answered criterion has weight 0 in acceptance.weights; weigh the criteria before deciding")
		} else {
			r.Conditions = append(r.Conditions, fmt.Sprintf("score is %d, below accept_at %d: strengthen the case before accepting", *r.Score, s.AcceptAt))
		}
		r.Open = append(r.Open, "score")
	}
}

// resolve says, per criterion, what the team should find out or secure.
var resolve = map[string]string{
	"fit":        "confirm the client is right for our strategy (industry, size, geography, buyer of what we sell)",
	"issue":      "agree with the client what the work must achieve and check it is in our sweet spot",
	"impact":     "establish that we can have real impact (size, strong leadership, determination)",
	"sponsor":    "secure a senior executive sponsor who is committed to see the work through",
	"relational": "test whether they want a long-term partner rather than a commodity vendor",
	"other":      "weigh the other reasons for and against (marquee name, intellectual capital, networks, conflicts)",
}

func required(s *book.Settings, name string) bool {
	for _, r := range s.Required {
		if equalFold(r, name) {
			return true
		}
	}
	return false
}

// String shows a criterion's value with where it came from: "4" for the
// team's rating alone, "3 (team 4, auto 3)" when both exist, "2 (auto)"
// for an automatic value alone, "" when unanswered.
func (c *Criterion) String() string {
	switch {
	case c.Value == nil:
		return ""
	case c.Rating != nil && c.Auto != nil:
		return fmt.Sprintf("%d (team %d, auto %d)", *c.Value, *c.Rating, *c.Auto)
	case c.Auto != nil:
		return fmt.Sprintf("%d (auto)", *c.Value)
	}
	return fmt.Sprint(*c.Value)
}

// lower is the value that counts: the lower of both when both exist, else
// whichever exists.
func lower(a, b *int) *int {
	switch {
	case a == nil:
		return b
	case b == nil || *a <= *b:
		return a
	}
	return b
}

func intPtr(n int) *int { return &n }

func strPtr(s string) *string { return &s }

func idPtr(f book.Field[book.ID]) *string {
	if !f.Set || f.Value == "" {
		return nil
	}
	return strPtr(string(f.Value))
}

func field(f book.Field[string]) *string {
	if !f.Set || clean(f.Value) == "" {
		return nil
	}
	return strPtr(clean(f.Value))
}
