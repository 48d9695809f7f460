package accept

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

func dec(s string) book.Field[book.Decimal] {
	return book.Field[book.Decimal]{Value: book.MustDecimal(s), Set: true}
}

// rate returns ratings; 0 leaves a criterion unrated.
func rate(fit, issue, impact, sponsor, relational, other int) book.Ratings {
	f := func(n int) book.Field[int] {
		if n == 0 {
			return book.Field[int]{}
		}
		return num(n)
	}
	return book.Ratings{Fit: f(fit), Issue: f(issue), Impact: f(impact), Sponsor: f(sponsor), Relational: f(relational), Other: f(other)}
}

// baseFirm has SPEC §1's strategy and acceptance defaults: weights 1,
// accept_at 70, decline_below 50, required [sponsor].
func baseFirm() *book.Firm {
	return &book.Firm{Name: str("Busara Creative"), Strategy: agencyStrategy()}
}

// baseOpportunity is SPEC §1's example opportunity for the prospect Globex.
// Every automatic rule is silent or agrees: fit auto 5 (4 of 4 checks),
// issue in our services and defined, sponsor senior and committed, not
// procurement-led. Values 4 4 3 5 4 3, so
// score = 100 × (3+3+2+4+3+2)/4 ÷ 6 = 100 × 17/24 = 70.83 → 71: accept.
func baseOpportunity() *book.Opportunity {
	return &book.Opportunity{
		Path:           "opportunities/globex-loyalty.yaml",
		ID:             book.Field[book.ID]{Value: "globex-loyalty", Set: true},
		Prospect:       &book.Prospect{Name: str("Globex"), Industry: str("retail"), Geography: str("UK"), Size: &book.ClientSize{Employees: num(800)}},
		Service:        str("digital"),
		Summary:        str("Loyalty programme redesign"),
		Issue:          &book.IssueInfo{Defined: flag(true)},
		Sponsor:        &book.Sponsor{Name: str("Hank Scorpio"), Title: str("COO"), Senior: flag(true), Committed: flag(true)},
		ProcurementLed: flag(false),
		Ratings:        rate(4, 4, 3, 5, 4, 3),
	}
}

type clientSpec struct {
	id, name, status string
	exclusive        bool
	competitors      []string
	industry         string
	employees        int
}

func client(c clientSpec) *book.Client {
	out := &book.Client{
		ID:          book.Field[book.ID]{Value: book.ID(c.id), Set: true},
		Name:        str(c.name),
		Status:      str(c.status),
		Exclusive:   flag(c.exclusive),
		Competitors: strs(c.competitors...),
		Industry:    str(c.industry),
		Geography:   str("UK"),
	}
	if c.employees > 0 {
		out.Size = &book.ClientSize{Employees: num(c.employees)}
	}
	return out
}

func newBook(f *book.Firm, clients ...*book.Client) *book.Book {
	slices.SortFunc(clients, func(a, b *book.Client) int { return strings.Compare(string(a.ID.Value), string(b.ID.Value)) })
	return &book.Book{Firm: f, Settings: book.SettingsOf(f), Clients: clients}
}

