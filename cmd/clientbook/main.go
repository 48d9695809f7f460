// Command clientbook keeps a firm's book of business as YAML files and turns
// it into decisions. See the README for the commands.
package main

import (
	"os"
	"runtime/debug"

	"github.com/clientbook/clientbook/pkg/cli"
)

// The garbage collector's setting, chosen by measurement (README,
// Performance) and set here, by the process's owner, not by the library:
// reading a book allocates about a hundred times what it keeps (every
// file's YAML tree dies as soon as its client is reduced), so Go's default
// GOGC=100 collects every few megabytes of a small live heap. gcPercent
// lets the heap grow to five times what is live, and the soft memory limit
// makes the collector work harder, and give pages back, as the heap nears
// it on a very large book. Measured (README, Performance): as fast as the
// collector tuner this replaced at 10k clients, and 157 MiB at 100k, where
// a limit of 140 MiB gave 160 MiB and Go's default 161–241 MiB. A GOGC or
// GOMEMLIMIT in the environment wins.
const (
	gcPercent = 400
	gcLimit   = 128 << 20
)

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(gcLimit)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
