package load

import (
	"fmt"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"time"
)

// hostileKeysFile is a client file of just under MaxFileSize holding as
// many distinct unknown keys as fit: the input that made a 1 MiB file cost
// hundreds of MiB (a CB002 finding per key, each listing every field).
func hostileKeysFile(id string) (data []byte, keys int) {
	var b strings.Builder
	b.WriteString("kind: Client\nid: " + id + "\nname: X\nstatus: active\n")
	for i := 0; ; i++ {
		line := strconv.FormatInt(int64(i)+36*36*36, 36) + ":\n"
		if b.Len()+len(line) > MaxFileSize {
			return []byte(b.String()), i
		}
		b.WriteString(line)
	}
}

// peakHeap samples the heap's live objects while run runs and returns
// the largest value seen. Sampling every millisecond can miss a peak
// shorter than that, so bounds asserted on it are generous.
func peakHeap(run func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		peak uint64
		stop = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	run()
	close(stop)
	wg.Wait()
	return peak
}

// TestHostileKeysBounded loads a book of eight 1 MiB files of unknown
// keys with eight workers, the worst case issue 18 measured at 1.8–4.6
// GB: each file gives at most finding.MaxPerRule findings of a rule plus one that
// counts the rest, and the heap stays bounded whatever the worker count
// (measured: 173 MiB with 8 files and 8 workers, 196 MiB with 24 files
// and 32 workers; 1.9 GiB before the budget).
func TestHostileKeysBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 8 MiB of hostile files")
	}
	const files = 8
	hostile := map[string]string{"clientbook.yaml": "kind: Firm\nname: F\n"}
	keys := 0
	for i := range files {
		id := fmt.Sprintf("c%d", i)
		data, n := hostileKeysFile(id)
		keys = n
		hostile["clients/"+id+"/client.yaml"] = string(data)
	}
	root := writeBook(t, hostile)
	var b *book.Book
	var err error
	peak := peakHeap(func() {
		b, _, err = Stream(root, Options{Workers: files}, func(*book.Client, *book.Settings) struct{} { return struct{}{} })
	})
	if err != nil {
		t.Fatal(err)
	}
	perFile := map[string]int{}
	var summaries int
	for _, f := range b.Findings {
		if f.Rule != "CB002" {
			continue
		}
		perFile[f.Path]++
		if strings.Contains(f.Message, fmt.Sprintf("%d more", keys-finding.MaxPerRule)) {
			summaries++
		}
	}
	if len(perFile) != files {
		t.Fatalf("CB002 on %d files, want %d", len(perFile), files)
	}
	for p, n := range perFile {
		if n != finding.MaxPerRule+1 {
			t.Errorf("%s: %d CB002 findings, want %d listed and 1 that counts the other %d", p, n, finding.MaxPerRule, keys-finding.MaxPerRule)
		}
	}
	if summaries != files {
		t.Errorf("%d summary findings name %d more, want %d", summaries, keys-finding.MaxPerRule, files)
	}
	t.Logf("%d files of %d unknown keys: peak heap %d MiB", files, keys, peak>>20)
	if limit := uint64(300 << 20); peak > limit {
		t.Errorf("peak heap %d MiB, want at most %d MiB", peak>>20, limit>>20)
	}
}
