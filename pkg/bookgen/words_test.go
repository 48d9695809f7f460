package bookgen

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

func TestAppendDate(t *testing.T) {
	// The generator formats dates itself; they must read back as the same day.
	for _, s := range []string{"2026-11-23", "2012-02-29", "1999-12-31", "2030-01-01", "0999-03-04"} {
		d, err := book.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendDate(nil, d)); got != s {
			t.Errorf("appendDate(%s) = %s", s, got)
		}
	}
}

func TestFraction(t *testing.T) {
	for _, c := range []struct {
		in   int
		want string
	}{{22, "0.22"}, {5, "0.05"}, {0, "0.00"}, {-3, "-0.03"}, {-45, "-0.45"}, {100, "1.00"}} {
		if got := fraction(c.in); got != c.want {
			t.Errorf("fraction(%d) = %s, want %s", c.in, got, c.want)
		}
	}
}
