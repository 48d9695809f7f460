package cli

import (
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// A revision's book is written into a temporary folder (at.go), which
// must not outlive the run: env.done removes it when the command ends, an
// interrupt (Ctrl-C, SIGTERM, SIGHUP) removes it before the process exits,
// and a run killed outright (SIGKILL, a power cut) leaves one that the
// next run that writes a revision removes (sweepTemp).

// tempPrefix starts the name of every such folder, followed by the
// process id of the run that made it.
const tempPrefix = "clientbook-at-"

// temps are the folders to remove, and the signal handler that removes
// them, installed with the first folder.
type temps struct {
	mu       sync.Mutex
	dirs     []string
	signals  chan os.Signal
	finished chan struct{}
	// background is the work the run does while it goes on (removeSoon,
	// inBackground), which done waits for.
	background sync.WaitGroup
	// closers end what the run started (a git process), in done.
	closers []func()
}

// atDone has f run when the run is done, before its folders are removed.
func (e *env) atDone(f func()) {
	e.temps.mu.Lock()
	defer e.temps.mu.Unlock()
	e.temps.closers = append(e.temps.closers, f)
}

// removeSoon starts removing dir, which the run no longer reads, while the
// run goes on; done waits for it (and an interrupt removes it anyway).
func (e *env) removeSoon(dir string) {
	e.inBackground(func() { _ = os.RemoveAll(dir) })
}

// inBackground runs f while the run goes on; the run ends when it is done.
func (e *env) inBackground(f func()) { e.temps.background.Go(f) }

// removeOnExit has dir removed when the run ends, however it ends short
// of SIGKILL.
func (e *env) removeOnExit(dir string) {
	t := &e.temps
	t.mu.Lock()
	defer t.mu.Unlock()
	t.dirs = append(t.dirs, dir)
	if t.signals != nil {
		return
	}
	t.signals, t.finished = make(chan os.Signal, 1), make(chan struct{})
	signal.Notify(t.signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func(signals chan os.Signal, finished chan struct{}) {
		select {
		case sig := <-signals:
			t.removeAll()
			// As a shell reports a process a signal ended: 128 + its
			// number.
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-finished:
		}
	}(t.signals, t.finished)
}

// removeAll removes the folders.
func (t *temps) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, d := range t.dirs {
		_ = os.RemoveAll(d)
	}
	t.dirs = nil
}

// done removes what the run left in temporary folders, and stops
// watching for signals.
func (e *env) done() {
	t := &e.temps
	t.background.Wait()
	t.mu.Lock()
	closers := t.closers
	t.closers = nil
	t.mu.Unlock()
	for _, f := range closers {
		f()
	}
	t.removeAll()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.signals != nil {
		signal.Stop(t.signals)
		close(t.finished)
		t.signals = nil
	}
}

// sweepTemp removes, from place, the folders of runs that are gone: the
// process whose id a folder's name holds no longer exists.
func sweepTemp(place string) {
	entries, err := os.ReadDir(place)
	if err != nil {
		return
	}
	for _, en := range entries {
		rest, ok := strings.CutPrefix(en.Name(), tempPrefix)
		if !ok || !en.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(place, en.Name()))
	}
}