func TestAcceptAutomaticRules(t *testing.T) {
	tests := []struct {
		name      string
		firm      func(f *book.Firm)
		opp       func(o *book.Opportunity)
		criterion string
		wantAuto  *int
		wantWhy   string // a part of the reason
	}{
		{name: "fit from the prospect's profile", criterion: "fit", wantAuto: ip(5), wantWhy: "4 of 4 strategy checks match"},
		{name: "fit: prospect outside our geography and size is 2 of 4 = 3", criterion: "fit", wantAuto: ip(3),
			opp: func(o *book.Opportunity) {
				o.Prospect.Geography = str("US")
				o.Prospect.Size.Employees = num(9000)
			}, wantWhy: "9000 employees above our maximum of 5000"},
		{name: "fit: no strategy, no automatic value", criterion: "fit", wantAuto: nil,
			firm: func(f *book.Firm) { f.Strategy = nil }, wantWhy: "no strategy"},

		{name: "issue: service outside our services is 2", criterion: "issue", wantAuto: ip(2),
			opp:     func(o *book.Opportunity) { o.Service = str("print") },
			wantWhy: "service print is outside our services"},
		{name: "issue: defined false is 2", criterion: "issue", wantAuto: ip(2),
			opp:     func(o *book.Opportunity) { o.Issue.Defined = flag(false) },
			wantWhy: "issue.defined: false"},
		{name: "issue: defined absent is unknown, no automatic value", criterion: "issue", wantAuto: nil,
			opp:     func(o *book.Opportunity) { o.Issue = &book.IssueInfo{} },
			wantWhy: "issue.defined not stated"},
		{name: "issue: no issue mapping at all is unknown", criterion: "issue", wantAuto: nil,
			opp: func(o *book.Opportunity) { o.Issue = nil }},
		{name: "issue: our service in another case and defined: none", criterion: "issue", wantAuto: nil,
			opp:     func(o *book.Opportunity) { o.Service = str("DIGITAL") },
			wantWhy: "is in our services"},
		{name: "issue: no strategy services to be outside of", criterion: "issue", wantAuto: nil,
			firm: func(f *book.Firm) { f.Strategy.Services = nil },
			opp:  func(o *book.Opportunity) { o.Service = str("print") }},
		{name: "issue: both outside and undefined is still 2", criterion: "issue", wantAuto: ip(2),
			opp: func(o *book.Opportunity) {
				o.Service = str("print")
				o.Issue.Defined = flag(false)
			}, wantWhy: "outside our services (brand, digital, seo, campaigns); the client has not defined"},

		{name: "sponsor: none is 1", criterion: "sponsor", wantAuto: ip(1),
			opp: func(o *book.Opportunity) { o.Sponsor = nil }, wantWhy: "no sponsor"},
		{name: "sponsor: not committed is 2", criterion: "sponsor", wantAuto: ip(2),
			opp: func(o *book.Opportunity) { o.Sponsor.Committed = flag(false) }, wantWhy: "is not committed"},
		{name: "sponsor: not committed and not senior is 2", criterion: "sponsor", wantAuto: ip(2),
			opp: func(o *book.Opportunity) {
				o.Sponsor.Committed = flag(false)
				o.Sponsor.Senior = flag(false)
			}, wantWhy: "is neither committed nor senior"},
		{name: "sponsor: committed but not senior is 3", criterion: "sponsor", wantAuto: ip(3),
			opp: func(o *book.Opportunity) { o.Sponsor.Senior = flag(false) }, wantWhy: "committed but not senior"},
		{name: "sponsor: committed absent counts as not committed: 2", criterion: "sponsor", wantAuto: ip(2),
			opp: func(o *book.Opportunity) { o.Sponsor.Committed = book.Field[bool]{} }},
		{name: "sponsor: senior absent counts as not senior: 3", criterion: "sponsor", wantAuto: ip(3),
			opp: func(o *book.Opportunity) { o.Sponsor.Senior = book.Field[bool]{} }},
		{name: "sponsor: both absent is 2", criterion: "sponsor", wantAuto: ip(2),
			opp: func(o *book.Opportunity) { o.Sponsor = &book.Sponsor{Name: str("Hank Scorpio")} }},
		{name: "sponsor: senior and committed: none", criterion: "sponsor", wantAuto: nil,
			wantWhy: "sponsor Hank Scorpio (COO) is senior and committed"},

		{name: "relational: procurement-led is 2", criterion: "relational", wantAuto: ip(2),
			opp: func(o *book.Opportunity) { o.ProcurementLed = flag(true) }, wantWhy: "procurement_led: true"},
		{name: "relational: not procurement-led: none", criterion: "relational", wantAuto: nil},
		{name: "relational: procurement_led absent: none", criterion: "relational", wantAuto: nil,
			opp: func(o *book.Opportunity) { o.ProcurementLed = book.Field[bool]{} }},

		{name: "impact has no automatic rule", criterion: "impact", wantAuto: nil, wantWhy: "no automatic rule"},
		{name: "other has no automatic rule", criterion: "other", wantAuto: nil, wantWhy: "no automatic rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := baseFirm()
			if tt.firm != nil {
				tt.firm(f)
			}
			o := baseOpportunity()
			if tt.opp != nil {
				tt.opp(o)
			}
			r := Evaluate(newBook(f), o)
			c := r.Criteria.Get(tt.criterion)
			if !samePtr(c.Auto, tt.wantAuto) {
				t.Errorf("auto = %s, want %s (reason %q)", show(c.Auto), show(tt.wantAuto), c.Reason)
			}
			if !strings.Contains(c.Reason, tt.wantWhy) {
				t.Errorf("reason %q does not contain %q", c.Reason, tt.wantWhy)
			}
		})
	}
}

