package load

import (
	"errors"
	"fmt"

	"github.com/clientbook/clientbook/pkg/internal/parse"
)

// Limits of SPEC §9 "Files" (the parser's, pkg/internal/parse).
const (
	MaxFileSize = parse.MaxFileSize
	MaxDepth    = parse.MaxDepth
)

// CheckFile returns the first reason the loader would refuse data as a
// file of the book (SPEC §9 "Files": at most 1 MiB, valid UTF-8, one YAML
// document, nesting at most MaxDepth deep, no anchors, aliases, merge keys
// or custom tags), or nil when it would read it. Every write of a book
// file checks what it is about to write with it, so that clientbook never
// writes a file that its next run refuses.
func CheckFile(data []byte) error {
	_, problems := parse.Document(data)
	if len(problems) == 0 {
		return nil
	}
	p := problems[0]
	if p.Pos.Line > 0 {
		return fmt.Errorf("line %d, column %d: %s", p.Pos.Line, p.Pos.Column, p.Msg)
	}
	return errors.New(p.Msg)
}
