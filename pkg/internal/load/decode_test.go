package load

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

// clientText has one problem of each kind the decoder finds, at known
// places; the comments give the line.
const clientText = `kind: Client
id: acme
name: Acme Retail Ltd
status: active
tier: key
colour: blue
since: 2021-02-30
potential: 9
stakeholders:
  - name: Jane Doe
    role: sponsor
    strength: 4
    shoe: 42
  - {title: CFO, strength: x}
financials:
  - {year: 2025, revenue: 480000, margin: 0.22}
health:
  - date: 2026-09-30
    by: ann
    trust: 4
`

func TestDecoderPositions(t *testing.T) {
	v, fs := decodeText(t, kindClient, clientText)
	want := []at{
		{"CB002", 6, 1},   // colour: the key
		{"CB003", 7, 8},   // since: the value 2021-02-30
		{"CB003", 8, 12},  // potential: the value 9
		{"CB002", 13, 5},  // shoe: the key inside the first stakeholder
		{"CB004", 14, 5},  // the second stakeholder's mapping has no name
		{"CB003", 14, 28}, // strength: the value x
	}
	if got := positions(fs); !slices.Equal(got, want) {
		t.Errorf("findings:\n got %v\nwant %v\n%s", got, want, messages(fs))
	}

	c := v.(*book.Client)
	fields := []struct {
		name string
		got  book.Pos
		want book.Pos
	}{
		{"client mapping", c.Pos, book.Pos{Line: 1, Column: 1}},
		{"kind value", c.Kind.Pos, book.Pos{Line: 1, Column: 7}},
		{"id value", c.ID.Pos, book.Pos{Line: 2, Column: 5}},
		{"name value", c.Name.Pos, book.Pos{Line: 3, Column: 7}},
		{"status value", c.Status.Pos, book.Pos{Line: 4, Column: 9}},
		{"stakeholders key", c.Keys["stakeholders"], book.Pos{Line: 9, Column: 1}},
		{"first stakeholder", c.Stakeholders[0].Pos, book.Pos{Line: 10, Column: 5}},
		{"first stakeholder's name", c.Stakeholders[0].Name.Pos, book.Pos{Line: 10, Column: 11}},
		{"first stakeholder's strength", c.Stakeholders[0].Strength.Pos, book.Pos{Line: 12, Column: 15}},
		{"second stakeholder (flow)", c.Stakeholders[1].Pos, book.Pos{Line: 14, Column: 5}},
		{"second stakeholder's title", c.Stakeholders[1].Title.Pos, book.Pos{Line: 14, Column: 13}},
		{"financials margin", c.Financials[0].Margin.Pos, book.Pos{Line: 16, Column: 43}},
		{"assessment", c.Health[0].Pos, book.Pos{Line: 18, Column: 5}},
		{"assessment date", c.Health[0].Date.Pos, book.Pos{Line: 18, Column: 11}},
		{"assessment by", c.Health[0].By.Pos, book.Pos{Line: 19, Column: 9}},
		{"assessment trust", c.Health[0].Trust.Pos, book.Pos{Line: 20, Column: 12}},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s at %v, want %v", f.name, f.got, f.want)
		}
	}

	// Values that decoded are set; the ones that did not are left unset.
	if !c.Tier.Set || c.Tier.Value != "key" {
		t.Errorf("tier = %+v, want key", c.Tier)
	}
	if c.Since.Set {
		t.Errorf("since 2021-02-30 decoded as %s, want it left unset", c.Since.Value)
	}
	if c.Potential.Set {
		t.Errorf("potential 9 decoded as %d, want it left unset", c.Potential.Value)
	}
	if c.Stakeholders[1].Strength.Set {
		t.Errorf("strength x decoded as %d, want it left unset", c.Stakeholders[1].Strength.Value)
	}
	if got := c.Financials[0].Margin.Value.Rat; !c.Financials[0].Margin.Set || got.Cmp(big.NewRat(22, 100)) != 0 {
		t.Errorf("margin 0.22 decoded as %v, want exactly 22/100", got)
	}
}

func messages(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Location() + " " + f.Rule + " " + f.Message + "\n")
	}
	return b.String()
}

