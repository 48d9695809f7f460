package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/gitrev"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/rules"
)

type checkOptions struct {
	paths  []string
	failOn string
	since  string
}

func newCheckCmd(e *env) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Validate the book and run the account-plan rules",
		Long: `check reads every file of the book and reports each problem with its rule
id, severity and path:line:col. With PATH arguments only findings in those
files or folders are shown (the whole book is still read, so references
across files are checked). With --since REF only findings in files changed
in git since REF are shown: those git diff lists against the working tree,
and untracked files that are not ignored; a pull request's check can pass
--since origin/main. Output formats: text (default; on a terminal with
the source line and advice), json, github (workflow annotations), sarif
(2.1.0, for code scanning).

Exit code 0 when nothing is at or above --fail-on (default error), 1 when
something is, 2 when the book cannot be found or --since cannot be answered
(not a git repository, or REF is not a commit).

Rules:
` + ruleHelp(),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runCheck(e, opts)
		},
	}
	enumVar(cmd, &opts.failOn, "fail-on", "error", []string{"error", "warning", "info"}, "exit 1 when a finding is at or above this severity: error, warning or info")
	cmd.Flags().StringVar(&opts.since, "since", "", "only report findings in files changed in git since `REF` (a commit, branch or tag), untracked files included")
	return cmd
}

func ruleHelp() string {
	var b strings.Builder
	for _, r := range finding.Rules() {
		fmt.Fprintf(&b, "  %s  %-7s  %s\n", r.ID, r.Default, r.Summary)
	}
	return b.String()
}

func runCheck(e *env, opts *checkOptions) error {
	format, err := e.format()
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
	root, readOpts, err := e.streamOptions(true, []string{"check", today.String()})
	if err != nil {
		return err
	}
	var keep []func(finding.Finding) bool
	if len(opts.paths) > 0 {
		prefixes, err := e.relPaths(root, opts.paths)
		if err != nil {
			return err
		}
		keep = append(keep, func(f finding.Finding) bool { return underPaths(f, prefixes) })
	}
	if opts.since != "" {
		if e.at != "" {
			return usagef("--since %s with --at %s: --since compares with the working tree; leave out one of them", opts.since, e.at)
		}
		changed, err := changedSince(root, opts.since)
		if err != nil {
			return err
		}
		keep = append(keep, func(f finding.Finding) bool { return changedFile(f, changed) })
		readOpts.Only = onlyChanged(changed)
	}
	kept := func(f finding.Finding) bool {
		for _, k := range keep {
			if !k(f) {
				return false
			}
		}
		return true
	}
	// The findings are printed as the book is read: load.Each hands the
	// client folders over in path order, each with its structural
	// findings and, reduced, its rules' findings, and an Orderer passes
	// them on in Sort's order as soon as no later folder can come first.
	var (
		b       *book.Book
		counts  finding.Counts
		readErr error
	)
	findings := func(yield func(finding.Finding) bool) {
		stopped := false
		var o finding.Orderer
		pass := func(f finding.Finding) {
			if !stopped && kept(f) {
				counts.Add(f)
				stopped = !yield(f)
			}
		}
		b, readErr = load.Each(root, readOpts, func(c *book.Client, s *book.Settings) []finding.Finding {
			return rules.Check(c, s, health.Assess(c, s, today), today)
		}, func(f load.Folder[[]finding.Finding]) {
			o.Add(f.Path, append(f.Findings, f.Value...), pass)
		})
		o.Flush(pass)
	}
	report := finding.Report{Each: findings}
	if format == "json" || format == "sarif" {
		// Both encode every finding at once.
		report = finding.Report{Findings: slices.Collect(iter.Seq[finding.Finding](findings))}
		if readErr != nil {
			return &usageError{msg: readErr.Error()}
		}
	}
	// One write per finding would be a system call per line: a large book
	// has hundreds of thousands.
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	switch format {
	case "json":
		report.Files = b.Files
		err = finding.WriteJSON(out, report)
	case "github":
		err = finding.WriteGitHub(out, report, rootPrefix(e.treeRoot(root)))
	case "sarif":
		err = finding.WriteSARIF(out, report, rootPrefix(e.treeRoot(root)), Version, b.Settings.Severities)
	default:
		if render.IsTerminal(e.stdout) {
			err = finding.WriteTextWithSource(out, report, e.sourceLines(root))
		} else {
			err = finding.WriteText(out, report)
		}
	}
	if readErr != nil {
		return &usageError{msg: readErr.Error()}
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return err
	}
	// The formats read in a log (a terminal, a CI job's) end with the
	// counts on stderr; json and sarif carry them in what they print.
	if format == "text" || format == "github" {
		fmt.Fprintln(e.stderr, finding.Summary(counts, b.Files))
	}
	if counts.AtOrAbove(failOn) {
		return &failError{}
	}
	return nil
}

