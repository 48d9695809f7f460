package book

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/finding"
)

// Book is everything read from a book's folder.
type Book struct {
	Root          string // absolute path of the folder holding clientbook.yaml
	Firm          *Firm  // nil when clientbook.yaml could not be read
	Settings      *Settings
	Clients       []*Client      // every readable client.yaml, by id
	Opportunities []*Opportunity // every readable opportunity, by id then path
	Findings      []finding.Finding
	Files         int // YAML files read
}

// Client returns the client with the given id.
func (b *Book) Client(id ID) *Client {
	i, ok := slices.BinarySearchFunc(b.Clients, id, func(c *Client, id ID) int { return cmp.Compare(c.ID.Value, id) })
	if !ok {
		return nil
	}
	return b.Clients[i]
}

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
}

// result is what decoding one file produced.
type result struct {
	value    any // *Firm, *Client, ... or nil when the file could not be parsed
	findings []finding.Finding
}

// Load reads the book rooted at root. It fails only when the root itself
// cannot be opened; every problem inside the book becomes a finding.
func Load(root string) (*Book, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("cannot open the book folder %s: %s", root, reason(err))
	}
	defer r.Close()
	l := &loader{root: r}
	jobs := l.list()
	results := l.decodeAll(jobs)
	b := l.assemble(jobs, results)
	b.Root = root
	b.Findings = append(b.Findings, l.findings...)
	crossCheck(b)
	b.Findings = finding.ApplySeverities(b.Findings, b.Settings.Severities)
	finding.Sort(b.Findings)
	return b, nil
}

type loader struct {
	root     *os.Root
	findings []finding.Finding
}

func (l *loader) add(rule, p string, pos Pos, format string, args ...any) {
	r, _ := finding.Lookup(rule)
	l.findings = append(l.findings, finding.Finding{Rule: rule, Severity: r.Default, Path: p, Line: pos.Line, Column: pos.Column, Message: fmt.Sprintf(format, args...)})
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
	// bad marks an entry that is there but cannot be read as a file or
	// folder (a pipe, a device, a link out of the book); it has been
	// reported, and is listed only so that callers do not also report it
	// as missing.
	bad bool
}

