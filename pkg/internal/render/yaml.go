package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// encodeYAML encodes v as YAML with the same field names and field order as
// its JSON encoding: v is marshalled to JSON, the JSON is turned into a
// yaml.Node tree token by token, and that tree is encoded with a 2-space
// indent. Strings are exact, each on its line, and the output holds no
// control character (see strNode and inert.Encoded).
func encodeYAML(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	root, err := jsonToNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after json value")
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	// Every string holding a control character is double-quoted
	// (strNode), where the bidirectional controls the encoder leaves raw
	// can be written as \uXXXX.
	return inert.Encoded(buf.Bytes()), nil
}

// jsonToNode reads one JSON value from dec and returns it as a yaml.Node.
func jsonToNode(dec *json.Decoder) (*yaml.Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("read json: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for dec.More() {
				ktok, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("read json: %w", err)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, fmt.Errorf("read json: object key is %T, want string", ktok)
				}
				val, err := jsonToNode(dec)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, strNode(key), val)
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, fmt.Errorf("read json: %w", err)
			}
			return n, nil
		case '[':
			n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for dec.More() {
				val, err := jsonToNode(dec)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, val)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, fmt.Errorf("read json: %w", err)
			}
			return n, nil
		}
		return nil, fmt.Errorf("read json: unexpected delimiter %q", t)
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	case bool:
		v := "false"
		if t {
			v = "true"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: v}, nil
	case json.Number:
		s := t.String()
		tag := "!!int"
		if strings.ContainsAny(s, ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}, nil
	case string:
		return strNode(t), nil
	}
	return nil, fmt.Errorf("read json: unexpected token %T", tok)
}

// strNode returns a !!str scalar. The yaml encoder already quotes a string
// whose plain form would resolve to another YAML 1.2 type ("null", "true",
// "1.0", "007", ""); strings that YAML 1.1 readers would take for booleans
// ("yes", "off") or sexagesimal numbers ("1:30") are quoted here as well.
//
// A string holding a control character or a line break of any kind is
// double-quoted, where YAML writes them as escapes ("a\nb", "\e[2J",
// "\L"): the value stays exact, and stays on its line. A literal block
// would start a line with the value's own text, which a CI log reads as a
// workflow command (`::error file=…::`) whatever its indent.
func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if inert.Text(s) != s || isYAML11Bool(s) || base60.MatchString(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// base60 matches YAML 1.1 sexagesimal numbers such as "1:30" or "-2:05.5".
var base60 = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)

// isYAML11Bool reports whether s is a YAML 1.1 boolean.
func isYAML11Bool(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
		"n", "N", "no", "No", "NO", "off", "Off", "OFF",
		"true", "True", "TRUE", "false", "False", "FALSE":
		return true
	}
	return false
}
