package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"slices"
	"testing"
)

func frame(name string, entry []byte) []byte {
	dst := binary.AppendUvarint(nil, uint64(len(name)))
	dst = append(dst, name...)
	dst = binary.AppendUvarint(dst, uint64(len(entry)))
	return append(dst, entry...)
}

// open opens the cache in dir, as Open does, after writing data as its
// file when data is not nil.
func open(t testing.TB, dir string, data []byte) *Cache {
	c := Open(dir, "/book", "portfolio", []byte("a"))
	if data != nil {
		if err := os.WriteFile(c.file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c = Open(dir, "/book", "portfolio", []byte("a"))
	}
	return c
}

// drop lets go of a cache only looked into (Close would write the run's
// entries: none).
func drop(c *Cache) {
	if c.old != nil {
		c.old.Close()
	}
}

func key(s string) Key { return sha256.Sum256([]byte(s)) }

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, nil)
	c.Put("acme", key("1"), []byte("acme's record"), false)
	c.Put("beta", key("2"), nil, false)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c = open(t, dir, nil)
	if rec, ok := c.Lookup("acme", key("1")); !ok || string(rec) != "acme's record" {
		t.Errorf("acme: %q %t", rec, ok)
	}
	if _, ok := c.Lookup("acme", key("2")); ok {
		t.Error("acme found under another key")
	}
	if _, ok := c.Lookup("gamma", key("1")); ok {
		t.Error("gamma found")
	}
	if rec, ok := c.Lookup("beta", key("2")); !ok || len(rec) != 0 {
		t.Errorf("beta: %q %t", rec, ok)
	}
	drop(c)
}

// A run that puts back every entry unchanged does not write the file; one
// that changes an entry, adds one or leaves one out does, keeping the rest.
func TestRewrittenOnlyWhenChanged(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, nil)
	for _, n := range []string{"a", "b", "c"} {
		c.Put(n, key(n), []byte(n+n), false)
	}
	c.Close()
	before, _ := os.Stat(c.file)

	rerun := func(put func(c *Cache)) *Cache {
		t.Helper()
		c := open(t, dir, nil)
		put(c)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		return open(t, dir, nil)
	}
	same := func(c *Cache, n string) {
		rec, ok := c.Lookup(n, key(n))
		c.Put(n, key(n), rec, ok)
	}
	drop(rerun(func(c *Cache) { same(c, "a"); same(c, "b"); same(c, "c") }))
	if after, _ := os.Stat(c.file); !os.SameFile(before, after) {
		t.Error("an unchanged cache was rewritten")
	}
	c = rerun(func(c *Cache) { same(c, "a"); c.Put("b", key("B"), []byte("new"), false); same(c, "c") })
	if rec, ok := c.Lookup("b", key("B")); !ok || string(rec) != "new" {
		t.Errorf("b: %q %t", rec, ok)
	}
	for _, n := range []string{"a", "c"} {
		if rec, ok := c.Lookup(n, key(n)); !ok || string(rec) != n+n {
			t.Errorf("%s: %q %t", n, rec, ok)
		}
	}
	drop(c)
	c = rerun(func(c *Cache) { same(c, "a") })
	if _, ok := c.Lookup("c", key("c")); ok || len(c.nameEnd) != 1 {
		t.Errorf("a folder gone kept its entry: %d entries", len(c.nameEnd))
	}
	drop(c)
}

// A damaged entry is a miss; a damaged file is empty.
func TestDamaged(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, nil)
	c.Put("a", key("a"), []byte("record"), false)
	c.Close()
	data, _ := os.ReadFile(c.file)
	for i := int(headerSize); i < len(data); i++ {
		bad := bytes.Clone(data)
		bad[i] ^= 1
		c := open(t, dir, bad)
		if rec, ok := c.Lookup("a", key("a")); ok {
			t.Errorf("byte %d flipped: found %q", i, rec)
		}
		drop(c)
	}
	c = open(t, dir, data[:len(data)-1])
	if len(c.nameEnd) != 0 {
		t.Error("a truncated file has entries")
	}
	drop(c)
}

