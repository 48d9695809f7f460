package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// zone is a TZID resolved: an IANA location, or the rules of the file's
// own VTIMEZONE.
type zone struct {
	name string
	loc  *time.Location
	obs  []observance // when loc is nil
	// trans are the observances' onsets in order, made on first use;
	// before is the offset before the first.
	trans  []transition
	before int
}

// observance is a STANDARD or DAYLIGHT part of a VTIMEZONE: from each of its
// onsets (wall-clock times in the offset before it), the offset is to.
type observance struct {
	start  time.Time
	rule   *rrule.RRule // nil when it has none
	rdates []time.Time
	from   int // seconds east of UTC before an onset
	to     int // and after
}

// instant is the moment wall (fields read as UTC) names in the zone.
func (z *zone) instant(wall time.Time) time.Time {
	if z.loc != nil {
		return time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, z.loc)
	}
	return wall.Add(-time.Duration(z.offset(wall)) * time.Second)
}

// wall is t on the zone's wall clock, as UTC fields.
func (z *zone) wall(t time.Time) time.Time {
	if z.loc != nil {
		l := t.In(z.loc)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	}
	// The offset at the instant, found from the wall clock at the
	// standard offset: exact but for the hour of a change.
	return t.UTC().Add(time.Duration(z.offset(t.UTC().Add(time.Duration(z.obs[0].to)*time.Second))) * time.Second)
}

// offset is the VTIMEZONE's offset at a wall-clock time: that of the
// latest onset at or before it; before the first, the offset it changed
// from.
func (z *zone) offset(wall time.Time) int {
	if z.trans == nil {
		z.transitions()
	}
	i, found := slices.BinarySearchFunc(z.trans, wall, func(t transition, w time.Time) int { return t.at.Compare(w) })
	if found {
		return z.trans[i].to
	}
	if i == 0 {
		return z.before
	}
	return z.trans[i-1].to
}

type transition struct {
	at time.Time
	to int
}

// maxOnsets bounds each observance's onsets: a yearly rule from 1601 to
// 9999 has 8,399.
const maxOnsets = 10_000

// transitions lists every onset of every observance, in order, once.
func (z *zone) transitions() {
	first := z.obs[0]
	for _, o := range z.obs {
		if o.start.Before(first.start) {
			first = o
		}
		z.trans = append(z.trans, transition{o.start, o.to})
		for _, r := range o.rdates {
			z.trans = append(z.trans, transition{r, o.to})
		}
		if o.rule != nil {
			next := o.rule.Iterator()
			for n := 0; n < maxOnsets; n++ {
				t, ok := next()
				if !ok {
					break
				}
				z.trans = append(z.trans, transition{t, o.to})
			}
		}
	}
	z.before = first.from
	slices.SortStableFunc(z.trans, func(a, b transition) int { return a.at.Compare(b.at) })
}

// zone resolves a TZID: an IANA name, a Windows name (Outlook's), the
// file's own VTIMEZONE, or the IANA name at the end of a path-like TZID
// (/mozilla.org/20050126_1/Europe/Berlin).
func (c *calReader) zone(tzid string) (*zone, error) {
	if z, ok := c.zones[tzid]; ok {
		return z, nil
	}
	z, err := c.resolve(tzid)
	if err != nil {
		return nil, err
	}
	c.zones[tzid] = z
	return z, nil
}

