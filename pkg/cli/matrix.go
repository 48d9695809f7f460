package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

type matrixOptions struct {
	filter clientFilter
	// statusAsked is --status given for other clients than the active:
	// the table then has a status column.
	statusAsked bool
}

func newMatrixCmd(e *env) *cobra.Command {
	opts := &matrixOptions{}
	cmd := &cobra.Command{
		Use:   "matrix",
		Short: "Draw the Client Growth Matrix with each client in its quadrant",
		Long: `matrix places every active client in the Client Growth Matrix: the advisor
axis (trust, access and transparency in the current health round) against the
breadth axis (services, strong stakeholders and the team members who own
them), each 0-100, split at 50. Clients never assessed are listed outside the
grid. Where the team's stated position differs from what the data shows, it
says so. --status all (or paused, former, prospect) places other clients
too, each marked with its status.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.statusAsked = cmd.Flags().Changed("status") && !opts.filter.onlyActive()
			return runMatrix(e, opts)
		},
	}
	opts.filter.register(e, cmd, []string{"active"})
	e.addStrict(cmd)
	return cmd
}

func runMatrix(e *env, opts *matrixOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	b, err := e.load(false)
	if err != nil {
		return err
	}
	if err := opts.filter.checkOwners(b.Settings); err != nil {
		return err
	}
	e.warnRead(b, clientsScope(nil, !opts.filter.allStatus()))
	var rows []health.MatrixRow
	for _, r := range health.AssessBook(b, today) {
		if opts.filter.keep(r.Client) {
			rows = append(rows, health.MatrixRowOf(r))
		}
	}
	if rows == nil {
		rows = []health.MatrixRow{}
	}
	if format == "table" {
		drawMatrix(e.stdout, rows, e.tableOptions().Width)
		return nil
	}
	if format == "csv" {
		// For tools: the JSON fields, one value per cell.
		return e.print(format, nil, render.Flat(slices.Values(rows)))
	}
	showStatus := opts.statusAsked || slices.ContainsFunc(rows, func(r health.MatrixRow) bool { return r.Status != "active" })
	g := &render.Grid{Columns: []render.Column{
		{Name: "client"}, {Name: "advisor", Align: render.AlignRight}, {Name: "breadth", Align: render.AlignRight},
		{Name: "quadrant"}, {Name: "stated", Priority: 1}, {Name: "differs", Priority: 1},
	}, Empty: "no client to show"}
	if showStatus {
		g.Columns = slices.Insert(g.Columns, 1, render.Column{Name: "status", Priority: 1})
	}
	for _, r := range rows {
		differs := ""
		if r.Differs {
			differs = "yes"
		}
		row := render.Texts(r.ID, intCell(r.Advisor), fmt.Sprint(r.Breadth), strCell(r.Quadrant), strCell(r.Stated), differs)
		if showStatus {
			row = slices.Insert(row, 1, statusCell(r.Status))
		}
		g.Rows = append(g.Rows, row)
	}
	return e.print(format, rows, g)
}

// drawMatrix prints the 2×2 grid: advisor up, breadth across. Client ids
// and stated positions are escaped (render.Sprintf) before the grid is
// measured. With a width (a terminal's), the notes under the grid are
// broken into lines no wider.
func drawMatrix(w io.Writer, rows []health.MatrixRow, lineWidth int) {
	cells := map[string][]string{}
	var unrated, differ []string
	for _, r := range rows {
		// A client that is not active says so wherever it is named.
		id := r.ID
		if r.Status != "active" {
			id += " [" + r.Status + "]"
		}
		if r.Quadrant == nil {
			unrated = append(unrated, render.Sprintf("%s", id))
		} else {
			cells[*r.Quadrant] = append(cells[*r.Quadrant], render.Sprintf("%s (%d, %d)", id, *r.Advisor, r.Breadth))
		}
		if r.Differs {
			differ = append(differ, render.Sprintf("%s: the team states %s; the data shows %s", r.ID, *r.Stated, orText(r.Quadrant, "no quadrant (unrated)")))
		}
	}
	width := 34
	for _, list := range cells {
		for _, s := range list {
			width = max(width, len(s)+4)
		}
	}
	line := "  +" + strings.Repeat("-", width) + "+" + strings.Repeat("-", width) + "+"
	half := func(top, left, right string) {
		l, r := cells[left], cells[right]
		render.Fprintf(w, "  |%-*s|%-*s|\n", width, " "+strings.ToUpper(strings.ReplaceAll(left, "-", " ")), width, " "+strings.ToUpper(strings.ReplaceAll(right, "-", " ")))
		for i := range max(len(l), len(r), 1) {
			var a, b string
			if i < len(l) {
				a = "   " + l[i]
			}
			if i < len(r) {
				b = "   " + r[i]
			}
			render.Fprintf(w, "  |%-*s|%-*s|\n", width, a, width, b)
		}
		_ = top
	}
	fmt.Fprintln(w, "Client Growth Matrix — client (advisor, breadth)")
	fmt.Fprintln(w, "  advisor ≥ 50")
	fmt.Fprintln(w, line)
	half("high", health.TrustedAdvisor, health.TrustedPartner)
	fmt.Fprintln(w, line)
	half("low", health.ExpertForHire, health.Vendor)
	fmt.Fprintln(w, line)
	render.Fprintf(w, "  %-*s%s\n", width+1, "  breadth < 50", " breadth ≥ 50")
	if len(unrated) > 0 {
		const title = "Unrated (outside the grid): "
		list := wrapList(unrated, len(title), lineWidth)
		fmt.Fprintf(w, "\n%s%s\n", title, strings.ReplaceAll(list, "\n", "\n"+strings.Repeat(" ", len(title))))
	}
	if len(differ) > 0 {
		fmt.Fprintln(w, "\nStated position differs from the data:")
		for _, d := range differ {
			for i, line := range wrapWords(d, lineWidth-4) {
				lead := "    "
				if i == 0 {
					lead = "  "
				}
				fmt.Fprintln(w, lead+line)
			}
		}
	}
}

func orText(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}
