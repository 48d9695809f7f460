package calendar

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
)

func mustDate(t *testing.T, s string) book.Date {
	t.Helper()
	d, err := book.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func brief(occ []Occurrence) string {
	var b strings.Builder
	for _, o := range occ {
		fmt.Fprintf(&b, "%s %s %q org=%s att=%v\n", o.Date, o.UID, o.Summary, o.Organizer, o.Attendees)
	}
	return b.String()
}

// The fixture holds each case issue 24 names; the dates are worked out by
// hand, today being 2026-11-20.
func TestReadOutlookExport(t *testing.T) {
	f, err := os.Open("testdata/outlook.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	occ, err := Read(f, mustDate(t, "2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	want := `2026-10-01 until-1@example.com "Workshop" org= att=[]
2026-10-02 until-1@example.com "Workshop" org= att=[]
2026-10-03 until-1@example.com "Workshop" org= att=[]
2026-10-05 weekly-1@example.com "Weekly status" org=lena@busara.example att=[claire.whitmore@harbourhotels.example]
2026-10-12 weekly-1@example.com "Weekly status" org=lena@busara.example att=[claire.whitmore@harbourhotels.example]
2026-10-27 weekly-1@example.com "Weekly status (moved)" org=lena@busara.example att=[claire.whitmore@harbourhotels.example]
2026-11-01 custom-1@example.com "Brisbane stand-up" org= att=[]
2026-11-03 allday-1@example.com "Site visit" org= att=[claire.whitmore@harbourhotels.example]
2026-11-03 custom-1@example.com "Brisbane stand-up" org= att=[]
2026-11-09 weekly-1@example.com "Weekly status" org=lena@busara.example att=[claire.whitmore@harbourhotels.example]
2026-11-12 late-1@example.com "Late call with a very long summary that is folded over two lines because Outlook folds at 75 octets" org= att=[claire.whitmore@harbourhotels.example]
2026-11-14 utc-1@example.com "Evening call, in UTC" org= att=[claire.whitmore@harbourhotels.example]
2026-11-16 weekly-1@example.com "Weekly status" org=lena@busara.example att=[claire.whitmore@harbourhotels.example]
2026-11-20 floating-1@example.com "Late dinner" org= att=[]
`
	if got := brief(occ); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

const head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"

func TestReadZones(t *testing.T) {
	for _, tc := range []struct {
		name, cal, want string
	}{
		{"UTC dated in X-WR-TIMEZONE", "X-WR-TIMEZONE:Pacific/Auckland\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261114T233000Z\r\nEND:VEVENT\r\n", "2026-11-15"},
		{"UTC dated in UTC without X-WR-TIMEZONE", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261114T233000Z\r\nEND:VEVENT\r\n", "2026-11-14"},
		{"Windows name W. Europe", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=W. Europe Standard Time:20261114T003000\r\nEND:VEVENT\r\n", "2026-11-14"},
		{"Mozilla path TZID", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20261114T003000\r\nEND:VEVENT\r\n", "2026-11-14"},
		{"EXDATE in UTC removes a Paris occurrence across DST", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Paris:20261024T090000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20261025T080000Z\r\nEND:VEVENT\r\n", "2026-10-24,2026-10-26"},
		{"date EXDATE", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261101\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEXDATE;VALUE=DATE:20261101\r\nEND:VEVENT\r\n", "2026-11-08"},
		{"RDATE adds one", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261101\r\nRDATE;VALUE=DATE:20261105,20261106\r\nEND:VEVENT\r\n", "2026-11-01,2026-11-05,2026-11-06"},
		{"cancelled override of a single event", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261101T100000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID:20261101T100000\r\nDTSTART:20261101T100000\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n", ""},
		{"infinite rule stops at today", "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261117\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n", "2026-11-17,2026-11-18,2026-11-19,2026-11-20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occ, err := Read(strings.NewReader(head+tc.cal+"END:VCALENDAR\r\n"), mustDate(t, "2026-11-20"))
			if err != nil {
				t.Fatal(err)
			}
			var dates []string
			for _, o := range occ {
				dates = append(dates, o.Date.String())
			}
			if got := strings.Join(dates, ","); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, cal string
		line      int
		msg       string
	}{
		{"no colon", head + "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY no colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 6, "SUMMARY: no colon"},
		{"unbalanced", head + "BEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n", 6, "END:VCALENDAR where END:VEVENT"},
		{"truncated", head + "BEGIN:VEVENT\r\nUID:a\r\n", 5, "the file ends inside VEVENT"},
		{"bad date", head + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:2026113\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 6, "not a date"},
		{"unknown zone", head + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Mars/Olympus:20261101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 6, "unknown time zone"},
		{"bad rule", head + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261101T100000\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 7, "RRULE"},
		{"not a calendar", "hello\n", 1, "no colon"},
		{"empty", "", 1, "no BEGIN:VCALENDAR"},
		{"no UID", head + "BEGIN:VEVENT\r\nDTSTART:20261101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 4, "has no UID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.cal), mustDate(t, "2026-11-20"))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got line %d %q, want line %d containing %q", e.Line, e.Msg, tc.line, tc.msg)
			}
		})
	}
}

// Every Windows name maps to a zone Go knows.
func TestWindowsZonesLoad(t *testing.T) {
	for win, iana := range windowsZones {
		if _, err := time.LoadLocation(iana); err != nil {
			t.Errorf("%s -> %s: %v", win, iana, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	if b, err := os.ReadFile("testdata/outlook.ics"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(head + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Customized:20261101T100000\r\nRRULE:FREQ=WEEKLY;UNTIL=20261201T000000Z\r\nEND:VEVENT\r\nBEGIN:VTIMEZONE\r\nTZID:Customized\r\nBEGIN:DAYLIGHT\r\nDTSTART:20000101T000000\r\nRRULE:FREQ=YEARLY\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		occ, err := Read(strings.NewReader(string(b)), 20777)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("an error that is not an *Error: %v", err)
			}
			return
		}
		for _, o := range occ {
			if o.Date > 20777 {
				t.Fatalf("an occurrence after today: %v", o)
			}
		}
	})
}
