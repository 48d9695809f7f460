package render

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	goldenfile "github.com/clientbook/clientbook/pkg/internal/golden"
)

// golden compares got with testdata/<name>.golden (CLIENTBOOK_UPDATE=1
// rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name+".golden"), got)
}

// plain makes rows of cells without colour.
func plain(rows [][]string) [][]Cell {
	out := make([][]Cell, len(rows))
	for i, r := range rows {
		out[i] = Texts(r...)
	}
	return out
}

// sampleRow is a row of the sample grid: its balance (the third cell) and
// status (the fourth) carry the tones signTone and statusTone give them.
func sampleRow(cells ...string) []Cell {
	row := Texts(cells...)
	if len(row) > 2 {
		row[2].Tone = signTone(cells[2])
	}
	if len(row) > 3 {
		row[3].Tone = statusTone(cells[3])
	}
	return row
}

// signTone colours negative amounts red and others green.
func signTone(cell string) Tone {
	if strings.HasPrefix(cell, "-") {
		return ToneBad
	}
	return ToneGood
}

// statusTone colours a status column.
func statusTone(cell string) Tone {
	switch cell {
	case "active":
		return ToneGood
	case "overdue":
		return ToneWarn
	case "closed":
		return ToneDim
	}
	return ToneNone
}

func sampleGrid() *Grid {
	return &Grid{
		Columns: []Column{
			{Name: "ID", Align: AlignRight},
			{Name: "client name"},
			{Name: "Balance", Align: AlignRight, Money: true},
			{Name: "status"},
			{Name: "note"},
		},
		Rows: [][]Cell{
			sampleRow("1", "Acme & Sons <ltd>", "1234567.50", "active", "pays | late"),
			sampleRow("2", "Bob", "-1000", "overdue", ""),
			sampleRow("3", "Café Ünïcode", "999.99", "closed", "tab\there"),
			sampleRow("10", "Short row", ""), // padded with absent cells
		},
	}
}

func emptyGrid() *Grid {
	return &Grid{Columns: []Column{
		{Name: "name"},
		{Name: "Amount", Align: AlignRight, Money: true},
	}}
}

type address struct {
	City string  `json:"city"`
	Zip  *string `json:"zip"`
}

type client struct {
	Name     string            `json:"name"`
	ID       int               `json:"id"`
	Balance  string            `json:"balance"`
	Rate     float64           `json:"rate"`
	Active   bool              `json:"active"`
	Tags     []string          `json:"tags"`
	Address  address           `json:"address"`
	Meta     map[string]string `json:"meta"`
	Notes    []string          `json:"notes"`
	Empty    []int             `json:"empty"`
	Nothing  *int              `json:"nothing"`
	HTML     string            `json:"html"`
	Omitted  string            `json:"omitted,omitempty"`
	Multi    string            `json:"multi"`
	Internal string            `json:"-"`
}

func sampleData() []client {
	return []client{{
		Name:    "Acme & Sons",
		ID:      7,
		Balance: "-1234.50",
		Rate:    0.15,
		Active:  true,
		Tags:    []string{"yes", "007", "1.0", "null", "", "true", "~", "no", "1:30", "plain"},
		Address: address{City: "Zürich"},
		Meta:    map[string]string{"zeta": "z", "alpha": "a", "on": "off"},
		Notes:   nil,
		Empty:   []int{},
		HTML:    "<b>&</b>",
		Multi:   "line one\nline two",
	}}
}

