package book

import (
	"fmt"
	"sync"

	"github.com/clientbook/clientbook/pkg/finding"
)

// maxPerRule is how many findings of one rule a file lists. A file of
// 1 MiB can hold 200,000 unknown keys; listing each would cost the reader
// nothing useful and the program hundreds of MiB per file. The first
// hundred show the pattern; one more finding counts the rest.
const maxPerRule = 100

// ruleLimit counts a file's findings per rule and admits the first
// maxPerRule of each, so that what a file costs in findings is bounded
// whatever it holds.
type ruleLimit struct {
	counts  map[string]int
	dropped []droppedRule // in the order the rules first overflowed
}

// droppedRule is a rule whose findings in a file went over maxPerRule:
// how many were not listed and where the first of them was.
type droppedRule struct {
	rule  string
	count int
	first Pos
}

// admit reports whether a finding of rule at p is to be listed, counting
// it among the unlisted when it is not.
func (l *ruleLimit) admit(rule string, p Pos) bool {
	if l.counts == nil {
		l.counts = make(map[string]int)
	}
	l.counts[rule]++
	n := l.counts[rule]
	if n <= maxPerRule {
		return true
	}
	if n == maxPerRule+1 {
		l.dropped = append(l.dropped, droppedRule{rule: rule, first: p})
	}
	for i := range l.dropped {
		if l.dropped[i].rule == rule {
			l.dropped[i].count++
		}
	}
	return false
}

// summaries are the findings that count what was not listed, one per
// rule that overflowed, at the first unlisted finding's place and with
// the rule's own severity, so that `rules` overrides and --fail-on treat
// them as the findings they stand for.
func (l *ruleLimit) summaries(path string) []finding.Finding {
	out := make([]finding.Finding, 0, len(l.dropped))
	for _, d := range l.dropped {
		r, _ := finding.Lookup(d.rule)
		out = append(out, finding.Finding{
			Rule:     d.rule,
			Severity: r.Default,
			Path:     path,
			Line:     d.first.Line,
			Column:   d.first.Column,
			Message:  fmt.Sprintf("%d more %s findings in this file are not listed (at most %d are): fix those above and run check again", d.count, d.rule, maxPerRule),
		})
	}
	return out
}

// parseBudget bounds the bytes of YAML being parsed and decoded at once,
// across every reader of the process. A node tree costs up to ~170 times
// its file's size (a 1 MiB file of short keys: 175,000 nodes and the maps
// that check them), so eight readers each on a 1 MiB file peaked at 1.3
// GiB. With the budget, files of a usual book (a few KiB each) never wait,
// and at most one file of the largest size is in the parser at a time:
// the heap's peak depends on the limit of a file's size, not on the number
// of readers or what the files hold. It is one for the process, not one
// per Stream, because memory is.
var parseBudget = newBudget(MaxFileSize + 1)

// budget is a counting semaphore over bytes.
type budget struct {
	mu    sync.Mutex
	freed *sync.Cond
	size  int
	used  int
}

func newBudget(size int) *budget {
	b := &budget{size: size}
	b.freed = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes (at most the whole budget) are free, takes
// them and returns how many it took, for release.
func (b *budget) acquire(n int) int {
	n = min(max(n, 1), b.size)
	b.mu.Lock()
	for b.used+n > b.size {
		b.freed.Wait()
	}
	b.used += n
	b.mu.Unlock()
	return n
}

// release gives back what acquire took.
func (b *budget) release(n int) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.freed.Broadcast()
}
