package book

// The typed model of every kind of file (SPEC §1). The `yaml` tag names the
// key; the `cb` tag carries the validation the decoder applies:
//
//	required         the key must be present and not null (CB004)
//	enum=a|b|c       the value must be one of these (CB003)
//	min=N, max=N     inclusive range of a number (CB003)
//	keys=a|b         the keys a string map may have (CB002)
//
// A struct's Pos is where its mapping starts; Keys, where present, holds the
// position of each key so that a rule can point at a list or at a missing
// neighbour's parent.

// Header is the first two keys of every file.
type Header struct {
	APIVersion Field[string] `yaml:"apiVersion" cb:"enum=clientbook/v1"`
	Kind       Field[string] `yaml:"kind" cb:"required"`
}

// Firm is clientbook.yaml.
type Firm struct {
	Path string // relative to the book root, slash-separated
	Pos  Pos
	Keys map[string]Pos
	Header
	Name       Field[string] `yaml:"name" cb:"required"`
	Currency   Field[string] `yaml:"currency"`
	Team       []Person      `yaml:"team"`
	Strategy   *Strategy     `yaml:"strategy"`
	Economics  Economics     `yaml:"economics"`
	Health     HealthConfig  `yaml:"health"`
	Matrix     MatrixConfig  `yaml:"matrix"`
	Cadence    Cadence       `yaml:"cadence"`
	Acceptance Acceptance    `yaml:"acceptance"`
	Portfolio  PortfolioConf `yaml:"portfolio"`
	Rules      StringMap     `yaml:"rules"`
}

// Person is a member of the firm's team.
type Person struct {
	Pos    Pos
	ID     Field[ID]     `yaml:"id" cb:"required"`
	Name   Field[string] `yaml:"name"`
	Role   Field[string] `yaml:"role"`
	Senior Field[bool]   `yaml:"senior"`
	Email  Field[string] `yaml:"email"`
}

// Strategy is who the firm wants to serve.
type Strategy struct {
	Pos         Pos
	Industries  []Field[string] `yaml:"industries"`
	Geographies []Field[string] `yaml:"geographies"`
	Size        *SizeRange      `yaml:"size"`
	Services    []Field[string] `yaml:"services"`
}

// SizeRange bounds a client's employees, both ends inclusive.
type SizeRange struct {
	Pos          Pos
	MinEmployees Field[int] `yaml:"min_employees" cb:"min=0"`
	MaxEmployees Field[int] `yaml:"max_employees" cb:"min=0"`
}

// Economics is what the firm's time and margins are worth.
type Economics struct {
	Pos          Pos
	HourlyValue  Field[Decimal] `yaml:"hourly_value" cb:"min=0"`
	MarginFloor  Field[Decimal] `yaml:"margin_floor" cb:"min=-1,max=1"`
	MarginTarget Field[Decimal] `yaml:"margin_target" cb:"min=0,max=1"`
}

// HealthWeights weighs the six rated factors.
type HealthWeights struct {
	Pos          Pos
	Trust        Field[Decimal] `yaml:"trust" cb:"min=0"`
	Respect      Field[Decimal] `yaml:"respect" cb:"min=0"`
	Transparency Field[Decimal] `yaml:"transparency" cb:"min=0"`
	Access       Field[Decimal] `yaml:"access" cb:"min=0"`
	Loyalty      Field[Decimal] `yaml:"loyalty" cb:"min=0"`
	Value        Field[Decimal] `yaml:"value" cb:"min=0"`
}

// Bands are the health score thresholds.
type Bands struct {
	Pos     Pos
	Healthy Field[int] `yaml:"healthy" cb:"min=0,max=100"`
	Watch   Field[int] `yaml:"watch" cb:"min=0,max=100"`
}

// HealthConfig is the firm's health section.
type HealthConfig struct {
	Pos         Pos
	Keys        map[string]Pos
	Weights     HealthWeights   `yaml:"weights"`
	Bands       Bands           `yaml:"bands"`
	RoundWindow Field[Duration] `yaml:"round_window"`
	StaleAfter  Field[Duration] `yaml:"stale_after"`
}

// Broad is what counts as broad on the matrix's breadth axis.
type Broad struct {
	Pos          Pos
	Services     Field[int] `yaml:"services" cb:"min=1"`
	Stakeholders Field[int] `yaml:"stakeholders" cb:"min=1"`
	Team         Field[int] `yaml:"team" cb:"min=1"`
}

