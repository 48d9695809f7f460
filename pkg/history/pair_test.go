package history

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/testtree"
)

// sameFolder reports whether the client folder has the same files, byte
// for byte, in both books.
func sameFolder(t *testing.T, a, b, folder string) bool {
	t.Helper()
	files := func(root string) map[string][]byte {
		out := map[string][]byte{}
		filepath.WalkDir(filepath.Join(root, folder), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				out[rel], _ = os.ReadFile(p)
			}
			return nil
		})
		return out
	}
	fa, fb := files(a), files(b)
	if len(fa) == 0 || len(fa) != len(fb) {
		return false
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			return false
		}
	}
	return true
}

// Reading two books together, each shared folder once, gives the very
// states reading each alone gives: on the example books, the second with
// a client changed, one removed, and one added whose id is a shared
// client's (a clash found on the shared folder in the second book only,
// and on the new one in the first... which does not have it).
func TestEvaluatePairEqualsEvaluateDir(t *testing.T) {
	fromDay, _ := book.ParseDate("2026-10-01")
	toDay, _ := book.ParseDate("2026-11-23")
	for _, name := range []string{"agency", "consulting"} {
		t.Run(name, func(t *testing.T) {
			from := testtree.Copy(t, filepath.Join("..", "..", "examples", name))
			to := testtree.Copy(t, from)
			clients, _ := os.ReadDir(filepath.Join(to, "clients"))
			if len(clients) < 3 {
				t.Fatal("too few clients")
			}
			// A clash on a shared folder: a new folder sorting first takes
			// the last client's id.
			last := clients[len(clients)-1].Name()
			data, _ := os.ReadFile(filepath.Join(to, "clients", last, "client.yaml"))
			os.MkdirAll(filepath.Join(to, "clients", "aaa-copy"), 0o755)
			os.WriteFile(filepath.Join(to, "clients", "aaa-copy", "client.yaml"), data, 0o644)
			os.RemoveAll(filepath.Join(to, "clients", clients[0].Name()))
			changed := filepath.Join(to, "clients", clients[1].Name(), "client.yaml")
			data, _ = os.ReadFile(changed)
			os.WriteFile(changed, []byte(strings.Replace(string(data), "\nstatus: ", "\n# changed\nstatus: ", 1)), 0o644)

			wantFrom, err := EvaluateDir(from, fromDay, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			wantTo, err := EvaluateDir(to, toDay, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var sharedSeen atomic.Int64 // shared is called from many readers
			shared := func(folder string) bool {
				ok := sameFolder(t, from, to, folder)
				if ok {
					sharedSeen.Add(1)
				}
				return ok
			}
			gotFrom, gotTo, err := EvaluatePair(from, fromDay, load.Options{}, toDay, func() (string, load.Options, error) {
				return to, load.Options{}, nil
			}, shared)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotFrom, wantFrom) {
				t.Errorf("the first state differs:\n got %+v\nwant %+v", gotFrom, wantFrom)
			}
			if !reflect.DeepEqual(gotTo, wantTo) {
				t.Errorf("the second state differs:\n got %+v\nwant %+v", gotTo, wantTo)
			}
			if n := int(sharedSeen.Load()); n < len(clients)-2 {
				t.Errorf("only %d folders shared", n)
			}
			if !strings.Contains(findingsText(wantTo), "already used by clients/aaa-copy") {
				t.Errorf("no clash on the shared folder; the test proves little: %v", wantTo.Findings)
			}
		})
	}
}

func findingsText(st State) string {
	var b strings.Builder
	for _, f := range st.Findings {
		b.WriteString(f.Path + " " + f.Message + "\n")
	}
	return b.String()
}
