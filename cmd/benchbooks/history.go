package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen"
)

// benchHistory times reading the book from git (issue 23) on a generated
// book of n clients in a repository of two commits, the second changing
// 5% of the clients: a cold `check` of the working tree, then `check --at
// HEAD~1` and `diff HEAD~1 HEAD`, each cold (an empty cache, emptied before
// every run) and a second time (the cache the first run filled), with
// each one's ratio to the cold check.
func benchHistory(opts options, bin string, n int, today book.Date, stdout, stderr io.Writer) error {
	dir, err := ensureHistoryBook(opts, n, today, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nhistory, %d clients, 2 commits differing in 5%% of the clients: %s\n", n, dir)
	cacheDir := filepath.Join(opts.dir, "history-cache")
	cache := []string{"CLIENTBOOK_CACHE=" + cacheDir}
	base := []string{"--book", dir, "--today", opts.today, "-o", "json"}
	cold := func(args ...string) (measurement, error) {
		argv := append(append([]string{bin}, args...), base...)
		return medianRuns(opts.runs, func() (measurement, error) {
			if err := os.RemoveAll(cacheDir); err != nil {
				return measurement{}, err
			}
			return measure(argv, cache)
		})
	}
	second := func(args ...string) (measurement, error) {
		argv := append(append([]string{bin}, args...), base...)
		if err := os.RemoveAll(cacheDir); err != nil {
			return measurement{}, err
		}
		if _, err := measure(argv, cache); err != nil {
			return measurement{}, err
		}
		return median(opts.runs, argv, cache)
	}
	fmt.Fprintf(stderr, "history %d clients: check\n", n)
	// Warm the page cache, then the cold run everything is compared with.
	if _, err := measure(append([]string{bin, "check"}, base...), []string{noCache}); err != nil {
		return err
	}
	checkM, err := median(opts.runs, append([]string{bin, "check"}, base...), []string{noCache})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "command\twall\tcpu\tpeak RSS\twall/check\t")
	row := func(name string, m measurement) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f MiB\t%.2fx\t\n", name, secs(m.wall), secs(m.cpu), m.rssMiB(), m.wall.Seconds()/checkM.wall.Seconds())
	}
	row("check (cold)", checkM)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"check --at HEAD~1", []string{"check", "--at", "HEAD~1"}},
		{"diff HEAD~1 HEAD", []string{"diff", "HEAD~1", "HEAD"}},
	} {
		fmt.Fprintf(stderr, "history %d clients: %s\n", n, c.name)
		m, err := cold(c.args...)
		if err != nil {
			return fmt.Errorf("%s on %d clients: %w", c.name, n, err)
		}
		row(c.name+" (cold)", m)
		m, err = second(c.args...)
		if err != nil {
			return fmt.Errorf("%s on %d clients: %w", c.name, n, err)
		}
		row(c.name+" (second)", m)
	}
	return tw.Flush()
}

// ensureHistoryBook returns the repository of the history benchmark for n
// clients, making it unless a finished one is already there.
func ensureHistoryBook(opts options, n int, today book.Date, stderr io.Writer) (string, error) {
	name := fmt.Sprintf("history-%d-seed%d-%s", n, opts.seed, opts.today)
	dir := filepath.Join(opts.dir, name)
	stamp := dir + ".done"
	if _, err := os.Stat(stamp); err == nil {
		return dir, nil
	}
	fmt.Fprintf(stderr, "generating %d clients and their history into %s\n", n, dir)
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := bookgen.GenerateHistory(dir, n, opts.seed, today, 20); err != nil {
		return "", err
	}
	return dir, os.WriteFile(stamp, []byte(name+"\n"), 0o644)
}
