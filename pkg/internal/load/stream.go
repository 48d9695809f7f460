package load

import (
	"cmp"
	"fmt"
	"os"
	"runtime"
	"slices"

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
	// Fetch, with Keys, brings into the book's root the files of the
	// client folders that have no key (what they read is on disk: links),
	// calling ready for each folder once its files are there. It is
	// called once, in the background, and the folders are read as they
	// become ready. Nil: their files are there.
	Fetch func(folders []string, ready func(folder string)) error
	// Blobs, with Keys, gives the files of a client folder that has a key
	// and that the cache lacks, from memory rather than from disk (a
	// revision's, read from git's object store). It is called from many
	// goroutines at once. An error is Each's, after the folder has been
	// read from disk as it is. Nil: the files are on disk.
	Blobs func(folder string) ([]Blob, error)
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
		withUnread: opts.Unread, store: store, codec: opts.Codec, keys: opts.Keys, fetch: opts.Fetch, blobs: opts.Blobs}
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
