package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones on machines without a zoneinfo database

	ical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"github.com/clientbook/clientbook/pkg/book"
)

// Occurrence is one occurrence of an event: the event itself when it does
// not repeat.
type Occurrence struct {
	UID  string
	Date book.Date // the date where it happens (see Read)
	// Summary is the event's SUMMARY (the override's, for a moved
	// occurrence).
	Summary string
	// Organizer is the ORGANIZER's e-mail address in lower case ("" when
	// none is given as mailto:); Attendees the ATTENDEEs', in the file's
	// order.
	Organizer string
	Attendees []string
	Line      int // the line of the event's BEGIN:VEVENT
}

// Error is why a file cannot be read, and the line where.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// MaxSize is the largest file Read reads.
const MaxSize = 64 << 20

// maxOccurrences bounds one event's occurrences up to the last date: a
// calendar export holds meetings, and a rule that repeats more often than
// this (every minute for years) is not one.
const maxOccurrences = 100_000

// Read reads an iCalendar file and returns every occurrence dated on or
// before until, ordered by date, then UID: each repeating event expanded
// (RRULE, RDATE), without the occurrences its EXDATEs exclude, with the
// RECURRENCE-ID overrides in place of the occurrences they move, and
// without cancelled occurrences or events (STATUS:CANCELLED).
//
// An occurrence's date is the date where it happens: the date of its start
// in the start's time zone (TZID, an IANA name, a Windows name or a zone
// the file defines in a VTIMEZONE), of a floating time as written, of an
// all-day event as written. A start in UTC (…Z) is dated in the
// calendar's X-WR-TIMEZONE when it names a zone, else in UTC.
//
// A file that does not parse is an *Error naming the line.
func Read(r io.Reader, until book.Date) ([]Occurrence, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, &Error{Line: 1, Msg: fmt.Sprintf("the file is larger than %d MiB", MaxSize>>20)}
	}
	lines, err := scan(data)
	if err != nil {
		return nil, err
	}
	dec := ical.NewDecoder(bytes.NewReader(data))
	var out []Occurrence
	next := 0 // the next VEVENT of lines.events
	for {
		cal, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{Line: lines.last, Msg: err.Error()}
		}
		c := &calReader{cal: cal, until: until, zones: map[string]*zone{}, vtz: map[string]*ical.Component{}}
		for _, child := range cal.Children {
			if child.Name == "VTIMEZONE" {
				if p := child.Props.Get("TZID"); p != nil {
					c.vtz[p.Value] = child
				}
			}
		}
		if p := cal.Props.Get("X-WR-TIMEZONE"); p != nil {
			if z, err := c.zone(p.Value); err == nil && z.loc != nil {
				c.utcAs = z.loc
			}
		}
		var events []*event
		for _, child := range cal.Children {
			if child.Name != "VEVENT" {
				continue
			}
			ev := &event{Component: child}
			if next < len(lines.events) {
				ev.lines = lines.events[next]
			}
			next++
			events = append(events, ev)
		}
		occ, err := c.expand(events)
		if err != nil {
			return nil, err
		}
		out = append(out, occ...)
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int {
		if a.Date != b.Date {
			return int(a.Date - b.Date)
		}
		return strings.Compare(a.UID, b.UID)
	})
	return out, nil
}

// event is a VEVENT with where it is in the file.
type event struct {
	*ical.Component
	lines eventLines
}

// errorf is an *Error at the line of the event's property name (or of the
// event when the property is not there).
func (ev *event) errorf(prop, format string, args ...any) error {
	line := ev.lines.begin
	if l, ok := ev.lines.props[prop]; ok {
		line = l
	}
	uid := ""
	if p := ev.Props.Get("UID"); p != nil {
		uid = fmt.Sprintf(" (UID %s)", p.Value)
	}
	return &Error{Line: line, Msg: fmt.Sprintf("event%s: %s", uid, fmt.Sprintf(format, args...))}
}

type calReader struct {
	cal   *ical.Calendar
	until book.Date
	utcAs *time.Location
	zones map[string]*zone
	vtz   map[string]*ical.Component
}

// expand turns the calendar's events into occurrences: the events with the
// same UID form a series, the one without RECURRENCE-ID its master.
func (c *calReader) expand(events []*event) ([]Occurrence, error) {
	type series struct {
		master    []*event
		overrides []*event
	}
	byUID := map[string]*series{}
	var uids []string
	for _, ev := range events {
		p := ev.Props.Get("UID")
		if p == nil || strings.TrimSpace(p.Value) == "" {
			return nil, ev.errorf("UID", "has no UID")
		}
		s := byUID[p.Value]
		if s == nil {
			s = &series{}
			byUID[p.Value] = s
			uids = append(uids, p.Value)
		}
		if ev.Props.Get("RECURRENCE-ID") != nil {
			s.overrides = append(s.overrides, ev)
		} else {
			s.master = append(s.master, ev)
		}
	}
	var out []Occurrence
	for _, uid := range uids {
		s := byUID[uid]
		// An override replaces the occurrence its RECURRENCE-ID names.
		var replaced []stamp
		for _, ov := range s.overrides {
			rid, err := c.stamps(ov, "RECURRENCE-ID")
			if err != nil {
				return nil, err
			}
			replaced = append(replaced, rid...)
			if cancelled(ov) {
				continue
			}
			o, err := c.single(ov, uid)
			if err != nil {
				return nil, err
			}
			if o.Date <= c.until {
				out = append(out, o)
			}
		}
		for _, m := range s.master {
			occ, err := c.series(m, uid, replaced)
			if err != nil {
				return nil, err
			}
			out = append(out, occ...)
		}
	}
	return out, nil
}

