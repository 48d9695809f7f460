package book

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"

	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/pack"
)

// Cache keeps what reading each client folder gave one command (the value
// its reducer returned, the folder's findings) from one run to the next, so
// that a run on an unchanged book reads, parses and scores no file of an
// unchanged client: it lists the folders and looks at each file's identity.
//
// A client's entry is used only when its folder lists the same files and
// every file has the same identity: inode, size, and modification and
// change times to the nanosecond. The change time is set by the system on
// every write, rename or extraction and cannot be set back, so a file
// rewritten with the same size and a restored modification time still
// misses. A file changed within cacheRacyWindow of the run's start is not
// stored at all (git's "racily clean" rule): a write in the same clock
// tick as the run could otherwise keep its old time. Everything else that
// decides a client's result — the command and its options, the day, the
// firm's file, the program itself — is the Cache's salt; a salt that
// differs empties the cache.
//
// A cache is one file per book and command, replaced atomically (a
// temporary file renamed over it) when a run changed anything. A cache
// that cannot be read, or that is damaged, is ignored; one that cannot be
// written is not written. Neither ever changes a result.
type Cache struct {
	file    string // where the cache lives
	salt    [sha256.Size]byte
	started time.Time

	old   []byte         // the previous run's entries, as read
	index map[string]int // offset in old of each client folder's entry, by name

	mu      sync.Mutex
	entries map[string][]byte // this run's entries, by folder name
	changed bool              // an entry was added, changed or dropped
}

// cacheRacyWindow is how recently before the run a file may have changed
// and still be cached; a variable so that tests can cache files they have
// just written.
var cacheRacyWindow = 2 * time.Second

// cacheMagic starts a cache file; its last byte is the format's version.
var cacheMagic = []byte("clientbook-cache\x01")

// OpenCache opens the cache of the book at root for one kind of result
// (a command's), in the folder dir. salt is everything besides the
// client's own files that its entry depends on. A cache that is missing,
// unreadable or damaged, or whose salt differs, opens empty.
func OpenCache(dir, root, kind string, salt []byte) *Cache {
	name := sha256.Sum256([]byte(root + "\x00" + kind))
	c := &Cache{
		file:    filepath.Join(dir, "book-"+hexString(name[:12])+".cache"),
		salt:    sha256.Sum256(salt),
		started: time.Now(),
		entries: map[string][]byte{},
	}
	data, err := os.ReadFile(c.file)
	if err != nil {
		return c
	}
	c.index, c.old = parseCache(data, c.salt)
	return c
}

// parseCache reads a cache file: magic, salt, then entries of folder name,
// key and slot record. It returns nothing for a file that is damaged or
// of another salt.
func parseCache(data []byte, salt [sha256.Size]byte) (index map[string]int, old []byte) {
	if !bytes.HasPrefix(data, cacheMagic) || len(data) < len(cacheMagic)+len(salt) ||
		!bytes.Equal(data[len(cacheMagic):len(cacheMagic)+len(salt)], salt[:]) {
		return nil, nil
	}
	defer func() {
		if recover() != nil { // a damaged file: pack's readers panic on it
			index, old = nil, nil
		}
	}()
	body := data[len(cacheMagic)+len(salt):]
	index = map[string]int{}
	r := pack.NewReader(body)
	for !r.Done() {
		name := r.String()
		index[name] = r.Offset()
		r.Bytes() // key and slot record
	}
	return index, body
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

// fileStamp is what identifies one state of a file.
type fileStamp struct {
	ino, size       uint64
	mtime, ctime    int64 // nanoseconds
	recentlyChanged bool  // changed within cacheRacyWindow of the run
}

// cacheKey is the key of one client folder: its listing findings and, for
// every file it reads, its path, kind and stamp. ok is false when a file
// cannot be stamped (it is opened through the root, or has gone): such a
// folder is neither looked up nor stored. storable is false when a file
// changed too recently to be trusted next time.
func (c *Cache) cacheKey(jobs []job, listing []finding.Finding) (key [sha256.Size]byte, ok, storable bool) {
	var w pack.Writer
	for _, f := range listing {
		w.String(f.Rule)
		w.String(f.Path)
		w.String(f.Message)
	}
	storable = true
	for _, j := range jobs {
		if !j.in.open {
			return key, false, false
		}
		st, err := stampChild(j.in, path.Base(j.path), c.started.Add(-cacheRacyWindow))
		if err != nil {
			return key, false, false
		}
		w.String(j.path)
		w.String(string(j.kind))
		w.Int(int(st.ino))
		w.Int(int(st.size))
		w.Int(int(st.mtime))
		w.Int(int(st.ctime))
		storable = storable && !st.recentlyChanged
	}
	return sha256.Sum256(w.Bytes()), true, storable
}

// lookup returns the slot record stored for the folder name under key.
func (c *Cache) lookup(name string, key [sha256.Size]byte) ([]byte, bool) {
	off, ok := c.index[name]
	if !ok {
		return nil, false
	}
	entry := pack.NewReaderAt(c.old, off).Bytes()
	if len(entry) < len(key) || !bytes.Equal(entry[:len(key)], key[:]) {
		return nil, false
	}
	return entry[len(key):], true
}

// keep records the folder's entry for this run, taken from the old cache
// (a hit), or made of key and record (a miss: the record as encodeSlot
// wrote it, or nil to store nothing). It returns the record as kept, which
// a caller may hold instead of its own copy.
func (c *Cache) keep(name string, key [sha256.Size]byte, record []byte, hit bool) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case hit:
		// The entry is the old one; it shares the old file's bytes.
		entry := pack.NewReaderAt(c.old, c.index[name]).Bytes()
		c.entries[name] = entry
		return entry[len(key):]
	case record == nil:
		if _, had := c.index[name]; had {
			c.changed = true
		}
		return nil
	}
	entry := append(append(make([]byte, 0, len(key)+len(record)), key[:]...), record...)
	c.entries[name] = entry
	c.changed = true
	return entry[len(key):]
}

// Save writes this run's entries when anything changed: to a temporary
// file beside the cache, renamed over it, so that a reader sees the old
// cache or the new one, never part of one. names is every client folder
// of the book in order; folders of the old cache that are gone are
// dropped.
func (c *Cache) Save(names []string) error {
	if !c.changed && len(c.entries) == len(c.index) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.file), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), ".book-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	bw := bufio.NewWriterSize(tmp, 256<<10)
	bw.Write(cacheMagic)
	bw.Write(c.salt[:])
	var w pack.Writer
	for _, name := range names {
		entry, ok := c.entries[name]
		if !ok {
			continue
		}
		w.Reset()
		w.String(name)
		w.Blob(entry)
		bw.Write(w.Bytes())
	}
	err = errors.Join(bw.Flush(), tmp.Sync(), tmp.Close())
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.file)
}
