package load_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/internal/load"
)

// kindSchemas compiles the JSON Schema of every kind with a real validator,
// keyed by the `kind:` a file declares. Compiling also checks each schema
// against the draft 2020-12 metaschema.
func kindSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	out := map[string]*jsonschema.Schema{}
	for _, k := range load.SchemaKinds {
		s, err := load.Schema(k.Name)
		if err != nil {
			t.Fatal(err)
		}
		// Through JSON text, as `clientbook schema` prints it.
		text, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		url := load.SchemaID(k.Name)
		if err := c.AddResource(url, doc); err != nil {
			t.Fatalf("schema %s: %v", k.Name, err)
		}
		sch, err := c.Compile(url)
		if err != nil {
			t.Fatalf("schema %s does not compile: %v", k.Name, err)
		}
		out[k.Kind] = sch
	}
	return out
}

// yamlToJSON turns a YAML document into the value a JSON parser would give
// for the same data: integers and floats become json.Number, booleans bool,
// null nil, and every other scalar (timestamps included) its text, since
// the format writes dates as plain YYYY-MM-DD strings.
func yamlToJSON(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return nil, fmt.Errorf("line %d: want one document", n.Line)
		}
		return yamlToJSON(n.Content[0])
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a key must be a scalar", k.Line)
			}
			v, err := yamlToJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		a := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlToJSON(c)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		return a, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			if !json.Valid([]byte(n.Value)) {
				return nil, fmt.Errorf("line %d: number %q has no JSON form", n.Line, n.Value)
			}
			return json.Number(n.Value), nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, fmt.Errorf("line %d: %w", n.Line, err)
			}
			return b, nil
		case "!!null":
			return nil, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: anchors and aliases are not part of the format", n.Line)
}

// validate checks YAML text against the schema of the kind it declares.
func validate(schemas map[string]*jsonschema.Schema, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	v, err := yamlToJSON(&doc)
	if err != nil {
		return err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return errors.New("not a mapping")
	}
	kind, _ := m["kind"].(string)
	sch, ok := schemas[kind]
	if !ok {
		return fmt.Errorf("no schema for kind %q", kind)
	}
	return sch.Validate(v)
}

// TestExamplesMatchSchemas validates every file of the example books
// against the JSON Schema of its kind, so that the schemas editors use
// accept what clientbook itself accepts.
func TestExamplesMatchSchemas(t *testing.T) {
	schemas := kindSchemas(t)
	root := filepath.Join("..", "..", "..", "examples")
	seen := map[string]int{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var head struct{ Kind string }
		if err := yaml.Unmarshal(data, &head); err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		seen[head.Kind]++
		if err := validate(schemas, data); err != nil {
			t.Errorf("%s does not match the %s schema:\n%v", p, head.Kind, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every kind is exercised, so a walk that found nothing cannot pass.
	for _, k := range load.SchemaKinds {
		if seen[k.Kind] == 0 {
			t.Errorf("no example file of kind %s", k.Kind)
		}
	}
}

// TestSchemasRejectBadFiles pins that the schemas are strict: each of these
// files is wrong in one way and must fail validation, while the same file
// without the fault passes.
func TestSchemasRejectBadFiles(t *testing.T) {
	schemas := kindSchemas(t)
	const good = `kind: Client
id: acme
name: Acme Ltd
status: active
tier: key
since: 2021-03-01
stakeholders:
  - {name: Jane Doe, role: sponsor, strength: 4}
health:
  - {date: 2026-09-30, by: piers, trust: 4, position: vendor}
`
	if err := validate(schemas, []byte(good)); err != nil {
		t.Fatalf("the good client fails its schema: %v", err)
	}
	// Each case names what the validator must say, so that a file failing
	// for some other reason does not pass the test.
	bad := []struct {
		name, from, to, why string
	}{
		{"unknown top-level field", "tier: key\n", "tier: key\ncolour: blue\n", "additional properties 'colour' not allowed"},
		{"unknown nested field", "strength: 4}", "strength: 4, mood: happy}", "at '/stakeholders/0': additional properties 'mood'"},
		{"bad status enum", "status: active", "status: dormant", "at '/status': value must be one of"},
		{"bad tier enum", "tier: key", "tier: gold", "at '/tier': value must be one of"},
		{"bad position enum", "position: vendor", "position: friend", "at '/health/0/position': value must be one of"},
		{"rating out of range", "trust: 4", "trust: 6", "at '/health/0/trust': maximum"},
		{"rating not an integer", "trust: 4", "trust: 4.5", "at '/health/0/trust'"},
		{"wrong type", "name: Acme Ltd", "name: [Acme]", "at '/name'"},
		{"date not a date", "since: 2021-03-01", "since: March 2021", "at '/since'"},
		{"id not a slug", "id: acme", "id: Acme_Ltd", "at '/id'"},
		{"required field missing", "name: Acme Ltd\n", "", "missing property 'name'"},
		{"wrong kind", "kind: Client", "kind: client", "at '/kind'"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(good, c.from, c.to, 1)
			if text == good {
				t.Fatalf("%q is not in the file", c.from)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
				t.Fatal(err)
			}
			v, err := yamlToJSON(&doc)
			if err != nil {
				t.Fatal(err)
			}
			// Against the client's schema even when the kind is wrong, to
			// show that its const rejects another kind.
			err = schemas["Client"].Validate(v)
			if err == nil {
				t.Fatalf("validation passed; want a failure for:\n%s", text)
			}
			if !strings.Contains(err.Error(), c.why) {
				t.Errorf("validation failed for another reason:\n%v\nwant it to say %q", err, c.why)
			}
		})
	}
}

func TestYAMLToJSONScalars(t *testing.T) {
	var doc yaml.Node
	src := "{i: 12, f: 0.22, b: true, n: null, d: 2026-01-20, s: '12', q: 'true'}"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	v, err := yamlToJSON(&doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"b":true,"d":"2026-01-20","f":0.22,"i":12,"n":null,"q":"true","s":"12"}`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
