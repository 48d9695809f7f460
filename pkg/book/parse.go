package book

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits of SPEC §9 "Files".
const (
	MaxFileSize = 1 << 20
	MaxDepth    = 64
)

// standardTags are the tags a plain YAML file resolves to; anything else
// written with an explicit tag is a custom tag, which the format excludes.
var standardTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!timestamp": true, "!!map": true, "!!seq": true,
}

// parseProblem is a file-level problem: always CB001.
type parseProblem struct {
	pos Pos
	msg string
}

// parseDocument checks data against the file rules and parses it into the
// root node of its single document. It never panics: a failure of the YAML
// library itself is reported as a problem with the file.
func parseDocument(data []byte) (root *yaml.Node, problems []parseProblem) {
	if len(data) > MaxFileSize {
		return nil, []parseProblem{{msg: fmt.Sprintf("file is %d bytes; clientbook reads files of at most 1 MiB: split it or remove what does not belong", len(data))}}
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		return nil, []parseProblem{{pos: Pos{line, col}, msg: "file is not valid UTF-8: save it as UTF-8"}}
	}
	if line := conflictMarkerLine(data); line > 0 {
		return nil, []parseProblem{{pos: Pos{line, 1}, msg: "file contains a git merge conflict marker: resolve the merge, keep the lines you want and delete the markers"}}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return nil, []parseProblem{{pos: Pos{line, col}, msg: "file contains a NUL byte: it is not a text file"}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := safeDecode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []parseProblem{{pos: Pos{1, 1}, msg: "file is empty: it needs at least apiVersion and kind"}}
		}
		return nil, []parseProblem{syntaxProblem(err)}
	}
	var extra yaml.Node
	if err := safeDecode(dec, &extra); err == nil {
		return nil, []parseProblem{{pos: Pos{extra.Line, extra.Column}, msg: "file holds more than one YAML document (---): keep one document per file"}}
	} else if !errors.Is(err, io.EOF) {
		return nil, []parseProblem{syntaxProblem(err)}
	}
	if len(doc.Content) == 0 {
		return nil, []parseProblem{{pos: Pos{1, 1}, msg: "file is empty: it needs at least apiVersion and kind"}}
	}
	root = doc.Content[0]
	problems = checkShape(root, 1, problems)
	if len(problems) > 0 {
		return nil, problems
	}
	return root, nil
}

// safeDecode turns a panic inside the YAML library into an error so that a
// library bug shows as a finding on the file, not as a crash.
func safeDecode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed on this file (%v)", r)
		}
	}()
	return dec.Decode(n)
}

// checkShape rejects what the format excludes: anchors, aliases, merge keys,
// custom tags and nesting deeper than MaxDepth.
func checkShape(n *yaml.Node, depth int, problems []parseProblem) []parseProblem {
	if len(problems) >= 20 {
		return problems
	}
	pos := Pos{n.Line, n.Column}
	if depth > MaxDepth {
		return append(problems, parseProblem{pos: pos, msg: fmt.Sprintf("nesting is deeper than %d levels: flatten the structure", MaxDepth)})
	}
	switch {
	case n.Kind == yaml.AliasNode:
		return append(problems, parseProblem{pos: pos, msg: "aliases (*name) are not part of the clientbook format: write the value out in full"})
	case n.Anchor != "":
		problems = append(problems, parseProblem{pos: pos, msg: "anchors (&name) are not part of the clientbook format: remove the anchor"})
	case n.Tag == "!!merge" || (n.Kind == yaml.ScalarNode && n.Value == "<<" && n.Style == 0):
		problems = append(problems, parseProblem{pos: pos, msg: "merge keys (<<) are not part of the clientbook format: write the keys out in full"})
	case n.Style&yaml.TaggedStyle != 0 && !standardTags[n.Tag]:
		problems = append(problems, parseProblem{pos: pos, msg: fmt.Sprintf("custom tag %s is not part of the clientbook format: remove it", n.Tag)})
	}
	for _, c := range n.Content {
		problems = checkShape(c, depth+1, problems)
	}
	return problems
}

// yamlLine matches the "yaml: line N:" prefix of the YAML library's syntax
// errors. The library exposes syntax errors only as text, so this is the one
// place a position is read back out of a string; everything else carries
// positions from the nodes.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the problems the YAML library's parser (as opposed to
// its scanner) reports. For these the library prints the mark's 0-based
// line where it prints a 1-based one for scanner errors, so the line it
// names is one before the construct it means.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

func syntaxProblem(err error) parseProblem {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if slices.Contains(parserProblems, m[2]) {
			line++
		}
		return parseProblem{pos: Pos{line, 1}, msg: fmt.Sprintf("YAML syntax error: %s", m[2])}
	}
	if len(msg) > 6 && msg[:6] == "yaml: " {
		msg = msg[6:]
	}
	return parseProblem{pos: Pos{1, 1}, msg: fmt.Sprintf("YAML syntax error: %s", msg)}
}

func lineCol(data []byte, offset int) (line, col int) {
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	col = 1 + utf8.RuneCount(data[start:offset])
	return line, col
}

func invalidUTF8At(data []byte) (line, col int) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return lineCol(data, i)
		}
		i += size
	}
	return 1, 1
}

// conflictMarkerLine finds a line left by an unresolved git merge.
func conflictMarkerLine(data []byte) int {
	line := 1
	for start := 0; start < len(data); line++ {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data) - start
		}
		l := data[start : start+end]
		l = bytes.TrimRight(l, "\r")
		if bytes.HasPrefix(l, []byte("<<<<<<< ")) || bytes.Equal(l, []byte("<<<<<<<")) ||
			bytes.HasPrefix(l, []byte(">>>>>>> ")) || bytes.Equal(l, []byte(">>>>>>>")) {
			return line
		}
		start += end + 1
	}
	return 0
}
