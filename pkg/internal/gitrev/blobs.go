package gitrev

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// File is one file of a client folder as git holds it: its path in the
// book and its bytes, at most the limit Blobs was given.
type File struct {
	Path string
	Data []byte
}

// Blobs reads client folders' files from git's object store on demand,
// without writing them anywhere: through one long-lived git cat-file
// --batch process, which every caller shares in turn.
type Blobs struct {
	tree  *Tree
	limit int64
	what  string

	mu sync.Mutex
	// byClient is where each client folder's entries are in the tree's
	// (one run of git's sorted listing).
	byClient map[string][2]int
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	in       *bufio.Writer
	out      *bufio.Reader
	stderr   bytes.Buffer
	broken   error
}

// Blobs reads t's client folders' files, each cut at limit bytes (the
// rest is never kept: a hostile blob cannot take the memory). Close it.
func (t *Tree) Blobs(limit int64, what string) *Blobs {
	return &Blobs{tree: t, limit: limit, what: what}
}

// Folder returns the regular files of the client folder clients/NAME, in
// git's order. It may be called from many goroutines at once.
func (b *Blobs) Folder(client string) ([]File, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.broken != nil {
		return nil, b.broken
	}
	if b.byClient == nil {
		b.byClient = map[string][2]int{}
		for i, e := range b.tree.entries {
			if e.client == "" {
				continue
			}
			r, ok := b.byClient[e.client]
			if !ok {
				r[0] = i
			}
			r[1] = i + 1
			b.byClient[e.client] = r
		}
	}
	if b.cmd == nil {
		if err := b.start(); err != nil {
			b.broken = err
			return nil, err
		}
	}
	var entries []entry
	if r, ok := b.byClient[client]; ok {
		for _, e := range b.tree.entries[r[0]:r[1]] {
			// A folder holding a link has no key and is not read here;
			// the link itself is no file of it.
			if e.client == client && e.mode != linkMode {
				entries = append(entries, e)
			}
		}
	}
	for _, e := range entries {
		fmt.Fprintf(b.in, "%s\n", e.object)
	}
	if err := b.in.Flush(); err != nil {
		return nil, b.fail(err)
	}
	files := make([]File, 0, len(entries))
	for _, e := range entries {
		data, err := b.readOne(e)
		if err != nil {
			return nil, b.fail(fmt.Errorf("reading %s: %w", e.path, err))
		}
		files = append(files, File{Path: e.path, Data: data})
	}
	return files, nil
}

func (b *Blobs) start() error {
	b.cmd = exec.Command("git", "cat-file", "--batch")
	b.cmd.Dir = b.tree.top
	b.cmd.Stderr = &b.stderr
	stdin, err := b.cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := b.cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := b.cmd.Start(); err != nil {
		return fmt.Errorf("%s: cannot start git cat-file: %v", b.what, err)
	}
	b.stdin, b.in, b.out = stdin, bufio.NewWriter(stdin), bufio.NewReaderSize(stdout, 64<<10)
	return nil
}

// readOne reads one object's answer: its header, then its bytes, of which
// it keeps at most the limit.
func (b *Blobs) readOne(e entry) ([]byte, error) {
	header, err := b.out.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[1] != "blob" {
		return nil, fmt.Errorf("object %s is missing (%s)", e.object, strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("object %s: bad size %q", e.object, f[2])
	}
	data := make([]byte, min(size, b.limit))
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, err
	}
	if _, err := io.CopyN(io.Discard, b.out, size-int64(len(data))+1); err != nil { // and the newline
		return nil, err
	}
	return data, nil
}

// fail stops the process after an error: what it would say next cannot be
// trusted.
func (b *Blobs) fail(err error) error {
	b.broken = fmt.Errorf("%s: %w %s", b.what, err, strings.TrimSpace(b.stderr.String()))
	b.close()
	return b.broken
}

// Close ends the git process.
func (b *Blobs) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.close()
}

func (b *Blobs) close() error {
	if b.cmd == nil || b.stdin == nil {
		return nil
	}
	b.stdin.Close()
	b.stdin = nil
	_, _ = io.Copy(io.Discard, b.out)
	return b.cmd.Wait()
}
