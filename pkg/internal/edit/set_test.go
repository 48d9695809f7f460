package edit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/internal/load"
)

func TestSetInList(t *testing.T) {
	cases := []struct {
		name, src, year, want string
	}{
		{
			name: "flow row: value replaced where it stands, comment kept",
			src:  "id: acme\nfinancials:\n  - {year: 2025, revenue: 1, management_hours: 120}   # old\n  - {year: 2026, revenue: 2, management_hours: 260}   # new\nnotes: x\n",
			year: "2026",
			want: "id: acme\nfinancials:\n  - {year: 2025, revenue: 1, management_hours: 120}   # old\n  - {year: 2026, revenue: 2, management_hours: 12.5}   # new\nnotes: x\n",
		},
		{
			name: "flow row without the key: added before the brace",
			src:  "financials:\n  - {year: 2026, revenue: 480000, margin: 0.22 }  # c\n",
			year: "2026",
			want: "financials:\n  - {year: 2026, revenue: 480000, margin: 0.22, management_hours: 12.5 }  # c\n",
		},
		{
			name: "block row: value replaced",
			src:  "financials:\n  - year: 2026\n    management_hours: \"260\"   # typed\n    revenue: 5\n",
			year: "2026",
			want: "financials:\n  - year: 2026\n    management_hours: 12.5   # typed\n    revenue: 5\n",
		},
		{
			name: "block row without the key: a line after its last",
			src:  "financials:\n  - year: 2025\n    revenue: 1\n  - year: 2026\n    revenue: 5   # so far\n\n# what follows\nhealth: []\n",
			year: "2026",
			want: "financials:\n  - year: 2025\n    revenue: 1\n  - year: 2026\n    revenue: 5   # so far\n    management_hours: 12.5\n\n# what follows\nhealth: []\n",
		},
		{
			name: "block row in the middle",
			src:  "financials:\n  - year: 2025\n    revenue: 1\n    # more to come\n  - year: 2026\n",
			year: "2025",
			want: "financials:\n  - year: 2025\n    revenue: 1\n    # more to come\n    management_hours: 12.5\n  - year: 2026\n",
		},
		{
			name: "missing year: a row appended",
			src:  "financials:\n  - {year: 2025, management_hours: 3}\nnotes: x\n",
			year: "2026",
			want: "financials:\n  - {year: 2025, management_hours: 3}\n  - {year: 2026, management_hours: 12.5}\nnotes: x\n",
		},
		{
			name: "no financials: the key created",
			src:  "id: acme\nstakeholders:\n    - {name: Jane}\n",
			year: "2026",
			want: "id: acme\nstakeholders:\n    - {name: Jane}\nfinancials:\n    - {year: 2026, management_hours: 12.5}\n",
		},
		{
			name: "empty flow list",
			src:  "financials: []   # none yet\n",
			year: "2026",
			want: "financials:    # none yet\n  - {year: 2026, management_hours: 12.5}\n",
		},
		{
			name: "CRLF kept",
			src:  "financials:\r\n  - year: 2026\r\n    revenue: 1\r\n",
			year: "2026",
			want: "financials:\r\n  - year: 2026\r\n    revenue: 1\r\n    management_hours: 12.5\r\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := SetInList([]byte(c.src), "financials", "year", c.year, "management_hours", Plain("12.5"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			again, err := SetInList(got, "financials", "year", c.year, "management_hours", Plain("12.5"))
			if err != nil || string(again) != string(got) {
				t.Errorf("setting the same value again changed the file: %v\n%s", err, again)
			}
		})
	}
}

func TestSetInListRefuses(t *testing.T) {
	cases := map[string]struct{ src, want string }{
		"two rows of the year": {"financials:\n  - {year: 2026}\n  - {year: 2026, revenue: 1}\n", "two entries with year 2026 (lines 2 and 3)"},
		"not a list":           {"financials: {year: 2026}\n", "financials is not a list"},
		"empty value":          {"financials:\n  - year: 2026\n    management_hours:\n", "has no value"},
		"block scalar":         {"financials:\n  - year: 2026\n    management_hours: |\n      12\n", "style clientbook does not edit"},
		"not yaml":             {"financials: [\n", "cannot read the file"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := SetInList([]byte(c.src), "financials", "year", "2026", "management_hours", Plain("12.5"))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestSetInListExampleBooks sets management hours of an existing year and
// of a new one in every client file of the example books: hand-written
// files with comments, flow and block rows.
func TestSetInListExampleBooks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "examples", "*", "clients", "*", "client.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example client files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, year := range []string{"2025", "2026", "2031"} {
			out, err := SetInList(src, "financials", "year", year, "management_hours", Plain("0.01"))
			if err != nil {
				t.Errorf("%s, %s: %v", f, year, err)
				continue
			}
			if err := load.CheckFile(out); err != nil {
				t.Errorf("%s, %s: %v", f, year, err)
			}
		}
	}
}

// FuzzSetInList edits any file the loader would read (imports edit only
// those: anchors and aliases, which can make a YAML parser take
// exponential time, are refused before): it returns an error or a file
// that can be edited again, and never panics.
func FuzzSetInList(f *testing.F) {
	f.Add([]byte("financials:\n  - {year: 2026, revenue: 1}\n"), "2026")
	f.Add([]byte("financials:\n  - year: 2026\n    management_hours: '3' # x\n"), "2026")
	f.Add([]byte("financials: []\n"), "2025")
	f.Add([]byte("a: 1\n"), "2026")
	f.Fuzz(func(t *testing.T, src []byte, year string) {
		if load.CheckFile(src) != nil {
			return
		}
		out, err := SetInList(src, "financials", "year", year, "management_hours", Plain("1.25"))
		if err != nil {
			return
		}
		again, err := SetInList(out, "financials", "year", year, "management_hours", Plain("1.25"))
		if err != nil {
			t.Fatalf("the result cannot be edited again: %v\n%s", err, out)
		}
		_ = again
	})
}
