package load

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/fsafe"
)

// knownSlot is the slot of a folder Options.Only leaves out and
// Options.Known describes.
func knownSlot[T any](k Known) clientSlot[T] {
	return clientSlot[T]{id: k.ID, idPos: k.IDPos, path: k.Path, unread: k.Unread, files: k.Files, leftOut: k.LeftOut}
}

// cacheKey is the key of one client folder in c: its listing findings and,
// for every file it reads, its path, kind and stamp. ok is false when a file
// cannot be stamped (it is opened through the root, or has gone): such a
// folder is neither looked up nor stored. storable is false when a file
// changed too recently to be trusted next time.
func cacheKey(c *cache.Cache, jobs []job, listing []finding.Finding) (key cache.Key, ok, storable bool) {
	var w []byte
	str := func(s string) { w = append(binary.AppendUvarint(w, uint64(len(s))), s...) }
	num := func(n uint64) { w = binary.AppendUvarint(w, n) }
	num(uint64(len(listing)))
	num(uint64(len(jobs)))
	for _, f := range listing {
		str(f.Rule)
		str(f.Path)
		str(f.Message)
	}
	storable = true
	for _, j := range jobs {
		if !j.in.Open {
			return key, false, false
		}
		st, err := fsafe.StampChild(j.in, path.Base(j.path), c.Since())
		if err != nil {
			return key, false, false
		}
		str(j.path)
		str(string(j.kind))
		num(st.Ino)
		num(st.Size)
		num(uint64(st.Mtime))
		num(uint64(st.Ctime))
		storable = storable && !st.RecentlyChanged
	}
	return sha256.Sum256(w), true, storable
}

// clientSlot is what reading one client folder left.
type clientSlot[T any] struct {
	ok bool // reduce was called: value holds what it returned
	// unread marks a stand-in: the folder's client.yaml could not be read.
	unread bool
	// skipped marks a folder not read (Options.Only).
	skipped bool
	// leftOut says why the read commands leave the client out: it is
	// unread, or its status is not known; nil for neither.
	leftOut  *book.LeftOut
	id       book.ID
	idPos    book.Pos
	path     string
	value    T
	findings []finding.Finding
	files    int

	// With a cache: the folder's key, its record for the next run, and
	// whether the slot is to be kept (stored) and was taken from the
	// cache (hit).
	cacheName   string
	key         cache.Key
	record      []byte
	stored, hit bool
}

// skippedSlot is the slot of a client folder Options.Only leaves out: its
// name stands for its id, when it is one, and its path, the folder's
// with a slash at the end, for its client file's (clientFileOf).
func skippedSlot[T any](name string) clientSlot[T] {
	slot := clientSlot[T]{skipped: true, path: "clients/" + name + "/"}
	if book.ValidID(name) {
		slot.id = book.ID(name)
	}
	return slot
}

// clientFileOf is the client file of a folder not read (a path ending in
// a slash, see skippedSlot), as a read would have named it; any other
// path is itself.
func (l *loader) clientFileOf(p string) string {
	if !strings.HasSuffix(p, "/") {
		return p
	}
	for _, name := range []string{"client.yaml", "client.yml"} {
		if fi, err := l.root.Stat(p + name); err == nil && fi.Mode().IsRegular() {
			return p + name
		}
	}
	return p + "client.yaml"
}

// cachedSlot is a client folder's slot as the cache keeps it.
type cachedSlot[T any] struct {
	OK       bool
	Unread   bool
	LeftOut  *book.LeftOut
	ID       book.ID
	IDPos    book.Pos
	Path     string
	Value    T
	Findings []finding.Finding
	Files    int
}

// clientReader reads client folders (read), from many goroutines at once.
type clientReader[T any] struct {
	root       *os.Root
	clients    folder
	firm       *book.Firm
	settings   *book.Settings
	reduce     func(*book.Client, *book.Settings) T
	withUnread bool
	store      *cache.Cache
	codec      Codec
	keys       map[string]cache.Key
	fetch      func([]string, func(string)) error
	blobs      func(string) ([]Blob, error)

	// fetchErr is the first error of a fetch, after which the folder was
	// read as it is; Each returns it.
	fetchErr atomic.Pointer[error]
	// fetched holds, for each folder being fetched in the background, a
	// channel closed once its files are there; nil when there is none.
	// The map is not changed once the fetch has started.
	fetched map[string]chan struct{}
}

// waitFetched waits until the folder's files are there, when they are
// being fetched.
func (r *clientReader[T]) waitFetched(folder string) {
	if ch, ok := r.fetched[folder]; ok {
		<-ch
	}
}

// contentName is the cache's name for a client folder keyed by content:
// an archive keeps each version of a folder under its own name.
func contentName(folder string, key cache.Key) string {
	return folder + "\x00" + hex.EncodeToString(key[:])
}

// fetchMissing starts fetching, in the background, the files of every
// client folder without a key (Options.Fetch); each is read as soon as
// its files are there (waitFetched), so writing and reading overlap.
func (r *clientReader[T]) fetchMissing(clients []entry, only func(string) bool) {
	if r.fetch == nil || r.keys == nil {
		return
	}
	var missing []string
	for _, c := range clients {
		if only != nil && !only("clients/"+c.name) {
			continue
		}
		if _, keyed := r.keys[c.name]; !keyed {
			missing = append(missing, c.name)
		}
	}
	if len(missing) == 0 {
		return
	}
	r.fetched = make(map[string]chan struct{}, len(missing))
	open := make(map[string]chan struct{}, len(missing))
	for _, name := range missing {
		ch := make(chan struct{})
		r.fetched[name], open[name] = ch, ch
	}
	var mu sync.Mutex
	ready := func(folder string) {
		mu.Lock()
		defer mu.Unlock()
		if ch, ok := open[folder]; ok {
			close(ch)
			delete(open, folder)
		}
	}
	go func() {
		if err := r.fetch(missing, ready); err != nil {
			r.fetchErr.CompareAndSwap(nil, &err)
		}
		// Whatever happened, no reader waits for ever.
		for _, name := range missing {
			ready(name)
		}
	}()
}

