// Command clientbook keeps a firm's book of business as YAML files and turns
// it into decisions. See the README for the commands.
package main

import (
	"os"

	"github.com/clientbook/clientbook/pkg/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
