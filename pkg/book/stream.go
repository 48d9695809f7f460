package book

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/pack"
)

// Options tunes Stream.
type Options struct {
	// Keep chooses the structural findings Book.Findings holds; nil keeps
	// every one. Book.Errors counts the errors whatever Keep keeps, so a
	// command that only warns about a broken book keeps none.
	Keep func(finding.Finding) bool
	// Cache, when set and the reduced value is bytes ([]byte), gives an
	// unchanged client folder what the previous run reduced it to, without
	// reading its files, and keeps this run's for the next (see Cache).
	// Stream saves it before it returns.
	Cache *Cache
	// Workers is how many client folders are read at once; 0 means
	// workersPerCore for each core of GOMAXPROCS.
	Workers int
	// Unread also hands reduce the stand-in of each client whose
	// client.yaml could not be read (Client.Unread set), holding the
	// folder's other files, so that what they hold is checked. Without
	// it such a client is only in Book.LeftOut.
	Unread bool
}

// Load reads the book rooted at root and keeps every client: those read in
// Book.Clients, the stand-ins of those whose client.yaml could not be read
// in Book.Unread. It fails only when the root itself cannot be opened;
// every problem inside the book becomes a finding.
func Load(root string) (*Book, error) {
	b, clients, err := Stream(root, Options{Unread: true}, func(c *Client, _ *Settings) *Client { return c })
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
// one is handed to reduce as soon as its folder is read, decoded and checked,
// and only what reduce returns is kept. A pool of workers (four per core
// of GOMAXPROCS) reads the client folders, so at any time only a few
// clients' documents are in memory, whatever the size of the book; reduce
// is called from those workers, concurrently, and must only read c and s.
//
// The reduced values come back in the order Load gives Book.Clients (by id,
// then path), and findings sorted, whatever the scheduling: the output of
// one worker and of many is the same.
func Stream[T any](root string, opts Options, reduce func(c *Client, s *Settings) T) (*Book, []T, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the book folder %s: %s", root, reason(err))
	}
	defer r.Close()
	l := &loader{root: r}
	t := l.list()
	defer t.Close()

	b := &Book{Root: root}
	var buf []byte
	var firmResults []result
	for _, j := range t.firm {
		firmResults = append(firmResults, l.decodeFile(j, &buf))
	}
	l.assembleFirm(b, firmResults)
	b.Settings = SettingsOf(b.Firm)
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

	// One task per client folder, then one per opportunity file; each
	// writes only its own slot.
	clients := make([]clientSlot[T], len(t.clients))
	opps := make([]result, len(t.opportunities))
	clientsIn := openFolder(t.clientsDir, "clients")
	cache := opts.Cache
	if _, bytesValue := any(*new(T)).([]byte); !bytesValue {
		cache = nil
	}
	run(opts.workers(), len(clients)+len(opps), func(i int) string {
		if i < len(clients) {
			return "clients/" + t.clients[i].name
		}
		return t.opportunities[i-len(clients)].path
	}, func(i int, buf *[]byte) {
		if i < len(clients) {
			clients[i] = readClient(l.root, clientsIn, t.clients[i], b.Firm, s, buf, reduce, opts.Unread, cache)
			return
		}
		opps[i-len(clients)] = l.decodeFile(t.opportunities[i-len(clients)], buf)
	})

	if cache != nil {
		fresh := false
		for _, c := range clients {
			fresh = fresh || c.stored && !c.hit
		}
		entries := func(yield func(cacheEntry) bool) {
			for i, c := range clients {
				if c.stored && !yield(cacheEntry{t.clients[i].name, c.key, encodeSlot(c)}) {
					return
				}
			}
		}
		// A cache that cannot be written costs the next run time, never
		// a result.
		_ = cache.Save(entries, fresh)
	}

	var findings []finding.Finding
	for i := range clients {
		b.Files += clients[i].files
		findings = append(findings, kept(clients[i].findings)...)
		clients[i].findings = nil
	}
	b.Files += len(t.firm) + len(opps)
	for _, res := range firmResults {
		findings = append(findings, kept(res.findings)...)
	}

	// Clients by id, then path; a client without a usable id (reported
	// already) has the empty id and collides with no other. A stand-in
	// (client.yaml not read) collides with none either, but its folder
	// is a client an opportunity may name.
	slices.SortFunc(clients, func(a, c clientSlot[T]) int {
		return cmp.Or(cmp.Compare(a.id, c.id), cmp.Compare(a.path, c.path))
	})
	var ids []ID
	var values []T
	var prev *clientSlot[T] // the previous client that was read
	for i := range clients {
		c := &clients[i]
		if c.leftOut != nil {
			b.LeftOut = append(b.LeftOut, *c.leftOut)
		}
		ids = append(ids, c.id)
		if c.ok {
			values = append(values, c.value)
		}
		if c.unread {
			continue
		}
		if prev != nil && c.id != "" && c.id == prev.id {
			l.add(CB005, c.path, c.idPos, "client id %q is already used by %s: ids are unique in the book", c.id, prev.path)
		}
		prev = c
	}
	hasClient := func(id ID) bool { _, ok := slices.BinarySearch(ids, id); return id != "" && ok }

	var oppsLeftOut []LeftOut
	b.Opportunities, oppsLeftOut = l.assembleOpportunities(t.opportunities, opps, &findings, kept)
	b.LeftOut = append(b.LeftOut, oppsLeftOut...)
	slices.SortFunc(b.LeftOut, compareLeftOut)
	chk := &checker{settings: s, firmDoc: b.Firm, hasClient: hasClient}
	chk.firm()
	for _, o := range b.Opportunities {
		chk.opportunity(o)
	}
	findings = append(findings, kept(append(l.findings, chk.findings...))...)
	finding.Sort(findings)
	b.Findings = findings
	return b, values, nil
}