func TestAcceptCriterionValue(t *testing.T) {
	tests := []struct {
		name      string
		opp       func(o *book.Opportunity)
		criterion string
		want      *Criterion
		wantShown string
	}{
		{name: "team rating alone counts", criterion: "impact",
			want: &Criterion{Rating: ip(3), Value: ip(3)}, wantShown: "3"},
		{name: "lower of both: auto below the team", criterion: "issue",
			opp:  func(o *book.Opportunity) { o.Issue.Defined = flag(false) },
			want: &Criterion{Rating: ip(4), Auto: ip(2), Value: ip(2)}, wantShown: "2 (team 4, auto 2)"},
		{name: "lower of both: team below the auto", criterion: "sponsor",
			opp: func(o *book.Opportunity) {
				o.Sponsor.Senior = flag(false)
				o.Ratings.Sponsor = num(1)
			},
			want: &Criterion{Rating: ip(1), Auto: ip(3), Value: ip(1)}, wantShown: "1 (team 1, auto 3)"},
		{name: "both equal are both shown", criterion: "fit",
			opp:  func(o *book.Opportunity) { o.Ratings.Fit = num(5) },
			want: &Criterion{Rating: ip(5), Auto: ip(5), Value: ip(5)}, wantShown: "5 (team 5, auto 5)"},
		{name: "automatic value alone counts", criterion: "relational",
			opp: func(o *book.Opportunity) {
				o.ProcurementLed = flag(true)
				o.Ratings.Relational = book.Field[int]{}
			},
			want: &Criterion{Auto: ip(2), Value: ip(2)}, wantShown: "2 (auto)"},
		{name: "neither: unanswered", criterion: "other",
			opp:  func(o *book.Opportunity) { o.Ratings.Other = book.Field[int]{} },
			want: &Criterion{}, wantShown: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOpportunity()
			if tt.opp != nil {
				tt.opp(o)
			}
			r := Evaluate(newBook(baseFirm()), o)
			c := r.Criteria.Get(tt.criterion)
			if !samePtr(c.Rating, tt.want.Rating) || !samePtr(c.Auto, tt.want.Auto) || !samePtr(c.Value, tt.want.Value) {
				t.Errorf("rating/auto/value = %s/%s/%s, want %s/%s/%s", show(c.Rating), show(c.Auto), show(c.Value),
					show(tt.want.Rating), show(tt.want.Auto), show(tt.want.Value))
			}
			if got := c.String(); got != tt.wantShown {
				t.Errorf("shown as %q, want %q", got, tt.wantShown)
			}
		})
	}
}