// TestDecoderFindings pins one finding per line for the decoder's checks:
// the rule, the exact position and a piece of the message.
func TestDecoderFindings(t *testing.T) {
	tests := []struct {
		name string
		kind fileKind
		text string
		want []at
		msg  string // part of the first finding's message
	}{
		{"unknown field at its key", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\n  # c\nfoo: 1\n", []at{{"CB002", 6, 1}}, `unknown field "foo" in Client`},
		{"required field missing, at the mapping", kindClient, "kind: Client\nid: a\nstatus: active\n", []at{{"CB004", 1, 1}}, `required field "name" missing`},
		{"required field empty, at the key", kindClient, "kind: Client\nid: a\nname:\nstatus: active\n", []at{{"CB004", 3, 1}}, `required field "name" in Client is empty`},
		{"required field empty in a list item, at the key", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nstakeholders:\n  - {name: null, role: user}\n", []at{{"CB004", 6, 6}}, `required field "name" in stakeholders is empty`},
		{"invalid required value is one finding, not two", kindClient, "kind: Client\nid: a\nname: A\nstatus: actve\n", []at{{"CB003", 4, 9}}, `"status" is "actve"; expected one of`},
		{"kind missing", kindEngagement, "id: brand\nstatus: active\n", []at{{"CB004", 1, 1}}, `required field "kind" missing: add kind: Engagement`},
		{"kind in the wrong place", kindEngagement, "kind: Client\nstatus: active\n", []at{{"CB006", 1, 7}}, `kind Client does not belong at test.yaml`},
		{"not a mapping", kindClient, "- kind: Client\n", []at{{"CB003", 1, 1}}, `Client must be a mapping of keys to values, not a list`},
		{"list where a mapping belongs", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nsize: [1]\n", []at{{"CB003", 5, 7}}, `size must be a mapping`},
		{"mapping where a list belongs", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nhealth: {date: 2026-01-01}\n", []at{{"CB003", 5, 9}}, `"health" must be a list, not a mapping`},
		{"list where a value belongs", kindClient, "kind: Client\nid: a\nname: [A]\nstatus: active\n", []at{{"CB003", 3, 7}}, `"name" must be a single value, not a list`},
		{"duplicate key", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nname: B\n", []at{{"CB001", 5, 1}}, `duplicate key "name" in Client`},
		{"mapping as a key", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\n? {x: 1}\n: y\n", []at{{"CB003", 5, 3}}, `keys in Client must be plain names`},
		{"quoted number is not a number", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\npotential: \"3\"\n", []at{{"CB003", 5, 12}}, `"potential" must be a whole number, not "3"`},
		{"huge integer", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\npotential: 99999999999999999999999\n", []at{{"CB003", 5, 12}}, `"potential" must be a whole number`},
		{"margin above 1", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - {year: 2025, margin: 22}\n", []at{{"CB003", 6, 26}}, `"margin" is 22: out of range: want at most 1`},
		{"number too large for a float", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - {year: 2025, revenue: 1e99999}\n", []at{{"CB003", 6, 27}}, `"revenue" must be a number, not "1e99999"`},
		{"infinity is not money", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - {year: 2025, revenue: .inf}\n", []at{{"CB003", 6, 27}}, `"revenue" must be a plain number`},
		{"date with a time", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nsince: 2026-03-01T10:00:00Z\n", []at{{"CB003", 5, 8}}, `"since" is "2026-03-01T10:00:00Z"`},
		{"bad duration", kindFirm, "kind: Firm\nname: F\nhealth: {round_window: 30 days}\n", []at{{"CB003", 3, 24}}, `want a duration such as 14d`},
		{"yes is not a boolean", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nexclusive: yes\n", []at{{"CB003", 5, 12}}, `"exclusive" must be true or false, not "yes"`},
		{"bad id", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nowner: ../piers\n", []at{{"CB003", 5, 8}}, `"../piers" is not an id`},
		{"bad enum in a list", kindFirm, "kind: Firm\nname: F\nacceptance: {required: [sponsor, luck]}\n", []at{{"CB003", 3, 34}}, `"required" is "luck"; expected one of`},
		{"unknown string-map key", kindReview, "kind: Review\ndate: 2026-01-20\nanswers:\n  wishes: more\n", []at{{"CB002", 4, 3}}, `unknown key "wishes" in answers`},
		{"unknown field close to a known one", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nteir: key\n", []at{{"CB002", 5, 1}}, `unknown field "teir" in Client; did you mean "tier"?`},
		{"unknown field one letter short", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nstakeholder: []\n", []at{{"CB002", 5, 1}}, `unknown field "stakeholder" in Client; did you mean "stakeholders"?`},
		{"no space after a colon in a flow mapping", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nstakeholders:\n  - {name: Jane, role:sponsor}\n", []at{{"CB002", 6, 18}}, `unknown field "role:sponsor" in stakeholders: a space is missing after the ":": write role: sponsor`},
		{"unknown field close to none: every field", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\ncolour: blue\n", []at{{"CB002", 5, 1}}, `unknown field "colour" in Client; expected one of: apiVersion, kind, id, name,`},
		{"unknown string-map key close to a known one", kindReview, "kind: Review\ndate: 2026-01-20\nanswers:\n  valuabel: more\n", []at{{"CB002", 4, 3}}, `unknown key "valuabel" in answers; did you mean "valuable"?`},
		{"thousands separator in a block value", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - year: 2025\n    revenue: 265,000\n", []at{{"CB003", 7, 14}}, `"revenue" must be a number, not "265,000": write 265000, without separators`},
		{"thousands separator in a flow value: one finding at the value", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - {year: 2025, revenue: 265,000, margin: 0.2}\n", []at{{"CB003", 6, 27}}, `"revenue" is written 265,000, and YAML reads the comma as the end of the value: write 265000, without separators`},
		{"two thousands separators in a flow value", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - {year: 2025, revenue: 1,265,000.50}\n", []at{{"CB003", 6, 27}}, `"revenue" is written 1,265,000.50, and YAML reads the comma as the end of the value: write 1265000.50, without separators`},
		{"a comma and a space in a flow mapping are two keys", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - {year: 2025, revenue: 265, 000}\n", []at{{"CB002", 6, 32}}, `unknown field "000" in financials: these digits follow "revenue: 265" after a comma, which ends the value; for the number, write revenue: 265000`},
		{"thousands separator in a whole number", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nsize: {employees: 1,200}\n", []at{{"CB003", 5, 19}}, `"employees" is written 1,200, and YAML reads the comma as the end of the value: write 1200, without separators`},
		{"currency sign", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nfinancials:\n  - year: 2025\n    revenue: £265000\n", []at{{"CB003", 7, 14}}, `"revenue" must be a number, not "£265000": write 265000, a plain number in the firm's currency`},
		{"date with slashes", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nsince: 2026/11/05\n", []at{{"CB003", 5, 8}}, `"since" is "2026/11/05": write 2026-11-05 (dates are YYYY-MM-DD)`},
		{"date in words", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nsince: Nov 5 2026\n", []at{{"CB003", 5, 8}}, `"since" is "Nov 5 2026": write 2026-11-05 (dates are YYYY-MM-DD)`},
		{"date day first", kindClient, "kind: Client\nid: a\nname: A\nstatus: active\nsince: 05.11.2026\n", []at{{"CB003", 5, 8}}, `"since" is "05.11.2026": write 2026-11-05 (dates are YYYY-MM-DD; read day first, as 5 November)`},
		{"text with \": \" in a list of text", kindPlan, "kind: AccountPlan\nyear: 2026\nowner: ann\ngoals:\n  - Launch: the loyalty app\n", []at{{"CB003", 5, 5}}, `"goals" must be a single value, not a mapping; if it is text with ": " in it, quote it: "Launch: the loyalty app"`},
		{"apiVersion other than v1", kindClient, "apiVersion: clientbook/v2\nkind: Client\nid: a\nname: A\nstatus: active\n", []at{{"CB003", 1, 13}}, `"apiVersion" is "clientbook/v2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := decodeText(t, tt.kind, tt.text)
			if got := positions(fs); !slices.Equal(got, tt.want) {
				t.Fatalf("findings:\n got %v\nwant %v\n%s", got, tt.want, messages(fs))
			}
			if !strings.Contains(fs[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", fs[0].Message, tt.msg)
			}
		})
	}
}

func TestFirmDefaultsKeyByKey(t *testing.T) {
	v, fs := decodeText(t, kindFirm, `kind: Firm
name: F
health:
  weights: {trust: 2}
  bands: {watch: 40}
acceptance:
  weights: {sponsor: 3}
  accept_at: 80
portfolio:
  weights: {health: 0.5}
economics: {margin_floor: 0.1}
cadence: {touchpoint: 2w}
rules: {CB002: warning, CB108: off}
`)
	if len(fs) > 0 {
		t.Fatalf("unexpected findings:\n%s", messages(fs))
	}
	s := book.SettingsOf(v.(*book.Firm))
	rat := func(r *big.Rat) string { return r.RatString() }
	checks := []struct {
		name, got, want string
	}{
		{"weights.trust (given)", rat(s.HealthWeights["trust"]), "2"},
		{"weights.respect (default)", rat(s.HealthWeights["respect"]), "1"},
		{"weights.value (default)", rat(s.HealthWeights["value"]), "1"},
		{"criterion sponsor (given)", rat(s.CriterionWeights["sponsor"]), "3"},
		{"criterion fit (default)", rat(s.CriterionWeights["fit"]), "1"},
		{"portfolio health (given)", rat(s.PortfolioHealth), "1/2"},
		{"portfolio margin (default)", rat(s.PortfolioMargin), "1/4"},
		{"portfolio fit (default)", rat(s.PortfolioFit), "1/5"},
		{"margin floor (given)", rat(s.MarginFloor), "1/10"},
		{"margin target (default)", rat(s.MarginTarget), "3/10"},
		{"hourly value (default)", rat(s.HourlyValue), "150"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	ints := []struct {
		name      string
		got, want int
	}{
		{"bands.healthy (default)", s.BandHealthy, 70},
		{"bands.watch (given)", s.BandWatch, 40},
		{"round_window (default)", int(s.RoundWindow), 30},
		{"stale_after (default)", int(s.StaleAfter), 180},
		{"accept_at (given)", s.AcceptAt, 80},
		{"decline_below (default)", s.DeclineBelow, 50},
		{"cadence.touchpoint (given)", int(s.TouchpointCadence), 14},
		{"cadence.review (default)", int(s.ReviewCadence), 365},
		{"planning_meetings (default)", s.PlanningMeetings, 2},
		{"broad.services (default)", s.BroadServices, 3},
		{"broad.stakeholders (default)", s.BroadStakeholders, 5},
		{"broad.team (default)", s.BroadTeam, 3},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if !slices.Equal(s.Required, []string{"sponsor"}) {
		t.Errorf("required = %v, want the default [sponsor]", s.Required)
	}
	if s.Strategy != nil {
		t.Errorf("strategy = %+v, want nil: strategy has no defaults", s.Strategy)
	}
	if got := s.Severities; len(got) != 2 || got["CB002"] != finding.Warning || got["CB108"] != finding.Off {
		t.Errorf("severities = %v, want CB002 warning and CB108 off", got)
	}
}

func TestFirmDefaultsWithoutFirm(t *testing.T) {
	s := book.SettingsOf(nil)
	if s.BandHealthy != 70 || s.BandWatch != 50 || s.AcceptAt != 70 || s.DeclineBelow != 50 {
		t.Errorf("bands %d/%d, accept %d/%d: want 70/50 and 70/50", s.BandHealthy, s.BandWatch, s.AcceptAt, s.DeclineBelow)
	}
	for _, f := range book.Factors {
		if s.HealthWeights[f].Cmp(big.NewRat(1, 1)) != 0 {
			t.Errorf("weight of %s = %s, want 1", f, s.HealthWeights[f].RatString())
		}
	}
}

func TestFirmEmptyRequiredListMeansNone(t *testing.T) {
	v, fs := decodeText(t, kindFirm, "kind: Firm\nname: F\nacceptance: {required: []}\n")
	if len(fs) > 0 {
		t.Fatalf("unexpected findings:\n%s", messages(fs))
	}
	if s := book.SettingsOf(v.(*book.Firm)); len(s.Required) != 0 {
		t.Errorf("required = %v, want none: an empty list replaces the default", s.Required)
	}
}

// TestFileRulePositions pins the positions of the checks made on the bytes
// before YAML parsing; columns count characters, not bytes.
func TestFileRulePositions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want at
		msg  string
	}{
		{"invalid UTF-8 after a multi-byte character", "kind: Client\nname: Café \xff\n", at{"CB001", 2, 12}, "not valid UTF-8"},
		{"NUL byte", "kind: Client\nid: a\x00\n", at{"CB001", 2, 6}, "NUL byte"},
		{"control character", "kind: Client\nname: é\x1b[31m\n", at{"CB001", 2, 8}, "control character U+001B"},
		{"DEL", "kind: Client\nname: a\x7f\n", at{"CB001", 2, 8}, "control character U+007F"},
		{"conflict marker with CRLF", "kind: Client\r\n>>>>>>> main\r\n", at{"CB001", 2, 1}, "merge conflict marker"},
		{"second document, at its ---", "kind: Client\n---\nkind: Client\n", at{"CB001", 2, 1}, "more than one YAML document"},
		{"alias of no anchor, not a longer name", "kind: Client\nnotes: '*ab'\nname: *a\n", at{"CB001", 3, 7}, "aliases (*name)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := decodeText(t, kindClient, tt.text)
			if len(fs) == 0 {
				t.Fatalf("no finding, want %v", tt.want)
			}
			if got := positions(fs[:1]); got[0] != tt.want || !strings.Contains(fs[0].Message, tt.msg) {
				t.Fatalf("got:\n%s\nwant %v containing %q", messages(fs), tt.want, tt.msg)
			}
		})
	}
}
