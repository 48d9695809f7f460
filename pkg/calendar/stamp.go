// Date and date-time values of RFC 5545 (3.3.4, 3.3.5) and the TEXT
// escapes (3.3.11): what an occurrence is dated by.

package calendar

import (
	"errors"
	"strings"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
)

// stamp is a DATE or DATE-TIME value: its wall clock (as UTC fields) and
// what it is relative to.
type stamp struct {
	wall time.Time
	date bool  // a DATE: a whole day
	utc  bool  // …Z
	zone *zone // its TZID; nil for UTC, floating times and dates
}

// instant is the moment a stamp names; a floating time is read as UTC (it
// is only compared with other times of the same file).
func (s stamp) instant() time.Time {
	switch {
	case s.utc || s.zone == nil:
		return s.wall
	default:
		return s.zone.instant(s.wall)
	}
}

// same reports whether x (an EXDATE or RECURRENCE-ID) names occurrence o:
// a date names the occurrence on that day, a time the one at that instant.
func (c *calReader) same(x, o stamp) bool {
	if x.date || o.date {
		return book.DateOf(x.wall) == book.DateOf(o.wall)
	}
	return x.instant().Equal(o.instant())
}

// wallIn is s on the wall clock of ref's zone.
func (c *calReader) wallIn(s stamp, ref stamp) time.Time {
	if s.date || ref.date || (s.zone == ref.zone && s.utc == ref.utc) {
		return s.wall
	}
	t := s.instant()
	switch {
	case ref.utc:
		return t.UTC()
	case ref.zone == nil: // floating: as written
		return s.wall
	default:
		return ref.zone.wall(t)
	}
}

// dateOf is the date where a start happens.
func (c *calReader) dateOf(s stamp) book.Date {
	if s.utc && c.utcAs != nil {
		t := s.wall.In(c.utcAs)
		return book.DateOf(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	}
	return book.DateOf(s.wall)
}

// stamps reads every value of the event's property name (EXDATE and RDATE
// may be given several times, each with a list).
func (c *calReader) stamps(ev *event, name string) ([]stamp, error) {
	var out []stamp
	for _, p := range ev.Props.Values(name) {
		var z *zone
		if tzid := p.Params.Get("TZID"); tzid != "" {
			var err error
			if z, err = c.zone(tzid); err != nil {
				return nil, ev.errorf(name, "%s: %v", name, err)
			}
		}
		isDate := strings.EqualFold(p.Params.Get("VALUE"), "DATE")
		for _, v := range strings.Split(p.Value, ",") {
			v = strings.TrimSpace(v)
			if i := strings.IndexByte(v, '/'); i >= 0 && strings.EqualFold(p.Params.Get("VALUE"), "PERIOD") {
				v = v[:i] // an RDATE period: its start
			}
			s, err := parseStamp(v, isDate)
			if err != nil {
				return nil, ev.errorf(name, "%s %q: %v", name, p.Value, err)
			}
			if !s.utc && !s.date {
				s.zone = z
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// parseStamp reads YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ.
func parseStamp(v string, isDate bool) (stamp, error) {
	if len(v) == 8 {
		t, err := time.Parse("20060102", v)
		if err != nil {
			return stamp{}, errors.New("not a date (YYYYMMDD)")
		}
		return stamp{wall: t, date: true}, nil
	}
	if isDate {
		return stamp{}, errors.New("not a date (YYYYMMDD)")
	}
	utc := strings.HasSuffix(v, "Z")
	t, err := time.Parse("20060102T150405", strings.TrimSuffix(v, "Z"))
	if err != nil {
		return stamp{}, errors.New("not a date-time (YYYYMMDDTHHMMSS, Z for UTC)")
	}
	return stamp{wall: t, utc: utc}, nil
}

// unescape reads a TEXT value (RFC 5545 3.3.11): \\, \;, \, and \n (or
// \N). A comma or semicolon left unescaped, as some exporters write them,
// is kept as it is, and so is a backslash before anything else.
func unescape(v string) string {
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			switch v[i+1] {
			case '\\', ';', ',':
				b.WriteByte(v[i+1])
				i++
				continue
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}
