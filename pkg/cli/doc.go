// Package cli holds clientbook's cobra commands, one file per command. A
// command parses its flags into an options struct, calls the domain
// packages and hands their result to a printer; it holds no scoring rule of
// its own. Main is the whole program: it returns SPEC §8's exit code.
package cli