func TestWriteGolden(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		data   any
		grid   *Grid
		opts   Options
	}{
		{"table", Table, nil, sampleGrid(), Options{}},
		{"table_color", Table, nil, sampleGrid(), Options{Color: true}},
		{"table_empty", Table, nil, emptyGrid(), Options{}},
		{"markdown", Markdown, nil, sampleGrid(), Options{}},
		{"markdown_color_ignored", Markdown, nil, sampleGrid(), Options{Color: true}},
		{"markdown_empty", Markdown, nil, emptyGrid(), Options{}},
		{"csv", CSV, nil, sampleGrid(), Options{}},
		{"csv_empty", CSV, nil, emptyGrid(), Options{}},
		{"json", JSON, sampleData(), nil, Options{}},
		{"json_empty_list", JSON, []client{}, nil, Options{}},
		{"json_null", JSON, nil, nil, Options{}},
		{"yaml", YAML, sampleData(), nil, Options{}},
		{"yaml_empty_list", YAML, []client{}, nil, Options{}},
		{"yaml_null", YAML, nil, nil, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, tt.data, tt.grid, tt.opts); err != nil {
				t.Fatalf("Write: %v", err)
			}
			golden(t, tt.name, buf.Bytes())
		})
	}
}

// TestWriteGridAndDataTogether checks the format picks what it renders:
// structured formats ignore the grid, tabular formats ignore the data.
func TestWriteGridAndDataTogether(t *testing.T) {
	data := map[string]int{"count": 1}
	g := &Grid{Columns: []Column{{Name: "n"}}, Rows: plain([][]string{{"1"}})}
	tests := []struct {
		format Format
		want   string
	}{
		{JSON, "{\n  \"count\": 1\n}\n"},
		{YAML, "count: 1\n"},
		{CSV, "n\n1\n"},
		{Markdown, "| n   |\n| --- |\n| 1   |\n"},
		{Table, "+---+\n| n |\n+---+\n| 1 |\n+---+\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, data, g, Options{}); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"5", "5"},
		{"999", "999"},
		{"999.99", "999.99"},
		{"-999.99", "-999.99"},
		{"1000", "1,000"},
		{"-1000", "-1,000"},
		{"1000.00", "1,000.00"},
		{"12345", "12,345"},
		{"123456", "123,456"},
		{"1000000", "1,000,000"},
		{"-1000000", "-1,000,000"},
		{"1234567.5", "1,234,567.5"},
		{"-1234567.50", "-1,234,567.50"},
		{"+1234", "+1,234"},
		{"0.5", "0.5"},
		{".5", ".5"},
		{"1234.", "1,234."},
		{"1234567890123.4567", "1,234,567,890,123.4567"},
		// Not a plain decimal: unchanged.
		{"", ""},
		{"-", "-"},
		{"abc", "abc"},
		{"1,234", "1,234"},
		{"1e6", "1e6"},
		{"12.34.56", "12.34.56"},
		{"--1000", "--1000"},
		{" 1000", " 1000"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.in); got != tt.want {
			t.Errorf("FormatMoney(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		allowed []Format
		want    Format
		wantErr string
	}{
		{in: "table", want: Table},
		{in: "json", want: JSON},
		{in: "yaml", want: YAML},
		{in: "csv", want: CSV},
		{in: "markdown", want: Markdown},
		{in: " JSON ", want: JSON},
		{in: "csv", allowed: []Format{Table, CSV}, want: CSV},
		{in: "xml", wantErr: `unknown output format "xml" (allowed: table, json, yaml, csv, markdown)`},
		{in: "", wantErr: `unknown output format "" (allowed: table, json, yaml, csv, markdown)`},
		{in: "md", wantErr: `unknown output format "md" (allowed: table, json, yaml, csv, markdown)`},
		{in: "yaml", allowed: []Format{Table, JSON}, wantErr: `unknown output format "yaml" (allowed: table, json)`},
		{in: "bogus", allowed: []Format{"bogus"}, wantErr: `unknown output format "bogus" (allowed: bogus)`},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in, tt.allowed...)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseFormat(%q, %v) error = %v, want %q", tt.in, tt.allowed, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFormat(%q, %v) = %q, %v; want %q", tt.in, tt.allowed, got, err, tt.want)
		}
	}
}