func TestAcceptDecision(t *testing.T) {
	acme := clientSpec{id: "acme", name: "Acme Retail Ltd", status: "active", industry: "retail", employees: 1200}
	tests := []struct {
		name      string
		firm      func(f *book.Firm)
		clients   []clientSpec
		opp       func(o *book.Opportunity)
		wantScore *int
		want      Decision
		wantOpen  []string // what the conditions are about (review only)
		wantWhy   []string // parts of the decline reasons, in order
		conflict  bool
	}{
		{
			// 4 4 3 5 4 3: 100 × 17/24 = 70.83 → 71 ≥ 70, all answered, none ≤ 2.
			name:      "base opportunity accepts",
			wantScore: ip(71), want: Accept,
		},
		{
			// 4 4 4 4 4 4: 100 × 18/24 = 75, exactly accept_at 75.
			name:      "score exactly accept_at accepts",
			firm:      func(f *book.Firm) { f.Acceptance.AcceptAt = num(75) },
			opp:       func(o *book.Opportunity) { o.Ratings = rate(4, 4, 4, 4, 4, 4) },
			wantScore: ip(75), want: Accept,
		},
		{
			// Same 71 as the base, one short of accept_at 72; impact and other at 3 are the conditions.
			name:      "score one below accept_at: review",
			firm:      func(f *book.Firm) { f.Acceptance.AcceptAt = num(72) },
			wantScore: ip(71), want: Review, wantOpen: []string{"impact", "other"},
		},
		{
			// All 4s is 75 < accept_at 80 and no criterion is ≤ 3: the score is the condition.
			name:      "below accept_at with every criterion above 3: the score is the condition",
			firm:      func(f *book.Firm) { f.Acceptance.AcceptAt = num(80) },
			opp:       func(o *book.Opportunity) { o.Ratings = rate(4, 4, 4, 4, 4, 4) },
			wantScore: ip(75), want: Review, wantOpen: []string{"score"},
		},
		{
			// 5 5 - 5 5 5 over five answered: 100 × 20/20 = 100, but impact is unanswered.
			name:      "unanswered criterion: review however high the score",
			opp:       func(o *book.Opportunity) { o.Ratings = rate(5, 5, 0, 5, 5, 5) },
			wantScore: ip(100), want: Review, wantOpen: []string{"impact"},
		},
		{
			// 4 4 3 5 2 3 (relational auto 2): 100 × 15/24 = 62.5 → 63; a
			// non-required 2 keeps it from accept but does not decline.
			name:      "non-required criterion at 2: review, conditions in criterion order",
			opp:       func(o *book.Opportunity) { o.ProcurementLed = flag(true) },
			wantScore: ip(63), want: Review, wantOpen: []string{"impact", "relational", "other"},
		},
		{
			// 5 5 5 5 2 5: 100 × 21/24 = 87.5 → 88, far above accept_at, but relational is 2.
			name:      "non-required criterion exactly 2 keeps a high score from accept",
			opp:       func(o *book.Opportunity) { o.Ratings = rate(5, 5, 5, 5, 2, 5) },
			wantScore: ip(88), want: Review, wantOpen: []string{"relational"},
		},
		{
			// 3 3 3 3 3 3: 100 × 12/24 = 50, exactly decline_below.
			name:      "score exactly decline_below is not declined",
			opp:       func(o *book.Opportunity) { o.Ratings = rate(3, 3, 3, 3, 3, 3) },
			wantScore: ip(50), want: Review, wantOpen: []string{"fit", "issue", "impact", "sponsor", "relational", "other"},
		},
		{
			// 3 3 3 3 3 2: 100 × 11/24 = 45.83 → 46 < 50.
			name:      "score below decline_below declines",
			opp:       func(o *book.Opportunity) { o.Ratings = rate(3, 3, 3, 3, 3, 2) },
			wantScore: ip(46), want: Decline, wantWhy: []string{"score 46 is below decline_below 50"},
		},
		{
			// fit weight 99 at 3 (2), issue weight 1 at 1 (0), nothing else
			// answered, nothing required: 100 × 198/(4 × 100) = 49.5 → 50.
			name: "score 49.5 rounds half up to decline_below: not declined",
			firm: func(f *book.Firm) {
				f.Acceptance.Weights.Fit = dec("99")
				f.Acceptance.Required = []book.Field[string]{}
				f.Strategy = nil
			},
			opp: func(o *book.Opportunity) {
				o.Ratings = rate(3, 1, 0, 0, 0, 0)
			},
			wantScore: ip(50), want: Review, wantOpen: []string{"fit", "issue", "impact", "sponsor", "relational", "other"},
		},
		{
			// Sponsor 2 by the team: 4 4 3 2 4 3 = 100 × 14/24 = 58.33 → 58, above decline_below.
			name:      "required criterion rated 2 declines",
			opp:       func(o *book.Opportunity) { o.Ratings.Sponsor = num(2) },
			wantScore: ip(58), want: Decline, wantWhy: []string{"sponsor is required and is 2"},
		},
		{
			// No sponsor: auto 1, lower than the team's 5. 4 4 3 1 4 3 = 100 × 13/24 = 54.17 → 54.
			name:      "required criterion at 1 by the automatic rule declines",
			opp:       func(o *book.Opportunity) { o.Sponsor = nil },
			wantScore: ip(54), want: Decline, wantWhy: []string{"sponsor is required and is 1 (team 5, auto 1)"},
		},
		{
			// Sponsor committed but not senior: auto 3. 4 4 3 3 4 3 = 100 × 15/24 = 62.5 → 63.
			name:      "required criterion at 3 is a condition, not a decline",
			opp:       func(o *book.Opportunity) { o.Sponsor.Senior = flag(false) },
			wantScore: ip(63), want: Review, wantOpen: []string{"impact", "sponsor", "other"},
		},
		{
			// 5 5 5 - 5 5 over five: 100. Sponsor is required and unanswered.
			name:      "required criterion unanswered: review with it as a condition",
			opp:       func(o *book.Opportunity) { o.Ratings = rate(5, 5, 5, 0, 5, 5) },
			wantScore: ip(100), want: Review, wantOpen: []string{"sponsor"},
		},
		{
			name: "no criterion answered: review with no score",
			firm: func(f *book.Firm) { f.Strategy = nil },
			opp:  func(o *book.Opportunity) { o.Ratings = book.Ratings{} },
			want: Review, wantOpen: []string{"fit", "issue", "impact", "sponsor", "relational", "other"},
		},
		{
			name: "no criterion answered with a hard conflict: decline with no score",
			firm: func(f *book.Firm) { f.Strategy = nil },
			opp: func(o *book.Opportunity) {
				o.Ratings = book.Ratings{}
				o.Conflicts = strs("initech")
			},
			want: Decline, conflict: true, wantWhy: []string{"hard conflict: the opportunity lists initech among its conflicts"},
		},
		{
			name:      "hard conflict from the opportunity's conflicts list",
			opp:       func(o *book.Opportunity) { o.Conflicts = strs("initech") },
			wantScore: ip(71), want: Decline, conflict: true, wantWhy: []string{"hard conflict: the opportunity lists initech"},
		},
		{
			name:      "blank conflicts entries are nothing",
			opp:       func(o *book.Opportunity) { o.Conflicts = strs(" ") },
			wantScore: ip(71), want: Accept,
		},
		{
			name:      "active exclusive client names the prospect, in another case",
			clients:   []clientSpec{{id: "kestrel", name: "Kestrel Outdoor", status: "active", exclusive: true, competitors: []string{"Initech", "GLOBEX"}}},
			wantScore: ip(71), want: Decline, conflict: true,
			wantWhy: []string{"hard conflict: kestrel (Kestrel Outdoor) is an active exclusive client and names GLOBEX among its competitors"},
		},
		{
			name: "active exclusive client names the opportunity's client by id",
			clients: []clientSpec{
				{id: "globex", name: "Globex Corporation", status: "active", industry: "retail"},
				{id: "kestrel", name: "Kestrel Outdoor", status: "active", exclusive: true, competitors: []string{"globex"}},
			},
			opp: func(o *book.Opportunity) {
				o.Prospect = nil
				o.Client = book.Field[book.ID]{Value: "globex", Set: true}
			},
			// Client profile: industry retail, geography UK, no size; service digital: 3 of 3 → 5. Same values: 71.
			wantScore: ip(71), want: Decline, conflict: true, wantWhy: []string{"names globex among its competitors"},
		},
		{
			name: "prospect that is an existing client is named by its client id",
			clients: []clientSpec{
				{id: "globex-corp", name: "Globex", status: "prospect"},
				{id: "kestrel", name: "Kestrel Outdoor", status: "active", exclusive: true, competitors: []string{"globex-corp"}},
			},
			wantScore: ip(71), want: Decline, conflict: true, wantWhy: []string{"names globex-corp among its competitors"},
		},
		{
			name:      "inactive exclusive client does not conflict",
			clients:   []clientSpec{{id: "kestrel", name: "Kestrel Outdoor", status: "paused", exclusive: true, competitors: []string{"Globex"}}},
			wantScore: ip(71), want: Accept,
		},
		{
			name:      "active client that is not exclusive does not conflict",
			clients:   []clientSpec{{id: "kestrel", name: "Kestrel Outdoor", status: "active", exclusive: false, competitors: []string{"Globex"}}},
			wantScore: ip(71), want: Accept,
		},
		{
			name:    "the opportunity's own exclusive client does not conflict with itself",
			clients: []clientSpec{{id: "acme", name: "Acme Retail Ltd", status: "active", exclusive: true, competitors: []string{"acme", "Acme Retail Ltd"}, industry: "retail", employees: 1200}},
			opp: func(o *book.Opportunity) {
				o.Prospect = nil
				o.Client = book.Field[book.ID]{Value: "acme", Set: true}
			},
			wantScore: ip(71), want: Accept,
		},
		{
			name:    "the opportunity's conflicts naming its own client are not a conflict",
			clients: []clientSpec{acme},
			opp: func(o *book.Opportunity) {
				o.Prospect = nil
				o.Client = book.Field[book.ID]{Value: "acme", Set: true}
				o.Conflicts = strs("ACME", "Acme Retail Ltd")
			},
			wantScore: ip(71), want: Accept,
		},
		{
			name: "every decline reason is listed",
			clients: []clientSpec{
				{id: "kestrel", name: "Kestrel Outdoor", status: "active", exclusive: true, competitors: []string{"Globex"}},
			},
			// 1 1 1 1 1 1 = 0.
			opp: func(o *book.Opportunity) {
				o.Conflicts = strs("Initech")
				o.Ratings = rate(1, 1, 1, 1, 1, 1)
			},
			wantScore: ip(0), want: Decline, conflict: true,
			wantWhy: []string{"lists Initech among its conflicts", "kestrel (Kestrel Outdoor) is an active exclusive client", "sponsor is required and is 1", "score 0 is below decline_below 50"},
		},
		{
			// Consulting weights {fit: 2, sponsor: 2}: 2×3 + 3 + 2 + 2×4 + 3 + 2 = 24 over Σw 8: 100 × 24/32 = 75.
			name: "custom weights",
			firm: func(f *book.Firm) {
				f.Acceptance.Weights.Fit = dec("2")
				f.Acceptance.Weights.Sponsor = dec("2")
			},
			wantScore: ip(75), want: Accept,
		},
		{
			// Impact weight 0 at 1: 3+3+0+4+3+2 = 15 over Σw 5: 100 × 15/20 = 75,
			// but a value ≤ 2 keeps the work from accept whatever its weight.
			name:      "weight 0 leaves the score but not the ≤ 2 rule",
			firm:      func(f *book.Firm) { f.Acceptance.Weights.Impact = dec("0") },
			opp:       func(o *book.Opportunity) { o.Ratings.Impact = num(1) },
			wantScore: ip(75), want: Review, wantOpen: []string{"impact", "other"},
		},
		{
			// fit weight 49 at 4 (3), issue weight 1 at 3 (2), the rest weight 0:
			// 100 × (147 + 2)/(4 × 50) = 74.5 → 75 = accept_at.
			name: "fractional score rounds half up before it meets accept_at",
			firm: func(f *book.Firm) {
				f.Acceptance.AcceptAt = num(75)
				f.Acceptance.Weights = book.CriterionWeights{Fit: dec("49"), Issue: dec("1"), Impact: dec("0"), Sponsor: dec("0"), Relational: dec("0"), Other: dec("0")}
			},
			opp:       func(o *book.Opportunity) { o.Ratings = rate(4, 3, 5, 5, 5, 5) },
			wantScore: ip(75), want: Accept,
		},
		{
			name: "every answered criterion weighs 0: no score, review",
			firm: func(f *book.Firm) {
				f.Acceptance.Weights = book.CriterionWeights{Fit: dec("0"), Issue: dec("0"), Impact: dec("0"), Sponsor: dec("0"), Relational: dec("0"), Other: dec("0")}
			},
			opp:  func(o *book.Opportunity) { o.Ratings = rate(5, 5, 5, 5, 5, 5) },
			want: Review, wantOpen: []string{"score"},
		},
		{
			// No required criterion: sponsor 1 no longer declines. 4 4 3 1 4 3 = 100 × 13/24 = 54.17 → 54.
			name:      "required list emptied: a low sponsor is a condition",
			firm:      func(f *book.Firm) { f.Acceptance.Required = []book.Field[string]{} },
			opp:       func(o *book.Opportunity) { o.Ratings.Sponsor = num(1) },
			wantScore: ip(54), want: Review, wantOpen: []string{"impact", "sponsor", "other"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := baseFirm()
			if tt.firm != nil {
				tt.firm(f)
			}
			var clients []*book.Client
			for _, c := range tt.clients {
				clients = append(clients, client(c))
			}
			o := baseOpportunity()
			if tt.opp != nil {
				tt.opp(o)
			}
			r := Evaluate(newBook(f, clients...), o)
			if !samePtr(r.Score, tt.wantScore) {
				t.Errorf("score = %s, want %s", show(r.Score), show(tt.wantScore))
			}
			if r.Decision != tt.want {
				t.Errorf("decision = %s, want %s (reasons %q, conditions %q)", r.Decision, tt.want, r.Reasons, r.Conditions)
			}
			if r.HardConflict != tt.conflict || (len(r.Conflicts) > 0) != tt.conflict {
				t.Errorf("hard_conflict = %v with %d conflicts, want %v", r.HardConflict, len(r.Conflicts), tt.conflict)
			}
			open := tt.wantOpen
			if open == nil {
				open = []string{}
			}
			if !slices.Equal(r.Open, open) {
				t.Errorf("open = %q, want %q", r.Open, open)
			}
			if len(r.Conditions) != len(r.Open) {
				t.Errorf("%d conditions for %d open items: %q", len(r.Conditions), len(r.Open), r.Conditions)
			}
			for i, name := range r.Open {
				if !strings.HasPrefix(r.Conditions[i], name+" is ") {
					t.Errorf("condition %d %q is not about %s", i, r.Conditions[i], name)
				}
			}
			if len(r.Reasons) != len(tt.wantWhy) {
				t.Fatalf("reasons = %q, want %d", r.Reasons, len(tt.wantWhy))
			}
			for i, why := range tt.wantWhy {
				if !strings.Contains(r.Reasons[i], why) {
					t.Errorf("reason %d = %q, want it to contain %q", i, r.Reasons[i], why)
				}
			}
		})
	}
}

