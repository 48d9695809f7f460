package load

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/fsafe"
	"github.com/clientbook/clientbook/pkg/internal/stream"
)

// Options tunes Stream and Each.
type Options struct {
	// Keep chooses the structural findings handed back; nil keeps every
	// one. Book.Errors counts the errors whatever Keep keeps, so a
	// command that only warns about a broken book keeps none.
	Keep func(finding.Finding) bool
	// Cache, when set with Codec, gives an unchanged client folder what
	// the previous run reduced it to, without reading its files, and
	// keeps this run's for the next (see pkg/internal/cache): each
	// folder's entry is written as the folder is handed on, and the cache
	// is closed before Each returns. Codec turns each folder's slot (what
	// reduce returned, its findings) into the bytes the cache keeps, and
	// back: what it decodes must be what it encoded.
	Cache *cache.Cache
	Codec Codec
	// Keys, with Cache and Codec, reads a book whose files are known by
	// their content (a git revision, see pkg/internal/gitrev): the key of
	// client folder NAME is Keys[NAME], a hash of its files' paths and
	// contents, not of their stamps. What the cache keeps of such a
	// folder is what reading it gave before the firm has a say (the
	// client put together and its findings): it is checked against the
	// firm and reduced on every run, so one entry serves every command,
	// day and firm file, and the Cache is an archive (cache.OpenArchive)
	// named by content. A folder without a key is read and not cached;
	// the files of one whose entry the cache has need not be there.
	Keys map[string]cache.Key
	// Fetch brings the files of client folders into the book's root,
	// calling ready (when not nil) for each folder once its files are
	// there. It is called once, in the background, with every folder the
	// cache lacks (every folder, without Keys), and the folders are read
	// as they become ready; and again, without ready, for a folder whose
	// cached entry turns out unusable. It is called from many goroutines
	// at once, and must do nothing for a folder already there. Nil: every
	// file is there.
	Fetch func(folders []string, ready func(folder string)) error
	// Only, when set, names the client folders to read (by path,
	// clients/NAME): each other one is known by its name alone, taken to
	// be its client's id (as CB006 wants it), so that an id used twice
	// (CB005) and an opportunity's client (CB007) are found as in a full
	// read. Such a folder is handed to emit with nothing in it, and none
	// of its files is read or counted; the cache is not used. `check
	// --since` reads so the folders a change touched.
	Only func(folder string) bool
	// Known gives, for folders Only leaves out, what a read of them would
	// give that other folders' findings depend on (Folder.Known, from a
	// read of the same folder elsewhere: another revision with the same
	// content): with it, such a folder's id is its client's, and a clash
	// of ids is found on it too, exactly as in a full read.
	Known map[string]Known
	// Workers is how many client folders are read at once; 0 means
	// workersPerCore for each core of GOMAXPROCS.
	Workers int
	// Unread also hands reduce the stand-in of each client whose
	// client.yaml could not be read (Client.Unread set), holding the
	// folder's other files, so that what they hold is checked. Without
	// it such a client is only in Book.LeftOut.
	Unread bool
}

// Codec encodes values for the cache and decodes them (pkg/internal/codec's
// Binary is one).
type Codec interface {
	Append(dst []byte, v any) ([]byte, error)
	Decode(data []byte, v any) error
}

// Load reads the book rooted at root and keeps every client: those read in
// Book.Clients, the stand-ins of those whose client.yaml could not be read
// in Book.Unread. It fails only when the root itself cannot be opened;
// every problem inside the book becomes a finding.
func Load(root string) (*book.Book, error) {
	b, clients, err := Stream(root, Options{Unread: true}, func(c *book.Client, _ *book.Settings) *book.Client { return c })
	if err != nil {
		return nil, err
	}
	for _, c := range clients {
		if c.Unread != nil {
			b.Unread = append(b.Unread, c)
		} else {
			b.Clients = append(b.Clients, c)
		}
	}
	return b, nil
}

// Stream reads the book rooted at root like Load, but keeps no client: each
// one is handed to reduce as soon as its folder is read, decoded and
// checked, and only what reduce returns is kept (see Each). The reduced
// values come back in the order Load gives Book.Clients (by id, then
// path), and Book.Findings holds every kept finding, sorted.
func Stream[T any](root string, opts Options, reduce func(c *book.Client, s *book.Settings) T) (*book.Book, []T, error) {
	// Folders come in path order: seq, their place in it, stands for the
	// path when two ids are the same.
	type kept struct {
		id    book.ID
		seq   int
		value T
	}
	var values []kept
	var findings []finding.Finding
	b, err := Each(root, opts, reduce, func(f Folder[T]) {
		findings = append(findings, f.Findings...)
		if f.Reduced {
			values = append(values, kept{f.ID, len(values), f.Value})
		}
	})
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(values, func(a, c kept) int {
		return cmp.Or(cmp.Compare(a.id, c.id), cmp.Compare(a.seq, c.seq))
	})
	out := make([]T, len(values))
	for i := range values {
		out[i], values[i] = values[i].value, kept{}
	}
	finding.Sort(findings)
	b.Findings = findings
	return b, out, nil
}

