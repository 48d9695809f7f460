// Command bookgen writes a realistic, valid book of N clients for
// benchmarks and tests (see package bookgen).
//
//	bookgen -n 10000 -seed 1 -out /tmp/book [-today 2026-11-23]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("bookgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of clients")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and n give the same files")
	out := fs.String("out", "", "folder to write the book into (must be new or empty)")
	todayText := fs.String("today", bookgen.DefaultToday, "the date the book is written as of, YYYY-MM-DD")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: bookgen -n N -seed S -out DIR [-today YYYY-MM-DD]")
		return 2
	}
	today, err := book.ParseDate(*todayText)
	if err != nil {
		fmt.Fprintf(stderr, "bookgen: -today %q: %v\n", *todayText, err)
		return 2
	}
	if err := bookgen.Generate(*out, *n, *seed, today); err != nil {
		fmt.Fprintf(stderr, "bookgen: %v\n", err)
		return 1
	}
	return 0
}
