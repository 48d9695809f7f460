package portfolio

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// The main reason for each action, in words a partner reads in the table.

// exitReason: the open recovery was judged not salvageable (rule 1).
func exitReason(e *Entry) string {
	return recoveryName(e) + " judged not salvageable: end the relationship cleanly"
}

// recoverReason names what makes the client one to recover and, with an
// open recovery, how it stands: the next deadline and the promises kept.
func recoverReason(e *Entry, atRisk bool) string {
	var parts []string
	if atRisk {
		parts = append(parts, fmt.Sprintf("at-risk health (%d)", *e.Score))
	}
	if !e.OpenRecovery {
		return strings.Join(parts, " and ")
	}
	parts = append(parts, recoveryName(e))
	return strings.Join(parts, " and ") + ": " + RecoveryProgress(e)
}

// recoveryName is "an open recovery since 2026-10-15", without the date
// when the file states none.
func recoveryName(e *Entry) string {
	open := "an open recovery"
	if e.RecoveryOpened != nil {
		open += " since " + e.RecoveryOpened.String()
	}
	return open
}

// RecoveryProgress says how an open recovery stands: its next deadline
// and the promises kept so far ("next deadline 2026-12-15, promises kept
// 50%"; "no promise fallen due yet").
func RecoveryProgress(e *Entry) string {
	var deadline string
	switch {
	case e.RecoveryNextDeadline != nil:
		deadline = "next deadline " + e.RecoveryNextDeadline.String()
	case e.RecoveryPromises > 0:
		deadline = "every promise done"
	default:
		deadline = "no action with a deadline yet"
	}
	kept := "no promise fallen due yet"
	if e.RecoveryPromisesKept != nil {
		kept = fmt.Sprintf("promises kept %d%%", *e.RecoveryPromisesKept)
	}
	return deadline + ", " + kept
}

func renegotiateReason(e *Entry, f Figures, s *book.Settings) string {
	return fmt.Sprintf("%s of revenue at margin %s, below the %s floor",
		Percent(f.Share), Percent(e.Margin), Percent(s.MarginFloor))
}

func deprioritizeReason(e *Entry, f Figures, s *book.Settings) string {
	net, cost := f.NetContribution, f.OpportunityCost
	switch {
	case cost.Sign() > 0 && net.Sign() < 0:
		return fmt.Sprintf("management time costs %s more than the client contributes", Money(s.Currency, new(big.Rat).Neg(net)))
	case cost.Sign() > 0:
		return fmt.Sprintf("management time costs exactly what the client contributes (%s)", Money(s.Currency, cost))
	case net.Sign() < 0:
		return fmt.Sprintf("margin %s loses %s on revenue of %s", Percent(e.Margin), Money(s.Currency, new(big.Rat).Neg(net)), Money(s.Currency, e.Revenue))
	default:
		return fmt.Sprintf("contributes nothing: revenue %s at margin %s", Money(s.Currency, e.Revenue), Percent(e.Margin))
	}
}

func investReason(e *Entry, partner bool) string {
	switch q := e.Quadrant; {
	case partner:
		return fmt.Sprintf("attractive (%d): a trusted partner with potential %d of 5", e.Attractiveness, *e.Potential)
	case q == nil:
		return fmt.Sprintf("attractive (%d) with room to grow (no quadrant yet)", e.Attractiveness)
	default:
		return fmt.Sprintf("attractive (%d) with room to grow from %s", e.Attractiveness, *q)
	}
}

func maintainReason(e *Entry, s *book.Settings, partner bool) string {
	if e.Attractiveness >= InvestAt && partner {
		potential := "potential not rated"
		if e.Potential != nil {
			potential = fmt.Sprintf("potential %d of 5", *e.Potential)
		}
		return fmt.Sprintf("attractive (%d) trusted partner with little more to win (%s)", e.Attractiveness, potential)
	}
	return fmt.Sprintf("attractiveness %d, below %d to invest; weakest: %s", e.Attractiveness, InvestAt, weakest(e, s))
}

// weakest names the lowest component, on the scale the user wrote it
// ("potential 2 of 5", "margin 12% against a 30% target"), not as the
// 0–100 value weighed; on a tie the first in the order health, margin
// score, fit, potential.
func weakest(e *Entry, s *book.Settings) string {
	c := e.Components
	name, v := "health", c.Health
	for _, p := range []struct {
		name string
		v    int
	}{{"margin", c.Margin}, {"fit", c.Fit}, {"potential", c.Potential}} {
		if p.v < v {
			name, v = p.name, p.v
		}
	}
	switch name {
	case "health":
		if e.Score == nil {
			return fmt.Sprintf("health unrated (%d used)", v)
		}
		return fmt.Sprintf("health %d", *e.Score)
	case "margin":
		if e.Margin == nil {
			return fmt.Sprintf("margin unknown (score %d used)", v)
		}
		return fmt.Sprintf("margin %s against a %s target", Percent(e.Margin), Percent(s.MarginTarget))
	case "fit":
		if e.FitValue == nil {
			return fmt.Sprintf("fit unknown (%d used)", v)
		}
		return fmt.Sprintf("fit %d of 5", *e.FitValue)
	}
	if e.Potential == nil {
		return fmt.Sprintf("potential not rated (%d used)", v)
	}
	return fmt.Sprintf("potential %d of 5", *e.Potential)
}

// Percent shows a fraction as a percentage with at most one decimal,
// halves going up (0.40847 → "40.8%", 0.1 → "10%").
func Percent(r *big.Rat) string { return exact.Percent(r) }

// symbols are the currencies whose sign is usual in prose.
var symbols = map[string]string{"GBP": "£", "EUR": "€", "USD": "$"}

// Money shows an amount in prose: the currency's sign (or its code and a
// space), thousands separators and two decimals (12400 → "£12,400.00").
func Money(currency string, r *big.Rat) string {
	text := exact.Fixed(r, 2)
	sign := ""
	if strings.HasPrefix(text, "-") {
		sign, text = "-", text[1:]
	}
	whole, frac, _ := strings.Cut(text, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	prefix := symbols[currency]
	if prefix == "" && currency != "" {
		prefix = currency + " "
	}
	return sign + prefix + b.String() + "." + frac
}

// Sign is how a table's header names the currency: its usual sign ("£")
// where it has one, else its code ("CHF"); "" for no currency.
func Sign(currency string) string {
	if s := symbols[currency]; s != "" {
		return s
	}
	return currency
}
