package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"text/template/parse"

	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/inert"
)

//go:embed report.html.tmpl
var pageText string

// page is parsed once; html/template escapes every value by its context
// (text, attribute, SVG attribute), so nothing from the book's files can
// become markup. It leaves control characters as they are, which the page
// must not hold either (the page may be printed to a terminal, and a
// bidirectional override makes a name read as another): before
// html/template adds its escapers, every value the page prints is passed
// through inert.Text as well.
var page = inertActions(template.Must(template.New("report").
	Funcs(template.FuncMap{inertFunc: inertValue, "mark": Mark}).
	Parse(pageText)))

// inertFunc is the name the page's actions call inertValue by.
const inertFunc = "inert"

// inertValue escapes a string's control characters (inert.Text); other
// values (numbers, booleans) print no text of their own and are returned
// as they are.
func inertValue(v any) any {
	if s, ok := v.(string); ok {
		return inert.Text(s)
	}
	return v
}

// inertActions ends the pipeline of every action that prints a value, in
// every template of t, with a call of inertValue: `{{.Name}}` is run as
// `{{.Name | inert}}`, so that no value, present or added later, reaches
// the page unescaped. It must run before the first Execute, when
// html/template adds its own escapers after it.
func inertActions(t *template.Template) *template.Template {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			inertNode(tt.Tree.Root)
		}
	}
	return t
}

func inertNode(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			inertNode(c)
		}
	case *parse.ActionNode:
		// An action that declares or assigns a variable prints nothing.
		if len(n.Pipe.Decl) == 0 {
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
				NodeType: parse.NodeCommand,
				Pos:      n.Pos,
				Args:     []parse.Node{parse.NewIdentifier(inertFunc).SetPos(n.Pos)},
			})
		}
	case *parse.IfNode:
		inertNode(n.List)
		inertNode(n.ElseList)
	case *parse.RangeNode:
		inertNode(n.List)
		inertNode(n.ElseList)
	case *parse.WithNode:
		inertNode(n.List)
		inertNode(n.ElseList)
	}
}

// Write renders the model as one self-contained HTML page. Nothing is
// written when the template fails.
func Write(w io.Writer, m Model) error {
	var buf bytes.Buffer
	if err := page.Execute(&buf, m); err != nil {
		return fmt.Errorf("cannot render the report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// bandMarks gives each health band a shape, so that colour is never the
// only signal of a band: the matrix's labels, the pills, the chips and the
// legend all carry it.
var bandMarks = map[string]string{health.Healthy: "●", health.Watch: "▲", health.AtRisk: "■", health.Unrated: "○"}

// Mark is the band's shape: ● healthy, ▲ watch, ■ at-risk, ○ unrated;
// "" for anything else.
func Mark(band string) string { return bandMarks[band] }
