package load

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/codec"
)

// cacheBook is a small book with a bit of everything a client folder can
// give: a plan, an engagement, a client that is not active, one whose id
// is another's (CB005, found across clients), and one that cannot be read.
func cacheBook(t *testing.T) string {
	return writeBook(t, map[string]string{
		"clientbook.yaml":                   validFirm,
		"clients/acme/client.yaml":          "kind: Client\nid: acme\nname: Acme\nstatus: active\n",
		"clients/acme/plan.yaml":            "kind: AccountPlan\nclient: acme\nyear: 2026\n",
		"clients/acme/engagements/web.yaml": "kind: Engagement\nid: web\nservice: design\nstatus: active\n",
		"clients/bolt/client.yaml":          "kind: Client\nid: bolt\nname: Bolt\nstatus: former\n",
		"clients/copy/client.yaml":          "kind: Client\nid: acme\nname: Copy\nstatus: active\n",
		"clients/dent/client.yaml":          "kind: Client\nid: dent\nname: [unclosed\n",
		"clients/echo/client.yaml":          "kind: Client\nid: echo\nname: Echo\nstatus: active\n",
	})
}

// cacheRun is one Stream of a book: what it returned, and how many clients
// it reduced (read and scored rather than took from the cache).
type cacheRun struct {
	book    *book.Book
	values  [][]byte
	reduced int64
}

func streamWith(t *testing.T, root string, cache *cache.Cache) cacheRun {
	t.Helper()
	var reduced atomic.Int64
	b, values, err := Stream(root, Options{Cache: cache, Codec: codec.Binary{}}, func(c *book.Client, s *book.Settings) []byte {
		reduced.Add(1)
		if c.Status.Value != "active" {
			return nil // a nil value is kept as nil
		}
		return []byte(string(c.ID.Value) + "|" + c.Name.Value + "|" + string(rune('0'+len(c.Engagements))))
	})
	if err != nil {
		t.Fatal(err)
	}
	return cacheRun{b, values, reduced.Load()}
}

// sameAsFresh fails unless run gave exactly what a run without a cache
// gives on the book as it is now.
func sameAsFresh(t *testing.T, root string, run cacheRun) {
	t.Helper()
	fresh := streamWith(t, root, nil)
	if !reflect.DeepEqual(run.values, fresh.values) {
		t.Fatalf("values %q, a fresh run gives %q", run.values, fresh.values)
	}
	if !reflect.DeepEqual(run.book.Findings, fresh.book.Findings) || run.book.Errors != fresh.book.Errors || run.book.Files != fresh.book.Files {
		t.Fatalf("findings %+v (%d errors, %d files),\na fresh run gives %+v (%d errors, %d files)",
			run.book.Findings, run.book.Errors, run.book.Files, fresh.book.Findings, fresh.book.Errors, fresh.book.Files)
	}
}

