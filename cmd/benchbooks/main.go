// Command benchbooks measures clientbook on generated books of 1k, 10k and
// 100k clients against the read floor, the time and memory it takes just to
// read the same files:
//
//	find BOOK -type f -print0 | xargs -0 cat > /dev/null
//
// It builds clientbook, generates each book under -dir (reusing one already
// generated for the same size, seed and date), reads the book once to warm
// the page cache, then runs the floor and each command -runs times and
// prints the median wall time, CPU time and peak RSS of each, with the ratio
// of each command's wall time to the floor's. These runs read every file:
// clientbook's cache of per-client results is off (CLIENTBOOK_CACHE=off).
// With -compare-gc (the default) each command is run again with GOGC=100,
// Go's default collector, which turns clientbook's own GC tuning off; with
// -cached (the default) it is run once more to fill a fresh cache, then
// timed on the unchanged book with that cache. Run it from the module root
// (make bench-books).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "benchbooks: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	sizes    []int
	seed     uint64
	runs     int
	dir      string
	today    string
	commands []string
	// compareGC also times each command with Go's default collector
	// (GOGC=100, which clientbook leaves alone), to show what its own
	// tuning does.
	compareGC bool
	// cached also times a second run of each command on the unchanged
	// book, with the cache of per-client results the first run wrote.
	cached bool
	// history are the sizes of the history benchmark (benchHistory).
	history []int
}

// noCache turns clientbook's cache of per-client results off, so that a
// run reads every file.
const noCache = "CLIENTBOOK_CACHE=off"

func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("benchbooks", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("sizes", "1000,10000,100000", "comma-separated book sizes in clients")
	commands := fl.String("commands", "portfolio,check,due", "comma-separated clientbook commands to time")
	history := fl.String("history", "2000,10000", "comma-separated book sizes for the history benchmark (--at, diff); empty for none")
	opts := options{}
	fl.Uint64Var(&opts.seed, "seed", 1, "generator seed")
	fl.IntVar(&opts.runs, "runs", 3, "runs of each command; the median is shown")
	fl.BoolVar(&opts.compareGC, "compare-gc", true, "also time each command with Go's default GC (GOGC=100) instead of clientbook's tuning")
	fl.BoolVar(&opts.cached, "cached", true, "also time a second run of each command that uses the cache the first one wrote")
	fl.StringVar(&opts.dir, "dir", filepath.Join(os.TempDir(), "clientbook-bench"), "folder for the binary and the generated books")
	fl.StringVar(&opts.today, "today", bookgen.DefaultToday, "the date books are generated as of and commands run on")
	var err error
	if err = fl.Parse(args); err != nil {
		return err
	}
	if opts.sizes, err = parseSizes("-sizes", *sizes); err != nil {
		return err
	}
	if opts.history, err = parseSizes("-history", *history); err != nil {
		return err
	}
	opts.commands = strings.Split(*commands, ",")
	if opts.runs < 1 {
		return errors.New("-runs must be at least 1")
	}
	today, err := book.ParseDate(opts.today)
	if err != nil {
		return fmt.Errorf("-today: %w", err)
	}
	if err := os.MkdirAll(opts.dir, 0o755); err != nil {
		return err
	}

	bin := filepath.Join(opts.dir, "clientbook")
	fmt.Fprintf(stderr, "building %s\n", bin)
	build := exec.Command("go", "build", "-o", bin, "./cmd/clientbook")
	build.Stdout, build.Stderr = stderr, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build clientbook (run from the module root): %w", err)
	}
	cmds, note := availableCommands(bin, opts.commands)
	printMachine(stdout)
	if note != "" {
		fmt.Fprintln(stdout, note)
	}

	for _, n := range opts.sizes {
		dir, genTime, err := ensureBook(opts, n, today, stderr)
		if err != nil {
			return err
		}
		files, size, err := du(dir)
		if err != nil {
			return err
		}
		gen := "reused"
		if genTime > 0 {
			gen = "generated in " + genTime.Round(10*time.Millisecond).String()
		}
		fmt.Fprintf(stdout, "\n%d clients: %d files, %.1f MiB, seed %d (%s), %s\n", n, files, float64(size)/(1<<20), opts.seed, gen, dir)

		floor := []string{"sh", "-c", `find "$1" -type f -print0 | xargs -0 cat > /dev/null`, "sh", dir}
		if _, err := measure(floor, nil); err != nil { // warm the page cache
			return fmt.Errorf("read floor: %w", err)
		}
		floorM, err := median(opts.runs, floor, nil)
		if err != nil {
			return fmt.Errorf("read floor: %w", err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "command\twall\tcpu\tpeak RSS\twall/floor\tRSS/floor\t")
		row := func(name string, m measurement) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f MiB\t%.2fx\t%.1fx\t\n", name, secs(m.wall), secs(m.cpu), m.rssMiB(),
				m.wall.Seconds()/floorM.wall.Seconds(), m.rssMiB()/floorM.rssMiB())
		}
		row("read floor", floorM)
		for _, c := range cmds {
			fmt.Fprintf(stderr, "%d clients: %s\n", n, c)
			argv := []string{bin, c, "--book", dir, "--today", opts.today}
			// The cold runs read every file: no cache.
			m, err := median(opts.runs, argv, []string{noCache})
			if err != nil {
				return fmt.Errorf("%s on %d clients: %w", c, n, err)
			}
			row(c, m)
			if opts.compareGC {
				m, err := median(opts.runs, argv, []string{noCache, "GOGC=100"})
				if err != nil {
					return fmt.Errorf("%s on %d clients: %w", c, n, err)
				}
				row(c+" (GOGC=100)", m)
			}
			if opts.cached {
				// A fresh cache, filled by one run, then the runs that use it.
				cache := []string{"CLIENTBOOK_CACHE=" + filepath.Join(opts.dir, "cache")}
				if err := os.RemoveAll(filepath.Join(opts.dir, "cache")); err != nil {
					return err
				}
				if _, err := measure(argv, cache); err != nil {
					return fmt.Errorf("%s on %d clients: %w", c, n, err)
				}
				m, err := median(opts.runs, argv, cache)
				if err != nil {
					return fmt.Errorf("%s on %d clients: %w", c, n, err)
				}
				row(c+" (cached)", m)
			}
		}
		tw.Flush()
	}
	for _, n := range opts.history {
		if err := benchHistory(opts, bin, n, today, stdout, stderr); err != nil {
			return err
		}
	}
	return nil
}