// readSlot is what reading a client folder gave before the firm has a
// say, as the cache keeps it under Options.Keys: the client put together,
// the findings of its files, listing and assembly, how many files.
type readSlot struct {
	Client   *book.Client
	Findings []finding.Finding
	Files    int
}

// read reads one client folder: lists it, decodes its files, puts the
// client together, checks it against the firm and reduces it. With a cache,
// an unchanged folder is not read: its slot is the one stored last time
// (with Options.Keys, what reading it gave, checked and reduced again).
func (r *clientReader[T]) read(e entry, buf *[]byte) clientSlot[T] {
	if r.store != nil && r.keys != nil {
		return r.readByContent(e, buf)
	}
	l := &loader{root: r.root}
	jobs, open := l.listClient(r.clients, e)
	var key cache.Key
	cacheable, storable := false, false
	if r.store != nil {
		key, cacheable, storable = cacheKey(r.store, jobs, l.findings)
		if cacheable {
			if rec, hit := r.store.Lookup(e.name, key); hit {
				var c cachedSlot[T]
				if r.codec.Decode(rec, &c) == nil {
					closeAll(open)
					return clientSlot[T]{
						ok: c.OK, unread: c.Unread, leftOut: c.LeftOut, id: c.ID, idPos: c.IDPos, path: c.Path,
						value: c.Value, findings: c.Findings, files: c.Files,
						cacheName: e.name, key: key, record: rec, stored: true, hit: true,
					}
				}
			}
		}
	}
	got := readFiles(l, e, jobs, buf)
	closeAll(open)
	slot := r.finish(got)
	slot.cacheName, slot.key, slot.stored = e.name, key, cacheable && storable
	if slot.stored {
		rec, err := r.codec.Append(nil, cachedSlot[T]{
			OK: slot.ok, Unread: slot.unread, LeftOut: slot.leftOut, ID: slot.id, IDPos: slot.idPos, Path: slot.path,
			Value: slot.value, Findings: slot.findings, Files: slot.files,
		})
		slot.record, slot.stored = rec, err == nil
	}
	return slot
}

// readByContent is read for a folder keyed by its content (Options.Keys):
// the cache gives what reading it gave, or it is read and that is kept.
func (r *clientReader[T]) readByContent(e entry, buf *[]byte) clientSlot[T] {
	key, keyed := r.keys[e.name]
	name := contentName(e.name, key)
	if keyed {
		if rec, hit := r.store.Lookup(name, key); hit {
			var got readSlot
			if r.codec.Decode(rec, &got) == nil && got.Client != nil {
				slot := r.finish(got)
				slot.cacheName, slot.key, slot.record, slot.stored, slot.hit = name, key, rec, true, true
				return slot
			}
		}
	}
	l := &loader{root: r.root}
	switch {
	case keyed && r.blobs != nil:
		blobs, err := r.blobs(e.name)
		if err != nil {
			r.fetchErr.CompareAndSwap(nil, &err)
			break
		}
		l.mem = newMemFolder("clients/"+e.name, blobs)
	case !keyed:
		r.waitFetched(e.name)
	}
	jobs, open := l.listClient(r.clients, e)
	got := readFiles(l, e, jobs, buf)
	closeAll(open)
	var rec []byte
	var err error
	if keyed {
		rec, err = r.codec.Append(nil, got)
	}
	slot := r.finish(got)
	slot.cacheName, slot.key, slot.record, slot.stored = name, key, rec, keyed && err == nil
	return slot
}

// readFiles decodes a listed client folder's files and puts the client
// together; the findings are those of the files, then of the listing and
// the assembly (l's).
func readFiles(l *loader, e entry, jobs []job, buf *[]byte) readSlot {
	results := make([]result, len(jobs))
	for i, j := range jobs {
		results[i] = l.decodeFile(j, buf)
	}
	got := readSlot{Files: len(jobs)}
	for _, res := range results {
		got.Findings = append(got.Findings, res.findings...)
	}
	got.Client = l.assembleClient("clients/"+e.name, jobs, results)
	got.Findings = append(got.Findings, l.findings...)
	return got
}

// finish checks a client that has been read against the firm and reduces
// it.
func (r *clientReader[T]) finish(got readSlot) clientSlot[T] {
	c := got.Client
	slot := clientSlot[T]{files: got.Files, findings: slices.Clip(got.Findings)}
	chk := &checker{settings: r.settings, firmDoc: r.firm}
	chk.client(c)
	slot.findings = append(slot.findings, chk.findings...)
	slot.id, slot.idPos, slot.path = c.ID.Value, c.ID.Pos, c.Path
	slot.unread, slot.leftOut = c.Unread != nil, cmp.Or(c.Unread, statusUnknown(c))
	if !slot.unread || r.withUnread {
		slot.ok, slot.value = true, r.reduce(c, r.settings)
	}
	return slot
}
