package book

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"time"

	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/parse"
)

// Pos is a position in a file, 1-based. The zero Pos means "no position".
type Pos struct {
	Line   int
	Column int
}

// Field is a scalar value read from a file with the position of its value.
// Set is false when the key was absent or null, and when its value was not
// valid; Invalid tells the last apart: the value is there but unknown (it
// has been reported, CB003), so a rule that reads it skips what it cannot
// know instead of taking it for absent.
type Field[T any] struct {
	Value   T
	Pos     Pos
	Set     bool
	Invalid bool
}

// Or returns the value when set, else def.
func (f Field[T]) Or(def T) T {
	if f.Set {
		return f.Value
	}
	return def
}

// Date is a calendar date, counted in days since 1970-01-01 so that ages and
// windows are plain integer arithmetic.
type Date int

// ParseDate reads YYYY-MM-DD. The error for a date written another way
// (2026/11/05, 05.11.2026, Nov 5 2026) says how to write it.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if len(s) == 10 && err == nil {
		return DateOf(t), nil
	}
	if advice := dateAdvice(s); advice != "" {
		return 0, errors.New(advice)
	}
	if len(s) != 10 {
		return 0, errors.New("want a date as YYYY-MM-DD")
	}
	return 0, errors.New("want a real date as YYYY-MM-DD")
}

// DateOf returns the calendar date of t (in t's location).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Year returns the date's year.
func (d Date) Year() int { return d.Time().Year() }

// The dates YYYY-MM-DD can write: a date read from a file is always
// between them, a date computed from one (9999-12-31 plus a cadence) may
// not be.
const (
	MinDate Date = -719528 // 0000-01-01
	MaxDate Date = 2932896 // 9999-12-31
)

// Writable reports whether d can be written as YYYY-MM-DD.
func (d Date) Writable() bool { return d >= MinDate && d <= MaxDate }

// String formats the date as YYYY-MM-DD. A date that is not Writable has
// no such text: callers that compute dates leave those out (see due), and
// String shows one with the year it has ("10000-01-30") only so that a bug
// is visible; MarshalText refuses it.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// MarshalText makes dates appear as YYYY-MM-DD in JSON and YAML; a date
// that is not Writable is an error, never a malformed date in the output.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Writable() {
		return nil, fmt.Errorf("date %s is outside 0000-01-01 to 9999-12-31", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads a date MarshalText wrote.
func (d *Date) UnmarshalText(text []byte) error {
	v, err := ParseDate(string(text))
	*d = v
	return err
}

// Duration is a length of time in whole days.
type Duration int

// DurationPattern is the form of a duration (the schema's pattern).
const DurationPattern = `^(\d{1,5})([dwmy])$`

var durationText = regexp.MustCompile(DurationPattern)

// ParseDuration reads Nd, Nw, Nm (30 days) or Ny (365 days).
func ParseDuration(s string) (Duration, error) {
	m := durationText.FindStringSubmatch(s)
	if m == nil {
		return 0, errors.New("want a duration such as 14d, 2w, 6m or 1y")
	}
	n, _ := strconv.Atoi(m[1])
	per := map[string]int{"d": 1, "w": 7, "m": 30, "y": 365}[m[2]]
	return Duration(n * per), nil
}

// String formats the duration in days.
func (d Duration) String() string { return fmt.Sprintf("%dd", int(d)) }

// MarshalText makes durations appear as Nd in JSON and YAML.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// ID is a lower-case slug naming a client, engagement, opportunity or person.
type ID string

// IDPattern is the form of an id (the schema's pattern).
const IDPattern = `^[a-z0-9][a-z0-9-]{0,62}$`

var idText = regexp.MustCompile(IDPattern)

// ValidID reports whether s is a slug: [a-z0-9][a-z0-9-]{0,62}. A valid id
// can never name a path outside its folder.
func ValidID(s string) bool { return idText.MatchString(s) }

// ParseID validates an id.
func ParseID(s string) (ID, error) {
	if !ValidID(s) {
		return "", fmt.Errorf("%s is not an id: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters", quote(s))
	}
	return ID(s), nil
}

// Decimal is a number kept exactly as written ("0.22" is 22/100, not the
// nearest float). Text keeps what the user wrote.
type Decimal struct {
	Rat  *big.Rat
	Text string
}

// ParseDecimalText reads a plain decimal number.
func ParseDecimalText(s string) (Decimal, error) {
	r, err := exact.ParseDecimal(s)
	if errors.Is(err, exact.ErrTooManyDigits) {
		return Decimal{}, fmt.Errorf("want a number of at most %d digits: %w", exact.MaxDigits, err)
	}
	if err != nil {
		return Decimal{}, errors.New("want a plain number such as 1200 or 0.22")
	}
	return Decimal{Rat: r, Text: s}, nil
}

// MustDecimal is for defaults written in code.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimalText(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ParseRating reads an integer in [min, max].
func ParseRating(s string, min, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("want a whole number from %d to %d", min, max)
	}
	if n < min || n > max {
		return 0, fmt.Errorf("%d is out of range: want %d to %d", n, min, max)
	}
	return n, nil
}

// quote quotes a value read from a file for a message, cut short when it
// is long (parse.Quote).
func quote(s string) string { return parse.Quote(s) }