// MatrixConfig is the firm's matrix section.
type MatrixConfig struct {
	Pos   Pos
	Broad Broad `yaml:"broad"`
}

// Cadence is how often things should happen.
type Cadence struct {
	Pos              Pos
	Touchpoint       Field[Duration] `yaml:"touchpoint"`
	Review           Field[Duration] `yaml:"review"`
	PlanningMeetings Field[int]      `yaml:"planning_meetings" cb:"min=0,max=365"`
}

// CriterionWeights weighs the six acceptance criteria.
type CriterionWeights struct {
	Pos        Pos
	Fit        Field[Decimal] `yaml:"fit" cb:"min=0"`
	Issue      Field[Decimal] `yaml:"issue" cb:"min=0"`
	Impact     Field[Decimal] `yaml:"impact" cb:"min=0"`
	Sponsor    Field[Decimal] `yaml:"sponsor" cb:"min=0"`
	Relational Field[Decimal] `yaml:"relational" cb:"min=0"`
	Other      Field[Decimal] `yaml:"other" cb:"min=0"`
}

// Acceptance is the firm's new-work section.
type Acceptance struct {
	Pos          Pos
	Keys         map[string]Pos
	Weights      CriterionWeights `yaml:"weights"`
	AcceptAt     Field[int]       `yaml:"accept_at" cb:"min=0,max=100"`
	DeclineBelow Field[int]       `yaml:"decline_below" cb:"min=0,max=100"`
	Required     []Field[string]  `yaml:"required" cb:"enum=fit|issue|impact|sponsor|relational|other"`
}

// PortfolioWeights weighs the attractiveness components.
type PortfolioWeights struct {
	Pos       Pos
	Health    Field[Decimal] `yaml:"health" cb:"min=0"`
	Margin    Field[Decimal] `yaml:"margin" cb:"min=0"`
	Fit       Field[Decimal] `yaml:"fit" cb:"min=0"`
	Potential Field[Decimal] `yaml:"potential" cb:"min=0"`
}

// PortfolioConf is the firm's portfolio section.
type PortfolioConf struct {
	Pos     Pos
	Keys    map[string]Pos
	Weights PortfolioWeights `yaml:"weights"`
}

// StringMap is a mapping of plain keys to scalar values, kept in file order.
type StringMap []MapEntry

// MapEntry is one key of a StringMap.
type MapEntry struct {
	Key    string
	KeyPos Pos
	Value  Field[string]
}

// Get returns the entry for key.
func (m StringMap) Get(key string) (Field[string], bool) {
	for _, e := range m {
		if e.Key == key {
			return e.Value, true
		}
	}
	return Field[string]{}, false
}

// Client is clients/<id>/client.yaml.
type Client struct {
	Path        string // relative to the book root, slash-separated
	Plan        *Plan
	Engagements []*Engagement // in file-name order
	Reviews     []*Review     // in file-name order
	// Unread is set on the stand-in for a client whose client.yaml could
	// not be read (it is missing, cannot be parsed, or is not a Client):
	// why, and where to fix it. The stand-in has its folder's name as id
	// (when that is an id) and its folder's other files, so that they are
	// still checked, but none of client.yaml's values: not even a status.
	Unread *LeftOut
	Pos    Pos
	Keys   map[string]Pos
	Header
	ID           Field[ID]       `yaml:"id" cb:"required"`
	Name         Field[string]   `yaml:"name" cb:"required"`
	Aliases      []Field[string] `yaml:"aliases"` // the names other systems use (SPEC §11)
	Status       Field[string]   `yaml:"status" cb:"required,enum=prospect|active|paused|former"`
	Tier         Field[string]   `yaml:"tier" cb:"enum=key|standard|small"`
	Industry     Field[string]   `yaml:"industry"`
	Geography    Field[string]   `yaml:"geography"`
	Size         *ClientSize     `yaml:"size"`
	Since        Field[Date]     `yaml:"since"`
	Owner        Field[ID]       `yaml:"owner"`
	Exclusive    Field[bool]     `yaml:"exclusive"`
	Competitors  []Field[string] `yaml:"competitors"`
	Potential    Field[int]      `yaml:"potential" cb:"min=1,max=5"`
	Cadence      *ClientCadence  `yaml:"cadence"`
	Stakeholders []Stakeholder   `yaml:"stakeholders"`
	Priorities   []Field[string] `yaml:"priorities"`
	Financials   []Financial     `yaml:"financials"`
	Health       []Assessment    `yaml:"health"`
	Touchpoints  []Touchpoint    `yaml:"touchpoints"`
	Recovery     *Recovery       `yaml:"recovery"`
	Notes        Field[string]   `yaml:"notes"`
}

