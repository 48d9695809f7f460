package accept

import (
	"fmt"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Profile is what the fit rule looks at: a prospect's or a client's
// industry, geography and size, and the services it would buy from us.
// Empty strings, a nil Employees and an empty Services mean "not known":
// the check that needs them does not apply.
type Profile struct {
	Name      string
	Industry  string
	Geography string
	Employees *int
	Services  []string
}

// AutoFit is SPEC §5's automatic fit: 1 + 4 × matches / checks, rounded
// half up, over the checks for which both the strategy and the profile
// give data. The checks are industry in strategy.industries, geography in
// strategy.geographies, employees within strategy.size (both ends
// inclusive; a size with only one end checks only that end) and service in
// strategy.services, which passes when any of p.Services is one of ours.
// Strings match case-insensitively. With no strategy or no applicable check
// ok is false. reason says which checks matched and which did not.
func AutoFit(s *book.Strategy, p Profile) (value int, ok bool, reason string) {
	if s == nil {
		return 0, false, "no strategy in clientbook.yaml to check fit against"
	}
	var matched, missed []string

	if ours := texts(s.Industries); len(ours) > 0 && clean(p.Industry) != "" {
		if containsFold(ours, p.Industry) {
			matched = append(matched, "industry "+clean(p.Industry))
		} else {
			missed = append(missed, "industry "+clean(p.Industry)+" not in our industries")
		}
	}
	if ours := texts(s.Geographies); len(ours) > 0 && clean(p.Geography) != "" {
		if containsFold(ours, p.Geography) {
			matched = append(matched, "geography "+clean(p.Geography))
		} else {
			missed = append(missed, "geography "+clean(p.Geography)+" not in our geographies")
		}
	}
	if z := s.Size; z != nil && (z.MinEmployees.Set || z.MaxEmployees.Set) && p.Employees != nil {
		n := *p.Employees
		switch {
		case z.MinEmployees.Set && n < z.MinEmployees.Value:
			missed = append(missed, fmt.Sprintf("%s below our minimum of %d", employees(n), z.MinEmployees.Value))
		case z.MaxEmployees.Set && n > z.MaxEmployees.Value:
			missed = append(missed, fmt.Sprintf("%s above our maximum of %d", employees(n), z.MaxEmployees.Value))
		default:
			matched = append(matched, employees(n))
		}
	}
	if ours, theirs := texts(s.Services), nonBlank(p.Services); len(ours) > 0 && len(theirs) > 0 {
		var in []string
		for _, svc := range theirs {
			if containsFold(ours, svc) {
				in = append(in, svc)
			}
		}
		if len(in) > 0 {
			matched = append(matched, plural(len(in), "service", "services")+" "+strings.Join(in, ", "))
		} else {
			missed = append(missed, plural(len(theirs), "service", "services")+" "+strings.Join(theirs, ", ")+" not in our services")
		}
	}

	checks := len(matched) + len(missed)
	if checks == 0 {
		return 0, false, "no strategy check applies: the strategy and the profile share no industry, geography, size or service to compare"
	}
	// 1 + 4 × matches / checks, exactly, then rounded once.
	v := exact.Add(exact.Int(1), exact.Frac(int64(4*len(matched)), int64(checks)))
	value = exact.RoundHalfUp(v)

	verb := "match"
	if checks == 1 {
		verb = "matches"
	}
	detail := strings.Join(matched, ", ")
	if len(missed) > 0 {
		if detail != "" {
			detail += "; "
		}
		detail += strings.Join(missed, ", ")
	}
	reason = fmt.Sprintf("%d of %d strategy %s %s (%s)", len(matched), checks, plural(checks, "check", "checks"), verb, detail)
	return value, true, reason
}

// texts returns the set, non-blank values of a list from a file.
func texts(fs []book.Field[string]) []string {
	var out []string
	for _, f := range fs {
		if f.Set && clean(f.Value) != "" {
			out = append(out, clean(f.Value))
		}
	}
	return out
}

func nonBlank(ss []string) []string {
	var out []string
	for _, s := range ss {
		if clean(s) != "" {
			out = append(out, clean(s))
		}
	}
	return out
}

func clean(s string) string { return strings.TrimSpace(s) }

// containsFold reports whether s is in list, ignoring case (SPEC §9).
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if equalFold(x, s) {
			return true
		}
	}
	return false
}

// equalFold compares two names or ids as §9 asks: ignoring case and
// surrounding spaces.
func equalFold(a, b string) bool {
	return strings.EqualFold(clean(a), clean(b))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func employees(n int) string {
	return fmt.Sprintf("%d %s", n, plural(n, "employee", "employees"))
}
