package load_test

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

func BenchmarkLoad1k(b *testing.B)  { benchmarkLoad(b, 1000) }
func BenchmarkLoad10k(b *testing.B) { benchmarkLoad(b, 10000) }

func benchmarkLoad(b *testing.B, n int) {
	bookgentest.Short(b, n)
	dir := bookgentest.Dir(b, n)
	b.ReportAllocs()
	var files int
	for b.Loop() {
		bk, err := load.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		files = bk.Files
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(files), "ns/file")
}

// Stream reads the same book and keeps one small record per client, as
// portfolio, check, due and health do; set against Load, it shows what
// keeping every parsed client costs.
func BenchmarkStream1k(b *testing.B)  { benchmarkStream(b, 1000) }
func BenchmarkStream10k(b *testing.B) { benchmarkStream(b, 10000) }

func benchmarkStream(b *testing.B, n int) {
	bookgentest.Short(b, n)
	dir := bookgentest.Dir(b, n)
	b.ReportAllocs()
	var files int
	for b.Loop() {
		bk, ids, err := load.Stream(dir, load.Options{}, func(c *book.Client, _ *book.Settings) book.ID { return c.ID.Value })
		if err != nil {
			b.Fatal(err)
		}
		if len(ids) != n {
			b.Fatalf("%d clients reduced, want %d", len(ids), n)
		}
		files = bk.Files
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(files), "ns/file")
}

// The read floor in-process: the same files read whole with the same
// number of workers as Load and nothing else, to set Load's time against.
func BenchmarkReadFiles1k(b *testing.B)  { benchmarkReadFiles(b, 1000) }
func BenchmarkReadFiles10k(b *testing.B) { benchmarkReadFiles(b, 10000) }

func benchmarkReadFiles(b *testing.B, n int) {
	bookgentest.Short(b, n)
	dir := bookgentest.Dir(b, n)
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		next := make(chan string)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for p := range next {
					if _, err := os.ReadFile(p); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, p := range paths {
			next <- p
		}
		close(next)
		wg.Wait()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(paths)), "ns/file")
}

// The parallel loader gives the same book, findings in the same order,
// whatever the number of workers.
func TestLoadSameWithOneWorker(t *testing.T) {
	dir := bookgentest.Dir(t, 120)
	// Make some findings of every stage: parse (CB001), decode (CB002) and
	// cross-file (CB007), in files read early and late.
	broken := map[string]string{
		"clients/zz-broken/client.yaml":       "kind: Client\nid: zz-broken\nname: [unclosed\n",
		"clients/aa-unknown/client.yaml":      "kind: Client\nid: aa-unknown\nname: A\nstatus: active\ncolour: red\nowner: nobody\n",
		"opportunities/zz-orphan.yaml":        "kind: Opportunity\nclient: no-such-client\n",
		"clients/aa-unknown/reviews/1999.yml": "kind: Review\ndate: 2001-01-01\n",
	}
	for name, text := range broken {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(workers int) *book.Book {
		keep := func(c *book.Client, _ *book.Settings) *book.Client { return c }
		b, clients, err := load.Stream(dir, load.Options{Workers: workers}, keep)
		if err != nil {
			t.Fatal(err)
		}
		b.Clients = clients
		return b
	}
	one, many := read(1), read(8)
	if len(one.Findings) < len(broken) {
		t.Fatalf("only %d findings: the broken files were not all reported", len(one.Findings))
	}
	if !reflect.DeepEqual(one.Findings, many.Findings) {
		t.Error("findings differ between one worker and eight")
	}
	if !reflect.DeepEqual(one, many) {
		t.Error("the loaded book differs between one worker and eight")
	}
}
