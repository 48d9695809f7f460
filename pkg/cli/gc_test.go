package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

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

func TestGCLimitFor(t *testing.T) {
	const mib = 1 << 20
	cases := []struct {
		live uint64
		want int64
	}{
		{0, gcLimitFloor},
		{64 * mib, gcLimitFloor}, // 86.4 MiB is under the floor
		{100 * mib, 135 * mib},   // live × 1.35
		{1000 * mib, 1350 * mib}, // a larger book is never starved
	}
	for _, c := range cases {
		if got := gcLimitFor(c.live); got != c.want {
			t.Errorf("gcLimitFor(%d MiB) = %d MiB, want %d MiB", c.live/mib, got/mib, c.want/mib)
		}
	}
}

// The tuner follows the live heap after each collection, leaves a user's
// own GOGC or GOMEMLIMIT alone, and puts the previous settings back.
func TestTuneGC(t *testing.T) {
	const userPercent = 123
	const userLimit = 1 << 40
	defer debug.SetGCPercent(debug.SetGCPercent(userPercent))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(userLimit))

	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		e := &env{getenv: func(k string) string {
			if k == name {
				return "set"
			}
			return ""
		}}
		e.tuneGC()
		if e.restoreGC != nil {
			t.Errorf("with %s set, clientbook tuned the collector", name)
		}
	}

	// A live heap of over 16 MiB, so that the tuned GOGC is below the
	// gcMaxPercent tuneGC starts from: only a tuner that ran can set it.
	ballast := make([]byte, 48<<20)
	e := &env{getenv: func(string) string { return "" }}
	e.tuneGC()
	if e.restoreGC == nil {
		t.Fatal("the collector was not tuned")
	}
	runtime.GC() // the sentinel dies; its finalizer sets GOGC from the live heap
	deadline := time.Now().Add(5 * time.Second)
	for {
		metrics.Read(liveHeap)
		want := gcPercentFor(liveHeap[0].Value.Uint64())
		if want >= gcMaxPercent {
			t.Fatalf("live heap %d bytes: the ballast is not live", liveHeap[0].Value.Uint64())
		}
		settings := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
		metrics.Read(settings)
		got := int(settings[0].Value.Uint64())
		if got == want && int64(settings[1].Value.Uint64()) == gcLimitFor(liveHeap[0].Value.Uint64()) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d after a collection, want %d for the live heap", got, want)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(ballast)
	e.restoreGC()
	if got := debug.SetGCPercent(userPercent); got != userPercent {
		t.Errorf("after the command GOGC is %d, want the previous %d back", got, userPercent)
	}
	if got := debug.SetMemoryLimit(userLimit); got != userLimit {
		t.Errorf("after the command the memory limit is %d, want the previous %d back", got, int64(userLimit))
	}
}
