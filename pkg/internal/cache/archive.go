package cache

import (
	"encoding/binary"
	"io"
)

// OpenArchive is Open for a cache whose entries are named by their
// content (a folder's name and its content's hash, see gitrev): an entry
// this run does not put is kept rather than dropped, since another
// revision will want it again. So that it does not grow for ever with
// every version of every folder read, an archive that holds more than
// ArchiveFactor entries for each of the folders this run reads (folders)
// starts again with this run's entries alone: what it forgets costs a
// later run the reading of the folders that differ from this run's.
func OpenArchive(dir, root, kind string, salt []byte, folders int) *Cache {
	c := Open(dir, root, kind, salt)
	c.retain = len(c.nameEnd) <= ArchiveFactor*max(folders, 1)
	return c
}

// ArchiveFactor bounds an archive's entries per folder read (OpenArchive).
var ArchiveFactor = 4

// putRetained moves an archive's cursor past the old entries before name,
// which are kept (copied, once the new file is being written), and past
// name's own: kept when hit, else to be replaced. It reports whether
// name's entry is to be written, the new file then being started.
func (c *Cache) putRetained(name string, hit bool) bool {
	n := len(c.nameEnd)
	for c.same < n && compareName(name, c.nameOf(c.same)) > 0 {
		if c.w != nil && !c.copyOld(c.same) {
			return false
		}
		c.same++
	}
	old := c.same < n && compareName(name, c.nameOf(c.same)) == 0
	if old && hit {
		if c.w != nil && !c.copyOld(c.same) {
			return false
		}
		c.same++
		return false
	}
	// A new entry, or one whose old entry could not be used: this run's
	// is written, after the old ones before it.
	if c.w == nil && !c.start() {
		return false
	}
	if old {
		c.same++
	}
	return true
}

// copyOld copies the old file's entry i into the new file.
func (c *Cache) copyOld(i int) bool {
	name := c.nameOf(i)
	frame := binary.AppendUvarint(c.buf[:0], uint64(len(name)))
	frame = append(frame, name...)
	frame = binary.AppendUvarint(frame, uint64(c.size[i]))
	c.buf = frame
	c.w.Write(frame)
	if _, err := io.Copy(c.w, io.NewSectionReader(c.old, c.at[i], int64(c.size[i]))); err != nil {
		c.fail()
		return false
	}
	return true
}
