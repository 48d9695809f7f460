package load

import "github.com/clientbook/clientbook/pkg/finding"

// The structural rules of SPEC §7, which loading a book reports: each is
// declared here once, and the loader, the decoder and the cross-file
// checks report a finding with, for instance, d.report(CB002, node, …).
// A key of the firm's `rules` is checked against finding.Rules: the rules
// of the packages the program links (clientbook links pkg/rules, whose
// CB101–CB304 a program of pkg/internal/load alone does not know).
var (
	CB001 = finding.Declare(finding.Rule{ID: "CB001", Default: finding.Error, Summary: "file cannot be parsed", Help: "Fix the YAML syntax at the position shown; clientbook reads one plain YAML document per file."})
	CB002 = finding.Declare(finding.Rule{ID: "CB002", Default: finding.Error, Summary: "unknown field", Help: "Remove the field or correct its spelling; `clientbook schema KIND` lists the fields of each kind."})
	CB003 = finding.Declare(finding.Rule{ID: "CB003", Default: finding.Error, Summary: "wrong type or value out of range", Help: "Give the field a value of the type and range shown in the message."})
	CB004 = finding.Declare(finding.Rule{ID: "CB004", Default: finding.Error, Summary: "required field missing", Help: "Add the field named in the message."})
	CB005 = finding.Declare(finding.Rule{ID: "CB005", Default: finding.Error, Summary: "duplicate id", Help: "Give each client, engagement (within its client) and opportunity its own id."})
	CB006 = finding.Declare(finding.Rule{ID: "CB006", Default: finding.Error, Summary: "id or kind does not match the file's place", Help: "Move the file or change its kind or id so that it matches the book layout."})
	CB007 = finding.Declare(finding.Rule{ID: "CB007", Default: finding.Error, Summary: "reference to an unknown person, client or engagement", Help: "Use an id that exists: a team member of clientbook.yaml or a client folder name."})
	CB008 = finding.Declare(finding.Rule{ID: "CB008", Default: finding.Error, Summary: "dates out of order", Help: "Correct the dates so that they follow each other."})
)
