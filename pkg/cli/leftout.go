package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

// warnErrors says on stderr that the book has errors, whose files the
// result may leave out.
func (e *env) warnErrors(b *book.Book) {
	if b.Errors > 0 {
		fmt.Fprintf(e.stderr, "clientbook: warning: the book has %d error(s); results leave out what could not be read (run `clientbook check`)\n", b.Errors)
	}
}

// addStrict registers --strict on a read command.
func (e *env) addStrict(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&e.strict, "strict", false, "exit 1, after printing the result, when it may be missing something: a client or opportunity left out, or an error in the book (the warnings on stderr say which)")
}

// leftOutScope chooses which of the book's left-out clients and
// opportunities a command names: those that could have been in what it
// shows. nil names every one.
type leftOutScope func(book.LeftOut) bool

// clientsScope names the clients left out of a command that shows the
// clients ids (every client when empty). A client that was read but whose
// status is not known is left out only by a command that chooses clients
// by their status (byStatus). It names no opportunity.
func clientsScope(ids []string, byStatus bool) leftOutScope {
	return func(o book.LeftOut) bool {
		return o.Kind == book.LeftOutClient && (byStatus || !o.StatusUnknown) &&
			(len(ids) == 0 || slices.Contains(ids, o.Name))
	}
}

// warnRead is what a read command says on stderr about the book: one line
// for each client or opportunity in scope that it left out, with the place
// to fix and why, then the count of the book's errors. --strict makes
// either exit 1, after the command has printed its result: whatever it
// warns about is what the result may be missing.
func (e *env) warnRead(b *book.Book, scope leftOutScope) {
	for _, o := range b.LeftOut {
		if scope != nil && !scope(o) {
			continue
		}
		fmt.Fprintf(e.stderr, "clientbook: left out %s %s: %s: %s; run `clientbook check`\n", o.Kind, finding.Printable(o.Name), o.Location(), finding.Printable(o.Reason))
		e.leftOut = append(e.leftOut, o)
	}
	e.warnErrors(b)
	e.bookErrors = b.Errors
}

// strictReason says why --strict fails: "2 clients left out; the book has
// 3 error(s)".
func strictReason(leftOut []book.LeftOut, errors int) string {
	var parts []string
	if len(leftOut) > 0 {
		parts = append(parts, leftOutCount(leftOut)+" left out")
	}
	if errors > 0 {
		parts = append(parts, fmt.Sprintf("the book has %d error(s)", errors))
	}
	return strings.Join(parts, "; ")
}

// leftOutCount says how many clients and opportunities were left out:
// "1 client", "2 clients and 1 opportunity".
func leftOutCount(all []book.LeftOut) string {
	n := map[string]int{}
	for _, o := range all {
		n[o.Kind]++
	}
	var parts []string
	for _, k := range []struct{ kind, one, many string }{
		{book.LeftOutClient, "client", "clients"},
		{book.LeftOutOpportunity, "opportunity", "opportunities"},
	} {
		if c := n[k.kind]; c > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c, plural(c, k.one, k.many)))
		}
	}
	return strings.Join(parts, " and ")
}