// ClientSize is the client's headcount.
type ClientSize struct {
	Pos       Pos
	Employees Field[int] `yaml:"employees" cb:"min=0"`
}

// ClientCadence overrides the firm's touchpoint cadence for one client.
type ClientCadence struct {
	Pos        Pos
	Touchpoint Field[Duration] `yaml:"touchpoint"`
}

// Stakeholder is one of the client's people we know.
type Stakeholder struct {
	Pos      Pos
	Name     Field[string] `yaml:"name" cb:"required"`
	Title    Field[string] `yaml:"title"`
	Role     Field[string] `yaml:"role" cb:"enum=sponsor|decision-maker|influencer|user|procurement"`
	Strength Field[int]    `yaml:"strength" cb:"min=1,max=5"`
	Owner    Field[ID]     `yaml:"owner"`
	Email    Field[string] `yaml:"email"`
	Notes    Field[string] `yaml:"notes"`
}

// Financial is one year's figures for a client.
type Financial struct {
	Pos             Pos
	Year            Field[int]     `yaml:"year" cb:"required,min=1900,max=9999"`
	Revenue         Field[Decimal] `yaml:"revenue" cb:"min=0"`
	Margin          Field[Decimal] `yaml:"margin" cb:"max=1"`
	ManagementHours Field[Decimal] `yaml:"management_hours" cb:"min=0"`
}

// Assessment is one rater's dated health assessment.
type Assessment struct {
	Pos          Pos
	Date         Field[Date]   `yaml:"date" cb:"required"`
	By           Field[ID]     `yaml:"by"`
	Trust        Field[int]    `yaml:"trust" cb:"min=1,max=5"`
	Respect      Field[int]    `yaml:"respect" cb:"min=1,max=5"`
	Transparency Field[int]    `yaml:"transparency" cb:"min=1,max=5"`
	Access       Field[int]    `yaml:"access" cb:"min=1,max=5"`
	Loyalty      Field[int]    `yaml:"loyalty" cb:"min=1,max=5"`
	Value        Field[int]    `yaml:"value" cb:"min=1,max=5"`
	Position     Field[string] `yaml:"position" cb:"enum=expert-for-hire|trusted-advisor|vendor|trusted-partner"`
	Notes        Field[string] `yaml:"notes"`
}

// Touchpoint is a recorded contact with the client.
type Touchpoint struct {
	Pos   Pos
	Date  Field[Date]     `yaml:"date" cb:"required"`
	Kind  Field[string]   `yaml:"kind" cb:"enum=call|meeting|email|review|social|workshop"`
	By    Field[ID]       `yaml:"by"`
	With  []Field[string] `yaml:"with"`
	Notes Field[string]   `yaml:"notes"`
	Ref   Field[string]   `yaml:"ref"` // set by imports: the calendar event's UID and date
}

// Recovery is a relationship being turned around.
type Recovery struct {
	Pos                    Pos
	Opened                 Field[Date]   `yaml:"opened" cb:"required"`
	Salvageable            Field[bool]   `yaml:"salvageable"`
	RootCause              Field[string] `yaml:"root_cause"`
	ResponsibilityAccepted Field[bool]   `yaml:"responsibility_accepted"`
	Plan                   []Action      `yaml:"plan"`
	Closed                 Field[Date]   `yaml:"closed"`
	Notes                  Field[string] `yaml:"notes"`
}

// Action is a dated, owned step of a plan or a recovery.
type Action struct {
	Pos    Pos
	Action Field[string] `yaml:"action" cb:"required"`
	Owner  Field[ID]     `yaml:"owner"`
	Due    Field[Date]   `yaml:"due"`
	Done   Field[Date]   `yaml:"done"`
	Notes  Field[string] `yaml:"notes"`
}

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
