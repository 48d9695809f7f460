package gitrev

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Write writes into dir (the book's root), with the book's layout, the
// files pick chooses by their client folder's name ("" for the book's own
// files, outside any client folder), and makes every client folder, so
// that a client whose files are left out is there, empty. It can be called
// again on the same dir to write what an earlier call left out. done, when
// not nil, is called with each client folder's name once its files are
// written, as they are.
func (t *Tree) Write(dir string, pick func(client string) bool, done func(client string), what string) error {
	var todo []entry
	made := map[string]bool{}
	for _, e := range t.entries {
		if e.client != "" && !made[e.client] && e.path != "clients/"+e.client {
			if len(made) == 0 {
				if err := os.MkdirAll(filepath.Join(dir, "clients"), 0o700); err != nil {
					return fmt.Errorf("%s: %v", what, err)
				}
			}
			made[e.client] = true
			if err := os.Mkdir(filepath.Join(dir, "clients", e.client), 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %v", what, err)
			}
		}
		if pick(e.client) {
			todo = append(todo, e)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	return writeAll(t.top, todo, dir, done, what)
}

// writeAll feeds the entries' object ids to one git cat-file --batch and
// writes each content where its path says under dir, calling done (when
// not nil) as each client folder's entries are written: a folder's are
// one run of git's sorted listing.
func writeAll(top string, entries []entry, dir string, done func(client string), what string) error {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = top
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: cannot start git cat-file: %v", what, err)
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range entries {
			fmt.Fprintf(w, "%s\n", e.object)
		}
		w.Flush()
		stdin.Close()
	}()
	w := &writer{rd: bufio.NewReaderSize(stdout, 64<<10), dir: dir, buf: make([]byte, 256<<10), made: map[string]bool{}}
	var firstErr error
	for i, e := range entries {
		if err := w.writeOne(e); err != nil {
			firstErr = fmt.Errorf("%s: reading %s from git: %w", what, e.path, err)
			break
		}
		if done != nil && e.client != "" && (i+1 == len(entries) || entries[i+1].client != e.client) {
			done(e.client)
		}
	}
	if firstErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return firstErr
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%s: git cat-file: %v %s", what, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// writer writes blobs as git cat-file hands them over: one buffer for
// every file's content, and each folder made once.
type writer struct {
	rd   *bufio.Reader
	dir  string
	buf  []byte
	made map[string]bool
}

func (w *writer) writeOne(e entry) error {
	header, err := w.rd.ReadString('\n')
	if err != nil {
		return err
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[1] != "blob" {
		return fmt.Errorf("object %s is missing (%s)", e.object, strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return fmt.Errorf("object %s: bad size %q", e.object, f[2])
	}
	target := filepath.Join(w.dir, filepath.FromSlash(e.path))
	if parent := filepath.Dir(target); !w.made[parent] {
		if err := os.MkdirAll(parent, 0o700); err != nil {
			return err
		}
		w.made[parent] = true
	}
	// A file larger than the loader reads is written all the same (the
	// loader reports it): in pieces, through the one buffer.
	out, link := io.Writer(nil), bytes.Buffer{}
	var file io.WriteCloser
	if e.mode == linkMode {
		out = &link
	} else {
		file, err = createExcl(target)
		if err != nil {
			return err
		}
		out = file
	}
	for left := size; left > 0 && err == nil; {
		n := int(min(left, int64(cap(w.buf))))
		if _, err = io.ReadFull(w.rd, w.buf[:n]); err == nil {
			_, err = out.Write(w.buf[:n])
		}
		left -= int64(n)
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	if e.mode == linkMode {
		if err := os.Symlink(link.String(), target); err != nil {
			return err
		}
	}
	_, err = w.rd.Discard(1) // the newline after the content
	return err
}
