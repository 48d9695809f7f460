package template

import (
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
)

//go:embed files/*.yaml
var files embed.FS

var templates = template.Must(template.New("").Delims("[[", "]]").Funcs(template.FuncMap{"q": quote}).ParseFS(files, "files/*.yaml"))

// quote writes s as a YAML scalar: plain when that reads back as the same
// string, double-quoted otherwise.
func quote(s string) string {
	plain := s != "" && !strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`\n\t") &&
		strings.TrimSpace(s) == s && !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "?")
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		plain = false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		plain = false
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}

// Data is what a template is filled with.
type Data struct {
	ID     string // the new file's id (client, engagement or opportunity)
	Client string // the client it belongs to, where there is one
	Name   string // a display name
	Owner  string // a team member id to use as owner
	Today  string // YYYY-MM-DD
	Year   int
	Firm   string
}

// Render fills the template for kind (firm, client, engagement, plan,
// review, opportunity).
func Render(kind string, d Data) ([]byte, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, kind+".yaml", d); err != nil {
		return nil, fmt.Errorf("no template for %s: %w", kind, err)
	}
	return buf.Bytes(), nil
}