func TestAcceptConditionSentences(t *testing.T) {
	o := baseOpportunity()
	o.Ratings = rate(5, 4, 0, 0, 4, 4) // impact and sponsor unanswered
	o.Issue.Defined = flag(false)      // issue: team 4, auto 2
	r := Evaluate(newBook(baseFirm()), o)
	want := []string{
		"issue is 2 (team 4, auto 2): the client has not defined the issue (issue.defined: false); agree with the client what the work must achieve and check it is in our sweet spot",
		"impact is unanswered: establish that we can have real impact (size, strong leadership, determination), and record the team's rating as ratings.impact",
		"sponsor is unanswered and required: secure a senior executive sponsor who is committed to see the work through, and record the team's rating as ratings.sponsor",
	}
	if !slices.Equal(r.Conditions, want) {
		t.Errorf("conditions\n got %q\nwant %q", r.Conditions, want)
	}
}

func TestAcceptExistingClientProfile(t *testing.T) {
	tests := []struct {
		name    string
		clients []clientSpec
		opp     func(o *book.Opportunity)
		wantFit *int
		wantWhy string
	}{
		{
			name:    "existing client's profile, the opportunity's service",
			clients: []clientSpec{{id: "acme", name: "Acme Mining", status: "active", industry: "mining", employees: 1200}},
			opp: func(o *book.Opportunity) {
				o.Prospect = nil
				o.Client = book.Field[book.ID]{Value: "acme", Set: true}
				o.Service = str("seo")
			},
			// mining ✗, UK ✓, 1200 ✓, seo ✓: 1 + 4 × 3/4 = 4.
			wantFit: ip(4),
			wantWhy: "3 of 4 strategy checks match (geography UK, 1200 employees, service seo; industry mining not in our industries)",
		},
		{
			name:    "client unknown to the book: the prospect's profile",
			clients: nil,
			opp:     func(o *book.Opportunity) { o.Client = book.Field[book.ID]{Value: "ghost", Set: true} },
			wantFit: ip(5),
			wantWhy: "4 of 4 strategy checks match (industry retail, geography UK, 800 employees, service digital)",
		},
		{
			name:    "neither client nor prospect: only the service is checked",
			opp:     func(o *book.Opportunity) { o.Prospect = nil },
			wantFit: ip(5),
			wantWhy: "1 of 1 strategy check matches (service digital)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var clients []*book.Client
			for _, c := range tt.clients {
				clients = append(clients, client(c))
			}
			o := baseOpportunity()
			tt.opp(o)
			r := Evaluate(newBook(baseFirm(), clients...), o)
			if !samePtr(r.Criteria.Fit.Auto, tt.wantFit) || r.Criteria.Fit.Reason != tt.wantWhy {
				t.Errorf("fit auto %s %q, want %s %q", show(r.Criteria.Fit.Auto), r.Criteria.Fit.Reason, show(tt.wantFit), tt.wantWhy)
			}
		})
	}
}

