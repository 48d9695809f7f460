package load

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/codec"
	"github.com/clientbook/clientbook/pkg/internal/testtree"
)

// contentKeys keys each client folder of the book at root by its files'
// paths and bytes, as gitrev keys a revision's folders by object ids.
func contentKeys(t *testing.T, root string) map[string]cache.Key {
	t.Helper()
	keys := map[string]cache.Key{}
	folders, _ := os.ReadDir(filepath.Join(root, "clients"))
	for _, f := range folders {
		if !f.IsDir() {
			continue
		}
		var parts []string
		dir := filepath.Join(root, "clients", f.Name())
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			parts = append(parts, p+"\x00"+string(data))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(parts)
		h := sha256.New()
		for _, p := range parts {
			h.Write([]byte(p))
		}
		keys[f.Name()] = cache.Key(h.Sum(nil))
	}
	return keys
}

// keepClient reduces a client to itself: the content cache must give the
// very client reading its files gives.
func keepClient(reads *atomic.Int64) func(*book.Client, *book.Settings) *book.Client {
	return func(c *book.Client, _ *book.Settings) *book.Client { reads.Add(1); return c }
}

// With Options.Keys, a cached client folder is not read, and its files
// need not be there; one the cache lacks is read from disk, or from
// memory with Options.Blobs; one without a key (it holds a link) is
// fetched, and read as soon as it is there. The clients and findings are
// those a read of the files gives, field by field.
func TestContentKeys(t *testing.T) {
	books := map[string]string{"cacheBook": cacheBook(t), "oddBook": oddBook(t)}
	for _, name := range []string{"agency", "consulting"} {
		books[name] = testtree.Copy(t, filepath.Join("..", "..", "..", "examples", name))
	}
	for name, src := range books {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int64
			fresh, freshClients, err := Stream(src, Options{Unread: true}, keepClient(&n))
			if err != nil {
				t.Fatal(err)
			}
			keys := contentKeys(t, src)
			// The first folder has no key: it is fetched, every time.
			keyless := slices.Sorted(maps.Keys(keys))[0]
			delete(keys, keyless)
			dir := t.TempDir()
			for _, what := range []string{"disk", "cached", "blobs"} {
				root := testtree.Copy(t, src)
				if what == "blobs" {
					dir = t.TempDir() // cold again, the folders from memory
				}
				if what != "disk" {
					// The book without its client folders' files.
					for _, folder := range append(slices.Collect(maps.Keys(keys)), keyless) {
						os.RemoveAll(filepath.Join(root, "clients", folder))
						os.Mkdir(filepath.Join(root, "clients", folder), 0o755)
					}
				}
				var fetched []string
				var mu sync.Mutex
				fetch := func(folders []string, ready func(string)) error {
					mu.Lock()
					defer mu.Unlock()
					for _, f := range folders {
						fetched = append(fetched, f)
						os.RemoveAll(filepath.Join(root, "clients", f))
						testtree.Into(t, filepath.Join(src, "clients", f), filepath.Join(root, "clients", f))
						ready(f)
					}
					return nil
				}
				store := cache.OpenArchive(dir, src, "history", []byte("test"), len(keys))
				opts := Options{Unread: true, Cache: store, Codec: codec.Binary{}, Keys: keys, Fetch: fetch}
				if what == "blobs" {
					opts.Blobs = func(folder string) ([]Blob, error) { return blobsOf(t, src, "clients/"+folder), nil }
				}
				b, clients, err := Stream(root, opts, keepClient(&n))
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(fetched, []string{keyless}) {
					t.Errorf("%s: fetched %q, want the folder without a key, %s", what, fetched, keyless)
				}
				if !reflect.DeepEqual(clients, freshClients) {
					t.Fatalf("%s: the clients differ from a read of the files", what)
				}
				if !reflect.DeepEqual(b.Findings, fresh.Findings) || b.Errors != fresh.Errors || b.Files != fresh.Files {
					t.Fatalf("%s: findings %v (%d errors, %d files), a read of the files gives %v (%d, %d)",
						what, b.Findings, b.Errors, b.Files, fresh.Findings, fresh.Errors, fresh.Files)
				}
				if !reflect.DeepEqual(b.LeftOut, fresh.LeftOut) {
					t.Fatalf("%s: left out %v, want %v", what, b.LeftOut, fresh.LeftOut)
				}
			}
		})
	}
}

// blobsOf is the files of the folder dir of the book at root, as
// Options.Blobs gives them.
func blobsOf(t *testing.T, root, dir string) []Blob {
	t.Helper()
	var out []Blob
	err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if len(data) > MaxFileSize+1 {
			data = data[:MaxFileSize+1]
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, Blob{Path: filepath.ToSlash(rel), Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// oddBook has client folders with what a listing must get right: hidden
// files, a file clientbook does not know, folders named like files, a
// file over the size limit, notes that are not YAML, a folder holding
// only a hidden file.
func oddBook(t *testing.T) string {
	root := writeBook(t, map[string]string{
		"clientbook.yaml":                         validFirm,
		"clients/acme/client.yaml":                "kind: Client\nid: acme\nname: Acme\nstatus: active\n",
		"clients/acme/.hidden.yaml":               "not: read\n",
		"clients/acme/extra.yaml":                 "kind: Client\n",
		"clients/acme/notes.md":                   "# notes\n",
		"clients/acme/plan.yaml/inside.txt":       "a folder named like a file\n",
		"clients/acme/engagements/web.yaml":       "kind: Engagement\nid: web\nservice: design\nstatus: active\n",
		"clients/acme/engagements/old.yaml/x.txt": "another\n",
		"clients/acme/engagements/.draft.yaml":    "kind: Engagement\n",
		"clients/acme/reviews/2026.yaml":          "kind: Review\n" + strings.Repeat("# padding\n", MaxFileSize/10+2),
		"clients/acme/briefs/b.yaml":              "anything\n",
		"clients/bolt/.keep":                      "",
	})
	return root
}
