package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/clientbook/clientbook/pkg/book"
)

// Event is one all-day event of a calendar written by Write.
type Event struct {
	UID         string
	Date        book.Date
	Summary     string
	Description string
	// Alarm is the reminder's text: a VALARM that fires at 09:00 on the
	// day (TRIGGER;RELATED=START:PT9H, nine hours after the all-day
	// event's start, which is midnight where the calendar shows it).
	Alarm string
}

// Calendar is what Write writes: PRODID names the program, Stamp is every
// event's DTSTAMP (given, not read from the clock, so that the same input
// writes the same bytes).
type Calendar struct {
	ProdID string
	Name   string // X-WR-CALNAME, when not empty
	Stamp  book.Date
	Events []Event
}

// Write writes c as an iCalendar file: CRLF line ends, text values
// escaped, lines folded at 75 octets without splitting a UTF-8 character.
func Write(w io.Writer, c Calendar) error {
	var b strings.Builder
	line := func(name, value string) { writeLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", Escape(c.ProdID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Escape(c.Name))
	}
	stamp := c.Stamp.Time().Format("20060102") + "T000000Z"
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", Escape(e.UID))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", dateText(e.Date))
		line("DTEND;VALUE=DATE", dateText(e.Date+1))
		line("SUMMARY", Escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", Escape(e.Description))
		}
		line("TRANSP", "TRANSPARENT")
		if e.Alarm != "" {
			line("BEGIN", "VALARM")
			line("ACTION", "DISPLAY")
			line("DESCRIPTION", Escape(e.Alarm))
			line("TRIGGER;RELATED=START", "PT9H")
			line("END", "VALARM")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

// dateText is a DATE value: YYYYMMDD. A date past 9999-12-31 (the day
// after the last, as DTEND) is written as the last.
func dateText(d book.Date) string {
	if d > book.MaxDate {
		d = book.MaxDate
	}
	return d.Time().Format("20060102")
}

// Escape escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and
// comma get a backslash, a line break becomes \n. Other control
// characters, which a TEXT value may not hold, become spaces, so that
// nothing in the book can end a line and start a property of its own.
func Escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if c < 0x20 || c == 0x7f {
				b.WriteByte(' ')
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// writeLine writes one content line folded at 75 octets: each
// continuation starts with a space, and a fold never falls inside a UTF-8
// character.
func writeLine(b *strings.Builder, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}

// UIDOf makes a UID from the parts that identify an item: the same parts
// give the same UID, on every run.
func UIDOf(domain string, parts ...string) string {
	return fmt.Sprintf("%s@%s", hashOf(parts), domain)
}

func hashOf(parts []string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
