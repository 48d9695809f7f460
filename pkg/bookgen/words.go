package bookgen

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
)

// The vocabularies below hold only text that is a plain YAML scalar in both
// block and flow context: no commas, brackets, braces, ": " or " #", and no
// word that YAML would read as a number, a bool or null. Notes that need
// punctuation are written quoted (see quoted).

// Person is a member of the generated firm's team.
type Person struct {
	ID, Name, Role string
	Senior         bool
}

// Team is the generated firm's team: twelve people, five of them senior.
var Team = []Person{
	{ID: "piers", Name: "Piers Bracher", Role: "founder and managing director", Senior: true},
	{ID: "amara", Name: "Amara Nwosu", Role: "creative director", Senior: true},
	{ID: "lena", Name: "Lena Fischer", Role: "client services director", Senior: true},
	{ID: "priya", Name: "Priya Shah", Role: "head of digital", Senior: true},
	{ID: "ingrid", Name: "Ingrid Halden", Role: "strategy director", Senior: true},
	{ID: "sam", Name: "Sam Okafor", Role: "account manager"},
	{ID: "tom", Name: "Tom Reyes", Role: "junior strategist"},
	{ID: "aoife", Name: "Aoife Kelly", Role: "account director"},
	{ID: "davide", Name: "Davide Russo", Role: "senior designer"},
	{ID: "sofia", Name: "Sofia Marin", Role: "producer"},
	{ID: "kwame", Name: "Kwame Mensah", Role: "data analyst"},
	{ID: "mei", Name: "Mei Tanaka", Role: "account executive"},
}

var seniors = func() []string {
	var ids []string
	for _, p := range Team {
		if p.Senior {
			ids = append(ids, p.ID)
		}
	}
	return ids
}()