// A cache file is read from the user's disk: whatever it holds, opening
// it, looking clients up in it and writing the next run's never panics,
// and its index has only entries that are there, in order.
func FuzzOpen(f *testing.F) {
	salt := sha256.Sum256([]byte("a"))
	var k Key
	head := append(bytes.Clone(cacheMagic), salt[:]...)
	f.Add(head)
	f.Add(append(bytes.Clone(head), frame("acme", append(k[:], "a record"...))...))
	f.Add(append(append(bytes.Clone(head), frame("b", []byte{1, 2})...), frame("a", nil)...))
	f.Add([]byte("clientbook-cache\x01"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		c := open(t, dir, data)
		for i := range c.nameEnd {
			if c.at[i] < headerSize || c.at[i]+int64(c.size[i]) > int64(len(data)) {
				t.Fatalf("entry %d outside the file", i)
			}
			if i > 0 && bytes.Compare(c.nameOf(i-1), c.nameOf(i)) >= 0 {
				t.Fatalf("entries out of order: %q then %q", c.nameOf(i-1), c.nameOf(i))
			}
			rec, ok := c.Lookup(string(c.nameOf(i)), k)
			c.Put(string(c.nameOf(i)), k, rec, ok)
		}
		c.Lookup("not-there", Key{})
		c.Put("zzzz", k, nil, false)
		c.Close()
	})
}

// An archive keeps the entries a run did not put, merged in name order
// with the run's new ones, and rewrites nothing when the run put only old
// entries.
func TestArchiveKeepsOthers(t *testing.T) {
	dir := t.TempDir()
	openArchive := func() *Cache { return OpenArchive(dir, "/book", "history", []byte("a"), 2) }
	run := func(puts ...string) {
		t.Helper()
		c := openArchive()
		for _, name := range puts {
			rec, hit := c.Lookup(name, key(name))
			if !hit {
				rec = []byte("record of " + name)
			}
			c.Put(name, key(name), rec, hit)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	names := func() []string {
		c := openArchive()
		defer drop(c)
		var out []string
		for i := range c.nameEnd {
			out = append(out, string(c.nameOf(i)))
		}
		return out
	}
	run("b\x001", "d\x001")
	run("a\x001", "b\x002", "d\x001", "e\x001") // a second revision
	want := []string{"a\x001", "b\x001", "b\x002", "d\x001", "e\x001"}
	if got := names(); !slices.Equal(got, want) {
		t.Fatalf("entries %q, want %q", got, want)
	}
	before, _ := os.ReadFile(openArchive().file)
	run("b\x001", "d\x001") // the first again: nothing new
	after, _ := os.ReadFile(openArchive().file)
	if !bytes.Equal(before, after) {
		t.Fatal("a run of old entries rewrote the archive")
	}
	c := openArchive()
	defer drop(c)
	for _, name := range want {
		if rec, ok := c.Lookup(name, key(name)); !ok || string(rec) != "record of "+name {
			t.Errorf("%q: %q %t", name, rec, ok)
		}
	}
}

// An archive of more than ArchiveFactor entries per folder read starts
// again with the run's entries alone.
func TestArchiveBounded(t *testing.T) {
	defer func(n int) { ArchiveFactor = n }(ArchiveFactor)
	ArchiveFactor = 2
	dir := t.TempDir()
	run := func(puts ...string) int {
		t.Helper()
		c := OpenArchive(dir, "/book", "history", []byte("a"), len(puts))
		for _, name := range puts {
			rec, hit := c.Lookup(name, key(name))
			c.Put(name, key(name), rec, hit)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		c = Open(dir, "/book", "history", []byte("a"))
		defer drop(c)
		return len(c.nameEnd)
	}
	run("a\x001")
	run("a\x002")
	if n := run("a\x003"); n != 3 { // 2 old entries for 1 folder: kept
		t.Fatalf("%d entries, want 3", n)
	}
	if n := run("a\x004"); n != 1 { // 3 old entries: over 2 per folder
		t.Fatalf("%d entries, want 1 (started again)", n)
	}
}
