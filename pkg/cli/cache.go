package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// The cache of per-client results (pkg/internal/cache) lives in
// CLIENTBOOK_CACHE when that is set to a folder, else in the user's cache
// folder ($XDG_CACHE_HOME/clientbook, or ~/.cache/clientbook);
// CLIENTBOOK_CACHE=off turns it off. Without a home there is no cache.
func (e *env) cacheDir() string {
	switch dir := e.getenv("CLIENTBOOK_CACHE"); {
	case dir == "off":
		return ""
	case dir != "":
		return dir
	}
	if dir := e.getenv("XDG_CACHE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "clientbook")
	}
	if home := e.getenv("HOME"); filepath.IsAbs(home) {
		return filepath.Join(home, ".cache", "clientbook")
	}
	return ""
}

// cache opens the cache of one command's per-client results for the book
// at root, or returns nil when there is none. Its salt is everything a
// client's result depends on besides the client's own files: the command
// and its options (salt, the command's name first), the firm's file, and
// this very program (its
// version and its executable's size and time), so that a new build never
// reads an old build's results.
func (e *env) cache(root string, salt []string) *cache.Cache {
	dir := e.cacheDir()
	if dir == "" {
		return nil
	}
	s := programSalt()
	for _, part := range salt {
		fmt.Fprintf(s, "%q\x00", part)
	}
	for _, name := range load.FirmFiles {
		data, err := load.ReadFile(root, name)
		fmt.Fprintf(s, "%s %t %d %q\x00", name, err == nil, len(data), data)
	}
	return cache.Open(dir, root, salt[0], s.Bytes())
}

// programSalt names this very program: its version and its executable's
// size and time, so that a new build never reads an old build's entries.
func programSalt() *bytes.Buffer {
	var s bytes.Buffer
	fmt.Fprintf(&s, "clientbook %s\x00", Version)
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&s, "%s %d %d\x00", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return &s
}

// historyCache opens the cache of what reading each client folder of the
// book's revisions gave (load.Options.Keys), for the book whose working
// tree root is tree, or returns nil when there is none. Its entries are
// named by the folders' content (git object ids), so one serves every
// revision that has that folder, and every command and day: its salt is
// only the program. folders is how many client folders the run reads.
func (e *env) historyCache(tree string, folders int) *cache.Cache {
	dir := e.cacheDir()
	if dir == "" {
		return nil
	}
	return cache.OpenArchive(dir, tree, "history", programSalt().Bytes(), folders)
}
