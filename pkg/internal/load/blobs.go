package load

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"
)

// Blob is one file of a client folder known by content (Options.Blobs):
// its path relative to the book root and its bytes, at most
// MaxFileSize+1 of them, as the loader reads a file on disk.
type Blob struct {
	Path string
	Data []byte
}

// memFolder is a client folder given as blobs rather than on disk: the
// loader lists and reads it through the same code as a folder on disk
// (readDir and read ask it first), so its findings are the same.
type memFolder struct {
	files map[string][]byte   // path → bytes
	dirs  map[string][]entry  // folder → its entries, sorted by name
	seen  map[string]struct{} // folder/name pairs listed
}

// newMemFolder lists the blobs of the client folder top as readDir would:
// top itself (there even when empty, as on disk) and every folder on the
// blobs' paths, hidden names left out.
func newMemFolder(top string, blobs []Blob) *memFolder {
	m := &memFolder{files: map[string][]byte{}, dirs: map[string][]entry{top: {}}, seen: map[string]struct{}{}}
	for _, b := range blobs {
		m.files[b.Path] = b.Data
		parts := strings.Split(b.Path, "/")
		for i := 1; i < len(parts); i++ {
			dir, name := strings.Join(parts[:i], "/"), parts[i]
			key := dir + "/" + name
			if _, ok := m.seen[key]; ok {
				continue
			}
			m.seen[key] = struct{}{}
			if _, ok := m.dirs[dir]; !ok {
				m.dirs[dir] = []entry{}
			}
			if strings.HasPrefix(name, ".") {
				continue
			}
			m.dirs[dir] = append(m.dirs[dir], entry{name: name, isDir: i < len(parts)-1})
		}
	}
	for dir := range m.dirs {
		slices.SortFunc(m.dirs[dir], func(a, b entry) int { return cmp.Compare(a.name, b.name) })
	}
	return m
}

// list is readDir's answer for dir: its entries, or that it does not
// exist.
func (m *memFolder) list(dir string) ([]entry, error) {
	if es, ok := m.dirs[dir]; ok {
		return es, nil
	}
	return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrNotExist}
}

// read is read's answer for the file p.
func (m *memFolder) read(p string) ([]byte, error) {
	if data, ok := m.files[p]; ok {
		return data, nil
	}
	return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
}
