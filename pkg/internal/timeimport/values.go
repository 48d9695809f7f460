package timeimport

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// DateOrder says how to read a date whose year comes last (03/04/2024).
// A date whose year comes first is always year-month-day (2024-03-04).
type DateOrder int

// The orders of --date-format.
const (
	// DateAuto reads by the separator, as the trackers write their
	// defaults: 3/4/2024 is month/day (Harvest's M/D/YYYY, Clockify's
	// MM/DD/YYYY), 03.04.2024 and 03-04-2024 are day.month.
	DateAuto DateOrder = iota
	// DayFirst reads 03/04/2024 as 3 April.
	DayFirst
	// MonthFirst reads 03/04/2024 as 4 March.
	MonthFirst
)

// DateOrders are the values of --date-format, by name.
var DateOrders = map[string]DateOrder{"auto": DateAuto, "dmy": DayFirst, "mdy": MonthFirst}

// dateYear checks that s is a date and returns its year.
func dateYear(s string, order DateOrder) (int, error) {
	// Some exports add a time to the date ("2026-03-04 09:00").
	d, _, _ := strings.Cut(s, " ")
	d, _, _ = strings.Cut(d, "T")
	if d == "" {
		return 0, errors.New("no date")
	}
	sep := strings.IndexAny(d, "-./")
	if sep < 0 {
		return 0, fmt.Errorf("%q is not a date: want YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY", s)
	}
	parts := strings.Split(d, d[sep:sep+1])
	if len(parts) != 3 {
		return 0, fmt.Errorf("%q is not a date: want YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY", s)
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 || p[0] == '+' || p[0] == '-' {
			return 0, fmt.Errorf("%q is not a date: want YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY", s)
		}
		n[i] = v
	}
	var y, m, day int
	switch {
	case len(parts[0]) == 4:
		y, m, day = n[0], n[1], n[2]
	case len(parts[2]) == 4:
		dayFirst := order == DayFirst || order == DateAuto && d[sep] != '/'
		if dayFirst {
			day, m, y = n[0], n[1], n[2]
		} else {
			m, day, y = n[0], n[1], n[2]
		}
	default:
		return 0, fmt.Errorf("%q has no four-digit year: export dates with the full year", s)
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if y < 1900 || m < 1 || m > 12 || day < 1 || t.Day() != day {
		return 0, fmt.Errorf("%q is not a date of the calendar (read as year %d, month %d, day %d; --date-format says which comes first)", s, y, m, day)
	}
	return y, nil
}

// decimalHours reads hours written as a decimal number: 7.5, or with a
// decimal comma as some locales write it, 7,5.
func decimalHours(s string) (*big.Rat, error) {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	if s == "" || strings.ContainsAny(s, "eE_") {
		return nil, errors.New("want hours as a decimal number such as 7.5 or 7,5")
	}
	r, err := exact.ParseDecimal(s)
	if err != nil {
		return nil, errors.New("want hours as a decimal number such as 7.5 or 7,5")
	}
	if r.Sign() < 0 {
		return nil, errors.New("hours must not be negative")
	}
	return r, nil
}

// clockHours reads a Toggl Track duration, H:MM:SS, as an exact fraction
// of an hour. Toggl writes durations as the profile's "Duration format"
// says; only the one with seconds is exact and unambiguous.
func clockHours(s string) (*big.Rat, error) {
	parts := strings.Split(s, ":")
	refuse := errors.New(`want H:MM:SS: set "Duration format" in Toggl Track's profile settings to "Improved (0:47:06)" and export again`)
	if len(parts) != 3 {
		return nil, refuse
	}
	var n [3]int64
	for i, p := range parts {
		if p == "" || len(p) > 9 || (i > 0 && len(p) != 2) {
			return nil, refuse
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return nil, refuse
			}
		}
		n[i], _ = strconv.ParseInt(p, 10, 64)
	}
	if n[1] > 59 || n[2] > 59 {
		return nil, refuse
	}
	return big.NewRat(n[0]*3600+n[1]*60+n[2], 3600), nil
}

// Round2 rounds hours half up to two decimals: 1.005 → 1.01.
func Round2(r *big.Rat) *big.Rat {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Div(x.Num(), x.Denom())
	return new(big.Rat).SetFrac(q, big.NewInt(100))
}
