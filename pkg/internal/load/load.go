package load

import (
	"cmp"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/fsafe"
)

// fileKind is what a file's place in the book says it must hold.
type fileKind string

const (
	kindFirm        fileKind = "Firm"
	kindClient      fileKind = "Client"
	kindPlan        fileKind = "AccountPlan"
	kindEngagement  fileKind = "Engagement"
	kindReview      fileKind = "Review"
	kindOpportunity fileKind = "Opportunity"
)

// job is one file to read and decode.
type job struct {
	path string // relative, slash-separated
	kind fileKind
	// in is the open folder the file was listed in, when it can be opened
	// from there by name; the zero folder otherwise, and the file is opened
	// from the book's root by path.
	in folder
}

// folder is a folder of the book held open while its files are read (see
// fsafe).
type folder = fsafe.Folder

// result is what decoding one file produced.
type result struct {
	value    any // *Firm, *Client, ... or nil when the file could not be parsed
	findings []finding.Finding
}

type loader struct {
	root     *os.Root
	findings []finding.Finding
	// mem, when set, holds the client folder being read, as blobs: it is
	// listed and read from there instead of from disk.
	mem *memFolder
}

func (l *loader) add(rule *finding.Rule, p string, pos book.Pos, format string, args ...any) {
	l.findings = append(l.findings, rule.At(p, pos.Line, pos.Column, format, args...))
}

// reason turns a file-system error into a short, user-facing phrase.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; check the permissions"
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist"
	case strings.Contains(err.Error(), "escapes"):
		return "it points outside the book (symbolic links are not followed out of the book)"
	case strings.Contains(err.Error(), "not a directory"):
		return "it is not a folder"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// entry is a listed directory entry, resolved through symlinks inside the root.
type entry struct {
	name  string
	isDir bool
	// link marks an entry that is a symbolic link (resolved inside the
	// book); it is opened through the root, never by name from its folder.
	link bool
	// bad marks an entry that is there but cannot be read as a file or
	// folder (a pipe, a device, a link out of the book); it has been
	// reported, and is listed only so that callers do not also report it
	// as missing.
	bad bool
}

// openDir opens the folder dir (relative) for listing: by name from its
// open parent when it has one and is not a link, else through the root.
func (l *loader) openDir(parent folder, dir string, link bool) (*os.File, error) {
	if parent.Open && !link {
		f, err := fsafe.OpenChildDir(parent, path.Base(dir))
		if !errors.Is(err, fsafe.ErrFollow) {
			return f, err
		}
	}
	return l.root.Open(dir)
}

// readDir lists dir (relative) sorted by name, skipping hidden names and
// reporting entries that cannot be used. The folder is left open for
// reading its files by name; the caller closes it. ok is false when the
// folder itself cannot be read, which has been reported too.
func (l *loader) readDir(parent folder, dir string, link bool) (f *os.File, out []entry, ok bool) {
	if l.mem != nil {
		es, err := l.mem.list(dir)
		if err != nil {
			l.add(CB001, dir, book.Pos{}, "cannot read folder: %s", reason(err))
			return nil, nil, false
		}
		return nil, es, true
	}
	f, err := l.openDir(parent, dir, link)
	if err != nil {
		l.add(CB001, dir, book.Pos{}, "cannot read folder: %s", reason(err))
		return nil, nil, false
	}
	des, err := f.ReadDir(-1)
	if err != nil {
		f.Close()
		l.add(CB001, dir, book.Pos{}, "cannot read folder: %s", reason(err))
		return nil, nil, false
	}
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := path.Join(dir, name)
		// The type comes from the listing, without opening the entry:
		// opening a pipe would block until something writes to it.
		mode := de.Type()
		link := mode&fs.ModeSymlink != 0
		if link {
			fi, err := l.root.Stat(p)
			if err != nil {
				if isYAML(name) || !strings.Contains(name, ".") {
					l.add(CB001, p, book.Pos{}, "cannot follow link: %s", reason(err))
					out = append(out, entry{name: name, bad: true})
				}
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			out = append(out, entry{name: name, isDir: true, link: link})
		case mode.IsRegular():
			out = append(out, entry{name: name, link: link})
		default:
			if isYAML(name) {
				l.add(CB001, p, book.Pos{}, "not a regular file (a device, pipe or socket): replace it with a plain file")
				out = append(out, entry{name: name, bad: true})
			}
		}
	}
	slices.SortFunc(out, func(a, b entry) int { return cmp.Compare(a.name, b.name) })
	return f, out, true
}

// noFolder is the handle for files opened through the root.
var noFolder = folder{}

// yamlFiles lists the YAML files of dir as jobs of kind, reporting a folder
// named like one: clientbook reads only files there, and a folder so named
// is a mistake (or something made to look like a file). The returned file,
// when not nil, is the open folder the jobs read from; the caller closes it.
func (l *loader) yamlFiles(parent folder, dir string, link bool, kind fileKind) (*os.File, []job) {
	f, entries, _ := l.readDir(parent, dir, link)
	in := fsafe.OpenFolder(f, dir)
	var jobs []job
	for _, e := range entries {
		switch {
		case e.bad || !isYAML(e.name):
		case e.isDir:
			l.notAFile(dir + "/" + e.name)
		default:
			j := job{path: dir + "/" + e.name, kind: kind, in: in}
			if e.link {
				j.in = noFolder
			}
			jobs = append(jobs, j)
		}
	}
	return f, jobs
}