func TestYAMLKeyOrder(t *testing.T) {
	type rec struct {
		Zebra  int    `json:"zebra"`
		Apple  int    `json:"apple"`
		Mango  int    `json:"mango"`
		Banana string `json:"banana"`
	}
	var buf bytes.Buffer
	if err := Write(&buf, YAML, rec{1, 2, 3, "b"}, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "zebra: 1\napple: 2\nmango: 3\nbanana: b\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	strs := []string{
		"yes", "no", "on", "off", "y", "n", "Yes", "NO", "true", "False",
		"007", "0", "1.0", "-1", "1e3", "0x1F", "0o17", ".inf", "-.Inf", ".nan",
		"null", "Null", "~", "", " ", "1:30", "<<", "- dash", "a: b", "#hash",
		"@at", "'quoted'", "\"dq\"", "multi\nline", "trailing\n", "plain text", "Zürich",
	}
	type rec struct {
		Null   *int     `json:"null"`
		Int    int      `json:"int"`
		Neg    int      `json:"neg"`
		Big    uint64   `json:"big"`
		Float  float64  `json:"float"`
		Exp    float64  `json:"exp"`
		True   bool     `json:"true"`
		False  bool     `json:"false"`
		Strs   []string `json:"strs"`
		Nested struct {
			Yes string `json:"yes"`
		} `json:"nested"`
	}
	in := rec{Int: 42, Neg: -7, Big: 18446744073709551615, Float: 1.5, Exp: 1e21, True: true, Strs: strs}
	in.Nested.Yes = "no"

	var buf bytes.Buffer
	if err := Write(&buf, YAML, in, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()

	var got map[string]any
	if err := yaml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("unmarshal:\n%s\n%v", out, err)
	}
	check := func(key string, want any) {
		t.Helper()
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("%s = %#v (%T), want %#v (%T)\n%s", key, v, v, want, want, out)
		}
	}
	check("null", nil)
	check("int", 42)
	check("neg", -7)
	check("big", uint64(18446744073709551615))
	check("float", 1.5)
	check("exp", 1e21)
	check("true", true)
	check("false", false)

	gotStrs, ok := got["strs"].([]any)
	if !ok || len(gotStrs) != len(strs) {
		t.Fatalf("strs = %#v\n%s", got["strs"], out)
	}
	for i, want := range strs {
		if s, ok := gotStrs[i].(string); !ok || s != want {
			t.Errorf("strs[%d] = %#v (%T), want string %q", i, gotStrs[i], gotStrs[i], want)
		}
	}
	if nested, _ := got["nested"].(map[string]any); nested["yes"] != "no" {
		t.Errorf("nested = %#v", got["nested"])
	}

	// Strings YAML 1.1 would read as booleans or numbers are quoted too.
	for _, s := range []string{`- "yes"`, `- "no"`, `- "on"`, `- "off"`, `- "007"`, `- "1.0"`, `- "null"`, `- "1:30"`, `- ""`, `"yes": "no"`} {
		if !strings.Contains(out, s+"\n") {
			t.Errorf("output lacks line %q:\n%s", s, out)
		}
	}
	if !strings.Contains(out, "null: null\n") && !strings.Contains(out, "\"null\": null\n") {
		t.Errorf("null field not encoded as null:\n%s", out)
	}
}

