package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// examples are each command's --help examples, on the example books of
// the repository (examples/agency, examples/consulting), by the command's
// path under clientbook. They are kept together so that they read as a
// tour, and a test checks that every command has some.
var examples = map[string]string{
	"init": `  clientbook init my-book
  cd my-book && clientbook check`,
	"check": `  clientbook check --book examples/agency
  clientbook check --book examples/agency --fail-on warning -o github
  clientbook check clients/harbour-hotels --book examples/agency --jq '.findings[].rule'`,
	"accept": `  clientbook accept --book examples/agency
  clientbook accept nimbus-seo-programme --book examples/agency
  clientbook accept --book examples/consulting --fail-on decline --jq '.[] | {id, decision}'`,
	"health": `  clientbook health --book examples/agency --sort score
  clientbook health harbour-hotels --book examples/agency --explain
  clientbook health --book examples/agency --status all --band at-risk,watch -o markdown`,
	"matrix": `  clientbook matrix --book examples/agency
  clientbook matrix --book examples/consulting --owner noor
  clientbook matrix --book examples/agency --status all --jq '.[] | select(.differs) | .id'`,
	"portfolio": `  clientbook portfolio --book examples/agency
  clientbook portfolio --book examples/agency --sort action --top 3
  clientbook portfolio --book examples/consulting --tier key -o csv > portfolio.csv`,
	"due": `  clientbook due --book examples/agency
  clientbook due --book examples/agency --within 30d --owner lena
  clientbook due fenwick-foods --book examples/agency --jq '.[] | select(.overdue) | .what'
  clientbook due --book examples/agency --within 60d -o ics > due.ics`,
	"diff": `  clientbook diff 30d --book examples/agency -o markdown > changes.md
  clientbook diff 2026-01-01 HEAD --book examples/agency --jq '.clients[] | select(.change == "changed") | .id' > moved.txt
  clientbook diff origin/main --book examples/agency --exit-code || echo "the book changed"`,
	"report": `  clientbook report --book examples/agency -o report.html
  clientbook report --book examples/consulting --within 30d > report.html`,
	"review": `  clientbook review harbour-hotels --book examples/agency
  clientbook review harbour-hotels --book examples/agency -o markdown > agenda.md
  clientbook review pike-engineering --book examples/consulting --jq '.questions[].id'`,
	"map": `  clientbook map harbour-hotels --book examples/agency
  clientbook map harbour-hotels --book examples/agency -o dot | dot -Tsvg > harbour-hotels.svg
  clientbook map kilbride-dairy --book examples/consulting --jq '.gaps[].message'`,
	"log": `  clientbook log harbour-hotels --book examples/agency --kind meeting --with "Claire Whitmore" Agreed the winter brief
  clientbook log kestrel-outdoor --book examples/agency --date 2026-11-20 --by lena --dry-run Chased the photography`,
	"import": `  clientbook import time examples/agency/imports/harvest-2026.csv --book examples/agency --dry-run
  clientbook import calendar examples/agency/imports/harbour-hotels.ics --book examples/agency --dry-run`,
	"import time": `  clientbook import time examples/agency/imports/harvest-2026.csv --book examples/agency --dry-run
  clientbook import time examples/agency/imports/harvest-2026.csv --book examples/agency --task "account management" --dry-run
  clientbook import time toggl-2025.csv toggl-2026.csv --book examples/agency --date-format dmy`,
	"import calendar": `  clientbook import calendar examples/agency/imports/harbour-hotels.ics --book examples/agency --dry-run
  clientbook import calendar examples/agency/imports/harbour-hotels.ics --book examples/agency --dry-run -o json
  clientbook import calendar ~/Downloads/calendar.ics --book examples/agency`,
	"new": `  clientbook new client acme-retail --book examples/agency --owner lena --dry-run
  clientbook new opportunity acme-rebrand --book examples/agency --prospect "Acme Retail" --dry-run
  clientbook new review harbour-hotels --book examples/agency --dry-run`,
	"new client": `  clientbook new client acme-retail --book examples/agency --dry-run
  clientbook new client acme-retail --book examples/agency --name "Acme Retail plc" --owner lena`,
	"new engagement": `  clientbook new engagement harbour-hotels spring-campaign-2027 --book examples/agency --dry-run
  clientbook new engagement harbour-hotels spring-campaign-2027 --book examples/agency --service campaigns --owner amara`,
	"new opportunity": `  clientbook new opportunity harbour-loyalty --book examples/agency --client harbour-hotels --dry-run
  clientbook new opportunity acme-rebrand --book examples/agency --prospect "Acme Retail" --service brand`,
	"new plan": `  clientbook new plan fenwick-foods --book examples/agency --dry-run
  clientbook new plan fenwick-foods --book examples/agency --owner piers --force`,
	"new review": `  clientbook new review harbour-hotels --book examples/agency --dry-run
  clientbook new review harbour-hotels --book examples/agency --date 2027-01-20 --with "Claire Whitmore"`,
	"schema": `  clientbook schema
  clientbook schema client > client.schema.json
  clientbook schema --write .schemas`,
	"version": `  clientbook version`,
	"help": `  clientbook help portfolio
  clientbook help new review`,
	"completion": `  source <(clientbook completion bash)      # bash, with the bash-completion package
  clientbook completion zsh > "${fpath[1]}/_clientbook"
  clientbook completion fish > ~/.config/fish/completions/clientbook.fish`,
}

// addExamples sets the Example of cmd and its sub-commands from examples.
func addExamples(cmd *cobra.Command) {
	if ex, ok := examples[strings.TrimPrefix(strings.TrimPrefix(cmd.CommandPath(), "clientbook"), " ")]; ok {
		cmd.Example = ex
	}
	for _, sub := range cmd.Commands() {
		addExamples(sub)
	}
}
