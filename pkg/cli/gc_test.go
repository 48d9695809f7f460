package cli

import "testing"

func TestGCPercentFor(t *testing.T) {
	const mib = 1 << 20
	cases := []struct {
		live uint64
		want int
	}{
		{0, gcMaxPercent},
		{1 * mib, gcMaxPercent},   // 6400% capped
		{16 * mib, 400},           // exactly the cap
		{32 * mib, 200},           // heap may reach 96 MiB: live + 64
		{64 * mib, 100},           // Go's default
		{128 * mib, gcMinPercent}, // exactly the floor
		{512 * mib, gcMinPercent}, // 12% raised to the floor
	}
	for _, c := range cases {
		if got := gcPercentFor(c.live); got != c.want {
			t.Errorf("gcPercentFor(%d MiB) = %d, want %d", c.live/mib, got, c.want)
		}
	}
}
