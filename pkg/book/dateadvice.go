package book

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Advice for a date written some other way than YYYY-MM-DD, which
// ParseDate gives with its error.

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
