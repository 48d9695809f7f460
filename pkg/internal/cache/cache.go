package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Cache keeps one record per client folder from one run to the next: the
// bytes the caller's codec made of what reading the folder gave, under a
// key the caller computes from the folder's listing and each file's
// identity (fsafe.Stamp), so that a run on an unchanged book reads,
// parses and scores no file of an unchanged client. A file changed within
// RacyWindow of the run's start is not to be stored at all (git's "racily
// clean" rule: Since): a write in the same clock tick as the run could
// otherwise keep its old time. Everything else that decides a client's
// result — the command and its options, the day, the firm's file, the
// program itself — is the Cache's salt; a salt that differs empties the
// cache.
//
// A cache is one file per book and command. Open reads only its index
// (each folder's name and where its entry is) and Lookup reads one entry
// from the file; Put writes this run's entries as they come, and Close
// renames the new file over the old one (a reader sees the old cache or
// the new one, never part of one), or leaves the old one when this run
// changed nothing. A cache that cannot be read, or that is damaged, is
// ignored; one that cannot be written is not written. Neither ever
// changes a result: each entry ends with a checksum of its folder name,
// key and record, and an entry whose checksum does not match (a flipped
// bit that still parses) is a miss.
type Cache struct {
	file    string // where the cache lives
	salt    [sha256.Size]byte
	started time.Time

	// old is the previous run's file, nil when there is none to read,
	// and its index: of each entry in the order of their folder names
	// (the file is written in that order, and a file that is not is
	// damaged), where its name ends in names, and where its entry is in
	// old.
	old     *os.File
	names   []byte
	nameEnd []uint32
	at      []int64
	size    []uint32

	// This run's entries. Until one differs from the old file's, nothing
	// is written: same old entries have been put again, unchanged. From
	// the first difference, w writes a new file, tmp, which starts with a
	// copy of those same entries.
	same   int
	tmp    *os.File
	w      *bufio.Writer
	last   string // the last name put
	put    bool   // a name was put
	failed bool   // writing failed, or Put was misused: keep the old file
	buf    []byte // the frame being written

	// retain keeps the old file's entries that this run did not put
	// (OpenArchive).
	retain bool
}

// RacyWindow is how recently before the run a file may have changed and
// still be cached; a variable so that tests can cache files they have
// just written.
var RacyWindow = 2 * time.Second

// Key is a folder's key: a hash of its listing and its files' stamps.
type Key = [sha256.Size]byte

// cacheMagic starts a cache file; its last byte is the format's version.
var cacheMagic = []byte("clientbook-cache\x04")

// headerSize is the size of the magic and the salt that start the file.
var headerSize = int64(len(cacheMagic) + sha256.Size)

// maxName bounds a folder name in the file; a longer one is damage.
const maxName = 4096

// Open opens the cache of the book at root for one kind of result
// (a command's), in the folder dir. salt is everything besides the
// client's own files that its entry depends on. A cache that is missing,
// unreadable or damaged, or whose salt differs, opens empty. Close it
// when done.
func Open(dir, root, kind string, salt []byte) *Cache {
	name := sha256.Sum256([]byte(root + "\x00" + kind))
	c := &Cache{
		file:    filepath.Join(dir, "book-"+hex.EncodeToString(name[:12])+".cache"),
		salt:    sha256.Sum256(salt),
		started: time.Now(),
	}
	f, err := os.Open(c.file)
	if err != nil {
		return c
	}
	if c.readIndex(f) {
		c.old = f
	} else {
		c.names, c.nameEnd, c.at, c.size = nil, nil, nil, nil
		f.Close()
	}
	return c
}

// readIndex reads the index of a cache file: magic, salt, then entries
// of folder name and entry (key and record), by name, each a uvarint
// length and its bytes. Only the names are kept; the entries are skipped.
// It is false for a file that is damaged or of another salt.
func (c *Cache) readIndex(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	r := bufio.NewReaderSize(f, 64<<10)
	head := make([]byte, headerSize)
	if _, err := io.ReadFull(r, head); err != nil ||
		!bytes.Equal(head[:len(cacheMagic)], cacheMagic) || !bytes.Equal(head[len(cacheMagic):], c.salt[:]) {
		return false
	}
	off, end := headerSize, fi.Size()
	length := func(limit int64) (int64, bool) {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(limit) {
			return 0, false
		}
		off += int64(uvarintLen(n))
		return int64(n), true
	}
	for off < end {
		n, ok := length(min(maxName, end-off))
		if !ok {
			return false
		}
		start := len(c.names)
		c.names = append(c.names, make([]byte, n)...)
		if _, err := io.ReadFull(r, c.names[start:]); err != nil ||
			len(c.nameEnd) > 0 && bytes.Compare(c.nameOf(len(c.nameEnd)-1), c.names[start:]) >= 0 {
			return false // damaged, or out of order
		}
		off += n
		size, ok := length(min(end-off, 1<<31))
		if !ok {
			return false
		}
		if _, err := r.Discard(int(size)); err != nil {
			return false
		}
		c.nameEnd = append(c.nameEnd, uint32(len(c.names)))
		c.at, c.size = append(c.at, off), append(c.size, uint32(size))
		off += size
	}
	return off == end
}

