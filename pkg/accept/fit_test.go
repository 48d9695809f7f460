package accept

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

func str(s string) book.Field[string] { return book.Field[string]{Value: s, Set: true} }
func num(n int) book.Field[int]       { return book.Field[int]{Value: n, Set: true} }
func flag(v bool) book.Field[bool]    { return book.Field[bool]{Value: v, Set: true} }
func ip(n int) *int                   { return &n }

func strs(ss ...string) []book.Field[string] {
	out := make([]book.Field[string], len(ss))
	for i, s := range ss {
		out[i] = str(s)
	}
	return out
}

// agencyStrategy is SPEC §1's example strategy.
func agencyStrategy() *book.Strategy {
	return &book.Strategy{
		Industries:  strs("retail", "hospitality", "technology"),
		Geographies: strs("UK", "IE"),
		Size:        &book.SizeRange{MinEmployees: num(50), MaxEmployees: num(5000)},
		Services:    strs("brand", "digital", "seo", "campaigns"),
	}
}

// With at most four checks, 4 × matches / checks is a whole number, a
// third or two thirds, or a half of an even number: it is never x.5, so
// the half-up case of fit cannot arise; the thirds pin the rounding.
func TestAcceptAutoFit(t *testing.T) {
	only := func(mod func(s *book.Strategy)) *book.Strategy {
		s := &book.Strategy{}
		mod(s)
		return s
	}
	industryGeo := only(func(s *book.Strategy) {
		s.Industries = strs("retail")
		s.Geographies = strs("UK")
	})
	threeChecks := only(func(s *book.Strategy) {
		s.Industries = strs("retail")
		s.Geographies = strs("UK")
		s.Services = strs("seo")
	})
	tests := []struct {
		name       string
		strategy   *book.Strategy
		profile    Profile
		want       int
		wantOK     bool
		wantReason string
	}{
		{
			name:     "all four checks match: 1 + 4 × 4/4 = 5",
			strategy: agencyStrategy(),
			profile:  Profile{Industry: "retail", Geography: "UK", Employees: ip(800), Services: []string{"seo"}},
			want:     5, wantOK: true,
			wantReason: "4 of 4 strategy checks match (industry retail, geography UK, 800 employees, service seo)",
		},
		{
			name:     "3 of 4: 1 + 4 × 3/4 = 4",
			strategy: agencyStrategy(),
			profile:  Profile{Industry: "retail", Geography: "UK", Employees: ip(800), Services: []string{"print"}},
			want:     4, wantOK: true,
			wantReason: "3 of 4 strategy checks match (industry retail, geography UK, 800 employees; service print not in our services)",
		},
		{
			name:     "2 of 4: 1 + 4 × 2/4 = 3",
			strategy: agencyStrategy(),
			profile:  Profile{Industry: "mining", Geography: "UK", Employees: ip(800), Services: []string{"print"}},
			want:     3, wantOK: true,
			wantReason: "2 of 4 strategy checks match (geography UK, 800 employees; industry mining not in our industries, service print not in our services)",
		},
		{
			name:     "0 of 4: 1 + 0 = 1",
			strategy: agencyStrategy(),
			profile:  Profile{Industry: "mining", Geography: "US", Employees: ip(10), Services: []string{"print"}},
			want:     1, wantOK: true,
			wantReason: "0 of 4 strategy checks match (industry mining not in our industries, geography US not in our geographies, 10 employees below our minimum of 50, service print not in our services)",
		},
		{
			name:     "1 of 2: 1 + 4 × 1/2 = 3",
			strategy: industryGeo,
			profile:  Profile{Industry: "retail", Geography: "US"},
			want:     3, wantOK: true,
			wantReason: "1 of 2 strategy checks match (industry retail; geography US not in our geographies)",
		},
		{
			name:     "1 of 3: 1 + 4/3 = 2.33 rounds down to 2",
			strategy: threeChecks,
			profile:  Profile{Industry: "retail", Geography: "US", Services: []string{"print"}},
			want:     2, wantOK: true,
			wantReason: "1 of 3 strategy checks match (industry retail; geography US not in our geographies, service print not in our services)",
		},
		{
			name:     "2 of 3: 1 + 8/3 = 3.67 rounds up to 4",
			strategy: threeChecks,
			profile:  Profile{Industry: "retail", Geography: "UK", Services: []string{"print"}},
			want:     4, wantOK: true,
			wantReason: "2 of 3 strategy checks match (industry retail, geography UK; service print not in our services)",
		},
		{
			name:     "only the checks both sides give data for: profile without size or service is 2 of 2",
			strategy: agencyStrategy(),
			profile:  Profile{Industry: "retail", Geography: "IE"},
			want:     5, wantOK: true,
			wantReason: "2 of 2 strategy checks match (industry retail, geography IE)",
		},
		{
			name:     "a single check that fails: 0 of 1 = 1",
			strategy: agencyStrategy(),
			profile:  Profile{Geography: "FR"},
			want:     1, wantOK: true,
			wantReason: "0 of 1 strategy check matches (geography FR not in our geographies)",
		},
		{
			name:     "strings compare case-insensitively",
			strategy: agencyStrategy(),
			profile:  Profile{Industry: "RETAIL", Geography: "uk", Services: []string{"Seo"}},
			want:     5, wantOK: true,
			wantReason: "3 of 3 strategy checks match (industry RETAIL, geography uk, service Seo)",
		},
		{
			name:     "employees exactly at min_employees match",
			strategy: agencyStrategy(),
			profile:  Profile{Employees: ip(50)},
			want:     5, wantOK: true,
			wantReason: "1 of 1 strategy check matches (50 employees)",
		},
		{
			name:     "employees exactly at max_employees match",
			strategy: agencyStrategy(),
			profile:  Profile{Employees: ip(5000)},
			want:     5, wantOK: true,
			wantReason: "1 of 1 strategy check matches (5000 employees)",
		},
		{
			name:     "one below min_employees does not match",
			strategy: agencyStrategy(),
			profile:  Profile{Employees: ip(49)},
			want:     1, wantOK: true,
			wantReason: "0 of 1 strategy check matches (49 employees below our minimum of 50)",
		},
		{
			name:     "one above max_employees does not match",
			strategy: agencyStrategy(),
			profile:  Profile{Employees: ip(5001)},
			want:     1, wantOK: true,
			wantReason: "0 of 1 strategy check matches (5001 employees above our maximum of 5000)",
		},
		{
			name:     "size with only min_employees checks only that end",
			strategy: only(func(s *book.Strategy) { s.Size = &book.SizeRange{MinEmployees: num(50)} }),
			profile:  Profile{Employees: ip(1_000_000)},
			want:     5, wantOK: true,
			wantReason: "1 of 1 strategy check matches (1000000 employees)",
		},
		{
			name:     "size with only max_employees checks only that end",
			strategy: only(func(s *book.Strategy) { s.Size = &book.SizeRange{MaxEmployees: num(5000)} }),
			profile:  Profile{Employees: ip(1)},
			want:     5, wantOK: true,
			wantReason: "1 of 1 strategy check matches (1 employee)",
		},
		{
			name:     "size with neither end is no check",
			strategy: only(func(s *book.Strategy) { s.Size = &book.SizeRange{} }),
			profile:  Profile{Employees: ip(10)},
			wantOK:   false,
		},
		{
			name:     "service check passes when any service is ours",
			strategy: agencyStrategy(),
			profile:  Profile{Services: []string{"print", "brand", "radio"}},
			want:     5, wantOK: true,
			wantReason: "1 of 1 strategy check matches (service brand)",
		},
		{
			name:     "service check fails when none of several services is ours",
			strategy: agencyStrategy(),
			profile:  Profile{Services: []string{"print", "radio"}},
			want:     1, wantOK: true,
			wantReason: "0 of 1 strategy check matches (services print, radio not in our services)",
		},
		{
			name:     "no strategy: no automatic fit",
			strategy: nil,
			profile:  Profile{Industry: "retail", Geography: "UK", Employees: ip(800), Services: []string{"seo"}},
			wantOK:   false,
		},
		{
			name:     "empty strategy lists give no data",
			strategy: &book.Strategy{Industries: strs(), Geographies: strs()},
			profile:  Profile{Industry: "retail", Geography: "UK"},
			wantOK:   false,
		},
		{
			name:     "empty profile: no check applies",
			strategy: agencyStrategy(),
			profile:  Profile{Name: "Globex", Industry: " ", Services: []string{""}},
			wantOK:   false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, reason := AutoFit(tt.strategy, tt.profile)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (reason %q)", ok, tt.wantOK, reason)
			}
			if reason == "" {
				t.Errorf("reason is empty")
			}
			if !ok {
				if got != 0 {
					t.Errorf("value = %d without a check, want 0", got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("value = %d, want %d", got, tt.want)
			}
			if reason != tt.wantReason {
				t.Errorf("reason\n got %q\nwant %q", reason, tt.wantReason)
			}
		})
	}
}
