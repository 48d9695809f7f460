package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/gitrev"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// Exit codes of SPEC §8.
const (
	ExitOK       = 0
	ExitFailed   = 1 // the command ran and found what it was asked to fail on
	ExitUsage    = 2 // usage error, no book, or a book that cannot be read
	ExitInternal = 3 // a bug
)

// Version is set at build time with -ldflags "-X .../pkg/cli.Version=...".
var Version = "dev"

// env is the small, explicit context every command shares: the streams,
// the environment and the global flags. There is no global state.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	bookDir string
	today   string
	output  string
	// wide is -o wide: a table with every column in full, whatever the
	// terminal's width (format gives it as "table").
	wide bool
	// formats are the -o values of the command that runs, the first its
	// default (withFormats); jq is its --jq filter.
	formats []string
	jq      jqFilter

	// strict is --strict of the read commands: a result that leaves out
	// what could not be read is then exit 1. leftOut is what the command
	// named as left out, bookErrors the errors it warned about.
	strict     bool
	leftOut    []book.LeftOut
	bookErrors int

	// at is --at REV|DATE (at.go); atBook the book as it was there, read
	// once; temps the temporary folders revisions were written to,
	// removed when the run ends (tempdir.go).
	at     string
	atBook *atBook
	// diffBothFromGit is set by diff given two revisions: no side is the
	// working tree.
	diffBothFromGit bool
	temps           temps
}

// failError ends a command with exit code 1 after it has printed its result.
type failError struct{ msg string }

func (e *failError) Error() string { return e.msg }

// usageError ends a command with exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Main runs clientbook with args (without the program name) and returns the
// exit code. A panic anywhere below is turned into exit code 3 with a short
// message instead of a Go stack trace.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			render.Fprintf(stderr, "clientbook: internal error: %v\nThis is a bug in clientbook; please report it with the command you ran.\n", r)
			if os.Getenv("CLIENTBOOK_DEBUG") != "" {
				fmt.Fprintf(stderr, "%s\n", debug.Stack())
			}
			code = ExitInternal
		}
	}()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	defer e.done()
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	var fe *failError
	if err == nil || errors.As(err, &fe) {
		// --jq filters what the command printed, even when it found what
		// it was asked to fail on (check's findings, say).
		if jqErr := e.jq.finish(); jqErr != nil {
			err = jqErr
		}
	}
	if err == nil && e.strict && (len(e.leftOut) > 0 || e.bookErrors > 0) {
		fmt.Fprintf(stderr, "clientbook: --strict: %s\n", strictReason(e.leftOut, e.bookErrors))
		return ExitFailed
	}
	if err == nil {
		return ExitOK
	}
	if errors.As(err, &fe) {
		if fe.msg != "" {
			render.Fprintf(stderr, "clientbook: %s\n", fe.msg)
		}
		return ExitFailed
	}
	fmt.Fprintf(stderr, "clientbook: %s\n", errorText(err))
	return ExitUsage
}

