package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/inert"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/relmap"
)

func newMapCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "map CLIENT",
		Short: "The client's relationship map: their people, ours, and how strong each tie is",
		Long: `map shows who on our team knows whom at the client, and how
strongly: each stakeholder with title, role and strength (1–5), and the
team member who owns the tie. It names the gaps: no sponsor, no
decision-maker, weak ties (strength 2 or less), a stakeholder nobody on our
team owns, and a team member holding more than half of the strong ties
(strength 3 or more): a single point of failure.

-o dot is a Graphviz graph (dot -Tsvg), -o mermaid a Mermaid flowchart
(paste it into a markdown file on GitHub); ties are drawn thicker the
stronger they are, weak ones dashed.`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeFirstClient(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMap(e, args[0])
		},
	}
	e.addStrict(cmd)
	return cmd
}

func runMap(e *env, id string) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	if err := checkID("client", id); err != nil {
		return err
	}
	b, err := e.load(false)
	if err != nil {
		return err
	}
	for _, o := range b.LeftOut {
		if o.Kind == book.LeftOutClient && !o.StatusUnknown && o.Name == id {
			return usagef("client %s cannot be mapped: %s: %s; run `clientbook check`", id, o.Location(), o.Reason)
		}
	}
	// The map is the client's alone: no other client is left out of it.
	e.warnRead(b, func(book.LeftOut) bool { return false })
	c, err := clientToEdit(b, id)
	if err != nil {
		return err
	}
	m := relmap.Of(c, b.Settings)
	switch format {
	case "table":
		return e.writeMap(m)
	case "dot":
		return writeString(e.stdout, mapDOT(m))
	case "mermaid":
		return writeString(e.stdout, mapMermaid(m))
	}
	return e.print(format, m, nil)
}

func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

// writeMap is the text view: a heading, the ties as a table that fits the
// terminal, then the gaps.
func (e *env) writeMap(m relmap.Map) error {
	var out strings.Builder
	render.Fprintf(&out, "Relationship map: %s (%s)\n\n", m.Name, m.ID)
	g := &render.Grid{Columns: []render.Column{
		{Name: "stakeholder"},
		{Name: "title", Priority: 2, Shorten: true},
		{Name: "role", Priority: 1},
		{Name: "strength", Align: render.AlignRight},
		{Name: "owner"},
	}, Empty: "no stakeholder recorded: add the client's people under stakeholders: in client.yaml"}
	names := map[string]string{}
	for _, mem := range m.Team {
		names[mem.ID] = mem.Name
	}
	for _, st := range m.Stakeholders {
		row := render.Texts(st.Name, deref(st.Title), deref(st.Role), "", "")
		if st.Strength != nil {
			row[3].Text = strconv.Itoa(*st.Strength)
			if *st.Strength < relmap.Strong {
				row[3].Tone = render.ToneWarn
			}
		}
		if st.Owner != nil {
			row[4].Text = *st.Owner
			if n := names[*st.Owner]; n != *st.Owner {
				row[4].Text = n + " (" + *st.Owner + ")"
			}
		} else {
			row[4] = render.Cell{Text: "nobody", Tone: render.ToneBad}
		}
		g.Rows = append(g.Rows, row)
	}
	if _, err := io.WriteString(e.stdout, out.String()); err != nil {
		return err
	}
	if err := e.print("table", nil, g); err != nil {
		return err
	}
	out.Reset()
	if len(m.Gaps) == 0 {
		out.WriteString("\nNo gaps: a sponsor, a decision-maker, every tie owned and strong, and no one holding most of them.\n")
	} else {
		out.WriteString("\nGaps:\n")
		for _, gp := range m.Gaps {
			render.Fprintf(&out, "  - %s\n", gp.Message)
		}
	}
	return writeString(e.stdout, out.String())
}

// stakeholderLabel is the lines a drawing shows for a stakeholder: name,
// title, role.
func stakeholderLabel(st relmap.Stakeholder) []string {
	lines := []string{st.Name}
	if st.Title != nil {
		lines = append(lines, *st.Title)
	}
	if st.Role != nil {
		lines = append(lines, *st.Role)
	}
	return lines
}

// tieStyle is how strong a tie looks: its width and whether it is dashed
// (weak, or its strength not recorded).
func tieStyle(st relmap.Stakeholder) (width int, dashed bool) {
	if st.Strength == nil {
		return 1, true
	}
	return *st.Strength, *st.Strength < relmap.Strong
}

