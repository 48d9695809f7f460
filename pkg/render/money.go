package render

import "strings"

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
