package load

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/golden"
)

func updatingGoldens() bool { return golden.Update() }

// TestHostileGolden pins everything loading each corpus file reports, as
// actionlint's testdata/err/*.out do: for name.yaml, name.out next to it
// holds every finding of the book it is placed in (see hostilePlace), one
// per line as check prints them, path:line:col: severity rule message. A
// file with nothing to report has an empty .out.
func TestHostileGolden(t *testing.T) {
	yamls, err := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	if err != nil || len(yamls) == 0 {
		t.Fatalf("no corpus in %s: %v", hostileDir, err)
	}
	outs, _ := filepath.Glob(filepath.Join(hostileDir, "*.out"))
	for _, out := range outs {
		if _, err := os.Stat(strings.TrimSuffix(out, ".out") + ".yaml"); err != nil && !updatingGoldens() {
			t.Errorf("%s has no .yaml: delete it", out)
		} else if err != nil {
			os.Remove(out)
		}
	}
	for _, path := range yamls {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b := loadWithin(t, writeBook(t, hostileBook(name, data)), hostileTime)
			fs := append([]finding.Finding(nil), b.Findings...)
			finding.Sort(fs)
			var got bytes.Buffer
			for _, f := range fs {
				fmt.Fprintf(&got, "%s: %s %s %s\n", f.Location(), f.Severity, f.Rule, finding.Printable(f.Message))
			}
			golden := strings.TrimSuffix(path, ".yaml") + ".out"
			if updatingGoldens() {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v: run CLIENTBOOK_UPDATE=1 go test ./pkg/internal/load -run TestHostileGolden and review the new file", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("findings differ from %s (CLIENTBOOK_UPDATE=1 go test rewrites it):\ngot:\n%swant:\n%s", golden, got.Bytes(), want)
			}
		})
	}
}
