package exact

import (
	"math/big"
	"strings"
	"testing"
)

func TestRoundHalfUp(t *testing.T) {
	tests := []struct {
		name string
		in   *big.Rat
		want int
	}{
		{"exact integer", Int(70), 70},
		{"half rounds up", Frac(125, 2), 63},
		{"just below half", Frac(12499, 200), 62},
		{"two thirds of 100", Frac(200, 3), 67},
		{"one third of 100", Frac(100, 3), 33},
		{"zero", Int(0), 0},
		{"negative half goes up", Frac(-5, 2), -2},
		{"negative below half", Frac(-26, 10), -3},
		{"69.5 reaches healthy", Frac(139, 2), 70},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RoundHalfUp(tt.in); got != tt.want {
				t.Errorf("RoundHalfUp(%s) = %d, want %d", tt.in.RatString(), got, tt.want)
			}
		})
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want string // as a reduced fraction, "" for an error
	}{
		{"0.1", "1/10"},
		{"0.22", "11/50"},
		{"480000", "480000"},
		{"1250000.50", "2500001/2"},
		{"-3.5", "-7/2"},
		{"1e3", "1000"},
		{"1_000", "1000"},
		{"1/3", ""},
		{"0x10", ""},
		{"abc", ""},
		{"", ""},
		{"1e9999", ""},
		{".5", "1/2"},
		{"1." + strings.Repeat("0", 98) + "1e-2", "1" + strings.Repeat("0", 98) + "1/1" + strings.Repeat("0", 101)},
		{"-1." + strings.Repeat("0", 99) + "1", ""},
		{strings.Repeat("9", 101), ""},
		{strings.Repeat("9", 1_000_000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDecimal(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("ParseDecimal(%q) = %s, want an error", tt.in, got.RatString())
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDecimal(%q): %v", tt.in, err)
			}
			if got.RatString() != tt.want {
				t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, got.RatString(), tt.want)
			}
		})
	}
}

func TestFixed(t *testing.T) {
	tests := []struct {
		in     *big.Rat
		places int
		want   string
	}{
		{Frac(1, 200), 2, "0.01"},
		{Frac(-1, 200), 2, "-0.01"},
		{Frac(-1, 1000), 2, "0.00"},
		{Int(105600), 2, "105600.00"},
		{Frac(26875, 100), 2, "268.75"},
		{Frac(1, 3), 2, "0.33"},
		{Int(7), 0, "7"},
		{Frac(12345, 1000), 2, "12.35"},
	}
	for _, tt := range tests {
		if got := Fixed(tt.in, tt.places); got != tt.want {
			t.Errorf("Fixed(%s, %d) = %q, want %q", tt.in.RatString(), tt.places, got, tt.want)
		}
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		in   *big.Rat
		want string
	}{
		{Frac(43, 200), "0.215"},
		{Int(120), "120"},
		{Frac(621, 2), "310.5"},
		{Frac(1, 3), "0.333333"},
	}
	for _, tt := range tests {
		if got := Plain(tt.in); got != tt.want {
			t.Errorf("Plain(%s) = %q, want %q", tt.in.RatString(), got, tt.want)
		}
	}
}

func TestRatingFraction(t *testing.T) {
	tests := []struct {
		name string
		in   *big.Rat
		want string // as a reduced fraction
	}{
		{"lowest rating is nothing", Int(1), "0"},
		{"2 is a quarter", Int(2), "1/4"},
		{"middle rating is a half", Int(3), "1/2"},
		{"4 is three quarters", Int(4), "3/4"},
		{"highest rating is all", Int(5), "1"},
		{"mean of 4 and 5", Frac(9, 2), "7/8"},
		{"mean of 3, 4 and 4", Frac(11, 3), "2/3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.in.RatString()
			if got := RatingFraction(tt.in).RatString(); got != tt.want {
				t.Errorf("RatingFraction(%s) = %s, want %s", before, got, tt.want)
			}
			if after := tt.in.RatString(); after != before {
				t.Errorf("RatingFraction changed its argument from %s to %s", before, after)
			}
		})
	}
}