func uvarintLen(n uint64) int { return len(binary.AppendUvarint(nil, n)) }

// nameOf is the name of the old file's entry i.
func (c *Cache) nameOf(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = c.nameEnd[i-1]
	}
	return c.names[start:c.nameEnd[i]]
}

// Since is the time from which a changed file makes its folder's record
// not worth storing: RacyWindow before the run started.
func (c *Cache) Since() time.Time { return c.started.Add(-RacyWindow) }

// Lookup returns the record stored for the folder name under key. It may
// be called from many goroutines at once.
func (c *Cache) Lookup(name string, key Key) ([]byte, bool) {
	i, found := sort.Find(len(c.nameEnd), func(i int) int { return compareName(name, c.nameOf(i)) })
	if !found {
		return nil, false
	}
	entry := make([]byte, c.size[i])
	if _, err := c.old.ReadAt(entry, c.at[i]); err != nil {
		return nil, false
	}
	if len(entry) < len(key)+crc32.Size || !bytes.Equal(entry[:len(key)], key[:]) {
		return nil, false
	}
	body, sum := entry[:len(entry)-crc32.Size], entry[len(entry)-crc32.Size:]
	if !bytes.Equal(sum, entrySum(name, body)) {
		return nil, false
	}
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

// Put keeps record as the folder name's entry for the next run, under
// key; hit says record is what Lookup returned for name and key. Put is
// called from one goroutine, in the order of the folder names; a folder
// not put has no entry next time. Nothing is held: the entry is written
// at once, or not at all while every entry put is the old file's next.
func (c *Cache) Put(name string, key Key, record []byte, hit bool) {
	if c.failed {
		return
	}
	if c.put && name <= c.last {
		c.fail() // a caller's bug; the old file stays
		return
	}
	c.last, c.put = name, true
	if c.retain {
		if !c.putRetained(name, hit) {
			return // the old entry, kept; or writing failed
		}
	} else if c.w == nil {
		if hit && c.same < len(c.nameEnd) && string(c.nameOf(c.same)) == name {
			c.same++
			return
		}
		if !c.start() {
			return
		}
	}
	frame := binary.AppendUvarint(c.buf[:0], uint64(len(name)))
	frame = append(frame, name...)
	frame = binary.AppendUvarint(frame, uint64(len(key)+len(record)+crc32.Size))
	body := append(append(frame, key[:]...), record...)
	c.buf = append(body, entrySum(name, body[len(frame):])...)
	c.w.Write(c.buf)
}

// start begins the new file: the header, then the old file's first
// c.same entries, which this run has put again unchanged.
func (c *Cache) start() bool {
	if err := os.MkdirAll(filepath.Dir(c.file), 0o700); err != nil {
		c.fail()
		return false
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), ".book-*.tmp")
	if err != nil {
		c.fail()
		return false
	}
	c.tmp, c.w = tmp, bufio.NewWriterSize(tmp, 256<<10)
	c.w.Write(cacheMagic)
	c.w.Write(c.salt[:])
	if c.same > 0 {
		end := c.at[c.same-1] + int64(c.size[c.same-1])
		if _, err := io.Copy(c.w, io.NewSectionReader(c.old, headerSize, end-headerSize)); err != nil {
			c.fail()
			return false
		}
	}
	return true
}

// fail gives up writing: the old file stays as it is.
func (c *Cache) fail() {
	c.failed = true
	if c.tmp != nil {
		c.tmp.Close()
		os.Remove(c.tmp.Name())
		c.tmp, c.w = nil, nil
	}
}

// Close ends a run that put the entry of every folder it went through:
// the entries put replace the old file's, unless they are the old
// file's, unchanged. An error says the cache could not
// be written, which costs the next run time, never a result.
func (c *Cache) Close() error {
	defer func() {
		if c.old != nil {
			c.old.Close()
		}
	}()
	if c.failed {
		return errors.New("cache not written")
	}
	if c.retain && c.w == nil {
		return nil // every entry put was an old one, and the others are kept
	}
	if c.retain {
		for ; c.same < len(c.nameEnd); c.same++ {
			if !c.copyOld(c.same) {
				return errors.New("cache not written")
			}
		}
	}
	if c.w == nil {
		if c.same == len(c.nameEnd) {
			return nil // nothing changed
		}
		if !c.start() {
			return errors.New("cache not written")
		}
	}
	tmp := c.tmp
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	if err := errors.Join(c.w.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	c.old.Close()
	c.old = nil
	return os.Rename(tmp.Name(), c.file)
}
