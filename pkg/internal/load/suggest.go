package load

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Advice for the values and keys people get slightly wrong: the key they
// meant, the number without its separators, the date in ISO form.

// closestKeys returns the known keys that name is most likely a slip of:
// the same but for case, '-' or '_'; or within a small edit distance
// (optimal string alignment, which counts a swap of two neighbours as one
// edit: "teir" is one from "tier"); or a known key that name begins. It
// returns nil when none is close, and at most three when several are
// equally close.
func closestKeys(name string, known []string) []string {
	if name == "" {
		return nil
	}
	n := normalKey(name)
	// Short keys are close only at one edit: "id" and "by" are two apart.
	limit := 1
	if len([]rune(n)) >= 5 {
		limit = 2
	}
	best, out := limit+2, []string(nil)
	for _, k := range known {
		nk := normalKey(k)
		d := editDistance(n, nk)
		if n == nk || strings.ReplaceAll(n, "_", "") == strings.ReplaceAll(nk, "_", "") {
			d = 0
		}
		if d > limit {
			// A key cut short: "stake" for "stakeholders".
			if len(n) >= 4 && strings.HasPrefix(nk, n) {
				d = limit + 1
			} else {
				continue
			}
		}
		switch {
		case d < best:
			best, out = d, []string{k}
		case d == best && len(out) < 3:
			out = append(out, k)
		}
	}
	return out
}

// normalKey is a key as compared for slips: lower case, '_' for '-' and spaces.
func normalKey(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s))
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of two neighbours.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	if len(s) > 64 || len(t) > 64 {
		// Keys are short; a long one is no slip of a known key.
		return max(len(s), len(t))
	}
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// didYouMean is the end of an unknown-key message: the keys name is
// likely a slip of, or else every key expected.
func didYouMean(name string, known []string) string {
	if k, v, ok := strings.Cut(name, ":"); ok && v != "" && slices.Contains(known, k) {
		// {name:Jane}: YAML reads a key only before ": ".
		return fmt.Sprintf(": a space is missing after the \":\": write %s: %s", k, v)
	}
	close := closestKeys(name, known)
	if len(close) == 0 {
		return "; expected one of: " + strings.Join(known, ", ")
	}
	quoted := make([]string, len(close))
	for i, k := range close {
		quoted[i] = quote(k)
	}
	return "; did you mean " + strings.Join(quoted, " or ") + "?"
}

// separatedNumber matches a number written with thousands separators: a
// comma, a space or a thin or no-break space between groups of three
// digits, after a currency sign or not.
var separatedNumber = regexp.MustCompile(`^([£$€]?)\s?([+-]?\d{1,3}(?:(?:,\d{3})+|(?:[ \x{00a0}\x{202f}\x{2009}]\d{3})+)(?:\.\d+)?)$`)

// numberAdvice returns what to write for text that is meant as a number
// but has thousands separators or a currency sign, or "".
func numberAdvice(text string) string {
	text = strings.TrimSpace(text)
	m := separatedNumber.FindStringSubmatch(text)
	if m == nil {
		if t := strings.TrimLeft(text, "£$€"); t != text {
			if _, err := strconv.ParseFloat(strings.TrimSpace(t), 64); err == nil {
				return fmt.Sprintf("write %s, a plain number in the firm's currency", strings.TrimSpace(t))
			}
		}
		return ""
	}
	plain := strings.Map(func(r rune) rune {
		if r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' {
			return -1
		}
		return r
	}, m[2])
	if m[1] != "" {
		return fmt.Sprintf("write %s, a plain number in the firm's currency", plain)
	}
	return fmt.Sprintf("write %s, without separators", plain)
}
