package book

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
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

var (
	numericDate = regexp.MustCompile(`^(\d{1,4})([-/.])(\d{1,2})([-/.])(\d{1,4})$`)
	dateAndTime = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[Tt ]|\s+)\d{1,2}:\d{2}`)
	compactDate = regexp.MustCompile(`^\d{8}$`)
	ordinal     = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)$`)
)

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// dateAdvice returns what to write for a date written some other way than
// YYYY-MM-DD, or "" when it cannot tell. A date whose day and month could
// be either way round is read day first when written with dots
// (05.11.2026, as in most of Europe), and the advice says so; with '/' or
// '-' both readings are given.
func dateAdvice(s string) string {
	s = strings.TrimSpace(s)
	if _, err := time.Parse(time.DateOnly, s); err == nil && len(s) == 10 {
		return "" // already right
	}
	if m := dateAndTime.FindStringSubmatch(s); m != nil {
		if iso, ok := isoDate(atoi(m[1][:4]), atoi(m[1][5:7]), atoi(m[1][8:])); ok {
			return fmt.Sprintf("write %s, the date without the time", iso)
		}
		return ""
	}
	if compactDate.MatchString(s) {
		if iso, ok := isoDate(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])); ok {
			return fmt.Sprintf("write %s (dates are YYYY-MM-DD)", iso)
		}
		return ""
	}
	if m := numericDate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, b, c := m[1], m[3], m[5]
		switch {
		case len(a) == 4:
			if iso, ok := isoDate(atoi(a), atoi(b), atoi(c)); ok {
				return fmt.Sprintf("write %s (dates are YYYY-MM-DD)", iso)
			}
		case len(c) == 4 && len(a) <= 2:
			return dayMonthAdvice(atoi(c), atoi(a), atoi(b), m[2][0])
		}
		return ""
	}
	return wordDateAdvice(s)
}

// dayMonthAdvice is dateAdvice for year-last dates, x and y being the
// first and second numbers.
func dayMonthAdvice(year, x, y int, sep byte) string {
	dayFirst, okD := isoDate(year, y, x)
	monthFirst, okM := isoDate(year, x, y)
	switch {
	case okD && okM && dayFirst != monthFirst && sep == '.':
		return fmt.Sprintf("write %s (dates are YYYY-MM-DD; read day first, as %d %s)", dayFirst, x, time.Month(y))
	case okD && okM && dayFirst != monthFirst:
		return fmt.Sprintf("write %s if the day comes first, or %s if the month does (dates are YYYY-MM-DD)", dayFirst, monthFirst)
	case okD:
		return fmt.Sprintf("write %s (dates are YYYY-MM-DD)", dayFirst)
	case okM:
		return fmt.Sprintf("write %s (dates are YYYY-MM-DD)", monthFirst)
	}
	return ""
}

// wordDateAdvice reads dates with the month in words: "Nov 5 2026",
// "5 November 2026", "November 5th, 2026", "5-Nov-2026".
func wordDateAdvice(s string) string {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '-' || r == '/' || r == '.'
	})
	if len(fields) != 3 {
		return ""
	}
	var month time.Month
	year, day := -1, -1
	for _, f := range fields {
		if m, ok := monthNames[f]; ok && month == 0 {
			month = m
			continue
		}
		if m := ordinal.FindStringSubmatch(f); m != nil {
			f = m[1]
		}
		switch n, err := strconv.Atoi(f); {
		case err != nil:
			return ""
		case len(f) == 4 && year < 0:
			year = n
		case len(f) <= 2 && day < 0:
			day = n
		default:
			return ""
		}
	}
	if month == 0 || year < 0 || day < 0 {
		return ""
	}
	if iso, ok := isoDate(year, int(month), day); ok {
		return fmt.Sprintf("write %s (dates are YYYY-MM-DD)", iso)
	}
	return ""
}

// isoDate formats a real calendar date as YYYY-MM-DD.
func isoDate(year, month, day int) (string, bool) {
	if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 {
		return "", false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
