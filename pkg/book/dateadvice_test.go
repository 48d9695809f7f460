package book

import "testing"

func TestDateAdvice(t *testing.T) {
	tests := []struct{ text, want string }{
		{"2026/11/05", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"2026.11.05", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"2026-11-5", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"2026-1-5", "write 2026-01-05 (dates are YYYY-MM-DD)"},
		{"05.11.2026", "write 2026-11-05 (dates are YYYY-MM-DD; read day first, as 5 November)"},
		{"5.11.2026", "write 2026-11-05 (dates are YYYY-MM-DD; read day first, as 5 November)"},
		{"25.11.2026", "write 2026-11-25 (dates are YYYY-MM-DD)"},
		{"11.25.2026", "write 2026-11-25 (dates are YYYY-MM-DD)"},
		{"05/11/2026", "write 2026-11-05 if the day comes first, or 2026-05-11 if the month does (dates are YYYY-MM-DD)"},
		{"05-11-2026", "write 2026-11-05 if the day comes first, or 2026-05-11 if the month does (dates are YYYY-MM-DD)"},
		{"11/25/2026", "write 2026-11-25 (dates are YYYY-MM-DD)"},
		{"25/11/2026", "write 2026-11-25 (dates are YYYY-MM-DD)"},
		{"05/05/2026", "write 2026-05-05 (dates are YYYY-MM-DD)"},
		{"Nov 5 2026", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"5 November 2026", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"November 5, 2026", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"5th Nov 2026", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"5-Nov-2026", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"Sept 30 2026", "write 2026-09-30 (dates are YYYY-MM-DD)"},
		{"2026 Nov 5", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"20261123", "write 2026-11-23 (dates are YYYY-MM-DD)"},
		{"2026-03-01T10:00:00Z", "write 2026-03-01, the date without the time"},
		{"2026-03-01 10:00", "write 2026-03-01, the date without the time"},
		// Not real dates, or not sure which: no advice.
		{"2026/02/30", ""},
		{"31.02.2026", ""},
		{"13/13/2026", ""},
		{"05.11.26", ""},
		{"Nov 31 2026", ""},
		{"Nov 2026", ""},
		{"soon", ""},
		{"20261323", ""},
		{"2026-11-05", ""}, // already right: ParseDate reads it
		{"", ""},
	}
	for _, tt := range tests {
		if got := dateAdvice(tt.text); got != tt.want {
			t.Errorf("dateAdvice(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseDateAdvice(t *testing.T) {
	tests := []struct{ text, want string }{
		{"2026/11/05", "write 2026-11-05 (dates are YYYY-MM-DD)"},
		{"2026-02-30", "want a real date as YYYY-MM-DD"},
		{"2026-13-01", "want a real date as YYYY-MM-DD"},
		{"soon", "want a date as YYYY-MM-DD"},
	}
	for _, tt := range tests {
		if _, err := ParseDate(tt.text); err == nil || err.Error() != tt.want {
			t.Errorf("ParseDate(%q): %v, want %q", tt.text, err, tt.want)
		}
	}
}
