// The files about the work with a client: engagements, account plans,
// annual reviews and opportunities (SPEC §1).

package book

// Engagement is clients/<id>/engagements/<slug>.yaml.
type Engagement struct {
	Path string // relative to the book root, slash-separated
	Pos  Pos
	Keys map[string]Pos
	Header
	ID                 Field[ID]      `yaml:"id"`
	Title              Field[string]  `yaml:"title"`
	Service            Field[string]  `yaml:"service"`
	Status             Field[string]  `yaml:"status" cb:"required,enum=proposed|active|complete|cancelled"`
	Start              Field[Date]    `yaml:"start"`
	End                Field[Date]    `yaml:"end"`
	Fee                Field[Decimal] `yaml:"fee" cb:"min=0"`
	Hours              *Hours         `yaml:"hours"`
	Milestones         []Milestone    `yaml:"milestones"`
	ClientDependencies []Dependency   `yaml:"client_dependencies"`
	ScopeChanges       []ScopeChange  `yaml:"scope_changes"`
	Owner              Field[ID]      `yaml:"owner"`
	Notes              Field[string]  `yaml:"notes"`
}

// Hours is an engagement's budgeted and actual hours.
type Hours struct {
	Pos    Pos
	Budget Field[Decimal] `yaml:"budget" cb:"min=0"`
	Actual Field[Decimal] `yaml:"actual" cb:"min=0"`
}

// Milestone is a dated deliverable of an engagement.
type Milestone struct {
	Pos  Pos
	Name Field[string] `yaml:"name" cb:"required"`
	Due  Field[Date]   `yaml:"due"`
	Done Field[Date]   `yaml:"done"`
}

// Dependency is something the client owes the engagement.
type Dependency struct {
	Pos      Pos
	What     Field[string] `yaml:"what" cb:"required"`
	Due      Field[Date]   `yaml:"due"`
	Received Field[Date]   `yaml:"received"`
}

// ScopeChange is a requested change to an engagement's scope.
type ScopeChange struct {
	Pos      Pos
	Date     Field[Date]   `yaml:"date"`
	Change   Field[string] `yaml:"change" cb:"required"`
	Approved Field[bool]   `yaml:"approved"`
}

// Plan is clients/<id>/plan.yaml, the account plan.
type Plan struct {
	Path string // relative to the book root, slash-separated
	Pos  Pos
	Keys map[string]Pos
	Header
	Year        Field[int]      `yaml:"year" cb:"required,min=1900,max=9999"`
	Owner       Field[ID]       `yaml:"owner"`
	ClientInput *ClientInput    `yaml:"client_input"`
	Goals       []Field[string] `yaml:"goals"`
	Meetings    []Meeting       `yaml:"meetings"`
	Updates     Field[string]   `yaml:"updates" cb:"enum=weekly|fortnightly|monthly"`
	Actions     []Action        `yaml:"actions"`
	Notes       Field[string]   `yaml:"notes"`
}

// ClientInput records the client's own say in the plan.
type ClientInput struct {
	Pos   Pos
	Date  Field[Date]     `yaml:"date"`
	With  []Field[string] `yaml:"with"`
	Notes Field[string]   `yaml:"notes"`
}

// Meeting is a team planning session.
type Meeting struct {
	Pos   Pos
	Date  Field[Date]   `yaml:"date" cb:"required"`
	Held  Field[bool]   `yaml:"held"`
	Notes Field[string] `yaml:"notes"`
}

// Review is clients/<id>/reviews/<year>.yaml, the annual client review.
type Review struct {
	Path string // relative to the book root, slash-separated
	Pos  Pos
	Keys map[string]Pos
	Header
	Status  Field[string]   `yaml:"status" cb:"enum=planned|held"`
	Date    Field[Date]     `yaml:"date" cb:"required"`
	With    []Field[string] `yaml:"with"`
	By      Field[ID]       `yaml:"by"`
	Overall Field[int]      `yaml:"overall" cb:"min=1,max=5"`
	NPS     Field[int]      `yaml:"nps" cb:"min=0,max=10"`
	Answers StringMap       `yaml:"answers" cb:"keys=assessment|valuable|improve|people|communication|plans|ahead|priorities|excited|easier|team|manager|navigate"`
	Notes   Field[string]   `yaml:"notes"`
}

// Held reports whether the review has taken place. Only a review that says
// status: planned has not (SPEC §9): the default is held, and a status that
// is neither (its own CB003) is read as the default, so the mistake costs
// one finding, not a second one from CB203.
func (r *Review) Held() bool { return !(r.Status.Set && r.Status.Value == "planned") }

// Opportunity is opportunities/<slug>.yaml, new work under consideration.
type Opportunity struct {
	Path string // relative to the book root, slash-separated
	Pos  Pos
	Keys map[string]Pos
	Header
	ID             Field[ID]       `yaml:"id"`
	Client         Field[ID]       `yaml:"client"`
	Prospect       *Prospect       `yaml:"prospect"`
	Service        Field[string]   `yaml:"service"`
	Summary        Field[string]   `yaml:"summary"`
	Value          Field[Decimal]  `yaml:"value" cb:"min=0"`
	Issue          *IssueInfo      `yaml:"issue"`
	Sponsor        *Sponsor        `yaml:"sponsor"`
	ProcurementLed Field[bool]     `yaml:"procurement_led"`
	Conflicts      []Field[string] `yaml:"conflicts"`
	Ratings        Ratings         `yaml:"ratings"`
	Notes          StringMap       `yaml:"notes" cb:"keys=fit|issue|impact|sponsor|relational|other"`
}

// Prospect describes a would-be client that has no folder yet.
type Prospect struct {
	Pos       Pos
	Name      Field[string] `yaml:"name"`
	Industry  Field[string] `yaml:"industry"`
	Geography Field[string] `yaml:"geography"`
	Size      *ClientSize   `yaml:"size"`
}

// IssueInfo is whether the client has defined the engagement.
type IssueInfo struct {
	Pos     Pos
	Defined Field[bool] `yaml:"defined"`
}

// Sponsor is the opportunity's executive sponsor.
type Sponsor struct {
	Pos       Pos
	Name      Field[string] `yaml:"name"`
	Title     Field[string] `yaml:"title"`
	Senior    Field[bool]   `yaml:"senior"`
	Committed Field[bool]   `yaml:"committed"`
}

// Ratings are the team's own 1–5 answers to the six criteria.
type Ratings struct {
	Pos        Pos
	Fit        Field[int] `yaml:"fit" cb:"min=1,max=5"`
	Issue      Field[int] `yaml:"issue" cb:"min=1,max=5"`
	Impact     Field[int] `yaml:"impact" cb:"min=1,max=5"`
	Sponsor    Field[int] `yaml:"sponsor" cb:"min=1,max=5"`
	Relational Field[int] `yaml:"relational" cb:"min=1,max=5"`
	Other      Field[int] `yaml:"other" cb:"min=1,max=5"`
}

// Identity is a copy of the client's own scalar fields (id, name, status,
// tier, industry, geography, since, owner, potential) and its recovery,
// without its plan, engagements, reviews and lists: what a command that
// reads the book client by client (Stream) keeps of each one after
// reducing it, so that the documents can be dropped.
func (c *Client) Identity() *Client {
	return &Client{
		Path: c.Path, Pos: c.Pos,
		ID: c.ID, Name: c.Name, Status: c.Status, Tier: c.Tier,
		Industry: c.Industry, Geography: c.Geography, Since: c.Since,
		Owner: c.Owner, Potential: c.Potential, Recovery: c.Recovery,
		Unread: c.Unread,
	}
}
