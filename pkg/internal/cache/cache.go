package cache

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
	"path/filepath"
	"sort"
	"sync/atomic"
	"time"
)

// Cache keeps one record per client folder from one run to the next: the
// bytes the caller's codec made of what reading the folder gave (the
// caller, book.Each, uses encoding/json), under a key the caller computes
// from the folder's listing and each file's identity (fsafe.Stamp), so
// that a run on an unchanged book reads, parses and scores no file of an
// unchanged client. A file changed within RacyWindow of the run's start is
// not to be stored at all (git's "racily clean" rule: Since): a write in the
// same clock tick as the run could otherwise keep its old time. Everything
// else that decides a client's result — the command and its options, the
// day, the firm's file, the program itself — is the Cache's salt; a salt
// that differs empties the cache.
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

// RacyWindow is how recently before the run a file may have changed and
// still be cached; a variable so that tests can cache files they have
// just written.
var RacyWindow = 2 * time.Second

// Key is a folder's key: a hash of its listing and its files' stamps.
type Key = [sha256.Size]byte

// cacheMagic starts a cache file; its last byte is the format's version.
var cacheMagic = []byte("clientbook-cache\x03")

// Open opens the cache of the book at root for one kind of result
// (a command's), in the folder dir. salt is everything besides the
// client's own files that its entry depends on. A cache that is missing,
// unreadable or damaged, or whose salt differs, opens empty.
func Open(dir, root, kind string, salt []byte) *Cache {
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

// Since is the time from which a changed file makes its folder's record
// not worth storing: RacyWindow before the run started.
func (c *Cache) Since() time.Time { return c.started.Add(-RacyWindow) }

// Lookup returns the record stored for the folder name under key.
func (c *Cache) Lookup(name string, key Key) ([]byte, bool) {
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

// Entry is one client folder's record for the next run, under its key.
type Entry struct {
	Name   string
	Key    Key
	Record []byte
}

// Save writes this run's entries, in the order of their folder names,
// unless every one was taken from the old cache and none of the old
// cache's is gone: to a temporary file beside the cache, renamed over it,
// so that a reader sees the old cache or the new one, never part of one.
// The records are made as they are written, never held all at once.
func (c *Cache) Save(entries iter.Seq[Entry], fresh bool) error {
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
		entry = append(append(entry[:0], e.Key[:]...), e.Record...)
		entry = append(entry, entrySum(e.Name, entry)...)
		frame = appendFrame(frame[:0], e.Name, entry)
		bw.Write(frame)
	}
	if err := errors.Join(bw.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.file)
}
