package load

import (
	"slices"
	"testing"
)

func TestNearestNames(t *testing.T) {
	known := []string{"Harbour Hotels Group", "Kestrel Outdoor Ltd", "Nimbus Software Ltd", "Piers Bracher", "Acme"}
	cases := []struct {
		name string
		want []int
	}{
		{"Kestrel Outdoor", []int{1}},     // the same but for "Ltd"
		{"Harbor Hotels Group", []int{0}}, // one edit
		{"Harbour Hotels", []int{0}},      // held in the longer name
		{"Nimbus", []int{2}},              // held in the longer name
		{"Piers Brachers", []int{3}},      // one edit
		{"Kestrel Adventure", []int{1}},   // a shared word
		{"Initech", nil},                  // nothing like it
		{"Ltd", nil},                      // only a company word: no word to compare
		{"", nil},
	}
	for _, c := range cases {
		if got := NearestNames(c.name, known); !slices.Equal(got, c.want) {
			t.Errorf("NearestNames(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
