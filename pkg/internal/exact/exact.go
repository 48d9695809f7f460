package exact

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// decimalText is the only number syntax accepted from files: an optional
// sign, digits, an optional fraction and a short exponent. The exponent is
// capped so that a hostile "1e999999999" cannot make big.Rat allocate
// gigabytes.
var decimalText = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$`)

// ErrNotDecimal is returned by ParseDecimal for text that is not a plain decimal number.
var ErrNotDecimal = errors.New("not a decimal number")

// MaxDigits is the most digits a number read from a file may have. Reading
// a decimal exactly costs time that grows with the square of its length (a
// number of a million digits takes seconds, and every sum it enters takes
// as long again); no amount of money or hours needs more than a few dozen.
const MaxDigits = 100

// ErrTooManyDigits is returned by ParseDecimal for a number longer than
// MaxDigits digits.
var ErrTooManyDigits = fmt.Errorf("more than %d digits", MaxDigits)

// ParseDecimal reads s exactly: "0.1" is one tenth, not the nearest binary float.
func ParseDecimal(s string) (*big.Rat, error) {
	s = strings.ReplaceAll(s, "_", "")
	if !decimalText.MatchString(s) {
		return nil, ErrNotDecimal
	}
	// The text matched decimalText: the mantissa is ASCII digits, a sign
	// and at most one point.
	mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
	mantissa = strings.TrimLeft(mantissa, "+-")
	if len(mantissa)-strings.Count(mantissa, ".") > MaxDigits {
		return nil, ErrTooManyDigits
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, ErrNotDecimal
	}
	return r, nil
}

// Int returns n as a fraction.
func Int(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// Frac returns a/b as a fraction. b must not be zero.
func Frac(a, b int64) *big.Rat { return big.NewRat(a, b) }

// Add returns a+b as a new value.
func Add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }

// Sub returns a-b as a new value.
func Sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }

// Mul returns a×b as a new value.
func Mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }

// Quo returns a÷b as a new value. b must not be zero.
func Quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

// RatingFraction turns a rating on the 1–5 scale, or a mean of ratings,
// into a fraction of the way from 1 to 5: (v − 1)/4, exactly, so 1 is 0,
// 3 is 1/2 and 5 is 1. Every score built from ratings (SPEC §2 health,
// §3 advisor, §5 acceptance, §6 fit and potential) weighs and scales this
// fraction and rounds the result once.
func RatingFraction(v *big.Rat) *big.Rat {
	return Quo(Sub(v, Int(1)), Int(4))
}

// RoundHalfUp rounds r to the nearest integer, halves going up (towards
// +∞): 2.5 → 3, -2.5 → -2. This is SPEC §1's rule for every 0–100 score.
func RoundHalfUp(r *big.Rat) int {
	// floor(r + 1/2)
	x := new(big.Rat).Add(r, big.NewRat(1, 2))
	q := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean division floors for a positive divisor
	return int(q.Int64())
}

// Clamp limits r to [lo, hi].
func Clamp(r, lo, hi *big.Rat) *big.Rat {
	if r.Cmp(lo) < 0 {
		return new(big.Rat).Set(lo)
	}
	if r.Cmp(hi) > 0 {
		return new(big.Rat).Set(hi)
	}
	return new(big.Rat).Set(r)
}

// Fixed formats r with the given number of decimals, rounding half away
// from zero as accountants do (-0.005 → "-0.01").
func Fixed(r *big.Rat, places int) string {
	neg := r.Sign() < 0
	abs := new(big.Rat).Abs(r)
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	scaled := new(big.Rat).Mul(abs, new(big.Rat).SetInt(scale))
	scaled.Add(scaled, big.NewRat(1, 2))
	q := new(big.Int).Div(scaled.Num(), scaled.Denom())
	digits := q.String()
	if places > 0 {
		if len(digits) <= places {
			digits = strings.Repeat("0", places-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-places] + "." + digits[len(digits)-places:]
	}
	if neg && q.Sign() != 0 {
		digits = "-" + digits
	}
	return digits
}

// Percent shows a fraction as a percentage with at most one decimal,
// halves away from zero (0.40847 → "40.8%", 0.1 → "10%"): a margin or a
// share in prose.
func Percent(r *big.Rat) string {
	return strings.TrimSuffix(Fixed(Mul(r, Int(100)), 1), ".0") + "%"
}

// Plain formats r as the shortest exact decimal when it has one (0.215 →
// "0.215"), else with 6 decimals. Used for margins and hours, which users
// wrote as decimals and expect to see back unchanged.
func Plain(r *big.Rat) string {
	for places := 0; places <= 12; places++ {
		s := Fixed(r, places)
		back, _ := new(big.Rat).SetString(s)
		if back != nil && back.Cmp(r) == 0 {
			return s
		}
	}
	return Fixed(r, 6)
}

// Number is an exact value that prints as a JSON number: the exact decimal
// when it has at most four places (3.5, 0.215), else rounded to two (10/3
// → 3.33). A nil Number prints as null.
type Number struct{ *big.Rat }

// NumberOf wraps r; a nil r gives a null Number.
func NumberOf(r *big.Rat) *Number {
	if r == nil {
		return nil
	}
	return &Number{r}
}

// String formats the number as MarshalJSON does.
func (n Number) String() string {
	if n.Rat == nil {
		return ""
	}
	for places := 0; places <= 4; places++ {
		s := Fixed(n.Rat, places)
		if back, ok := new(big.Rat).SetString(s); ok && back.Cmp(n.Rat) == 0 {
			return s
		}
	}
	return Fixed(n.Rat, 2)
}

// MarshalJSON writes the number without quotes.
func (n Number) MarshalJSON() ([]byte, error) {
	if n.Rat == nil {
		return []byte("null"), nil
	}
	return []byte(n.String()), nil
}