var (
	strategyIndustries  = []string{"retail", "hospitality", "technology", "financial-services"}
	strategyGeographies = []string{"UK", "IE", "NL"}
	strategyServices    = []string{"brand", "digital", "seo", "campaigns", "content"}

	industries  = []string{"retail", "hospitality", "technology", "financial-services", "healthcare", "manufacturing", "logistics", "energy", "public-sector", "education", "media", "insurance"}
	geographies = []string{"UK", "UK", "UK", "IE", "IE", "NL", "DE", "FR", "US", "DK"}
	services    = []string{"brand", "digital", "seo", "campaigns", "content", "research", "strategy", "analytics", "pr", "social"}

	nameFirst  = []string{"Copper", "Harbour", "Kestrel", "Nimbus", "Ashdown", "Fenwick", "Trailhead", "Tallis", "Marlowe", "Ostara", "Zeeland", "Pike", "Brennan", "Kilbride", "Nordwind", "Lindqvist", "Alder", "Solberg", "Vesterhavn", "Tessel", "Harrow", "Juniper", "Larkspur", "Meridian", "Oakridge", "Quayside", "Redfern", "Saltmarsh", "Thornbury", "Wexford", "Birchwood", "Calder", "Dunmore", "Elmstead", "Foxglove", "Glenrock"}
	nameSecond = []string{"Foods", "Hotels", "Outdoor", "Software", "Distillery", "Coffee", "Robotics", "Retail", "Insurance", "Engineering", "Group", "Dairy", "Energy", "Freight", "Credit Union", "Logistics", "Components", "Housing", "Health", "Media", "Bank", "Brewing", "Labs", "Partners", "Pharma", "Studios", "Works", "Mobility"}
	nameSuffix = []string{"Ltd", "Ltd", "Limited", "plc", "BV", "GmbH", "Group", "and Sons", "Holdings", "Co"}

	firstNames = []string{"Jane", "Margaret", "Gavin", "Lucy", "Claire", "Rob", "Hannah", "Mette", "Anders", "Sara", "Ida", "Rasmus", "Hank", "Oliver", "Chloe", "Amit", "Fatima", "Liam", "Niamh", "Joost", "Femke", "Lukas", "Elena", "Marek", "Grace", "Tariq", "Yusuf", "Zoe", "Declan", "Isla", "Priyanka", "Kenji", "Beatriz", "Otto", "Freya", "Emeka"}
	lastNames  = []string{"Doe", "Fenwick", "Shaw", "Tran", "Whitmore", "Adeyemi", "Cole", "Lund", "Holm", "Nyberg", "Krog", "Scorpio", "Bennett", "Moreau", "Patel", "Hussain", "Byrne", "Gallagher", "de Vries", "Jansen", "Weber", "Rossi", "Nowak", "Okonkwo", "Khan", "Demir", "Murphy", "Sato", "Costa", "Schmidt", "Larsen", "Eze", "O'Brien", "McAllister", "Fitzgerald", "Lindgren"}
	titles     = []string{"CEO", "COO", "CFO", "CMO", "CIO", "CTO", "Managing Director", "Marketing Director", "Head of Brand", "Head of Digital", "Marketing Manager", "Brand Manager", "Procurement Lead", "Head of Ecommerce", "Operations Director", "Brand Executive", "Head of Communications", "Chief Customer Officer"}

	priorityTexts = []string{
		"Launch the loyalty app by Q3",
		"Grow online share of sales to a third",
		"Open two new sites in Dublin",
		"Cut cost to serve by ten percent",
		"Rebrand ahead of the merger",
		"Enter the German market next year",
		"Win back younger customers",
		"Move the website to a new platform without losing search traffic",
		"Look premium without losing the family-business feel",
		"Get the board to agree a three-year brand budget",
		"Replace the agency roster with two partners",
		"Prove marketing's contribution to revenue",
	}
	touchNotes = []string{
		"Weekly status", "Chased feedback on concepts", "Walked through the campaign results",
		"Agreed next quarter's priorities", "Introduced our data team", "Lunch after the board meeting",
		"Sent the monthly report", "Photography slipped again", "Discussed the budget for next year",
		"Reviewed the media plan", "Quick check-in on the launch", "Workshop on the customer journey",
		"Raised concerns about late approvals", "Shared a competitor teardown", "Coffee at their office",
	}
	quotedNotes = []string{
		"Budget question: they want two options",
		"Follow-up: send the case study, then call",
		"Tricky call; procurement want rates down by 8%",
		"Agreed: one brief, one sign-off, one owner",
	}
	assessNotes = []string{
		"Procurement pushing rates down.",
		"Strong year; they ask our view before deciding.",
		"New CMO still forming her view of us.",
		"Late feedback keeps squeezing the studio.",
		"They brought us into the board away day.",
		"Quiet since the restructure.",
	}
	goalTexts = []string{
		"Become the loyalty app's delivery partner",
		"Meet the new CFO before the budget round",
		"Win the retained SEO programme",
		"Hold margin above 25%",
		"Be their first call on the German market entry",
		"Introduce our data team to the CIO",
		"Run a joint case study",
		"Get a second sponsor in the business",
		"Agree a written brief sign-off process",
	}
	actionTexts = []string{
		"Introduce our data team to the CIO",
		"Share our market scan with the CMO",
		"Proposal for phase two",
		"Book the spring planning workshop",
		"Send the annual results pack",
		"Invite the sponsor to our client dinner",
		"Agree a written brief sign-off process",
		"Fortnightly steering call until launch",
		"Apology call to the sponsor",
		"Re-brief workshop with the brand team",
	}
	rootCauses = []string{
		"Winter campaign brief was misunderstood",
		"Two missed deadlines in a row on the website build",
		"Our account lead left without a handover",
		"Invoices disputed after scope crept",
	}
	milestoneNames  = []string{"Discovery", "Concepts", "Design development", "Final artwork", "Build", "Testing", "Launch", "Handover", "Research readout", "Strategy sign-off", "Media plan", "Evaluation"}
	dependencyNames = []string{"Product photography", "Brand guidelines", "Access to analytics", "Legal sign-off on copy", "Customer data extract", "Retailer listing dates", "Board approval of budget", "Content from the product team"}
	scopeChanges    = []string{"Add SEO audit", "Two extra SKUs", "Extra market in the rollout", "Drop the print edition", "Add a second round of research", "Translate into German"}
	engagementWords = map[string][]string{
		"brand":     {"Brand refresh", "Packaging redesign", "Brand architecture"},
		"digital":   {"Website rebuild", "App redesign", "Ecommerce replatform"},
		"seo":       {"SEO programme", "Search migration", "Technical SEO audit"},
		"campaigns": {"Winter campaign", "Spring launch campaign", "Always-on social"},
		"content":   {"Content hub", "Editorial retainer", "Video series"},
		"research":  {"Customer research", "Brand tracker", "Segmentation study"},
		"strategy":  {"Growth strategy", "Market entry plan", "Portfolio review"},
		"analytics": {"Marketing mix model", "Dashboard build", "Attribution study"},
		"pr":        {"Launch PR", "Thought leadership", "Crisis support"},
		"social":    {"Social retainer", "Community management", "Influencer programme"},
	}
	answerTexts = map[string]string{
		"assessment":    "Good year; slow on reporting.",
		"valuable":      "The customer-journey workshop.",
		"improve":       "Keep the same people on the account.",
		"people":        "Our new head of ecommerce.",
		"communication": "Fine as it is.",
		"plans":         "Loyalty app in Q3 and a new site next spring.",
		"ahead":         "Budgets will be tight after the merger.",
		"priorities":    "Online share of sales. The board measures me on it.",
		"excited":       "Excited by the new stores; worried about hiring.",
		"easier":        "One invoice a month, not six.",
		"team":          "Strong design; thinner on analytics.",
		"manager":       "Always reachable, sometimes too optimistic.",
		"navigate":      "Mostly. Not always for billing.",
	}
	// questions are the review question ids of SPEC §4, in their order.
	questions = []string{"assessment", "valuable", "improve", "people", "communication", "plans", "ahead", "priorities", "excited", "easier", "team", "manager", "navigate"}
)

