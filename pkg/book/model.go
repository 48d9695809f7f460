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
