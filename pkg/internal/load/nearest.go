package load

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// NearestNames returns the indexes in known of the names that name is most
// likely meant for, closest first, at most three: the same words but for
// case, punctuation and company suffixes ("Acme Ltd" for "ACME"); one
// name holding the other ("Harbour Hotels" in "Harbour Hotels Group");
// within a few edits ("Harbor Hotels"); or sharing a word of four letters
// or more. It returns none when no name is close: a suggestion is for a
// person to confirm, never a match.
func NearestNames(name string, known []string) []int {
	n := nameWords(name)
	if len(n) == 0 {
		return nil
	}
	nj := strings.Join(n, " ")
	type near struct{ i, rank, dist int }
	var found []near
	for i, k := range known {
		kw := nameWords(k)
		kj := strings.Join(kw, " ")
		if kj == "" {
			continue
		}
		d := editDistance(nj, kj)
		limit := max(1, min(len(nj), len(kj))/4)
		switch {
		case d == 0:
			found = append(found, near{i, 0, 0})
		case d <= limit:
			found = append(found, near{i, 1, d})
		case len(nj) >= 3 && len(kj) >= 3 && (strings.Contains(kj, nj) || strings.Contains(nj, kj)):
			found = append(found, near{i, 2, d})
		case sharesWord(n, kw):
			found = append(found, near{i, 3, d})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.dist, b.dist)) })
	var out []int
	for _, f := range found {
		if len(out) == 3 {
			break
		}
		out = append(out, f.i)
	}
	return out
}

// companyWords are left out when names are compared: "Acme" and "Acme
// Retail Ltd" differ by what matters, not by the legal form.
var companyWords = map[string]bool{"ltd": true, "limited": true, "plc": true, "inc": true, "llc": true, "llp": true, "co": true, "corp": true, "gmbh": true, "ag": true, "sa": true, "bv": true, "the": true, "and": true, "of": true}

// nameWords is a name's words, lower case, without punctuation or
// company suffixes.
func nameWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		if !companyWords[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return f
	}
	return out
}

func sharesWord(a, b []string) bool {
	for _, w := range a {
		if len(w) >= 4 && slices.Contains(b, w) {
			return true
		}
	}
	return false
}