// mapDOT is the map as a Graphviz graph: our team on the left, their
// people on the right, one edge per owned tie. Every book value is a
// quoted DOT string (dotQuote), so none can add a node, an attribute or a
// statement.
func mapDOT(m relmap.Map) string {
	var b strings.Builder
	fmt.Fprintf(&b, "graph %s {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n", dotQuote("map "+m.ID))
	b.WriteString("  subgraph cluster_ours {\n    label=\"Our team\";\n")
	team := map[string]string{}
	for i, mem := range m.Team {
		team[mem.ID] = "t" + strconv.Itoa(i)
		fmt.Fprintf(&b, "    t%d [label=%s];\n", i, dotQuote(mem.Name, mem.ID))
	}
	fmt.Fprintf(&b, "  }\n  subgraph cluster_theirs {\n    label=%s;\n", dotQuote(m.Name))
	for i, st := range m.Stakeholders {
		attrs := ""
		if st.Owner == nil {
			attrs = ", color=\"#b91c1c\", style=\"rounded,dashed\""
		}
		fmt.Fprintf(&b, "    s%d [label=%s%s];\n", i, dotQuote(stakeholderLabel(st)...), attrs)
	}
	b.WriteString("  }\n")
	for i, st := range m.Stakeholders {
		if st.Owner == nil {
			continue
		}
		width, dashed := tieStyle(st)
		label := "?"
		if st.Strength != nil {
			label = strconv.Itoa(*st.Strength)
		}
		style := ""
		if dashed {
			style = ", style=dashed"
		}
		fmt.Fprintf(&b, "  %s -- s%d [label=%q, penwidth=%d%s];\n", team[*st.Owner], i, label, width, style)
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote is the lines as one DOT double-quoted string, a line break
// between them. Each line is made inert first (a control character in
// book text is written visibly, as the terminal shows it), then its
// backslashes and quotes are escaped, so nothing ends the string.
func dotQuote(lines ...string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, line := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		for _, r := range inert.Text(line) {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// mapMermaid is the map as a Mermaid flowchart, for a markdown file on
// GitHub. Labels are quoted with Mermaid's entity codes for the
// characters its grammar gives a meaning to, so book text stays text.
func mapMermaid(m relmap.Map) string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	fmt.Fprintf(&b, "  subgraph ours[\"Our team\"]\n")
	team := map[string]string{}
	for i, mem := range m.Team {
		team[mem.ID] = "t" + strconv.Itoa(i)
		fmt.Fprintf(&b, "    t%d[\"%s<br/>%s\"]\n", i, mermaidText(mem.Name), mermaidText(mem.ID))
	}
	fmt.Fprintf(&b, "  end\n  subgraph theirs[\"%s\"]\n", mermaidText(m.Name))
	var unowned []string
	for i, st := range m.Stakeholders {
		lines := stakeholderLabel(st)
		for j := range lines {
			lines[j] = mermaidText(lines[j])
		}
		fmt.Fprintf(&b, "    s%d[\"%s\"]\n", i, strings.Join(lines, "<br/>"))
		if st.Owner == nil {
			unowned = append(unowned, "s"+strconv.Itoa(i))
		}
	}
	b.WriteString("  end\n")
	for i, st := range m.Stakeholders {
		if st.Owner == nil {
			continue
		}
		width, dashed := tieStyle(st)
		link := "---"
		switch {
		case dashed:
			link = "-.-"
		case width >= 4:
			link = "==="
		}
		label := "?"
		if st.Strength != nil {
			label = strconv.Itoa(*st.Strength)
		}
		fmt.Fprintf(&b, "  %s %s|%s| s%d\n", team[*st.Owner], link, label, i)
	}
	if len(unowned) > 0 {
		fmt.Fprintf(&b, "  classDef unowned stroke:#b91c1c,stroke-dasharray:4 3\n  class %s unowned\n", strings.Join(unowned, ","))
	}
	return b.String()
}

// mermaidText escapes s for a quoted Mermaid label: the characters the
// grammar or its HTML labels read (quotes, angle brackets, ampersand,
// hash, backtick) become entity codes, after the text is made inert (a
// control character is written visibly, as the terminal shows it).
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range inert.Text(s) {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '#':
			b.WriteString("#35;")
		case '`':
			b.WriteString("#96;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