// parseSizes reads a flag's comma-separated numbers of clients; empty is
// none.
func parseSizes(flagName, text string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(text, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: %q is not a number of clients", flagName, s)
		}
		out = append(out, n)
	}
	return out, nil
}

// availableCommands drops the commands this clientbook does not have; for a
// missing portfolio it times health instead, and says so.
func availableCommands(bin string, want []string) (cmds []string, note string) {
	for _, c := range want {
		if exec.Command(bin, c, "--help").Run() == nil {
			cmds = append(cmds, c)
			continue
		}
		if c == "portfolio" && exec.Command(bin, "health", "--help").Run() == nil {
			cmds = append(cmds, "health")
			note = "note: this clientbook has no portfolio command yet; timing health instead"
			continue
		}
		note = strings.TrimSpace(note + "\nnote: this clientbook has no " + c + " command; skipped")
	}
	return cmds, note
}

// ensureBook returns the folder of the book of n clients, generating it
// unless a finished one for the same size, seed and date is already there.
func ensureBook(opts options, n int, today book.Date, stderr io.Writer) (string, time.Duration, error) {
	name := fmt.Sprintf("book-%d-seed%d-%s", n, opts.seed, opts.today)
	dir := filepath.Join(opts.dir, name)
	// The stamp is written last, so a book whose generation was cut short
	// is never reused.
	stamp := dir + ".done"
	if _, err := os.Stat(stamp); err == nil {
		return dir, 0, nil
	}
	fmt.Fprintf(stderr, "generating %d clients into %s\n", n, dir)
	if err := os.RemoveAll(dir); err != nil {
		return "", 0, err
	}
	start := time.Now()
	if err := bookgen.Generate(dir, n, opts.seed, today); err != nil {
		return "", 0, err
	}
	took := time.Since(start)
	return dir, took, os.WriteFile(stamp, []byte(name+"\n"), 0o644)
}

func du(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

// measurement is one run of a process: wall time, user+system CPU time and
// peak resident set size in KiB.
type measurement struct {
	wall, cpu time.Duration
	rssKiB    int64
}

func (m measurement) rssMiB() float64 { return float64(m.rssKiB) / 1024 }

// measure runs argv, with env added to the environment, its output
// discarded. Exit code 1 is accepted: it is check's answer when it finds
// something, not a failure to run.
func measure(argv, env []string) (measurement, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return measurement{}, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	ps := cmd.ProcessState
	return measurement{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), rssKiB: maxRSSKiB(ps)}, nil
}

// median runs argv runs times and takes the median of each quantity.
func median(runs int, argv, env []string) (measurement, error) {
	return medianRuns(runs, func() (measurement, error) { return measure(argv, env) })
}

// medianRuns runs run runs times and gives the median of each measure.
func medianRuns(runs int, run func() (measurement, error)) (measurement, error) {
	var walls, cpus []time.Duration
	var rss []int64
	for range runs {
		m, err := run()
		if err != nil {
			return measurement{}, err
		}
		walls, cpus, rss = append(walls, m.wall), append(cpus, m.cpu), append(rss, m.rssKiB)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return measurement{wall: walls[runs/2], cpu: cpus[runs/2], rssKiB: rss[runs/2]}, nil
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }
