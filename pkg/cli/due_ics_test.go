package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// icalendarScript reads an iCalendar file with the Python icalendar
// library (an independent parser: Debian's python3-icalendar) and prints
// its events as JSON.
const icalendarScript = `
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {"version": str(cal.get('VERSION')), "prodid": str(cal.get('PRODID')), "events": []}
for ev in cal.walk('VEVENT'):
    alarms = [{"action": str(a.get('ACTION')), "description": str(a.get('DESCRIPTION')),
               "trigger": str(a.decoded('TRIGGER'))} for a in ev.walk('VALARM')]
    out["events"].append({
        "uid": str(ev.get('UID')),
        "start": ev.decoded('DTSTART').isoformat(),
        "stamp": ev.decoded('DTSTAMP').isoformat(),
        "summary": str(ev.get('SUMMARY')),
        "description": str(ev.get('DESCRIPTION')),
        "alarms": alarms,
    })
json.dump(out, sys.stdout)
`

type parsedCalendar struct {
	Version string `json:"version"`
	ProdID  string `json:"prodid"`
	Events  []struct {
		UID         string `json:"uid"`
		Start       string `json:"start"`
		Stamp       string `json:"stamp"`
		Summary     string `json:"summary"`
		Description string `json:"description"`
		Alarms      []struct {
			Action, Description, Trigger string
		} `json:"alarms"`
	} `json:"events"`
}

// TestDueICSReadBack parses due -o ics with Python's icalendar, checks each
// event against due -o json, and checks that the UIDs are the same on a
// second run and, for the items still listed, on the next day.
func TestDueICSReadBack(t *testing.T) {
	python := ""
	// Debian's package is for the system's Python, which may not be the
	// first python3 on PATH (pyenv, a virtualenv).
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import icalendar").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("python3 with the icalendar module is not installed (Debian: apt-get install python3-icalendar; .ci/run installs it): no independent parser to read due -o ics back")
	}
	t.Chdir("../..")
	t.Setenv("CLIENTBOOK_CACHE", "off")
	run := func(args ...string) []byte {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.Bytes()
	}
	parse := func(ics []byte) parsedCalendar {
		t.Helper()
		path := filepath.Join(t.TempDir(), "due.ics")
		if err := os.WriteFile(path, ics, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", icalendarScript, path).Output()
		if err != nil {
			t.Fatalf("python icalendar cannot read due -o ics: %v", err)
		}
		var c parsedCalendar
		if err := json.Unmarshal(out, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	args := []string{"due", "--book", "examples/agency", "--within", "60d", "--today", "2026-11-23"}
	ics := run(append(args, "-o", "ics")...)
	var items []struct {
		Date, Client, What, Kind string
		Overdue                  bool
		Owner                    *string
		Path                     string
	}
	if err := json.Unmarshal(run(append(args, "-o", "json")...), &items); err != nil {
		t.Fatal(err)
	}
	c := parse(ics)
	if c.Version != "2.0" || c.ProdID == "" {
		t.Errorf("VERSION %q, PRODID %q", c.Version, c.ProdID)
	}
	if len(c.Events) != len(items) || len(items) == 0 {
		t.Fatalf("%d events for %d items", len(c.Events), len(items))
	}
	uids := map[string]bool{}
	for i, ev := range c.Events {
		it := items[i]
		wantStart := it.Date
		if it.Overdue {
			wantStart = "2026-11-23"
		}
		if ev.Start != wantStart {
			t.Errorf("%s: DTSTART %s, want %s", it.What, ev.Start, wantStart)
		}
		if ev.Stamp != "2026-11-23T00:00:00+00:00" {
			t.Errorf("DTSTAMP %s, want today at 00:00 UTC", ev.Stamp)
		}
		if want := it.Client + ": " + it.What; ev.Summary != want {
			t.Errorf("SUMMARY %q, want %q", ev.Summary, want)
		}
		if it.Owner != nil && !strings.Contains(ev.Description, "Owner: "+*it.Owner+"\n") || !strings.Contains(ev.Description, "File: "+it.Path) {
			t.Errorf("DESCRIPTION %q does not name the owner and %s", ev.Description, it.Path)
		}
		if len(ev.Alarms) != 1 || ev.Alarms[0].Action != "DISPLAY" || ev.Alarms[0].Trigger != "9:00:00" || ev.Alarms[0].Description == "" {
			t.Errorf("%s: alarms %+v, want one DISPLAY at 9:00", it.What, ev.Alarms)
		}
		if uids[ev.UID] {
			t.Errorf("UID %s twice", ev.UID)
		}
		uids[ev.UID] = true
	}
	if again := run(append(args, "-o", "ics")...); !bytes.Equal(again, ics) {
		t.Errorf("a second run writes other bytes")
	}
	// The next day: every item still listed keeps its UID (overdue ones
	// move to the new today; none is new in the agency book).
	next := parse(run("due", "--book", "examples/agency", "--within", "59d", "--today", "2026-11-24", "-o", "ics"))
	for _, ev := range next.Events {
		if !uids[ev.UID] {
			t.Errorf("the next day %q has a new UID %s", ev.Summary, ev.UID)
		}
	}
}