// readDir lists dir (relative) sorted by name, skipping hidden names and
// reporting entries that cannot be used. ok is false when the folder itself
// cannot be read, which has been reported too.
func (l *loader) readDir(dir string) (out []entry, ok bool) {
	f, err := l.root.Open(dir)
	if err != nil {
		l.add("CB001", dir, Pos{}, "cannot read folder: %s", reason(err))
		return nil, false
	}
	defer f.Close()
	des, err := f.ReadDir(-1)
	if err != nil {
		l.add("CB001", dir, Pos{}, "cannot read folder: %s", reason(err))
		return nil, false
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
		if mode&fs.ModeSymlink != 0 {
			fi, err := l.root.Stat(p)
			if err != nil {
				if isYAML(name) || !strings.Contains(name, ".") {
					l.add("CB001", p, Pos{}, "cannot follow link: %s", reason(err))
					out = append(out, entry{name: name, bad: true})
				}
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			out = append(out, entry{name: name, isDir: true})
		case mode.IsRegular():
			out = append(out, entry{name: name})
		default:
			if isYAML(name) {
				l.add("CB001", p, Pos{}, "not a regular file (a device, pipe or socket): replace it with a plain file")
				out = append(out, entry{name: name, bad: true})
			}
		}
	}
	slices.SortFunc(out, func(a, b entry) int { return cmp.Compare(a.name, b.name) })
	return out, true
}

// yamlFiles lists the YAML files of dir, reporting a folder named like one:
// clientbook reads only files there, and a folder so named is a mistake
// (or something made to look like a file).
func (l *loader) yamlFiles(dir string) []string {
	entries, _ := l.readDir(dir)
	var names []string
	for _, e := range entries {
		switch {
		case e.bad || !isYAML(e.name):
		case e.isDir:
			l.notAFile(dir + "/" + e.name)
		default:
			names = append(names, e.name)
		}
	}
	return names
}

func (l *loader) notAFile(p string) {
	l.add("CB001", p, Pos{}, "is a folder, not a file: clientbook reads a file by this name; rename or remove the folder")
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

// list walks the layout of SPEC §1 and returns the files to read, in a
// fixed order.
func (l *loader) list() []job {
	var jobs []job
	top, _ := l.readDir(".")
	for _, e := range top {
		if !e.isDir && !e.bad && (e.name == FirmFiles[0] || e.name == FirmFiles[1]) {
			jobs = append(jobs, job{path: e.name, kind: kindFirm})
		}
	}
	if exists, isDir := l.isDirAt("clients"); exists && !isDir {
		l.add("CB006", "clients", Pos{}, "clients must be a folder holding one folder per client")
	} else if exists {
		clients, _ := l.readDir("clients")
		for _, c := range clients {
			dir := "clients/" + c.name
			switch {
			case c.bad:
			case !c.isDir:
				if isYAML(c.name) {
					l.add("CB006", dir, Pos{}, "a client's files belong in its own folder: move it to clients/%s/client.yaml", stem(c.name))
				}
			default:
				jobs = append(jobs, l.listClient(dir)...)
			}
		}
	}
	if exists, isDir := l.isDirAt("opportunities"); exists && !isDir {
		l.add("CB006", "opportunities", Pos{}, "opportunities must be a folder of opportunity files")
	} else if exists {
		for _, name := range l.yamlFiles("opportunities") {
			jobs = append(jobs, job{path: "opportunities/" + name, kind: kindOpportunity})
		}
	}
	return jobs
}

func (l *loader) listClient(dir string) []job {
	var jobs []job
	entries, ok := l.readDir(dir)
	// A client.yaml that is there but cannot be read has been reported;
	// so has a folder that cannot be listed. Neither is also "missing".
	hasClient := !ok
	for _, e := range entries {
		p := dir + "/" + e.name
		isClient := isYAML(e.name) && stem(e.name) == "client"
		known := isClient || isYAML(e.name) && stem(e.name) == "plan"
		switch {
		case e.bad:
			hasClient = hasClient || isClient
		case e.isDir && (e.name == "engagements" || e.name == "reviews"):
			kind := kindEngagement
			if e.name == "reviews" {
				kind = kindReview
			}
			for _, name := range l.yamlFiles(p) {
				jobs = append(jobs, job{path: p + "/" + name, kind: kind})
			}
		case e.isDir && known:
			l.notAFile(p)
			hasClient = hasClient || isClient
		case e.isDir:
			// Other folders (briefs, assets) are the user's business.
		case stem(e.name) == "client" && isYAML(e.name):
			hasClient = true
			jobs = append(jobs, job{path: p, kind: kindClient})
		case stem(e.name) == "plan" && isYAML(e.name):
			jobs = append(jobs, job{path: p, kind: kindPlan})
		case isYAML(e.name):
			l.add("CB006", p, Pos{}, "clientbook does not know this file: a client folder holds client.yaml, plan.yaml, engagements/ and reviews/")
		}
	}
	if !hasClient {
		l.add("CB004", dir, Pos{}, "client folder has no client.yaml: add one (clientbook new client %s) or remove the folder", path.Base(dir))
	}
	return jobs
}

// decodeAll reads and decodes the files with a pool of GOMAXPROCS workers;
// results are indexed like jobs so the order never depends on scheduling.
// A panic in a worker (a bug) is carried back and raised again here, in the
// caller's goroutine, where the program's recover turns it into exit code 3
// instead of a crash with a stack trace of every goroutine.
func (l *loader) decodeAll(jobs []job) []result {
	results := make([]result, len(jobs))
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	decode := func(i int) {
		defer func() {
			if r := recover(); r != nil {
				mu.Lock()
				if panicked == nil {
					panicked = fmt.Sprintf("reading %s: %v", jobs[i].path, r)
				}
				mu.Unlock()
			}
		}()
		results[i] = l.decodeFile(jobs[i])
	}
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				decode(i)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return results
}

// errNotRegular is readFile's error for a file that turned into something
// else (a pipe, a device) between listing and reading.
var errNotRegular = errors.New("not a regular file (a device, pipe or socket): replace it with a plain file")

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

func readRegular(r *os.Root, p string) ([]byte, error) {
	// Opened without blocking, so that a pipe put in the file's place after
	// the folder was listed cannot hang the loader; a regular file reads
	// the same either way.
	f, err := r.OpenFile(p, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	// Read one byte past the limit so an oversized file is recognised
	// without reading all of it.
	return io.ReadAll(io.LimitReader(f, MaxFileSize+1))
}

// decodeFile reads one file and decodes it into the model of its kind.
func (l *loader) decodeFile(j job) result {
	data, err := l.readFile(j.path)
	d := &decoder{path: j.path}
	if err != nil {
		if errors.Is(err, errNotRegular) {
			d.reportAt("CB001", Pos{}, "%v", err)
		} else {
			d.reportAt("CB001", Pos{}, "cannot read file: %s", reason(err))
		}
		return result{findings: d.findings}
	}
	root, problems := parseDocument(data)
	for _, p := range problems {
		d.reportAt("CB001", p.pos, "%s", p.msg)
	}
	if root == nil {
		return result{findings: d.findings}
	}
	value := decodeKind(d, root, j.kind)
	return result{value: value, findings: d.findings}
}

// decodeKind checks the file's kind against its place and decodes it.
func decodeKind(d *decoder, root *yaml.Node, want fileKind) any {
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "kind" {
				v := root.Content[i+1]
				if v.Kind == yaml.ScalarNode && v.Value != string(want) && v.Tag != "!!null" {
					d.report("CB006", v, "kind %s does not belong at %s: a file here must be kind: %s", v.Value, d.path, want)
					return nil
				}
			}
		}
	}
	var target any
	switch want {
	case kindFirm:
		target = &Firm{Path: d.path}
	case kindClient:
		target = &Client{Path: d.path}
	case kindPlan:
		target = &Plan{Path: d.path}
	case kindEngagement:
		target = &Engagement{Path: d.path}
	case kindReview:
		target = &Review{Path: d.path}
	case kindOpportunity:
		target = &Opportunity{Path: d.path}
	}
	d.decodeStruct(root, reflect.ValueOf(target).Elem(), string(want))
	return target
}
