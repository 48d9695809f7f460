package finding

// Rule describes one rule id: the single list that check, its help,
// SARIF's rule metadata and severity overrides all read.
type Rule struct {
	ID       string
	Default  Severity
	Summary  string // what the rule finds, as in SPEC §7
	HelpText string // what to do about it
}

// Catalog is every rule of SPEC §7 in id order.
var Catalog = []Rule{
	{"CB001", Error, "file cannot be parsed", "Fix the YAML syntax at the position shown; clientbook reads one plain YAML document per file."},
	{"CB002", Error, "unknown field", "Remove the field or correct its spelling; `clientbook schema KIND` lists the fields of each kind."},
	{"CB003", Error, "wrong type or value out of range", "Give the field a value of the type and range shown in the message."},
	{"CB004", Error, "required field missing", "Add the field named in the message."},
	{"CB005", Error, "duplicate id", "Give each client, engagement (within its client) and opportunity its own id."},
	{"CB006", Error, "id or kind does not match the file's place", "Move the file or change its kind or id so that it matches the book layout."},
	{"CB007", Error, "reference to an unknown person, client or engagement", "Use an id that exists: a team member of clientbook.yaml or a client folder name."},
	{"CB008", Error, "dates out of order", "Correct the dates so that they follow each other."},
	{"CB101", Warning, "active key client has no plan for this year", "Write this year's account plan: clientbook new plan CLIENT."},
	{"CB102", Warning, "plan owner is not a senior team member", "Make a senior team member the plan's owner."},
	{"CB103", Warning, "no client input recorded for the plan", "Ask the client for their goals and record it under client_input."},
	{"CB104", Warning, "fewer planning meetings than cadence.planning_meetings", "Hold and record the team planning meetings."},
	{"CB105", Warning, "plan has no update cadence", "Set updates: weekly, fortnightly or monthly."},
	{"CB106", Warning, "plan or recovery action without owner or due date", "Give every action an owner and a due date."},
	{"CB107", Warning, "action overdue", "Do the action and record done:, or move its due date."},
	{"CB108", Info, "plan has more than 7 goals", "Keep the plan brief: seven goals at most."},
	{"CB201", Warning, "health assessment stale or missing", "Rate the relationship again under health:."},
	{"CB202", Warning, "no touchpoint within the client's cadence", "Get in touch and record it: clientbook log CLIENT."},
	{"CB203", Warning, "annual review overdue", "Hold the annual review: clientbook review CLIENT, then clientbook new review CLIENT."},
	{"CB204", Warning, "at-risk client without an open recovery plan", "Open a recovery: plan under recovery: in client.yaml."},
	{"CB205", Warning, "no executive sponsor among stakeholders", "Find and record a stakeholder with role: sponsor."},
	{"CB206", Info, "key client is single-threaded", "Build relationships with more than one strong stakeholder."},
	{"CB301", Warning, "milestone overdue", "Deliver the milestone and record done:, or agree a new date."},
	{"CB302", Warning, "client dependency overdue", "Chase the client for what they owe, and record received:."},
	{"CB303", Warning, "scope change not approved while the engagement is active", "Get the scope change approved (approved: true) or drop it."},
	{"CB304", Warning, "hours over budget", "Agree a new budget with the client or stop the overrun."},
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	for _, r := range Catalog {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
