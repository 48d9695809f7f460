package load

import (
	"errors"
	"os"
	"path"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/fsafe"
	"github.com/clientbook/clientbook/pkg/internal/parse"
)

// Reading one file of the book, safely, and decoding it as the kind its
// place says it holds.

func (l *loader) readFile(p string) ([]byte, error) {
	return readRegular(l.root, p)
}

// ReadFile reads the file rel (slash-separated) of the book rooted at root
// the way the loader reads it: inside the root, so never through a link out
// of the book; without blocking on a pipe; a regular file only; and at most
// MaxFileSize+1 bytes of it.
func ReadFile(root, rel string) ([]byte, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readRegular(r, rel)
}

// readRegular reads one byte past the limit, so that an oversized file is
// recognised without reading all of it.
func readRegular(r *os.Root, p string) ([]byte, error) {
	return fsafe.ReadRegular(r, p, MaxFileSize+1)
}

// read reads a job's file: by name from its open folder when it has one,
// into buf, else through the root.
func (l *loader) read(j job, buf []byte) ([]byte, error) {
	if l.mem != nil {
		return l.mem.read(j.path)
	}
	if j.in.Open {
		data, err := fsafe.ReadChild(j.in, path.Base(j.path), buf, MaxFileSize+1)
		if !errors.Is(err, fsafe.ErrFollow) {
			return data, err
		}
	}
	return l.readFile(j.path)
}

// decodeFile reads one file and decodes it into the model of its kind.
// buf is scratch space for the file's bytes, reused across calls: nothing
// decoded refers to it.
func (l *loader) decodeFile(j job, buf *[]byte) result {
	data, err := l.read(j, *buf)
	if err == nil && l.mem == nil && cap(data) > cap(*buf) && cap(data) <= MaxFileSize+1 {
		*buf = data[:0]
	}
	d := &decoder{path: j.path}
	if err != nil {
		if errors.Is(err, fsafe.ErrNotRegular) {
			d.reportAt(CB001, book.Pos{}, "%v", err)
		} else {
			d.reportAt(CB001, book.Pos{}, "cannot read file: %s", reason(err))
		}
		return d.result(nil)
	}
	// The tree is garbage once decoded: the budget covers parsing and
	// decoding, not the model value kept after.
	held := parseBudget.acquire(len(data))
	defer parseBudget.release(held)
	root, problems := parse.Document(data)
	for _, p := range problems {
		d.reportAt(CB001, book.Pos(p.Pos), "%s", p.Msg)
	}
	if root == nil {
		return d.result(nil)
	}
	return d.result(decodeKind(d, root, j.kind))
}

// decodeKind checks the file's kind against its place and decodes it.
func decodeKind(d *decoder, root *yaml.Node, want fileKind) any {
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "kind" {
				v := root.Content[i+1]
				if v.Kind == yaml.ScalarNode && v.Value != string(want) && v.Tag != "!!null" {
					d.report(CB006, v, "kind %s does not belong at %s: a file here must be kind: %s", v.Value, d.path, want)
					return nil
				}
			}
		}
	}
	var target any
	switch want {
	case kindFirm:
		target = &book.Firm{Path: d.path}
	case kindClient:
		target = &book.Client{Path: d.path}
	case kindPlan:
		target = &book.Plan{Path: d.path}
	case kindEngagement:
		target = &book.Engagement{Path: d.path}
	case kindReview:
		target = &book.Review{Path: d.path}
	case kindOpportunity:
		target = &book.Opportunity{Path: d.path}
	}
	d.decodeStruct(root, reflect.ValueOf(target).Elem(), string(want))
	return target
}
