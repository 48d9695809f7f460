package cli

import (
	"runtime/debug"
	"testing"
)

// A diff raises the soft memory limit while it runs and puts it back;
// GOMEMLIMIT in the environment, or a higher limit, is left alone.
func TestDiffMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(128 << 20))
	none := func(string) string { return "" }
	restore := diffMemory(none)
	if got := debug.SetMemoryLimit(-1); got != diffMemoryLimit {
		t.Errorf("limit %d during a diff, want %d", got, diffMemoryLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != 128<<20 {
		t.Errorf("limit %d after, want it put back", got)
	}
	set := func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	}
	diffMemory(set)()
	if got := debug.SetMemoryLimit(-1); got != 128<<20 {
		t.Errorf("limit %d with GOMEMLIMIT set, want it left alone", got)
	}
	debug.SetMemoryLimit(1 << 30)
	restore = diffMemory(none)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("a higher limit was lowered to %d", got)
	}
	restore()
}