func TestCache(t *testing.T) {
	// The files are written just before the runs; let them be cached.
	defer func(w time.Duration) { cache.RacyWindow = w }(cache.RacyWindow)
	cache.RacyWindow = -time.Hour

	root := cacheBook(t)
	dir := t.TempDir()
	open := func(salt string) *cache.Cache { return cache.Open(dir, root, "test", []byte(salt)) }
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const readable = 4 // dent cannot be read, so it is never reduced
	steps := []struct {
		name    string
		change  func()
		salt    string
		reduced int64
	}{
		{"first run fills the cache", func() {}, "a", readable},
		{"unchanged book reads nothing", func() {}, "a", 0},
		{"a changed file", func() { write("clients/echo/client.yaml", "kind: Client\nid: echo\nname: Echo Two\nstatus: active\n") }, "a", 1},
		{"the same size and time, rewritten", func() {
			p := filepath.Join(root, "clients", "echo", "client.yaml")
			fi, _ := os.Stat(p)
			// The kernel's clock for file times ticks every few
			// milliseconds: let the change time move on.
			time.Sleep(50 * time.Millisecond)
			write("clients/echo/client.yaml", "kind: Client\nid: echo\nname: Echo Six\nstatus: active\n")
			os.Chtimes(p, fi.ModTime(), fi.ModTime())
		}, "a", 1},
		{"a new file", func() {
			write("clients/acme/engagements/seo.yaml", "kind: Engagement\nid: seo\nservice: seo\nstatus: active\n")
		}, "a", 1},
		{"a new folder", func() { write("clients/fern/client.yaml", "kind: Client\nid: fern\nname: Fern\nstatus: active\n") }, "a", 1},
		{"a folder gone", func() { os.RemoveAll(filepath.Join(root, "clients", "bolt")) }, "a", 0},
		{"a file gone", func() { os.Remove(filepath.Join(root, "clients", "acme", "plan.yaml")) }, "a", 1},
		{"another salt", func() {}, "b", readable},
		{"back to the first salt: the cache holds one", func() {}, "a", readable},
	}
	cacheFile := func() os.FileInfo {
		files, _ := filepath.Glob(filepath.Join(dir, "*.cache"))
		if len(files) != 1 {
			t.Fatalf("cache files %v, want one", files)
		}
		fi, err := os.Stat(files[0])
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	var before os.FileInfo
	for _, s := range steps {
		s.change()
		run := streamWith(t, root, open(s.salt))
		if run.reduced != s.reduced {
			t.Errorf("%s: %d clients reduced, want %d", s.name, run.reduced, s.reduced)
		}
		sameAsFresh(t, root, run)
		// The cache is rewritten (renamed over) only when something changed.
		after := cacheFile()
		if before != nil && os.SameFile(before, after) != (s.reduced == 0 && s.name != "a folder gone") {
			t.Errorf("%s: the cache file was rewritten %v, want %v", s.name, !os.SameFile(before, after), s.reduced != 0 || s.name == "a folder gone")
		}
		before = after
	}
}

// A damaged or foreign cache file is ignored, never believed.
func TestCacheDamaged(t *testing.T) {
	defer func(w time.Duration) { cache.RacyWindow = w }(cache.RacyWindow)
	cache.RacyWindow = -time.Hour
	root := cacheBook(t)
	dir := t.TempDir()
	streamWith(t, root, cache.Open(dir, root, "test", []byte("a")))
	files, _ := filepath.Glob(filepath.Join(dir, "*.cache"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	good, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	damaged := map[string][]byte{
		"empty":     {},
		"cut short": good[:len(good)-7],
		"not ours":  []byte("hello"),
		"flipped":   append(bytes.Clone(good[:len(good)-30]), bytes.Repeat([]byte{0xff}, 30)...),
		// Well-formed, with the same key: only the checksum tells.
		"a value changed": bytes.Replace(good, []byte("clients/echo"), []byte("clients/ecko"), 1),
	}
	if bytes.Equal(damaged["a value changed"], good) {
		t.Fatal("the cache does not hold echo's path as the test expects")
	}
	for name, data := range damaged {
		if err := os.WriteFile(files[0], data, 0o600); err != nil {
			t.Fatal(err)
		}
		sameAsFresh(t, root, streamWith(t, root, cache.Open(dir, root, "test", []byte("a"))))
		_ = name
	}
}

// Files changed just before the run are not stored: their time may not
// tell the next change apart from this state.
func TestCacheRacy(t *testing.T) {
	root := cacheBook(t)
	dir := t.TempDir()
	for range 2 {
		run := streamWith(t, root, cache.Open(dir, root, "test", []byte("a")))
		if run.reduced != 4 {
			t.Fatalf("%d clients reduced: files written just now were taken from the cache", run.reduced)
		}
		sameAsFresh(t, root, run)
	}
}

// A cache folder that cannot be written costs time, never a result.
func TestCacheUnwritable(t *testing.T) {
	defer func(w time.Duration) { cache.RacyWindow = w }(cache.RacyWindow)
	cache.RacyWindow = -time.Hour
	root := cacheBook(t)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		run := streamWith(t, root, cache.Open(filepath.Join(blocker, "cache"), root, "test", []byte("a")))
		if run.reduced != 4 {
			t.Fatalf("%d clients reduced with no cache to read", run.reduced)
		}
		sameAsFresh(t, root, run)
	}
}
