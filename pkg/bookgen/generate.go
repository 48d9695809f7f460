package bookgen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/clientbook/clientbook/pkg/book"
)

// opportunityStream offsets the random streams of opportunities from those
// of clients, which use the client's index as their stream.
const opportunityStream = 1 << 62

// firmStream is the random stream of the firm file.
const firmStream = 1<<63 - 1

// ClientsPerOpportunity is how many clients there are per generated
// opportunity: a book of N clients has N/ClientsPerOpportunity of them.
const ClientsPerOpportunity = 20

// Generate writes a book of n clients into dir, which must be empty or not
// exist yet. The same dir contents come out for the same n, seed and today;
// client i's files do not depend on n.
func Generate(dir string, n int, seed uint64, today book.Date) error {
	if n < 0 {
		return fmt.Errorf("cannot generate %d clients", n)
	}
	if err := emptyDir(dir); err != nil {
		return err
	}
	for _, sub := range []string{"clients", "opportunities"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", sub, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "clientbook.yaml"), firmFile(seed), 0o644); err != nil {
		return fmt.Errorf("write clientbook.yaml: %w", err)
	}
	opps := n / ClientsPerOpportunity
	// One shared counter hands out work: clients first, then opportunities.
	// Each item's files depend only on its own random stream, so the order
	// in which workers take items never changes the output.
	var next atomic.Int64
	var (
		mu       sync.Mutex
		firstErr error
	)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &writer{root: dir}
			for {
				i := int(next.Add(1) - 1)
				var err error
				switch {
				case i < n:
					err = w.client(i, seed, today)
				case i < n+opps:
					err = w.opportunity(i-n, seed, today)
				default:
					return
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					// Stop the other workers early as well.
					next.Store(int64(n + opps))
					return
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// emptyDir creates dir, or checks that it exists and holds nothing, so that
// no file of an earlier, larger book is left behind.
func emptyDir(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create book folder: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("open book folder: %w", err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err == nil {
		return fmt.Errorf("%s is not empty: generate into a new or empty folder", dir)
	} else if !errors.Is(err, io.EOF) {
		return fmt.Errorf("read book folder: %w", err)
	}
	return nil
}

// writer writes one item's files, reusing its buffer from item to item.
type writer struct {
	root string
	b    buf
}

func (w *writer) write(rel string, data []byte) error {
	if err := os.WriteFile(filepath.Join(w.root, rel), data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

func (w *writer) mkdir(rel string) error {
	if err := os.Mkdir(filepath.Join(w.root, rel), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", rel, err)
	}
	return nil
}

func (w *writer) client(i int, seed uint64, today book.Date) error {
	c := newClient(i, seed, today)
	dir := "clients/" + c.id
	if err := w.mkdir(dir); err != nil {
		return err
	}
	w.b = c.clientFile(w.b[:0])
	if err := w.write(dir+"/client.yaml", w.b); err != nil {
		return err
	}
	if c.plan {
		w.b = c.planFile(w.b[:0])
		if err := w.write(dir+"/plan.yaml", w.b); err != nil {
			return err
		}
	}
	if len(c.engagements) > 0 {
		if err := w.mkdir(dir + "/engagements"); err != nil {
			return err
		}
		for k := range c.engagements {
			w.b = c.engagementFile(w.b[:0], k)
			if err := w.write(dir+"/engagements/"+c.engagements[k].id+".yaml", w.b); err != nil {
				return err
			}
		}
	}
	if len(c.reviews) > 0 {
		if err := w.mkdir(dir + "/reviews"); err != nil {
			return err
		}
		for k := range c.reviews {
			w.b = c.reviewFile(w.b[:0], k)
			if err := w.write(dir+"/reviews/"+strconv.Itoa(c.reviews[k].date.Year())+".yaml", w.b); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) opportunity(j int, seed uint64, today book.Date) error {
	id, data := opportunityFile(w.b[:0], j, seed, today)
	w.b = data
	return w.write("opportunities/"+id+".yaml", data)
}

// firmFile is clientbook.yaml: the team, a strategy and every settings
// section, some left at their defaults as real firms do.
func firmFile(seed uint64) []byte {
	r := newRNG(seed, firmStream)
	var b buf
	b.s("# yaml-language-server: $schema=.clientbook/schema/firm.json\n")
	b.s("apiVersion: clientbook/v1\nkind: Firm\n")
	b.s("# A generated book: one firm and its clients, for benchmarks and tests.\n")
	b.kv("", "name", r.pick(nameFirst)+" "+r.pick([]string{"Creative", "Partners", "Studio", "Collective"}))
	b.kv("", "currency", r.pick([]string{"GBP", "EUR"}))
	b.s("team:                          # referenced by id everywhere else\n")
	for _, p := range Team {
		b.s("  - {id: ", p.ID, ", name: ", p.Name, ", role: ", p.Role)
		if p.Senior {
			b.s(", senior: true")
		}
		b.s("}\n")
	}
	b.s("strategy:                      # agreed at the January away day\n")
	b.s("  industries: ")
	b.flowList(strategyIndustries)
	b.s("\n  geographies: ")
	b.flowList(strategyGeographies)
	b.s("\n  size: {min_employees: 50, max_employees: 5000}\n  services: ")
	b.flowList(strategyServices)
	b.s("\n")
	b.s(`economics:
  hourly_value: 150            # what an hour of senior time is worth elsewhere
  margin_floor: 0.15
  margin_target: 0.30
health:
  weights: {trust: 2}          # trust counts double; the others keep weight 1
  bands: {healthy: 70, watch: 50}
  round_window: 30d
  # stale_after: default 180d
matrix:
  broad: {services: 3, stakeholders: 5, team: 3}
cadence:
  touchpoint: 30d              # demanding clients override this with 14d
  review: 365d
  planning_meetings: 2
acceptance:
  accept_at: 70
  decline_below: 50
  required: [sponsor]
portfolio:
  weights: {health: 0.35, margin: 0.25, fit: 0.20, potential: 0.20}
rules: {}
`)
	return b
}

// DefaultToday is the date generated books are written as of unless told
// otherwise; benchmarks and tests pass it as --today.
const DefaultToday = "2026-11-23"