func (l *loader) notAFile(p string) {
	l.add(CB001, p, book.Pos{}, "is a folder, not a file: clientbook reads a file by this name; rename or remove the folder")
}

func isYAML(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

func stem(name string) string {
	return strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml")
}

// isDirAt reports whether rel is a folder inside the root.
func (l *loader) isDirAt(rel string) (exists, isDir bool) {
	fi, err := l.root.Stat(rel)
	if err != nil {
		return false, false
	}
	return true, fi.IsDir()
}

// layout is the top of a book per SPEC §1: the firm's file(s), the client
// folders and the opportunity files, in a fixed order.
type layout struct {
	firm          []job
	clientsDir    *os.File // open clients/ folder; nil when there is none
	clients       []entry  // client folders, by name
	opportunities []job
	closers       []io.Closer
}

func (t *layout) Close() {
	for _, c := range t.closers {
		c.Close()
	}
}

// list walks the top of the book.
func (l *loader) list() *layout {
	t := &layout{}
	top, topEntries, _ := l.readDir(noFolder, ".", false)
	if top != nil {
		top.Close()
	}
	for _, e := range topEntries {
		switch {
		case e.bad || !slices.Contains(FirmFiles, e.name):
		case e.isDir:
			// Beside the other name's file (else FindRoot refused the
			// book): a folder named like the firm's file is a mistake.
			l.notAFile(e.name)
		default:
			t.firm = append(t.firm, job{path: e.name, kind: kindFirm, in: noFolder})
		}
	}
	if exists, isDir := l.isDirAt("clients"); exists && !isDir {
		l.add(CB006, "clients", book.Pos{}, "clients must be a folder holding one folder per client")
	} else if exists {
		f, clients, _ := l.readDir(noFolder, "clients", false)
		if f != nil {
			t.clientsDir = f
			t.closers = append(t.closers, f)
		}
		for _, c := range clients {
			dir := "clients/" + c.name
			switch {
			case c.bad:
			case !c.isDir:
				if isYAML(c.name) {
					l.add(CB006, dir, book.Pos{}, "a client's files belong in its own folder: move it to clients/%s/client.yaml", stem(c.name))
				}
			default:
				t.clients = append(t.clients, c)
			}
		}
	}
	if exists, isDir := l.isDirAt("opportunities"); exists && !isDir {
		l.add(CB006, "opportunities", book.Pos{}, "opportunities must be a folder of opportunity files")
	} else if exists {
		f, jobs := l.yamlFiles(noFolder, "opportunities", false, kindOpportunity)
		if f != nil {
			t.closers = append(t.closers, f)
		}
		t.opportunities = jobs
	}
	return t
}

// listClient lists the files of one client folder. The folders it opened
// stay open for reading the files by name; close them with closeAll.
func (l *loader) listClient(clients folder, c entry) (jobs []job, open []*os.File) {
	dir := "clients/" + c.name
	f, entries, ok := l.readDir(clients, dir, c.link)
	if f != nil {
		open = append(open, f)
	}
	in := fsafe.OpenFolder(f, dir)
	// A client.yaml that is there but cannot be read has been reported;
	// so has a folder that cannot be listed. Neither is also "missing".
	hasClient := !ok
	for _, e := range entries {
		p := dir + "/" + e.name
		isClient := isYAML(e.name) && stem(e.name) == "client"
		known := isClient || isYAML(e.name) && stem(e.name) == "plan"
		fileIn := in
		if e.link {
			fileIn = noFolder
		}
		switch {
		case e.bad:
			hasClient = hasClient || isClient
		case e.isDir && (e.name == "engagements" || e.name == "reviews"):
			kind := kindEngagement
			if e.name == "reviews" {
				kind = kindReview
			}
			sub, subJobs := l.yamlFiles(in, p, e.link, kind)
			if sub != nil {
				open = append(open, sub)
			}
			jobs = append(jobs, subJobs...)
		case e.isDir && known:
			l.notAFile(p)
			hasClient = hasClient || isClient
		case e.isDir:
			// Other folders (briefs, assets) are the user's business.
		case isClient:
			hasClient = true
			jobs = append(jobs, job{path: p, kind: kindClient, in: fileIn})
		case stem(e.name) == "plan" && isYAML(e.name):
			jobs = append(jobs, job{path: p, kind: kindPlan, in: fileIn})
		case isYAML(e.name):
			l.add(CB006, p, book.Pos{}, "clientbook does not know this file: a client folder holds client.yaml, plan.yaml, engagements/ and reviews/")
		}
	}
	if !hasClient {
		l.add(CB004, dir, book.Pos{}, "client folder has no client.yaml: add one (clientbook new client %s) or remove the folder", c.name)
	}
	return jobs, open
}

func closeAll(files []*os.File) {
	for _, f := range files {
		f.Close()
	}
}
