package finding

// MaxPerRule is how many findings of one rule a file lists. A file of
// 1 MiB can hold 200,000 unknown keys or actions; listing each would tell
// the reader nothing the first hundred do not, and cost the program
// hundreds of MiB per file. One more finding counts the rest.
const MaxPerRule = 100

// Limiter admits the first MaxPerRule findings of each rule in each file
// and counts the others, so that what a file costs in findings is bounded
// whatever it holds. The zero value is ready to use; a Limiter is not safe
// for concurrent use.
type Limiter struct {
	counts  map[limitKey]int
	dropped []dropped // in the order the rules first overflowed
}

type limitKey struct {
	rule *Rule
	path string
}

// dropped is a rule of a file whose findings went over MaxPerRule: how
// many were not listed, and where the first of them was.
type dropped struct {
	limitKey
	count        int
	line, column int
}

// Admit reports whether a finding of rule in path at line:column is to be
// listed, counting it among the unlisted when it is not. It is asked before
// the finding is made, so that an unlisted one costs no message.
func (l *Limiter) Admit(rule *Rule, path string, line, column int) bool {
	if l.counts == nil {
		l.counts = make(map[limitKey]int)
	}
	k := limitKey{rule, path}
	l.counts[k]++
	n := l.counts[k]
	if n <= MaxPerRule {
		return true
	}
	for i := range l.dropped {
		if l.dropped[i].limitKey == k {
			l.dropped[i].count++
			return false
		}
	}
	l.dropped = append(l.dropped, dropped{limitKey: k, count: 1, line: line, column: column})
	return false
}

// Listing reports whether the next finding of rule in path would be
// listed, so that a caller can spare the work of a message (a "did you
// mean" over every known key) that would not be shown.
func (l *Limiter) Listing(rule *Rule, path string) bool {
	return l.counts[limitKey{rule, path}] < MaxPerRule
}

// Summaries are the findings that count what was not listed since the
// last call, one per rule and file that overflowed, at the first unlisted finding's place and with
// the rule's default severity, so that the firm's `rules` overrides and
// --fail-on treat them as the findings they stand for.
func (l *Limiter) Summaries() []Finding {
	if len(l.dropped) == 0 {
		return nil
	}
	out := make([]Finding, 0, len(l.dropped))
	for _, d := range l.dropped {
		out = append(out, d.rule.At(d.path, d.line, d.column,
			"%d more %s findings in this file are not listed (at most %d are): fix those above and run check again", d.count, d.rule.ID, MaxPerRule))
	}
	l.dropped = l.dropped[:0]
	return out
}
