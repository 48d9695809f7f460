package template

import (
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

//go:embed files/*.yaml
var files embed.FS

var templates = template.Must(template.New("").Delims("[[", "]]").Funcs(template.FuncMap{"q": quote, "list": list, "pad": pad}).ParseFS(files, "files/*.yaml"))

// quote writes s as a YAML scalar: plain when that reads back as the same
// string, double-quoted otherwise. A control character (a name holding an
// escape sequence, say) is only ever written as an escape of a
// double-quoted string: raw, it would make the file unreadable, and print
// as itself with --dry-run.
func quote(s string) string {
	plain := s != "" && !strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`\n\t") && inert.Text(s) == s &&
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

// list writes strings as a flow list, each quoted as quote does.
func list(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// pad fills s with spaces to width characters (at least one space), so
// that the comments after filled-in values line up with the others.
func pad(width int, s string) string {
	return s + strings.Repeat(" ", max(1, width-utf8.RuneCountInString(s)))
}

// Data is what a template is filled with.
type Data struct {
	ID        string // the new file's id (client, engagement or opportunity)
	Client    string // the client it belongs to, where there is one
	Name      string // a display name (a client's name, an engagement's title, an opportunity's summary)
	Prospect  string // an opportunity's would-be client, when it is not a client
	Owner     string // a team member id to use as owner; "" leaves owner out
	Service   string // an engagement's or opportunity's service; "" leaves it out
	Today     string // YYYY-MM-DD
	Due       string // YYYY-MM-DD: a first due date, two weeks from today
	Year      int
	Firm      string
	With      []string   // the client's people at a review
	Questions []Question // a review's questions, in order
	Opening   []string   // a review's opening: the open recovery, line by line
	Profile   Profile    // a new client's profile, as given by its flags
	Example   bool       // the client is init's example, to edit or delete
	Status    string     // an engagement's status
	Start     string     // an engagement's start, YYYY-MM-DD; "" leaves it out
	End       string     // an engagement's end, YYYY-MM-DD; "" leaves it out
	Updates   string     // a plan's update cadence
}

// Profile is what the user gave of a new client's simple fields. An empty
// value was not given: the template writes it as a commented example, never
// as data (a made-up rating, figure or fact would count in the scores).
type Profile struct {
	Status      string // required: prospect | active | paused | former
	Tier        string
	Industry    string
	Geography   string
	Employees   string // a whole number, as given
	Since       string // YYYY-MM-DD
	Potential   string // 1-5, as given
	Exclusive   bool
	Competitors []string
	Priorities  []string
}

// Question is one answer of a review template: its id, and the comment
// lines written above it (the question as it will be asked).
type Question struct {
	ID       string
	Comments []string
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
