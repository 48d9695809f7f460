package load

import "testing"

// TestEverySchemaPropertyDescribed: an editor shows each key's description
// on hover, so every property of every kind, nested ones included, has
// one, and no description is left over for a key the model no longer has.
func TestEverySchemaPropertyDescribed(t *testing.T) {
	used := map[string]bool{}
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if items, ok := s["items"].(map[string]any); ok {
			walk(path+"[]", items)
		}
		props, _ := s["properties"].(map[string]any)
		for key, p := range props {
			ps := p.(map[string]any)
			d, _ := ps["description"].(string)
			if d == "" {
				t.Errorf("%s.%s has no description", path, key)
			}
			used[d] = true
			walk(path+"."+key, ps)
		}
	}
	for _, k := range SchemaKinds {
		s, err := Schema(k.Name)
		if err != nil {
			t.Fatal(err)
		}
		walk(k.Name, s)
	}
	for key, d := range descriptions {
		if !used[d] {
			t.Errorf("description of %s is not used by any schema", key)
		}
	}
}