func (c *calReader) resolve(tzid string) (*zone, error) {
	name := strings.TrimSpace(strings.Trim(strings.TrimSpace(tzid), `"`))
	if loc := loadIANA(name); loc != nil {
		return &zone{name: tzid, loc: loc}, nil
	}
	if iana, ok := windowsZones[name]; ok {
		if loc := loadIANA(iana); loc != nil {
			return &zone{name: tzid, loc: loc}, nil
		}
	}
	if vt, ok := c.vtz[tzid]; ok {
		z, err := vtimezone(tzid, vt)
		if err != nil {
			return nil, fmt.Errorf("VTIMEZONE %s: %v", tzid, err)
		}
		return z, nil
	}
	if parts := strings.Split(name, "/"); len(parts) > 2 {
		for n := 3; n >= 1; n-- {
			if n < len(parts) {
				if loc := loadIANA(strings.Join(parts[len(parts)-n:], "/")); loc != nil {
					return &zone{name: tzid, loc: loc}, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("unknown time zone %q: not an IANA or Windows zone name, and the file defines no VTIMEZONE for it", tzid)
}

// loadIANA loads an IANA zone by name; nil for anything else (the
// machine's Local zone included: a file's dates must not depend on where
// clientbook runs).
func loadIANA(name string) *time.Location {
	if name == "" || name == "Local" || strings.ContainsAny(name, `\:`) || strings.Contains(name, "..") {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

func vtimezone(tzid string, c *ical.Component) (*zone, error) {
	z := &zone{name: tzid}
	for _, child := range c.Children {
		if child.Name != "STANDARD" && child.Name != "DAYLIGHT" {
			continue
		}
		var o observance
		var err error
		p := child.Props.Get("DTSTART")
		if p == nil {
			return nil, fmt.Errorf("%s has no DTSTART", child.Name)
		}
		s, err := parseStamp(p.Value, false)
		if err != nil {
			return nil, fmt.Errorf("%s DTSTART %q: %v", child.Name, p.Value, err)
		}
		o.start = s.wall
		if o.from, err = offsetProp(child, "TZOFFSETFROM"); err != nil {
			return nil, err
		}
		if o.to, err = offsetProp(child, "TZOFFSETTO"); err != nil {
			return nil, err
		}
		if p := child.Props.Get("RRULE"); p != nil {
			opt, err := rrule.StrToROption(p.Value)
			if err != nil {
				return nil, fmt.Errorf("%s RRULE %q: %v", child.Name, p.Value, err)
			}
			if opt.Freq != rrule.YEARLY {
				return nil, fmt.Errorf("%s RRULE %q: a time zone's changes repeat yearly (FREQ=YEARLY)", child.Name, p.Value)
			}
			opt.Dtstart = o.start
			if !opt.Until.IsZero() {
				// UNTIL is in UTC: on the wall clock before the onset.
				opt.Until = opt.Until.Add(time.Duration(o.from) * time.Second)
			}
			if o.rule, err = rrule.NewRRule(*opt); err != nil {
				return nil, fmt.Errorf("%s RRULE %q: %v", child.Name, p.Value, err)
			}
		}
		for _, p := range child.Props.Values("RDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				s, err := parseStamp(strings.TrimSpace(v), false)
				if err != nil {
					return nil, fmt.Errorf("%s RDATE %q: %v", child.Name, p.Value, err)
				}
				o.rdates = append(o.rdates, s.wall)
			}
		}
		z.obs = append(z.obs, o)
	}
	if len(z.obs) == 0 {
		return nil, errors.New("it has neither STANDARD nor DAYLIGHT")
	}
	return z, nil
}

// offsetProp reads a UTC offset: +HHMM or +HHMMSS.
func offsetProp(c *ical.Component, name string) (int, error) {
	p := c.Props.Get(name)
	if p == nil {
		return 0, fmt.Errorf("%s has no %s", c.Name, name)
	}
	v := strings.TrimSpace(p.Value)
	bad := fmt.Errorf("%s %s %q: not a UTC offset (+HHMM)", c.Name, name, p.Value)
	if (len(v) != 5 && len(v) != 7) || (v[0] != '+' && v[0] != '-') {
		return 0, bad
	}
	n := 0
	for i, unit := range []int{3600, 60, 1} {
		if 1+2*i+2 > len(v) {
			break
		}
		d, err := strconv.Atoi(v[1+2*i : 3+2*i])
		if err != nil || d < 0 || d > 59 {
			return 0, bad
		}
		n += d * unit
	}
	if n >= 24*3600 {
		return 0, bad
	}
	if v[0] == '-' {
		n = -n
	}
	return n, nil
}
