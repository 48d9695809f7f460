package load

import "github.com/clientbook/clientbook/pkg/internal/parse"

// quote writes s as the messages show a value: see parse.Quote.
func quote(s string) string { return parse.Quote(s) }
