package edit

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Pair is one key and its value in a mapping built with Map.
type Pair struct {
	Key   string
	Value *yaml.Node
}

// Map returns a flow-style mapping of the pairs, in their order: the shape
// of one line in a list such as touchpoints.
func Map(pairs ...Pair) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, p := range pairs {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p.Key}, p.Value)
	}
	return n
}

// Str returns a string scalar, quoted whenever it would otherwise read back
// as something else (a number, a date, null, or YAML 1.1's yes and no,
// which older YAML tools still read as booleans).
func Str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off":
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// Plain returns a scalar written as it is typed: dates, ids and numbers,
// which the book reads from their text.
func Plain(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: s}
}

// Strs returns a flow-style list of strings.
func Strs(ss ...string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range ss {
		n.Content = append(n.Content, Str(s))
	}
	return n
}

// Flow renders a node as one line of flow-style YAML, without the line end:
// what AppendToList inserts after the "- ".
func Flow(n *yaml.Node) (string, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(n); err != nil {
		return "", fmt.Errorf("cannot write the new entry as YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return "", fmt.Errorf("cannot write the new entry as YAML: %w", err)
	}
	line := strings.TrimSuffix(buf.String(), "\n")
	// The encoder writes line breaks inside strings as \n escapes and does
	// not wrap lines, so a second line means the node was not flow style.
	if strings.Contains(line, "\n") {
		return "", fmt.Errorf("the new entry does not fit on one line: %q", line)
	}
	return line, nil
}
