package parse

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// QuoteLimit is the most characters of a value a message quotes.
const QuoteLimit = 60

// Quote quotes a value read from a file for a message, cut short when it
// is long: a finding is one line, and a value can be a megabyte.
func Quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= QuoteLimit {
		return strconv.Quote(s)
	}
	end, runes := 0, 0
	for i := range s {
		if runes == QuoteLimit {
			end = i
			break
		}
		runes++
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:end]), n)
}
