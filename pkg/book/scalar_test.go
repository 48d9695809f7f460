package book

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" when the text must be rejected
	}{
		{"ordinary date", "2026-11-23", "2026-11-23"},
		{"first day of the epoch", "1970-01-01", "1970-01-01"},
		{"leap day in a leap year", "2024-02-29", "2024-02-29"},
		{"leap day in a common year", "2026-02-29", ""},
		{"leap day in a century year that is not a leap year", "2100-02-29", ""},
		{"leap day in a 400th year", "2000-02-29", "2000-02-29"},
		{"month 13", "2026-13-01", ""},
		{"month 0", "2026-00-10", ""},
		{"day 0", "2026-01-00", ""},
		{"day 32", "2026-01-32", ""},
		{"April 31", "2026-04-31", ""},
		{"single-digit month", "2026-1-01", ""},
		{"single-digit day", "2026-01-1", ""},
		{"two-digit year", "26-01-01", ""},
		{"five-digit year", "20260-01-01", ""},
		{"trailing space", "2026-01-01 ", ""},
		{"leading space", " 2026-01-01", ""},
		{"with a time", "2026-01-01T10:00:00Z", ""},
		{"slashes", "2026/01/01", ""},
		{"day first", "01-01-2026", ""},
		{"empty", "", ""},
		{"words", "yesterday!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %s, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Fatalf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateCountsDays(t *testing.T) {
	a, _ := ParseDate("2024-02-28")
	b, _ := ParseDate("2024-03-01")
	if b-a != 2 {
		t.Errorf("2024-02-28 to 2024-03-01 is %d days, want 2 (2024 is a leap year)", b-a)
	}
	c, _ := ParseDate("2025-12-31")
	d, _ := ParseDate("2026-01-01")
	if d-c != 1 {
		t.Errorf("2025-12-31 to 2026-01-01 is %d days, want 1", d-c)
	}
	if epoch, _ := ParseDate("1970-01-01"); epoch != 0 {
		t.Errorf("1970-01-01 is day %d, want 0", epoch)
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Duration
		ok   bool
	}{
		{"days", "14d", 14, true},
		{"weeks are 7 days", "2w", 14, true},
		{"months are 30 days", "6m", 180, true},
		{"a year is 365 days", "1y", 365, true},
		{"zero days", "0d", 0, true},
		{"leading zero", "07d", 7, true},
		{"five digits", "99999d", 99999, true},
		{"six digits", "100000d", 0, false},
		{"negative", "-1d", 0, false},
		{"plus sign", "+1d", 0, false},
		{"no unit", "14", 0, false},
		{"no number", "d", 0, false},
		{"hours are not a unit", "12h", 0, false},
		{"upper-case unit", "14D", 0, false},
		{"unit word", "2 weeks", 0, false},
		{"space before unit", "2 w", 0, false},
		{"Go duration", "336h0m0s", 0, false},
		{"fraction", "1.5w", 0, false},
		{"two units", "1y2m", 0, false},
		{"trailing newline", "14d\n", 0, false},
		{"empty", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if !tt.ok {
				if err == nil {
					t.Fatalf("ParseDuration(%q) = %d, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDuration(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParseDuration(%q) = %d days, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseID(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"slug", "acme-retail", true},
		{"single letter", "a", true},
		{"single digit", "7", true},
		{"starts with a digit", "3m", true},
		{"trailing hyphen", "acme-", true},
		{"double hyphen", "acme--retail", true},
		{"63 characters", strings.Repeat("a", 63), true},
		{"64 characters", strings.Repeat("a", 64), false},
		{"empty", "", false},
		{"leading hyphen", "-acme", false},
		{"upper case", "Acme", false},
		{"all upper case", "ACME", false},
		{"underscore", "acme_retail", false},
		{"space", "acme retail", false},
		{"dot", "acme.retail", false},
		{"parent folder", "..", false},
		{"escapes upwards", "../x", false},
		{"slash", "a/b", false},
		{"backslash", `a\b`, false},
		{"absolute path", "/etc", false},
		{"hidden name", ".git", false},
		{"trailing newline", "acme\n", false},
		{"non-ASCII letter", "café", false},
		{"NUL byte", "acme\x00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidID(tt.in); got != tt.ok {
				t.Errorf("ValidID(%q) = %v, want %v", tt.in, got, tt.ok)
			}
			id, err := ParseID(tt.in)
			switch {
			case tt.ok && err != nil:
				t.Errorf("ParseID(%q): %v", tt.in, err)
			case tt.ok && string(id) != tt.in:
				t.Errorf("ParseID(%q) = %q", tt.in, id)
			case !tt.ok && err == nil:
				t.Errorf("ParseID(%q) = %q, want an error", tt.in, id)
			}
		})
	}
}

func TestParseRating(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		min, max int
		want     int
		ok       bool
	}{
		{"lowest", "1", 1, 5, 1, true},
		{"highest", "5", 1, 5, 5, true},
		{"middle", "3", 1, 5, 3, true},
		{"below the range", "0", 1, 5, 0, false},
		{"above the range", "6", 1, 5, 0, false},
		{"negative", "-1", 1, 5, 0, false},
		{"NPS zero", "0", 0, 10, 0, true},
		{"NPS ten", "10", 0, 10, 10, true},
		{"NPS eleven", "11", 0, 10, 0, false},
		{"fraction", "4.5", 1, 5, 0, false},
		{"word", "high", 1, 5, 0, false},
		{"empty", "", 1, 5, 0, false},
		{"space", " 3", 1, 5, 0, false},
		{"huge", "99999999999999999999999", 1, 5, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRating(tt.in, tt.min, tt.max)
			if !tt.ok {
				if err == nil {
					t.Fatalf("ParseRating(%q, %d, %d) = %d, want an error", tt.in, tt.min, tt.max, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseRating(%q, %d, %d): %v", tt.in, tt.min, tt.max, err)
			}
			if got != tt.want {
				t.Fatalf("ParseRating(%q, %d, %d) = %d, want %d", tt.in, tt.min, tt.max, got, tt.want)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"huge", `"huge"`},
		{"a\tb", `"a\tb"`},
		{strings.Repeat("é", 60), `"` + strings.Repeat("é", 60) + `"`},
		{strings.Repeat("é", 61), `"` + strings.Repeat("é", 60) + `"… (61 characters)`},
		{strings.Repeat("x", 1<<20), `"` + strings.Repeat("x", 60) + `"… (1048576 characters)`},
	} {
		if got := quote(tc.in); got != tc.want {
			t.Errorf("quote(%.20q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestDateBounds(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want Date
	}{{"0000-01-01", MinDate}, {"9999-12-31", MaxDate}} {
		d, err := ParseDate(tc.s)
		if err != nil || d != tc.want {
			t.Errorf("ParseDate(%q) = %d, %v; want %d", tc.s, d, err, tc.want)
		}
		if text, err := d.MarshalText(); err != nil || string(text) != tc.s {
			t.Errorf("MarshalText(%s) = %q, %v", tc.s, text, err)
		}
	}
	for _, d := range []Date{MaxDate + 1, MaxDate + 365, MinDate - 1} {
		if d.Writable() {
			t.Errorf("%d is Writable", d)
		}
		if text, err := d.MarshalText(); err == nil {
			t.Errorf("MarshalText(%d) = %q, want an error", d, text)
		}
	}
}
