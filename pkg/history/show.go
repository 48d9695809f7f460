package history

import (
	"strconv"

	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// Shown is a client's change as people read it (the diff table, the
// report's "since" section): each value "from → to" when it moved, the
// value alone when it did not, "none" for no value.
type Shown struct {
	Band, Score, Action, Quadrant, Revenue string
}

// ShownOf is c as people read it.
func ShownOf(c ClientChange) Shown {
	a, b := c.From, c.To
	return Shown{
		Band:     moved(a, b, func(x *Client) *string { return &x.Band }),
		Score:    moved(a, b, func(x *Client) *string { return intText(x.Score) }),
		Action:   moved(a, b, func(x *Client) *string { return x.Action }),
		Quadrant: moved(a, b, func(x *Client) *string { return x.Quadrant }),
		Revenue: moved(a, b, func(x *Client) *string {
			if x.Revenue == nil {
				return nil
			}
			s := render.FormatMoney(exact.Fixed(x.Revenue, 2)) // as portfolio shows it
			return &s
		}),
	}
}

// DecisionShown is an opportunity's decision as people read it.
func DecisionShown(o OpportunityChange) string {
	return arrow(nonEmpty(o.From), nonEmpty(o.To))
}

func moved(a, b *Client, get func(*Client) *string) string {
	var x, y *string
	if a != nil {
		x = get(a)
	}
	if b != nil {
		y = get(b)
	}
	if a != nil && b != nil && eq(x, y) {
		return noneIfNil(x)
	}
	return arrow(x, y)
}

func arrow(x, y *string) string { return noneIfNil(x) + " → " + noneIfNil(y) }

func noneIfNil(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func intText(n *int) *string {
	if n == nil {
		return nil
	}
	s := strconv.Itoa(*n)
	return &s
}
