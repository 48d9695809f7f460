package cli

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

// Which left-out entries a command names: a client it could have shown,
// one of unknown status only where clients are chosen by status, and no
// opportunity from a command about clients.
func TestClientsScope(t *testing.T) {
	unread := book.LeftOut{Kind: book.LeftOutClient, Name: "acme"}
	status := book.LeftOut{Kind: book.LeftOutClient, Name: "beta", StatusUnknown: true}
	opp := book.LeftOut{Kind: book.LeftOutOpportunity, Name: "acme"}
	tests := []struct {
		name  string
		scope leftOutScope
		want  [3]bool // unread, status, opp
	}{
		{name: "every client, any status", scope: clientsScope(nil, false), want: [3]bool{true, false, false}},
		{name: "every client, by status", scope: clientsScope(nil, true), want: [3]bool{true, true, false}},
		{name: "only beta, by status", scope: clientsScope([]string{"beta"}, true), want: [3]bool{false, true, false}},
		{name: "only acme", scope: clientsScope([]string{"acme"}, false), want: [3]bool{true, false, false}},
	}
	for _, tt := range tests {
		got := [3]bool{tt.scope(unread), tt.scope(status), tt.scope(opp)}
		if got != tt.want {
			t.Errorf("%s: names unread, status-unknown, opportunity: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestStrictReason(t *testing.T) {
	c := book.LeftOut{Kind: book.LeftOutClient}
	o := book.LeftOut{Kind: book.LeftOutOpportunity}
	for _, tt := range []struct {
		leftOut []book.LeftOut
		errors  int
		want    string
	}{
		{[]book.LeftOut{c}, 0, "1 client left out"},
		{[]book.LeftOut{c, c, o}, 3, "2 clients and 1 opportunity left out; the book has 3 error(s)"},
		{[]book.LeftOut{o, o}, 1, "2 opportunities left out; the book has 1 error(s)"},
		{nil, 2, "the book has 2 error(s)"},
	} {
		if got := strictReason(tt.leftOut, tt.errors); got != tt.want {
			t.Errorf("strictReason(%d left out, %d errors) = %q, want %q", len(tt.leftOut), tt.errors, got, tt.want)
		}
	}
}
