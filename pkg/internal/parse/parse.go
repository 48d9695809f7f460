package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
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

// Problem is what makes a file unreadable, at its place (line 0 for the
// whole file), in words a person can act on: the loader's CB001.
type Problem struct {
	Pos Pos
	Msg string
}

// Pos is a place in a file, from 1; 0 when unknown.
type Pos struct {
	Line   int
	Column int
}

// Document checks data against the file rules and parses it into the
// root node of its single document. It never panics: a failure of the YAML
// library itself is reported as a problem with the file.
func Document(data []byte) (root *yaml.Node, problems []Problem) {
	if len(data) > MaxFileSize {
		// data may be cut short at MaxFileSize+1 by the reader, so its
		// length is not the file's size.
		return nil, []Problem{{Msg: "file is larger than 1 MiB, the most clientbook reads: split it or remove what does not belong"}}
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		return nil, []Problem{{Pos: Pos{line, col}, Msg: "file is not valid UTF-8: save it as UTF-8"}}
	}
	if line := conflictMarkerLine(data); line > 0 {
		return nil, []Problem{{Pos: Pos{line, 1}, Msg: "file contains a git merge conflict marker: resolve the merge, keep the lines you want and delete the markers"}}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return nil, []Problem{{Pos: Pos{line, col}, Msg: "file contains a NUL byte: it is not a text file"}}
	}
	if i, r := controlCharAt(data); i >= 0 {
		line, col := lineCol(data, i)
		return nil, []Problem{{Pos: Pos{line, col}, Msg: fmt.Sprintf("file contains the control character U+%04X, which YAML does not allow: delete it", r)}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	var doc yaml.Node
	in := &countingReader{r: bytes.NewReader(data)}
	dec := yaml.NewDecoder(in)
	if err := safeDecode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []Problem{{Pos: Pos{1, 1}, Msg: "file is empty: it needs at least apiVersion and kind"}}
		}
		// The library's error names no column and often the wrong line,
		// and only in its text: the source says where the mistake is.
		return nil, []Problem{diagnoseSyntax(data, in.n)}
	}
	var extra yaml.Node
	if err := safeDecode(dec, &extra); err == nil {
		return nil, []Problem{{Pos: Pos{extra.Line, extra.Column}, Msg: "file holds more than one YAML document (---): keep one document per file"}}
	} else if !errors.Is(err, io.EOF) {
		return nil, []Problem{diagnoseSyntax(data, in.n)}
	}
	if len(doc.Content) == 0 {
		return nil, []Problem{{Pos: Pos{1, 1}, Msg: "file is empty: it needs at least apiVersion and kind"}}
	}
	root = doc.Content[0]
	problems = checkShape(root, 1, problems)
	if len(problems) > 0 {
		return nil, problems
	}
	clampLines(root, lastLine(data))
	return root, nil
}

// clampLines moves a node the YAML library places past the end of the file
// back onto its last line. The library puts an implicit empty value at the
// end of the stream, which for a file holding only "---" is on a line the
// file does not have. The tree is at most MaxDepth deep here.
func clampLines(n *yaml.Node, last int) {
	if n.Line > last {
		n.Line, n.Column = last, 1
	}
	for _, c := range n.Content {
		clampLines(c, last)
	}
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
func checkShape(n *yaml.Node, depth int, problems []Problem) []Problem {
	if len(problems) >= 20 {
		return problems
	}
	pos := Pos{n.Line, n.Column}
	if depth > MaxDepth {
		return append(problems, Problem{Pos: pos, Msg: fmt.Sprintf("nesting is deeper than %d levels: flatten the structure", MaxDepth)})
	}
	switch {
	case n.Kind == yaml.AliasNode:
		return append(problems, Problem{Pos: pos, Msg: "aliases (*name) are not part of the clientbook format: write the value out in full"})
	case n.Anchor != "":
		problems = append(problems, Problem{Pos: pos, Msg: "anchors (&name) are not part of the clientbook format: remove the anchor"})
	case n.Tag == "!!merge" || (n.Kind == yaml.ScalarNode && n.Value == "<<" && n.Style == 0):
		problems = append(problems, Problem{Pos: pos, Msg: "merge keys (<<) are not part of the clientbook format: write the keys out in full"})
	case n.Style&yaml.TaggedStyle != 0 && !standardTags[n.Tag]:
		problems = append(problems, Problem{Pos: pos, Msg: fmt.Sprintf("custom tag %s is not part of the clientbook format: remove it", n.Tag)})
	}
	for _, c := range n.Content {
		problems = checkShape(c, depth+1, problems)
	}
	return problems
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
	if !bytes.Contains(data, []byte("<<<<<<<")) && !bytes.Contains(data, []byte(">>>>>>>")) {
		return 0
	}
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

// controlCharAt finds the first character that YAML does not allow in a
// stream (its printable set: tab, line breaks, U+0020-U+007E, U+0085,
// U+00A0-U+D7FF, U+E000-U+FFFD and above U+FFFF), so that it is reported
// at its place rather than as a parser error without a line. It returns -1
// when there is none. data must be valid UTF-8.
func controlCharAt(data []byte) (offset int, r rune) {
	for i := 0; i < len(data); {
		if b := data[i]; b < utf8.RuneSelf {
			// ASCII, most of a file, without decoding.
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
				return i, rune(b)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if !yamlPrintable(r) {
			return i, r
		}
		i += size
	}
	return -1, 0
}

func yamlPrintable(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
		r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000
}

// yamlBreaks are what the YAML library counts as line breaks.
var yamlBreaks = []string{"\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"}

// lastLine is the number of the file's last line as the YAML library counts
// lines; a final line break does not start another line.
func lastLine(data []byte) int {
	if bytes.IndexByte(data, '\r') < 0 && bytes.IndexByte(data, 0xc2) < 0 && bytes.IndexByte(data, 0xe2) < 0 {
		// No \r, U+0085, U+2028 or U+2029 (their UTF-8 starts with
		// 0xC2 or 0xE2): the breaks are the \n, counted fast.
		line := 1 + bytes.Count(data, []byte("\n"))
		if len(data) > 0 && data[len(data)-1] == '\n' {
			line--
		}
		return line
	}
	return lastLineAnyBreak(data)
}

// lastLineAnyBreak is lastLine for text with any of YAML's line breaks.
func lastLineAnyBreak(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		n := 1
		for _, br := range yamlBreaks {
			if bytes.HasPrefix(data[i:], []byte(br)) {
				n = len(br)
				if i+n < len(data) {
					line++
				}
				break
			}
		}
		i += n
	}
	return line
}
