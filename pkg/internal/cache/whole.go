package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A whole-value cache keeps one record per key in a file of its own, for
// results that are computed whole and are worth keeping whole: the state
// of a revision's book on a day, which `diff` compares (the record is
// small; reading the book again is not). The file's name is a hash of the
// key; its content is the record and a checksum of key and record, so
// that a damaged file, or one of another key, is a miss. Writes are
// atomic (a temporary file and a rename). Only the newest KeepWhole files
// of a folder are kept.

// KeepWhole is how many whole-value records a folder keeps.
var KeepWhole = 64

var wholeMagic = []byte("clientbook-whole\x01")

// wholeFile is where key's record lives in dir.
func wholeFile(dir string, key []byte) string {
	sum := sha256.Sum256(key)
	return filepath.Join(dir, hex.EncodeToString(sum[:16])+".whole")
}

// ReadWhole returns the record kept under key in dir.
func ReadWhole(dir string, key []byte) ([]byte, bool) {
	data, err := os.ReadFile(wholeFile(dir, key))
	if err != nil || len(data) < len(wholeMagic)+crc32.Size || !bytes.HasPrefix(data, wholeMagic) {
		return nil, false
	}
	body, sum := data[len(wholeMagic):len(data)-crc32.Size], data[len(data)-crc32.Size:]
	if binary.BigEndian.Uint32(sum) != crc32.Update(crc32.Checksum(key, cacheTable), cacheTable, body) {
		return nil, false
	}
	return body, true
}

// WriteWhole keeps record under key in dir, then removes the oldest
// records beyond KeepWhole. An error costs a later run time, never a
// result, so there is none: a record that cannot be written is not.
func WriteWhole(dir string, key, record []byte) {
	if os.MkdirAll(dir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".whole-*.tmp")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	data := append(slices.Clip(wholeMagic), record...)
	data = binary.BigEndian.AppendUint32(data, crc32.Update(crc32.Checksum(key, cacheTable), cacheTable, record))
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err != nil || cerr != nil {
		return
	}
	if os.Rename(tmp.Name(), wholeFile(dir, key)) != nil {
		return
	}
	prune(dir)
}

// prune removes the oldest records of dir beyond KeepWhole.
func prune(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type rec struct {
		name string
		mod  time.Time
	}
	var recs []rec
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".whole") {
			continue
		}
		if fi, err := e.Info(); err == nil {
			recs = append(recs, rec{e.Name(), fi.ModTime()})
		}
	}
	if len(recs) <= KeepWhole {
		return
	}
	slices.SortFunc(recs, func(a, b rec) int { return b.mod.Compare(a.mod) })
	for _, r := range recs[KeepWhole:] {
		os.Remove(filepath.Join(dir, r.name))
	}
}
