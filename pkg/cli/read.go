package cli

import (
	"strconv"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/codec"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// load finds and reads the whole book. With warn it warns on stderr when
// the book has errors, and goes on with what could be read; the read
// commands load without, and call warnRead to name what they left out.
func (e *env) load(warn bool) (*book.Book, error) {
	r, err := e.root()
	if err != nil {
		return nil, err
	}
	b, err := load.Load(r)
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	if warn {
		e.warnErrors(b)
	}
	return b, nil
}

// stream finds the book and reads it client by client (load.Stream),
// keeping only what reduce returns of each: the commands that go over every
// client of a large book (portfolio, health, due) run in memory for a few
// clients at a time. keepFindings is streamOptions'. With a non-nil
// salt the clients' results are cached between runs (see cache.go); salt
// is what they depend on besides the client's files, the firm's file and
// the day, and what reduce returns must round-trip through pkg/internal/codec.
func stream[T any](e *env, keepFindings bool, salt []string, reduce func(*book.Client, *book.Settings) T) (*book.Book, []T, error) {
	r, opts, err := e.streamOptions(keepFindings, salt)
	if err != nil {
		return nil, nil, err
	}
	b, values, err := load.Stream(r, opts, reduce)
	if err != nil {
		return nil, nil, &usageError{msg: err.Error()}
	}
	return b, values, nil
}

// streamOptions finds the book and sets how to read it. With keepFindings
// (check) every structural finding is kept, and the stand-ins of clients
// whose client.yaml could not be read are reduced too, so that their other
// files are checked; otherwise the findings are only counted, for the
// command to warn about (warnRead), and the stand-ins are only in
// Book.LeftOut.
func (e *env) streamOptions(keepFindings bool, salt []string) (string, load.Options, error) {
	r, err := e.treeBook()
	if err != nil {
		return "", load.Options{}, err
	}
	opts := load.Options{Unread: keepFindings}
	if !keepFindings {
		opts.Keep = func(finding.Finding) bool { return false }
	}
	switch {
	case e.at != "":
		// The revision's client folders come from the history cache, or
		// are written as they are read.
		rb, err := e.atRevBook(r)
		if err != nil {
			return "", load.Options{}, err
		}
		if err := e.readOptions(rb, r, &opts); err != nil {
			return "", load.Options{}, err
		}
		r = rb.dir
	case salt != nil:
		opts.Cache, opts.Codec = e.cache(r, salt), codec.Binary{}
	}
	if w := e.getenv("CLIENTBOOK_WORKERS"); w != "" {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			return "", load.Options{}, usagef("CLIENTBOOK_WORKERS=%q: give the number of folders to read at once, 1 or more", w)
		}
		opts.Workers = n
	}
	return r, opts, nil
}
