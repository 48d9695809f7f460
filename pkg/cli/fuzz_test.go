package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/cli"
)

// hostileDir is the corpus of hostile files of issue 11 (see
// pkg/internal/load/hostile_test.go for what each must report).
const hostileDir = "../../testdata/hostile"

// checkBookFiles are the files of the small, valid book FuzzCheckBook
// writes its input into: one client with a plan, engagements and a review,
// and two opportunities, from the example agency.
var checkBookFiles = []struct{ path, from string }{
	{"clientbook.yaml", "clientbook.yaml"},
	{"clients/kestrel-outdoor/client.yaml", ""},
	{"clients/kestrel-outdoor/plan.yaml", ""},
	{"clients/kestrel-outdoor/engagements/seo-retainer-2026.yaml", ""},
	{"clients/kestrel-outdoor/engagements/ecommerce-replatform.yaml", ""},
	{"clients/kestrel-outdoor/reviews/2026.yaml", ""},
	{"clients/nimbus-software/client.yaml", ""},
	{"opportunities/nimbus-seo-programme.yaml", ""},
	{"opportunities/tallis-robotics-brand.yaml", ""},
}

// checkBookCommands are run, one per input (chosen with the file), after
// check: together they take a hostile book through every domain package.
var checkBookCommands = [][]string{
	{"health", "-o", "json"},
	{"health", "--history", "-o", "yaml"},
	{"matrix", "-o", "json"},
	{"portfolio", "-o", "csv"},
	{"accept", "-o", "json"},
	{"due", "-o", "markdown"},
	{"due", "-o", "ics", "--within", "365d"},
	{"review", "kestrel-outdoor"},
	{"report"},
}

// FuzzCheckBook writes any bytes as one file of a small valid book (which
// file is chosen by slot) and runs `check -o json` and one more command on
// it in-process. Nothing may panic (cli.Main turns a panic into exit code
// 3), check must exit 0 or 1 with JSON on stdout, and no command may
// report an internal error.
func FuzzCheckBook(f *testing.F) {
	examples := filepath.Join("..", "..", "examples", "agency")
	originals := make([][]byte, len(checkBookFiles))
	for i, file := range checkBookFiles {
		data, err := os.ReadFile(filepath.Join(examples, filepath.FromSlash(file.path)))
		if err != nil {
			f.Fatal(err)
		}
		originals[i] = data
		f.Add(uint8(i), data)
	}
	hostile, _ := filepath.Glob(filepath.Join(hostileDir, "*"))
	for i, p := range hostile {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= 16<<10 {
			// Into each file but the firm's in turn, with each command.
			n := len(checkBookFiles)
			f.Add(uint8(1+i%(n-1)+n*(i%len(checkBookCommands))), data)
		}
	}
	f.Add(uint8(0), []byte("kind: Firm\nname: F\nhealth: {weights: {trust: 0, respect: 0, transparency: 0, access: 0, loyalty: 0, value: 0}}\n"))
	f.Add(uint8(1), []byte("kind: Client\nid: kestrel-outdoor\nname: K\nstatus: active\nfinancials: [{year: 2026, revenue: 0, management_hours: 0}]\n"))

	root := f.TempDir()
	f.Fuzz(func(t *testing.T, slot uint8, data []byte) {
		i := int(slot) % len(checkBookFiles)
		for j, file := range checkBookFiles {
			content := originals[j]
			if j == i {
				content = data
			}
			p := filepath.Join(root, filepath.FromSlash(file.path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		common := []string{"--book", root, "--today", "2026-11-23"}

		var stdout, stderr bytes.Buffer
		code := cli.Main(append(common, "check", "-o", "json"), strings.NewReader(""), &stdout, &stderr)
		if code != 0 && code != 1 {
			t.Fatalf("check exited %d:\n%s", code, stderr.String())
		}
		var report struct {
			Findings []json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
			t.Fatalf("check -o json printed what is not JSON: %v\n%s", err, stdout.String())
		}

		args := checkBookCommands[int(slot)/len(checkBookFiles)%len(checkBookCommands)]
		stdout.Reset()
		stderr.Reset()
		code = cli.Main(append(common, args...), strings.NewReader(""), &stdout, &stderr)
		if code == 3 || strings.Contains(stderr.String(), "internal error") {
			t.Fatalf("%s exited %d:\n%s", strings.Join(args, " "), code, stderr.String())
		}
	})
}

// FuzzImportCalendar imports any bytes as a calendar export into the
// example agency book (--dry-run, so the book stays as it is): nothing may
// panic, and a file that cannot be read is exit 2, never an internal error.
func FuzzImportCalendar(f *testing.F) {
	book := filepath.Join("..", "..", "examples", "agency")
	for _, p := range []string{filepath.Join(book, "imports", "harbour-hotels.ics"), filepath.Join("..", "calendar", "testdata", "outlook.ics")} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261101T100000\nATTENDEE:mailto:claire.whitmore@harbourhotels.example\nEND:VEVENT\nEND:VCALENDAR\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		ics := filepath.Join(dir, "in.ics")
		if err := os.WriteFile(ics, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := cli.Main([]string{"import", "calendar", ics, "--dry-run", "--book", book, "--today", "2026-11-23"}, strings.NewReader(""), &stdout, &stderr)
		if (code != 0 && code != 2) || strings.Contains(stderr.String(), "internal error") {
			t.Fatalf("import calendar exited %d:\n%s", code, stderr.String())
		}
	})
}
