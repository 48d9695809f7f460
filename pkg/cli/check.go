package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/render"
	"github.com/clientbook/clientbook/pkg/rules"
)

type checkOptions struct {
	paths  []string
	failOn string
}

func newCheckCmd(e *env) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Validate the book and run the account-plan rules",
		Long: `check reads every file of the book and reports each problem with its rule
id, severity and path:line:col. With PATH arguments only findings in those
files or folders are shown (the whole book is still read, so references
across files are checked). Output formats: text (default; on a terminal with
the source line and advice), json, github (workflow annotations), sarif
(2.1.0, for code scanning).

Exit code 0 when nothing is at or above --fail-on (default error), 1 when
something is, 2 when the book cannot be found.

Rules:
` + ruleHelp(),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runCheck(e, opts)
		},
	}
	cmd.Flags().StringVar(&opts.failOn, "fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning or info")
	return cmd
}

func ruleHelp() string {
	var b strings.Builder
	for _, r := range finding.Catalog {
		fmt.Fprintf(&b, "  %s  %-7s  %s\n", r.ID, r.Default, r.Summary)
	}
	return b.String()
}

func runCheck(e *env, opts *checkOptions) error {
	format, err := e.format("text", "json", "github", "sarif")
	if err != nil {
		return err
	}
	failOn, ok := finding.ParseSeverity(opts.failOn)
	if !ok || failOn == finding.Off {
		return usagef("--fail-on %q: use error, warning or info", opts.failOn)
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	b, err := e.load(false)
	if err != nil {
		return err
	}
	findings := append(slices.Clip(b.Findings), rules.Run(b, assessAll(b, b.Clients, today), today)...)
	finding.Sort(findings)
	if len(opts.paths) > 0 {
		prefixes, err := relPaths(b.Root, opts.paths)
		if err != nil {
			return err
		}
		findings = filterPaths(findings, prefixes)
	}
	report := finding.Report{Findings: findings, Files: b.Files}
	switch format {
	case "json":
		err = finding.WriteJSON(e.stdout, report)
	case "github":
		err = finding.WriteGitHub(e.stdout, report, rootPrefix(b.Root))
	case "sarif":
		err = finding.WriteSARIF(e.stdout, report, rootPrefix(b.Root), Version, b.Settings.Severities)
	default:
		if render.IsTerminal(e.stdout) {
			err = finding.WriteTextWithSource(e.stdout, report, sourceLines(b.Root))
		} else {
			err = finding.WriteText(e.stdout, report)
		}
		if err == nil {
			fmt.Fprintln(e.stderr, finding.Summary(report))
		}
	}
	if err != nil {
		return err
	}
	if finding.AtOrAbove(findings, failOn) {
		return &failError{}
	}
	return nil
}

// relPaths turns PATH arguments (relative to the working folder) into
// slash-separated paths relative to the book root.
func relPaths(root string, paths []string) ([]string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, usagef("cannot tell the working folder: %v", err)
	}
	var out []string
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(p) {
			abs = filepath.Join(cwd, p)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, usagef("%s is outside the book at %s", p, root)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

func filterPaths(fs []finding.Finding, prefixes []string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		for _, p := range prefixes {
			if p == "." || f.Path == p || strings.HasPrefix(f.Path, p+"/") {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// rootPrefix is the book root relative to the working folder, so that CI
// annotations name files as the repository does; "" when the book is not
// below the working folder.
func rootPrefix(root string) string {
	cwd, err := os.Getwd()
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(cwd, root)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	return filepath.ToSlash(rel)
}

// sourceLines reads a book file's line for the terminal format, caching
// each file once.
func sourceLines(root string) func(string, int) (string, bool) {
	cache := map[string][]string{}
	return func(p string, n int) (string, bool) {
		lines, ok := cache[p]
		if !ok {
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			if err == nil && len(data) <= 1<<20 {
				lines = strings.Split(string(data), "\n")
			}
			cache[p] = lines
		}
		if n < 1 || n > len(lines) {
			return "", false
		}
		return strings.TrimRight(lines[n-1], "\r"), true
	}
}