// Folder is what Each hands back of one part of the book.
type Folder[T any] struct {
	// ID is the client's id; "" for the book's own findings and for a
	// client without a usable id.
	ID book.ID
	// Path is clients/NAME for a client folder, and a lower bound of
	// the path of every finding in this Folder and in every later one:
	// "" for the first (the firm's files and the listing) and the last
	// (the opportunities).
	Path string
	// Value is what reduce returned, when Reduced.
	Value   T
	Reduced bool
	// Findings are the structural findings Keep kept, severities
	// applied; a client's are its folder's and its CB005.
	Findings []finding.Finding
	// Clash is, of Findings, the CB005 of an id an earlier folder has:
	// the one finding of a client folder that depends on other folders.
	Clash []finding.Finding
	// Known is what other folders' findings depend on of a client
	// folder (see Options.Known).
	Known Known
}

// Known is what other folders' findings depend on of a client folder:
// its client's id and where it is, whether its client.yaml could not be
// read, and, so that counts stay exact, its files and why it is left
// out of the read commands.
type Known struct {
	ID      book.ID
	IDPos   book.Pos
	Path    string
	Unread  bool
	Files   int
	LeftOut *book.LeftOut
}

// knownSlot is the slot of a folder Options.Only leaves out and
// Options.Known describes.
func knownSlot[T any](k Known) clientSlot[T] {
	return clientSlot[T]{id: k.ID, idPos: k.IDPos, path: k.Path, unread: k.Unread, files: k.Files, leftOut: k.LeftOut}
}

