package cache

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

// A cache file is read from the user's disk: whatever it holds, reading it
// and looking clients up in it never panics, and it gives back only
// entries that are there, in order.
func FuzzParseCache(f *testing.F) {
	salt := sha256.Sum256([]byte("a"))
	entry := func(name string, record []byte) []byte {
		var key [sha256.Size]byte
		return appendFrame(nil, name, append(key[:], record...))
	}
	head := append(bytes.Clone(cacheMagic), salt[:]...)
	f.Add(head)
	f.Add(append(bytes.Clone(head), entry("acme", []byte("a record"))...))
	f.Add(append(append(bytes.Clone(head), entry("b", []byte{1, 2})...), entry("a", nil)...))
	f.Add([]byte("clientbook-cache\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		index, old := parseCache(data, salt)
		c := &Cache{index: index, old: old}
		var last []byte
		for i, off := range index {
			if off < 0 || off >= len(old) {
				t.Fatalf("entry %d at %d, outside %d bytes", i, off, len(old))
			}
			name, _, _, _ := frameAt(old, off)
			if i > 0 && bytes.Compare(last, name) >= 0 {
				t.Fatalf("entries out of order: %q then %q", last, name)
			}
			last = name
			var key [sha256.Size]byte
			c.Lookup(string(name), key)
		}
		c.Lookup("not-there", Key{})
	})
}