// relPaths turns PATH arguments into slash-separated paths relative to
// the book root. A relative path is looked for from the working folder,
// then from the book root (so that `check clients/acme --book DIR` works
// from anywhere); the error says where it looked. With --at, a path of
// the working tree names the same place in the book read there, whose
// client folder is written to be looked at (atFetch), and messages name
// the working tree's book.
func (e *env) relPaths(root string, paths []string) ([]string, error) {
	shown := e.treeRoot(root)
	cwd, err := os.Getwd()
	if err != nil {
		return nil, usagef("cannot tell the working folder: %v", err)
	}
	var out []string
	for _, p := range paths {
		candidates := []string{e.atPath(p)}
		if !filepath.IsAbs(p) {
			candidates = []string{e.atPath(filepath.Join(cwd, p)), filepath.Join(root, p)}
		}
		found, inBook := "", false
		for _, abs := range candidates {
			rel, ok := relInside(root, abs)
			if !ok {
				continue
			}
			inBook = true
			e.atFetch(rel)
			if _, err := os.Lstat(abs); err == nil {
				found = rel
				break
			}
		}
		for i, c := range candidates {
			if rel, ok := relInside(root, c); ok {
				candidates[i] = filepath.Join(shown, filepath.FromSlash(rel))
			}
		}
		looked := strings.Join(slices.Compact(candidates), " and ")
		switch {
		case !inBook:
			return nil, usagef("%s is outside the book at %s (looked at %s)", p, shown, looked)
		case found == "":
			// A misspelt path in CI must not pass silently with no findings.
			return nil, usagef("%s does not exist in the book at %s (looked at %s): give a file or folder of the book", p, shown, looked)
		}
		out = append(out, found)
	}
	return out, nil
}

// underPaths reports whether f is about a file or folder under one of the
// prefixes (slash-separated, relative to the book root; "." is all).
func underPaths(f finding.Finding, prefixes []string) bool {
	for _, p := range prefixes {
		if p == "." || f.Path == p || strings.HasPrefix(f.Path, p+"/") {
			return true
		}
	}
	return false
}

// changedSince lists the book's files that git sees as changed since ref:
// what `git diff --name-only ref` lists (committed, staged and unstaged
// changes) plus the untracked files that are not ignored. Git names files
// from the repository's top; they are returned relative to the book root,
// and files outside the book are left out.
func changedSince(root, ref string) (map[string]bool, error) {
	if strings.HasPrefix(ref, "-") {
		return nil, usagef("--since %s: want a commit, branch or tag", ref)
	}
	repo, err := gitrev.Open(root, "--since")
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	if _, err := git(root, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, usagef("--since %s: not a commit, branch or tag in the repository at %s (a shallow clone may lack it: fetch it first)", ref, repo.Top)
	}
	prefix := repo.Prefix
	diff, err := git(root, "diff", "--name-only", "-z", ref, "--")
	if err != nil {
		return nil, usagef("--since %s: %v", ref, err)
	}
	// --full-name names untracked files from the top too; ls-files run in
	// the book root lists only those below it.
	untracked, err := git(root, "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
	if err != nil {
		return nil, usagef("--since: %v", err)
	}
	changed := map[string]bool{}
	for _, p := range strings.Split(diff+untracked, "\x00") {
		switch {
		case p == "":
		case prefix == "":
			changed[p] = true
		case strings.HasPrefix(p, prefix+"/"):
			changed[strings.TrimPrefix(p, prefix+"/")] = true
		}
	}
	return changed, nil
}

// git runs a git command in dir and returns its standard output; the error
// carries git's own message.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return stdout.String(), nil
}

// onlyChanged is load.Options.Only for check --since: the client folders
// holding a changed file; nil, for every folder, when the firm's file
// changed, since every client's findings may then differ. What else a
// client's findings depend on (the other clients' ids, for CB005) the
// loader has from the folders' names, and the opportunities, whose
// findings depend on the clients' ids, are read whole: so the findings on
// the changed files are those a full check finds on them.
func onlyChanged(changed map[string]bool) func(string) bool {
	folders := map[string]bool{}
	for p := range changed {
		if slices.Contains(load.FirmFiles, p) {
			return nil
		}
		if rest, ok := strings.CutPrefix(p, "clients/"); ok {
			if name, _, inFolder := strings.Cut(rest, "/"); inFolder {
				folders["clients/"+name] = true
			}
		}
	}
	return func(folder string) bool { return folders[folder] }
}

// changedFile reports whether f is about a changed file, or about a
// folder (such as a client folder without client.yaml) holding one.
func changedFile(f finding.Finding, changed map[string]bool) bool {
	if changed[f.Path] {
		return true
	}
	for p := range changed {
		if strings.HasPrefix(p, f.Path+"/") {
			return true
		}
	}
	return false
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
// each file once. Files are opened inside the book's root, without
// blocking, and only when they are regular files of at most 1 MiB, as the
// loader reads them: a finding's path may name a pipe or a link out of the
// book.
func (e *env) sourceLines(root string) func(string, int) (string, bool) {
	cache := map[string][]string{}
	return func(p string, n int) (string, bool) {
		if n < 1 {
			return "", false
		}
		lines, ok := cache[p]
		if !ok {
			e.atFetch(p)
			lines = readLines(root, p)
			cache[p] = lines
		}
		if n > len(lines) {
			return "", false
		}
		return strings.TrimRight(lines[n-1], "\r"), true
	}
}

func readLines(root, p string) []string {
	data, err := load.ReadFile(root, p)
	if err != nil || len(data) > load.MaxFileSize {
		return nil
	}
	return strings.Split(string(data), "\n")
}