func TestJSONEncoding(t *testing.T) {
	var buf bytes.Buffer
	data := struct {
		B string `json:"b"`
		A []int  `json:"a"`
	}{"<a href=\"x\">&</a>", []int{1, 2}}
	if err := Write(&buf, JSON, data, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"b\": \"<a href=\\\"x\\\">&</a>\",\n  \"a\": [\n    1,\n    2\n  ]\n}\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestColor(t *testing.T) {
	for _, f := range []Format{Table, Markdown, CSV, JSON, YAML} {
		var buf bytes.Buffer
		if err := Write(&buf, f, sampleData(), sampleGrid(), Options{Color: false}); err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(buf.Bytes(), 0x1b) >= 0 {
			t.Errorf("%s with colour off contains an escape byte:\n%q", f, buf.String())
		}
	}
	for _, f := range []Format{Markdown, CSV, JSON, YAML} {
		var buf bytes.Buffer
		if err := Write(&buf, f, sampleData(), sampleGrid(), Options{Color: true}); err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(buf.Bytes(), 0x1b) >= 0 {
			t.Errorf("%s never has colour, but contains an escape byte:\n%q", f, buf.String())
		}
	}

	var plain, colored bytes.Buffer
	if err := Write(&plain, Table, nil, sampleGrid(), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&colored, Table, nil, sampleGrid(), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"} {
		if !strings.Contains(colored.String(), code) {
			t.Errorf("colour output lacks %q:\n%q", code, colored.String())
		}
	}
	// Escape codes take no room: stripped, the coloured table is the plain one.
	if stripped := ansiRE.ReplaceAllString(colored.String(), ""); stripped != plain.String() {
		t.Errorf("colour changed the layout:\n%s\nvs\n%s", stripped, plain.String())
	}
	// Absent cells and ToneNone are never coloured.
	if strings.Contains(colored.String(), "m-\x1b") {
		t.Errorf("absent cell coloured:\n%q", colored.String())
	}
}

func TestColorEnabled(t *testing.T) {
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	// Not a terminal.
	if ColorEnabled(&bytes.Buffer{}, env(nil)) {
		t.Error("bytes.Buffer: colour enabled")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ColorEnabled(f, env(nil)) {
		t.Error("regular file: colour enabled")
	}
	if ColorEnabled(f, env(map[string]string{"NO_COLOR": "1"})) {
		t.Error("regular file with NO_COLOR: colour enabled")
	}
	var nilFile *os.File
	if ColorEnabled(nilFile, nil) {
		t.Error("nil *os.File: colour enabled")
	}

	// A pseudo-terminal master is a terminal; use it to check the env rules.
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer pty.Close()
	tests := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"TERM": "xterm-256color"}, true},
		{map[string]string{}, true},
		{map[string]string{"NO_COLOR": "1", "TERM": "xterm"}, false},
		{map[string]string{"NO_COLOR": "0"}, false},
		{map[string]string{"NO_COLOR": ""}, true},
		{map[string]string{"TERM": "dumb"}, false},
	}
	for _, tt := range tests {
		if got := ColorEnabled(pty, env(tt.env)); got != tt.want {
			t.Errorf("terminal with env %v: ColorEnabled = %v, want %v", tt.env, got, tt.want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	long := &Grid{Columns: []Column{{Name: "a"}}, Rows: plain([][]string{{"1", "2"}})}
	tests := []struct {
		name    string
		w       *bytes.Buffer
		format  Format
		data    any
		grid    *Grid
		wantErr string
	}{
		{"unknown format", &bytes.Buffer{}, "xml", nil, sampleGrid(), `unknown output format "xml"`},
		{"format is case-sensitive", &bytes.Buffer{}, "JSON", nil, nil, `unknown output format "JSON"`},
		{"table without grid", &bytes.Buffer{}, Table, nil, nil, "render table: no grid to render"},
		{"csv without grid", &bytes.Buffer{}, CSV, nil, nil, "render csv: no grid to render"},
		{"markdown without columns", &bytes.Buffer{}, Markdown, nil, &Grid{}, "render markdown: grid has no columns"},
		{"row too long", &bytes.Buffer{}, Table, nil, long, "render table: row 0 has 2 cells, want at most 1"},
		{"json unsupported", &bytes.Buffer{}, JSON, make(chan int), nil, "render json: json: unsupported type: chan int"},
		{"yaml unsupported", &bytes.Buffer{}, YAML, func() {}, nil, "render yaml: json: unsupported type: func()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.w, tt.format, tt.data, tt.grid, Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
			}
			if tt.w.Len() != 0 {
				t.Errorf("wrote %q despite the error", tt.w.String())
			}
		})
	}

	err := Write(failWriter{}, CSV, nil, sampleGrid(), Options{})
	if err == nil || err.Error() != "render csv: write: disk full" {
		t.Errorf("failing writer: error = %v", err)
	}
	if err := Write(nil, JSON, 1, nil, Options{}); err == nil {
		t.Error("nil writer: no error")
	}
}