// TestResultJSON pins the JSON shape of SPEC §8: snake_case keys, the
// criteria in the spec's order, null for absent numbers, [] for no conditions.
func TestAcceptResultJSON(t *testing.T) {
	o := baseOpportunity()
	o.Ratings.Impact = book.Field[int]{}
	r := Evaluate(newBook(baseFirm()), o)
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, want := range []string{
		`"id":"globex-loyalty"`, `"score":75`, `"decision":"review"`, `"hard_conflict":false`,
		`"impact":{"rating":null,"auto":null,"value":null,`,
		`"reasons":[]`, `"conflicts":[]`, `"client":null`, `"prospect":"Globex"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("json lacks %s:\n%s", want, s)
		}
	}
	order := []string{`"fit":`, `"issue":`, `"impact":`, `"sponsor":`, `"relational":`, `"other":`}
	last := -1
	for _, k := range order {
		i := strings.Index(s, k)
		if i < last {
			t.Errorf("criteria out of order at %s:\n%s", k, s)
		}
		last = i
	}
	empty, _ := json.Marshal(Evaluate(newBook(baseFirm()), baseOpportunity()))
	if !strings.Contains(string(empty), `"conditions":[]`) {
		t.Errorf("an accepted opportunity's conditions are not []:\n%s", empty)
	}
}

func samePtr(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func show(p *int) string {
	if p == nil {
		return "null"
	}
	return strconv.Itoa(*p)
}