// rng wraps a seeded random stream with the draws the generator needs.
type rng struct{ *rand.Rand }

func newRNG(seed, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, stream))}
}

// between returns a uniform integer in [lo, hi].
func (r rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

func (r rng) chance(p float64) bool { return r.Float64() < p }

func (r rng) pick(list []string) string { return list[r.IntN(len(list))] }

func (r rng) person() string { return Team[r.IntN(len(Team))].ID }

func (r rng) senior() string { return r.pick(seniors) }

// sample returns k distinct items of list in list order.
func (r rng) sample(list []string, k int) []string {
	k = min(k, len(list))
	idx := r.Perm(len(list))[:k]
	keep := make([]bool, len(list))
	for _, i := range idx {
		keep[i] = true
	}
	out := make([]string, 0, k)
	for i, s := range list {
		if keep[i] {
			out = append(out, s)
		}
	}
	return out
}

// buf builds one file's text.
type buf []byte

func (b *buf) s(parts ...string) {
	for _, p := range parts {
		*b = append(*b, p...)
	}
}

func (b *buf) int(n int) { *b = strconv.AppendInt(*b, int64(n), 10) }

func (b *buf) date(d book.Date) { *b = appendDate(*b, d) }

// kv writes "key: value" with the given indent and a newline.
func (b *buf) kv(indent, key, value string) { b.s(indent, key, ": ", value, "\n") }

func (b *buf) kvInt(indent, key string, n int) {
	b.s(indent, key, ": ")
	b.int(n)
	b.s("\n")
}

func (b *buf) kvDate(indent, key string, d book.Date) {
	b.s(indent, key, ": ")
	b.date(d)
	b.s("\n")
}

// flowList writes [a, b, c].
func (b *buf) flowList(items []string) {
	b.s("[")
	for i, it := range items {
		if i > 0 {
			b.s(", ")
		}
		b.s(it)
	}
	b.s("]")
}

// appendDate appends d as YYYY-MM-DD without going through time.Format.
func appendDate(dst []byte, d book.Date) []byte {
	y, m, day := d.Time().Date()
	dst = append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	dst = append(dst, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(dst, byte('0'+day/10), byte('0'+day%10))
}

// quoted returns s as a double-quoted YAML string.
func quoted(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// slug turns words into an id fragment.
func slug(s string) string {
	var out []byte
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			out = append(out, byte(c))
			dash = false
		case !dash && len(out) > 0:
			out = append(out, '-')
			dash = true
		}
	}
	return strings.TrimSuffix(string(out), "-")
}

// money rounds n to a multiple of step.
func money(n, step int) int { return max(step, n/step*step) }

// fraction formats hundredths as a decimal: 22 → 0.22, -3 → -0.03.
func fraction(hundredths int) string {
	sign := ""
	if hundredths < 0 {
		sign = "-"
		hundredths = -hundredths
	}
	frac := strconv.Itoa(hundredths % 100)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return sign + strconv.Itoa(hundredths/100) + "." + frac
}

// yearStart is 1 January of year.
func yearStart(year int) book.Date {
	d, _ := book.ParseDate(strconv.Itoa(year) + "-01-01")
	return d
}
