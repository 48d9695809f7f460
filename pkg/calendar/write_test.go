package calendar

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"line\nbreak", `line\nbreak`},
		{"crlf\r\nbreak", `crlf\nbreak`},
		{"lone\rcr", `lone\ncr`},
		{"tab\there\x00", "tab here "},
		{"bad \xff utf-8", "bad \uFFFD utf-8"},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Lines are folded at 75 octets, a continuation's leading space counted,
// never inside a UTF-8 character; unfolded, they give the line back.
func TestFold(t *testing.T) {
	for _, l := range []string{
		"SUMMARY:" + strings.Repeat("a", 67),
		"SUMMARY:" + strings.Repeat("a", 68),
		"SUMMARY:" + strings.Repeat("é", 100),
		"SUMMARY:" + strings.Repeat("a€", 60),
		"SUMMARY:" + strings.Repeat("😀", 40),
	} {
		var b strings.Builder
		writeLine(&b, l)
		out := b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("%q does not end in CRLF", out)
		}
		parts := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, p := range parts {
			if len(p) > 75 {
				t.Errorf("line %d of %q is %d octets", i, l, len(p))
			}
			if i > 0 && !strings.HasPrefix(p, " ") {
				t.Errorf("continuation %q does not start with a space", p)
			}
			if !utf8.ValidString(p) {
				t.Errorf("line %q splits a UTF-8 character", p)
			}
		}
		if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != l {
			t.Errorf("unfolded %q, want %q", got, l)
		}
	}
}

// Write's output reads back with Read: one occurrence per event, on its
// date, with its summary.
func TestWriteReadsBack(t *testing.T) {
	var b bytes.Buffer
	d := mustDate(t, "2026-11-20")
	err := Write(&b, Calendar{ProdID: "-//test//EN", Stamp: d, Events: []Event{
		{UID: "x@test", Date: d, Summary: "a, b; c \\ d\nEND:VEVENT", Description: "owner", Alarm: "a"},
		{UID: "y@test", Date: d - 1, Summary: strings.Repeat("ü", 80)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ReplaceAll(b.Bytes(), []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a bare LF in the output")
	}
	occ, err := Read(&b, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 2 || occ[1].Summary != "a, b; c \\ d\nEND:VEVENT" || occ[1].Date != d || occ[0].Summary != strings.Repeat("ü", 80) {
		t.Errorf("read back %+v", occ)
	}
}