// errorText is an error's message as printed on stderr, escaped: a message
// names files, ids and values from the book. Clientbook's own messages are
// one line, so every control character in one, a line break included, is
// data; cobra's (an unknown command's suggestions, which quote what they
// were given) keep their lines and tabs.
func errorText(err error) string {
	var ue *usageError
	if errors.As(err, &ue) {
		return render.Sprintf("%s", ue.msg)
	}
	msg := err.Error()
	var b strings.Builder
	start := 0
	for i := 0; i < len(msg); i++ {
		if msg[i] == '\n' || msg[i] == '\t' {
			b.WriteString(render.Sprintf("%s", msg[start:i]))
			b.WriteByte(msg[i])
			start = i + 1
		}
	}
	b.WriteString(render.Sprintf("%s", msg[start:]))
	return b.String()
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "clientbook",
		Short: "Keep a firm's book of business as YAML in git and turn it into decisions",
		Long: `clientbook reads a book of business — clients, engagements, account plans,
annual reviews and opportunities kept as YAML files — and answers how healthy
each relationship is, where each client sits in the Client Growth Matrix,
whether to take new work, where to spend senior time, and whether every
account plan is complete and current.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		Version:           Version,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	root.SetFlagErrorFunc(flagError)
	// Runnable, with its own argument check, so that a command that does
	// not exist is a usage error naming the nearest (wrapArgs).
	root.Args = cobra.NoArgs
	root.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	pf := root.PersistentFlags()
	pf.StringVar(&e.bookDir, "book", "", "the book's folder (default: $CLIENTBOOK_DIR, else the nearest folder holding clientbook.yaml)")
	pf.StringVar(&e.today, "today", "", "the date to treat as today, YYYY-MM-DD (default: $CLIENTBOOK_TODAY, else the real date)")
	pf.StringVar(&e.at, "at", "", "read the book as it was in a git revision (commit, tag, branch, HEAD~3) or at a date YYYY-MM-DD (the last commit on or before that day, UTC; today is then that day)")
	pf.StringVarP(&e.output, "output", "o", "", "output format: table, wide (every column, whatever the width), json, yaml, csv or markdown (check: text, json, github or sarif; due also ics; see each command's help)")
	root.AddCommand(
		newInitCmd(e),
		withFormats(newCheckCmd(e), "text", "json", "github", "sarif"),
		withFormats(newAcceptCmd(e), tableFormats...),
		withFormats(newHealthCmd(e), tableFormats...),
		withFormats(newMatrixCmd(e), tableFormats...),
		withFormats(newPortfolioCmd(e), tableFormats...),
		withFormats(newDueCmd(e), append(slices.Clone(tableFormats), "ics")...),
		newReportCmd(e),
		withFormats(newDiffCmd(e), "table", "json", "yaml", "markdown"),
		withFormats(newReviewAgendaCmd(e), "table", "markdown", "json", "yaml"),
		withFormats(newMapCmd(e), "table", "json", "yaml", "dot", "mermaid"),
		newLogCmd(e),
		newImportCmd(e),
		newNewCmd(e),
		withFormats(newSchemaCmd(e), "json"),
		newVersionCmd(e),
	)
	root.SetHelpCommand(newHelpCmd(root))
	// The completion command is made now rather than when the command
	// runs, so that it has examples too.
	root.InitDefaultCompletionCmd()
	addExamples(root)
	wrapArgs(root)
	var jq func(*cobra.Command)
	jq = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if slices.Contains(formatsOf(sub), "json") {
				addJQ(e, sub)
			}
			jq(sub)
		}
	}
	jq(root)
	_ = root.RegisterFlagCompletionFunc("output", func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		return formatsOf(cmd), cobra.ShellCompDirectiveNoFileComp
	})
	_ = root.RegisterFlagCompletionFunc("book", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	_ = root.RegisterFlagCompletionFunc("today", cobra.NoFileCompletions)
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		return e.prepare(cmd, root)
	}
	return root
}

// prepare checks -o against the command's formats before it runs, and
// starts --jq.
func (e *env) prepare(cmd *cobra.Command, root *cobra.Command) error {
	e.formats = formatsOf(cmd)
	if err := e.checkAt(cmd); err != nil {
		return err
	}
	// report's own -o names a file; other commands share the root's.
	if e.output != "" && cmd.Flags().Lookup("output") == root.PersistentFlags().Lookup("output") {
		if len(e.formats) == 0 {
			return usagef("%s has no output formats: leave out -o", cmd.CommandPath())
		}
		if err := oneOf(e.output, e.formats); err != nil {
			return usagef("-o %q: %v (the formats of %s)", e.output, err, cmd.CommandPath())
		}
	}
	return e.jq.start(e)
}

// todayDate resolves --today, then $CLIENTBOOK_TODAY, then the clock.
func (e *env) todayDate() (book.Date, error) {
	s, from := e.today, "--today"
	if s == "" && e.at != "" && gitrev.IsDate(e.at) {
		s, from = e.at, "--at"
	}
	if s == "" {
		s, from = e.getenv("CLIENTBOOK_TODAY"), "$CLIENTBOOK_TODAY"
	}
	if s == "" {
		return book.DateOf(time.Now()), nil
	}
	d, err := book.ParseDate(s)
	if err != nil {
		return 0, usagef("%s %q: %v", from, s, err)
	}
	return d, nil
}

// root finds the book's folder: with --at, the folder the revision's book
// was written to, every file of it.
func (e *env) root() (string, error) {
	r, err := e.treeBook()
	if err != nil || e.at == "" {
		return r, err
	}
	return e.atRoot(r)
}

// fromHistory reports whether the run reads the book from git only
// (--at, or diff of two revisions).
func (e *env) fromHistory() bool { return e.at != "" || e.diffBothFromGit }

// treeBook finds the book's folder in the working tree, --at or not.
func (e *env) treeBook() (string, error) {
	dir, fromEnv := e.bookDir, false
	if dir == "" {
		dir, fromEnv = e.getenv("CLIENTBOOK_DIR"), true
	}
	cwd, err := os.Getwd()
	if err != nil {
		return "", usagef("cannot tell the working folder: %v", err)
	}
	r, err := load.FindRoot(dir, cwd)
	if err != nil && e.fromHistory() {
		// A book read from git need not be in the working tree (it may
		// have been moved or removed since): its folder is where --book
		// says, or the working folder, and the revision tells whether a
		// book was there (gitrev.Tree).
		// Outside a repository, the working tree's message says more.
		candidate := cwd
		if dir != "" {
			candidate, _ = filepath.Abs(dir)
			if _, serr := os.Stat(candidate); !errors.Is(serr, fs.ErrNotExist) {
				candidate = ""
			}
		}
		if candidate != "" {
			if _, gerr := gitrev.Open(candidate, ""); gerr == nil {
				return candidate, nil
			}
		}
	}
	if err != nil {
		if fromEnv && dir != "" {
			// The user may not know the variable is set: name it.
			return "", usagef("$CLIENTBOOK_DIR=%s: %v (unset it, or give --book)", dir, err)
		}
		return "", &usageError{msg: err.Error()}
	}
	return r, nil
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print clientbook's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := Version
			if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
				v = info.Main.Version
			}
			_, err := fmt.Fprintf(e.stdout, "clientbook %s\n", v)
			return err
		},
	}
}