func cancelled(ev *event) bool {
	p := ev.Props.Get("STATUS")
	return p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "CANCELLED")
}

// single is the occurrence of an event at its own DTSTART.
func (c *calReader) single(ev *event, uid string) (Occurrence, error) {
	start, err := c.start(ev)
	if err != nil {
		return Occurrence{}, err
	}
	o := occurrenceOf(ev, uid)
	o.Date = c.dateOf(start)
	return o, nil
}

func (c *calReader) start(ev *event) (stamp, error) {
	st, err := c.stamps(ev, "DTSTART")
	if err != nil {
		return stamp{}, err
	}
	if len(st) != 1 {
		return stamp{}, ev.errorf("DTSTART", "has no DTSTART")
	}
	return st[0], nil
}

// series is the master's occurrences, without those excluded (EXDATE) or
// replaced by an override.
func (c *calReader) series(ev *event, uid string, replaced []stamp) ([]Occurrence, error) {
	if cancelled(ev) {
		return nil, nil
	}
	start, err := c.start(ev)
	if err != nil {
		return nil, err
	}
	// The last wall-clock time to expand to: a day past until, and one
	// more, as a UTC start may fall on the day before where it is dated.
	limit := (c.until + 3).Time()
	walls := []time.Time{start.wall}
	if p := ev.Props.Get("RRULE"); p != nil {
		if walls, err = c.rrule(ev, p, start, limit); err != nil {
			return nil, err
		}
	}
	rdates, err := c.stamps(ev, "RDATE")
	if err != nil {
		return nil, err
	}
	for _, rd := range rdates {
		walls = append(walls, c.wallIn(rd, start))
	}
	excluded, err := c.stamps(ev, "EXDATE")
	if err != nil {
		return nil, err
	}
	excluded = append(excluded, replaced...)
	var out []Occurrence
	seen := map[int64]bool{}
	for _, w := range walls {
		at := start
		at.wall = w
		if seen[w.Unix()] || slices.ContainsFunc(excluded, func(x stamp) bool { return c.same(x, at) }) {
			continue
		}
		seen[w.Unix()] = true
		o := occurrenceOf(ev, uid)
		if o.Date = c.dateOf(at); o.Date <= c.until {
			out = append(out, o)
		}
	}
	return out, nil
}

// rrule expands the event's RRULE in the start's wall-clock time (RFC 5545
// repeats an event at the same local time), up to limit.
func (c *calReader) rrule(ev *event, p *ical.Prop, start stamp, limit time.Time) ([]time.Time, error) {
	opt, err := rrule.StrToROption(p.Value)
	if err != nil {
		return nil, ev.errorf("RRULE", "RRULE %q: %v", p.Value, err)
	}
	if opt.Freq > rrule.DAILY {
		// Every hour, minute or second: not a meeting, and a rule rrule-go
		// would step through one hour or second at a time.
		return nil, ev.errorf("RRULE", "RRULE %q repeats more often than daily: clientbook reads meetings", p.Value)
	}
	opt.Dtstart = start.wall
	if !opt.Until.IsZero() && strings.Contains(strings.ToUpper(p.Value), "Z") {
		// UNTIL in UTC for a start in a zone: the same instant on the
		// start's wall clock.
		opt.Until = c.wallIn(stamp{wall: opt.Until, utc: true}, start)
	}
	if opt.Until.IsZero() || opt.Until.After(limit) {
		// Nothing after limit is wanted: a rule that never matches (the
		// 31st of February) stops there rather than at the year 9999.
		opt.Until = limit
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, ev.errorf("RRULE", "RRULE %q: %v", p.Value, err)
	}
	var walls []time.Time
	next := r.Iterator()
	for {
		w, ok := next()
		if !ok || w.After(limit) {
			return walls, nil
		}
		if len(walls) == maxOccurrences {
			return nil, ev.errorf("RRULE", "RRULE %q repeats more than %d times before %s: not a meeting", p.Value, maxOccurrences, c.until)
		}
		walls = append(walls, w)
	}
}

func occurrenceOf(ev *event, uid string) Occurrence {
	o := Occurrence{UID: uid, Line: ev.lines.begin}
	if p := ev.Props.Get("SUMMARY"); p != nil {
		o.Summary = strings.TrimSpace(unescape(p.Value))
	}
	if p := ev.Props.Get("ORGANIZER"); p != nil {
		o.Organizer = mailto(p.Value)
	}
	for _, p := range ev.Props.Values("ATTENDEE") {
		if m := mailto(p.Value); m != "" {
			o.Attendees = append(o.Attendees, m)
		}
	}
	return o
}

// mailto is the address of a mailto: URI, in lower case; "" for any other
// value.
func mailto(v string) string {
	v = strings.TrimSpace(v)
	if len(v) < 7 || !strings.EqualFold(v[:7], "mailto:") {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(v[7:]))
}
