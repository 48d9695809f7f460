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

// The tuner follows the live heap after each collection, leaves a user's
// own GOGC or GOMEMLIMIT alone, and puts the previous setting back.
func TestTuneGC(t *testing.T) {
	const userPercent = 123
	defer debug.SetGCPercent(debug.SetGCPercent(userPercent))

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
		gogc := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		metrics.Read(gogc)
		got := int(gogc[0].Value.Uint64())
		if got == want {
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
}
