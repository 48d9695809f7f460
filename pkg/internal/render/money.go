package render

import (
	"math/big"
	"strings"

	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// FormatMoney inserts thousands separators into a plain decimal string
// ("1234567.5" -> "1,234,567.5", "-1000" -> "-1,000"). An optional leading
// sign and fractional part are kept as they are. Anything that is not a plain
// decimal (empty, already grouped, exponent, letters) is returned unchanged.
func FormatMoney(s string) string {
	sign, rest := "", s
	if rest != "" && (rest[0] == '-' || rest[0] == '+') {
		sign, rest = rest[:1], rest[1:]
	}
	intPart, frac := rest, ""
	if i := strings.IndexByte(rest, '.'); i >= 0 {
		intPart, frac = rest[:i], rest[i:]
	}
	if intPart == "" || !allDigits(intPart) || !allDigits(strings.TrimPrefix(frac, ".")) {
		return s
	}
	if len(intPart) <= 3 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(intPart)/3)
	b.WriteString(sign)
	head := len(intPart) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(intPart[:head])
	for i := head; i < len(intPart); i += 3 {
		b.WriteByte(',')
		b.WriteString(intPart[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// percent shows a plain decimal fraction as a percentage with one decimal,
// halves away from zero ("0.305" -> "30.5%", "0.3" -> "30.0%"). Anything
// else is returned unchanged.
func percent(s string) string {
	r, ok := plainDecimal(s)
	if !ok {
		return s
	}
	return exact.Fixed(r.Mul(r, big.NewRat(100, 1)), 1) + "%"
}

// plainDecimal reads a plain decimal ("-12.5"), nothing else.
func plainDecimal(s string) (*big.Rat, bool) {
	rest := strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(rest, ".")
	if whole == "" || !allDigits(whole) || !allDigits(frac) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// places is the number of decimals of a plain decimal, 0 for anything
// else.
func places(s string) int {
	if _, ok := plainDecimal(s); !ok {
		return 0
	}
	_, frac, _ := strings.Cut(s, ".")
	return len(frac)
}

// withPlaces pads a plain decimal with zeros to n decimals ("8" -> "8.0"
// for 1); anything else, or a decimal with more, is returned unchanged.
func withPlaces(s string, n int) string {
	have := places(s)
	if _, ok := plainDecimal(s); !ok || have >= n {
		return s
	}
	if have == 0 {
		s += "."
	}
	return s + strings.Repeat("0", n-have)
}

// SameDecimals pads each plain decimal of values with zeros to the most
// decimals any of them has, in place: a column of hours reads 12.5, 8.0,
// 310.0. Anything else is left as it is.
func SameDecimals(values []string) {
	n := 0
	for _, v := range values {
		n = max(n, places(v))
	}
	for i, v := range values {
		values[i] = withPlaces(v, n)
	}
}
