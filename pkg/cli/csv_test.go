package cli_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/cli"
)

// CSV is for tools: every command's csv header is the JSON keys of the
// same command's rows, in the same order, read from both outputs of the
// example book. A nested object gives its own keys (factors.trust is
// trust); an accept criterion gives its value by its name, the team's
// rating as NAME_team, the automatic value as NAME_auto, then NAME_reason
// and NAME_note.
func TestCSVHeadersAreJSONKeys(t *testing.T) {
	t.Setenv("CLIENTBOOK_TODAY", "2026-11-23")
	book := filepath.Join("..", "..", "examples", "agency")
	for _, args := range [][]string{
		{"portfolio"},
		{"health"},
		{"health", "--history", "kestrel-outdoor"},
		{"matrix"},
		{"due"},
		{"accept"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			run := func(format string) []byte {
				var out, errOut bytes.Buffer
				full := append(slices.Clone(args), "--book", book, "-o", format)
				if code := cli.Main(full, nil, &out, &errOut); code != 0 {
					t.Fatalf("clientbook %s: exit %d: %s", strings.Join(full, " "), code, errOut.String())
				}
				return out.Bytes()
			}
			header, err := csv.NewReader(bytes.NewReader(run("csv"))).Read()
			if err != nil {
				t.Fatal(err)
			}
			keys := jsonRowKeys(t, run("json"), args[0] == "health" && len(args) > 1)
			if !slices.Equal(header, keys) {
				t.Errorf("csv header\n  %s\nis not the JSON keys\n  %s", strings.Join(header, ","), strings.Join(keys, ","))
			}
		})
	}
}

// jsonRowKeys is the flattened keys of the first row of a command's JSON:
// the first element of the array, or of its clients (portfolio); with
// rounds, the client's id and the keys of its first round.
func jsonRowKeys(t *testing.T, out []byte, rounds bool) []string {
	t.Helper()
	var rows []json.RawMessage
	if err := json.Unmarshal(out, &rows); err != nil {
		var p struct{ Clients []json.RawMessage }
		if err := json.Unmarshal(out, &p); err != nil {
			t.Fatal(err)
		}
		rows = p.Clients
	}
	if len(rows) == 0 {
		t.Fatal("no row in the JSON output")
	}
	if rounds {
		var r struct{ Rounds []json.RawMessage }
		if err := json.Unmarshal(rows[0], &r); err != nil || len(r.Rounds) == 0 {
			t.Fatalf("no round in %s", rows[0])
		}
		return append([]string{"id"}, flatKeys(t, orderedObject(t, r.Rounds[0]), "")...)
	}
	// A nested object that is null in a row (health's recovery, for a
	// client with none open) is one key there: the row with the most
	// keys is the one whose objects are all there.
	var keys []string
	for _, row := range rows {
		if k := flatKeys(t, orderedObject(t, row), ""); len(k) > len(keys) {
			keys = k
		}
	}
	return keys
}

// member is one key of a JSON object and its value.
type member struct {
	key   string
	value json.RawMessage
}

// orderedObject reads a JSON object's members in their order.
func orderedObject(t *testing.T, raw json.RawMessage) []member {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, member{key: tok.(string), value: v})
	}
	return out
}

// flatKeys flattens members as the csv names them; parent is the key of
// the object they are in.
func flatKeys(t *testing.T, members []member, parent string) []string {
	var out []string
	for _, m := range members {
		switch {
		case parent == "criteria":
			for _, c := range orderedObject(t, m.value) {
				name := map[string]string{"value": m.key, "rating": m.key + "_team", "auto": m.key + "_auto"}[c.key]
				if name == "" {
					name = m.key + "_" + c.key
				}
				out = append(out, name)
			}
			slices.SortStableFunc(out[len(out)-len(orderedObject(t, m.value)):], func(a, b string) int {
				return criterionOrder(a, m.key) - criterionOrder(b, m.key)
			})
		case bytes.HasPrefix(bytes.TrimSpace(m.value), []byte("{")):
			out = append(out, flatKeys(t, orderedObject(t, m.value), m.key)...)
		default:
			out = append(out, m.key)
		}
	}
	return out
}

// criterionOrder is where a criterion's column comes among its five.
func criterionOrder(name, criterion string) int {
	return slices.Index([]string{criterion, criterion + "_team", criterion + "_auto", criterion + "_reason", criterion + "_note"}, name)
}