// clientSlot is what reading one client folder left.
type clientSlot[T any] struct {
	ok bool // reduce was called: value holds what it returned
	// unread marks a stand-in: the folder's client.yaml could not be read.
	unread bool
	// leftOut says why the read commands leave the client out: it is
	// unread, or its status is not known; nil for neither.
	leftOut  *LeftOut
	id       ID
	idPos    Pos
	path     string
	value    T
	findings []finding.Finding
	files    int

	// With a cache: the folder's key, and whether the slot is to be kept
	// for the next run (stored) and was taken from the cache (hit).
	key         [sha256.Size]byte
	stored, hit bool
}

// readClient reads one client folder: lists it, decodes its files, puts the
// client together, checks it against the firm and reduces it. With a cache,
// an unchanged folder is not read: its slot is the one stored last time.
func readClient[T any](root *os.Root, clients folder, e entry, firm *Firm, s *Settings, buf *[]byte, reduce func(*Client, *Settings) T, withUnread bool, cache *Cache) clientSlot[T] {
	l := &loader{root: root}
	jobs, open := l.listClient(clients, e)
	var key [sha256.Size]byte
	cacheable, storable := false, false
	if cache != nil {
		key, cacheable, storable = cache.cacheKey(jobs, l.findings)
		if cacheable {
			if rec, hit := cache.lookup(e.name, key); hit {
				if slot, ok := decodeSlot[T](rec); ok {
					closeAll(open)
					slot.key, slot.stored, slot.hit = key, true, true
					return slot
				}
			}
		}
	}
	results := make([]result, len(jobs))
	for i, j := range jobs {
		results[i] = l.decodeFile(j, buf)
	}
	closeAll(open)
	slot := clientSlot[T]{files: len(jobs)}
	for _, res := range results {
		slot.findings = append(slot.findings, res.findings...)
	}
	c := l.assembleClient("clients/"+e.name, jobs, results)
	chk := &checker{settings: s, firmDoc: firm}
	chk.client(c)
	l.findings = append(l.findings, chk.findings...)
	slot.id, slot.idPos, slot.path = c.ID.Value, c.ID.Pos, c.Path
	slot.unread, slot.leftOut = c.Unread != nil, cmp.Or(c.Unread, statusUnknown(c))
	if !slot.unread || withUnread {
		slot.ok, slot.value = true, reduce(c, s)
	}
	slot.findings = append(slot.findings, l.findings...)
	slot.key, slot.stored = key, cacheable && storable
	return slot
}

// encodeSlot is a client folder's slot as the cache keeps it; the value is
// bytes (Stream caches nothing else).
func encodeSlot[T any](slot clientSlot[T]) []byte {
	var w pack.Writer
	w.Bool(slot.ok)
	w.Bool(slot.unread)
	w.Bool(slot.leftOut != nil)
	if o := slot.leftOut; o != nil {
		w.String(o.Kind)
		w.String(o.Name)
		w.String(o.Path)
		w.Int(o.Pos.Line)
		w.Int(o.Pos.Column)
		w.String(o.Reason)
		w.Bool(o.StatusUnknown)
	}
	w.String(string(slot.id))
	w.Int(slot.idPos.Line)
	w.Int(slot.idPos.Column)
	w.String(slot.path)
	value, _ := any(slot.value).([]byte)
	w.Bool(value != nil)
	w.Blob(value)
	w.Blob(finding.Pack(slot.findings))
	w.Int(slot.files)
	return w.Bytes()
}

// decodeSlot reads a slot encodeSlot wrote; ok is false for a damaged one.
func decodeSlot[T any](rec []byte) (slot clientSlot[T], ok bool) {
	defer func() {
		if recover() != nil {
			slot, ok = clientSlot[T]{}, false
		}
	}()
	r := pack.NewReader(rec)
	slot.ok = r.Bool()
	slot.unread = r.Bool()
	if r.Bool() {
		o := &LeftOut{}
		o.Kind = r.String()
		o.Name = r.String()
		o.Path = r.String()
		o.Pos.Line = r.Int()
		o.Pos.Column = r.Int()
		o.Reason = r.String()
		o.StatusUnknown = r.Bool()
		slot.leftOut = o
	}
	slot.id = ID(r.String())
	slot.idPos.Line = r.Int()
	slot.idPos.Column = r.Int()
	slot.path = r.String()
	present := r.Bool()
	value := r.Bytes()
	if !present {
		value = nil
	}
	slot.value, ok = any(value).(T)
	slot.findings = finding.Unpack(nil, r.Bytes())
	slot.files = r.Int()
	return slot, ok && r.Done()
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

// run calls do for 0..n-1 on a pool of workers, each with its own scratch
// buffer. A panic in a worker (a bug) is carried back and raised again
// here, in the caller's goroutine, where the program's recover turns it
// into exit code 3 instead of a crash with a stack trace of every
// goroutine; name(i) says what was being read.
func run(workers, n int, name func(i int) string, do func(i int, buf *[]byte)) {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	next := make(chan int, 64)
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			var buf []byte
			for i := range next {
				func() {
					defer func() {
						if r := recover(); r != nil {
							mu.Lock()
							if panicked == nil {
								panicked = fmt.Sprintf("reading %s: %v", name(i), r)
							}
							mu.Unlock()
						}
					}()
					do(i, &buf)
				}()
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
