// Package calendar reads and writes iCalendar (RFC 5545) for SPEC §11.
//
// Read parses a calendar export (with github.com/emersion/go-ical) and
// expands every event into its occurrences (RRULE and RDATE with
// github.com/teambition/rrule-go; EXDATE, RECURRENCE-ID overrides and
// STATUS:CANCELLED here), each dated where it happens: IANA time zone
// names, the Windows names Outlook writes (CLDR's windowsZones table) and
// zones defined by the file's own VTIMEZONE are resolved. Write is the
// other way: all-day events with a reminder, escaped and folded as RFC 5545
// says, for `due -o ics`.
//
// The package knows nothing of clients or touchpoints: matching
// occurrences to stakeholders is the import command's.
package calendar