// Each reads the book rooted at root and hands emit, in this order: the
// findings of the firm's files and of the book's listing; each client
// folder, in the order of its path, with what reduce returned of it; the
// findings of the opportunities. A pool of workers (four per core of
// GOMAXPROCS) reads the client folders, so at any time only a few
// clients' documents are in memory, whatever the size of the book; reduce
// is called from those workers, concurrently, and must only read c and s.
// Workers finish folders in any order; emit is called from the caller's
// goroutine, in path order, through a reorder window of a few folders per
// worker, so what is pending at once is bounded too. The output of one
// worker and of many is the same.
func Each[T any](root string, opts Options, reduce func(c *book.Client, s *book.Settings) T, emit func(Folder[T])) (*book.Book, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("cannot open the book folder %s: %s", root, reason(err))
	}
	defer r.Close()
	l := &loader{root: r}
	t := l.list()
	defer t.Close()

	b := &book.Book{Root: root}
	var buf []byte
	var head []finding.Finding
	var firmResults []result
	for _, j := range t.firm {
		res := l.decodeFile(j, &buf)
		head = append(head, res.findings...)
		firmResults = append(firmResults, res)
	}
	l.assembleFirm(b, firmResults)
	b.Settings = book.SettingsOf(b.Firm)
	s := b.Settings
	kept := func(fs []finding.Finding) []finding.Finding {
		fs = finding.ApplySeverities(fs, s.Severities)
		out := fs[:0]
		for _, f := range fs {
			if f.Severity == finding.Error {
				b.Errors++
			}
			if opts.Keep == nil || opts.Keep(f) {
				out = append(out, f)
			}
		}
		return out
	}
	chk := &checker{settings: s, firmDoc: b.Firm}
	chk.firm()
	head = append(append(head, l.findings...), chk.findings...)
	l.findings, chk.findings = nil, nil
	b.Files += len(t.firm)
	emit(Folder[T]{Findings: sortedKept(kept(head))})

	slices.SortFunc(t.clients, func(a, c entry) int { return cmp.Compare(a.name, c.name) })
	clientsIn := fsafe.OpenFolder(t.clientsDir, "clients")
	store := opts.Cache
	if opts.Codec == nil || opts.Only != nil && opts.Keys == nil {
		// A run that reads some folders would leave the others out of
		// the next run's cache (an archive, under Keys, keeps them).
		store = nil
	}
	// Of each client id, the path of the last folder read that has it; ""
	// while only stand-ins (client.yaml not read) have it.
	lastPath := map[book.ID]string{}
	rd := &clientReader[T]{root: l.root, clients: clientsIn, firm: b.Firm, settings: s, reduce: reduce,
		withUnread: opts.Unread, store: store, codec: opts.Codec, keys: opts.Keys, fetch: opts.Fetch}
	rd.fetchMissing(t.clients, opts.Only)
	read := func(i int, buf *[]byte) clientSlot[T] {
		e := t.clients[i]
		if opts.Only != nil && !opts.Only("clients/"+e.name) {
			if k, ok := opts.Known[e.name]; ok {
				return knownSlot[T](k)
			}
			return skippedSlot[T](e.name)
		}
		return rd.read(e, buf)
	}
	stream.InOrder(opts.workers(), len(t.clients), func(i int) string { return "clients/" + t.clients[i].name }, read, func(i int, c clientSlot[T]) {
		b.Files += c.files
		if c.leftOut != nil {
			b.LeftOut = append(b.LeftOut, *c.leftOut)
		}
		if store != nil && c.stored {
			store.Put(c.cacheName, c.key, c.record, c.hit)
		}
		// Folders come in path order, so a client whose id an earlier
		// folder has is the later of the two in (id, path) order: the one
		// that collides.
		prev := lastPath[c.id]
		var clash []finding.Finding
		if prev != "" && !c.unread && c.id != "" && !c.skipped {
			prev = l.clientFileOf(prev)
			l.add(CB005, c.path, c.idPos, "client id %q is already used by %s: ids are unique in the book", c.id, prev)
			clash, l.findings = kept(l.findings), nil
		}
		if !c.unread {
			prev = c.path
		}
		lastPath[c.id] = prev
		emit(Folder[T]{ID: c.id, Path: "clients/" + t.clients[i].name, Value: c.value, Reduced: c.ok,
			Findings: sortedKept(append(kept(c.findings), clash...)), Clash: clash,
			Known: Known{ID: c.id, IDPos: c.idPos, Path: c.path, Unread: c.unread, Files: c.files, LeftOut: c.leftOut}})
	})
	if store != nil {
		// A cache that cannot be written costs the next run time, never
		// a result.
		_ = store.Close()
	}
	if err := rd.fetchErr.Load(); err != nil {
		return nil, *err
	}

	opps := make([]result, len(t.opportunities))
	stream.Run(opts.workers(), len(opps), func(i int) string { return t.opportunities[i].path }, func(i int, buf *[]byte) {
		opps[i] = l.decodeFile(t.opportunities[i], buf)
	})
	b.Files += len(opps)
	hasClient := func(id book.ID) bool { _, ok := lastPath[id]; return id != "" && ok }
	var tail []finding.Finding
	var oppsLeftOut []book.LeftOut
	b.Opportunities, oppsLeftOut = l.assembleOpportunities(t.opportunities, opps, &tail, kept)
	b.LeftOut = append(b.LeftOut, oppsLeftOut...)
	slices.SortFunc(b.LeftOut, compareLeftOut)
	chk.hasClient = hasClient
	for _, o := range b.Opportunities {
		chk.opportunity(o)
	}
	tail = append(tail, kept(append(l.findings, chk.findings...))...)
	emit(Folder[T]{Findings: sortedKept(tail)})
	return b, nil
}

// sortedKept sorts fs in place and returns it.
func sortedKept(fs []finding.Finding) []finding.Finding {
	finding.Sort(fs)
	return fs
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
// client folder the cache has no entry for; each is read as soon as its
// files are there (waitFetched), so writing and reading overlap.
func (r *clientReader[T]) fetchMissing(clients []entry, only func(string) bool) {
	if r.fetch == nil {
		return
	}
	var missing []string
	for _, c := range clients {
		if only != nil && !only("clients/"+c.name) {
			continue
		}
		key, keyed := r.keys[c.name]
		if r.store == nil || !keyed || !r.store.Has(contentName(c.name, key), key) {
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
	r.waitFetched(e.name)
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
	r.waitFetched(e.name)
	if r.fetch != nil {
		if err := r.fetch([]string{e.name}, nil); err != nil {
			r.fetchErr.CompareAndSwap(nil, &err)
		}
	}
	l := &loader{root: r.root}
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

// workersPerCore is how many readers share one core. A reader spends part
// of its time waiting on the disk: a large book does not stay whole in the
// page cache (on the 2-core VM of the README's measurements, a
// 100,000-client book's 1.7 GB of pages did not), and a reader that waits
// for a folder or a file holds no core. With one reader per core, the
// cores sat idle a third of the time at 100,000 clients; with four per
// core, the book is read in half the time (README, Performance). A reader
// in flight keeps one client's documents, so memory hardly changes.
const workersPerCore = 4

// workers is the size of the pool for opts.
func (opts Options) workers() int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return workersPerCore * runtime.GOMAXPROCS(0)
}
