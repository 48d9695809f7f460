package book

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"iter"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync/atomic"
	"time"

	"github.com/clientbook/clientbook/pkg/finding"
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
// written is not written. Neither ever changes a result: each entry ends
// with a checksum of its folder name, key and record, and an entry whose
// checksum does not match (a flipped bit that still parses) is a miss.
type Cache struct {
	file    string // where the cache lives
	salt    [sha256.Size]byte
	started time.Time

	// old is the previous run's entries as read, and index the offset in
	// old of each entry, in the order of their folder names: the file is
	// written in that order, and a file that is not is damaged.
	old   []byte
	index []int
	hits  atomic.Int64 // folders taken from old
}

// cacheRacyWindow is how recently before the run a file may have changed
// and still be cached; a variable so that tests can cache files they have
// just written.
var cacheRacyWindow = 2 * time.Second

// cacheMagic starts a cache file; its last byte is the format's version.
var cacheMagic = []byte("clientbook-cache\x03")

// OpenCache opens the cache of the book at root for one kind of result
// (a command's), in the folder dir. salt is everything besides the
// client's own files that its entry depends on. A cache that is missing,
// unreadable or damaged, or whose salt differs, opens empty.
func OpenCache(dir, root, kind string, salt []byte) *Cache {
	name := sha256.Sum256([]byte(root + "\x00" + kind))
	c := &Cache{
		file:    filepath.Join(dir, "book-"+hex.EncodeToString(name[:12])+".cache"),
		salt:    sha256.Sum256(salt),
		started: time.Now(),
	}
	data, err := os.ReadFile(c.file)
	if err != nil {
		return c
	}
	c.index, c.old = parseCache(data, c.salt)
	return c
}

// parseCache reads a cache file: magic, salt, then entries of folder name
// and entry (key and slot record), by name. It returns nothing for a file
// that is damaged or of another salt.
func parseCache(data []byte, salt [sha256.Size]byte) (index []int, old []byte) {
	if !bytes.HasPrefix(data, cacheMagic) || len(data) < len(cacheMagic)+len(salt) ||
		!bytes.Equal(data[len(cacheMagic):len(cacheMagic)+len(salt)], salt[:]) {
		return nil, nil
	}
	body := data[len(cacheMagic)+len(salt):]
	var last []byte
	for off := 0; off < len(body); {
		name, _, next, ok := frameAt(body, off)
		if !ok || len(index) > 0 && bytes.Compare(last, name) >= 0 {
			return nil, nil // damaged, or out of order
		}
		index, last, off = append(index, off), name, next
	}
	return index, body
}

// A cache file's entries are frames: the folder's name, then its entry,
// each as a uvarint length and the bytes.
func appendFrame(dst []byte, name string, entry []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(name)))
	dst = append(dst, name...)
	dst = binary.AppendUvarint(dst, uint64(len(entry)))
	return append(dst, entry...)
}

// frameAt reads the frame at off; ok is false for a damaged one.
func frameAt(body []byte, off int) (name, entry []byte, next int, ok bool) {
	field := func() ([]byte, bool) {
		n, w := binary.Uvarint(body[off:])
		if w <= 0 || n > uint64(len(body)-off-w) {
			return nil, false
		}
		off += w + int(n)
		return body[off-int(n) : off], true
	}
	if name, ok = field(); !ok {
		return nil, nil, 0, false
	}
	if entry, ok = field(); !ok {
		return nil, nil, 0, false
	}
	return name, entry, off, true
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
		if !j.in.open {
			return key, false, false
		}
		st, err := stampChild(j.in, path.Base(j.path), c.started.Add(-cacheRacyWindow))
		if err != nil {
			return key, false, false
		}
		str(j.path)
		str(string(j.kind))
		num(st.ino)
		num(st.size)
		num(uint64(st.mtime))
		num(uint64(st.ctime))
		storable = storable && !st.recentlyChanged
	}
	return sha256.Sum256(w), true, storable
}

// lookup returns the slot record stored for the folder name under key.
func (c *Cache) lookup(name string, key [sha256.Size]byte) ([]byte, bool) {
	i, found := sort.Find(len(c.index), func(i int) int {
		n, _, _, _ := frameAt(c.old, c.index[i])
		return compareName(name, n)
	})
	if !found {
		return nil, false
	}
	_, entry, _, _ := frameAt(c.old, c.index[i])
	if len(entry) < len(key)+crc32.Size || !bytes.Equal(entry[:len(key)], key[:]) {
		return nil, false
	}
	body, sum := entry[:len(entry)-crc32.Size], entry[len(entry)-crc32.Size:]
	if !bytes.Equal(sum, entrySum(name, body)) {
		return nil, false
	}
	c.hits.Add(1)
	return body[len(key):], true
}

// cacheTable is the CRC-32 polynomial of the entries' checksums: Castagnoli's,
// which the processor computes in hardware.
var cacheTable = crc32.MakeTable(crc32.Castagnoli)

// entrySum is the checksum that ends a cache entry: of the folder's name
// and the entry's key and record, so that an entry moved to another name
// fails as well as one with a changed byte.
func entrySum(name string, body []byte) []byte {
	crc := crc32.Update(crc32.Checksum([]byte(name), cacheTable), cacheTable, body)
	return binary.BigEndian.AppendUint32(nil, crc)
}

// compareName compares a folder name with one read from the cache.
func compareName(name string, b []byte) int {
	switch {
	case name < string(b):
		return -1
	case name > string(b):
		return 1
	}
	return 0
}

// cacheEntry is one client folder's entry for the next run.
type cacheEntry struct {
	name   string
	key    [sha256.Size]byte
	record []byte
}

// Save writes this run's entries, in the order of their folder names,
// unless every one was taken from the old cache and none of the old
// cache's is gone: to a temporary file beside the cache, renamed over it,
// so that a reader sees the old cache or the new one, never part of one.
// The records are made as they are written, never held all at once.
func (c *Cache) Save(entries iter.Seq[cacheEntry], fresh bool) error {
	if !fresh && int(c.hits.Load()) == len(c.index) {
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
	var entry, frame []byte
	for e := range entries {
		entry = append(append(entry[:0], e.key[:]...), e.record...)
		entry = append(entry, entrySum(e.name, entry)...)
		frame = appendFrame(frame[:0], e.name, entry)
		bw.Write(frame)
	}
	if err := errors.Join(bw.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.file)
}
