package load

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/codec"
)

// brokenBook has a client whose client.yaml cannot be parsed but whose plan
// and engagement can, one without client.yaml, one whose client.yaml is of
// another kind, one whose status is not valid, one that is fine, an
// opportunity for the broken client and one that cannot be read.
func brokenBook(t *testing.T) string {
	return writeBook(t, map[string]string{
		"clientbook.yaml":                     validFirm,
		"clients/acme/client.yaml":            "kind: Client\nid: acme\nname: [Acme\nstatus: active\n",
		"clients/acme/plan.yaml":              "kind: AccountPlan\nyear: 2026\nowner: ann\n",
		"clients/acme/engagements/brand.yaml": "kind: Engagement\nstatus: active\nstart: 2026-05-01\nend: 2026-04-01\n",
		"clients/bare/engagements/web.yaml":   "kind: Engagement\nstatus: active\n",
		"clients/kind/client.yaml":            "kind: Engagement\nstatus: active\n",
		"clients/odd/client.yaml":             "kind: Client\nid: odd\nname: Odd\nstatus: actve\n",
		"clients/fine/client.yaml":            "kind: Client\nid: fine\nname: Fine\nstatus: active\n",
		"opportunities/for-acme.yaml":         "kind: Opportunity\nclient: acme\n",
		"opportunities/bad.yaml":              "kind: Opportunity\nclient: [acme\n",
	})
}

func TestBrokenClientHidesNothingElse(t *testing.T) {
	b, err := Load(brokenBook(t))
	if err != nil {
		t.Fatal(err)
	}
	var clients, unread []string
	for _, c := range b.Clients {
		clients = append(clients, string(c.ID.Value))
	}
	for _, c := range b.Unread {
		unread = append(unread, string(c.ID.Value))
	}
	if want := []string{"fine", "odd"}; !slices.Equal(clients, want) {
		t.Errorf("clients %q, want %q", clients, want)
	}
	if want := []string{"acme", "bare", "kind"}; !slices.Equal(unread, want) {
		t.Errorf("stand-ins %q, want %q", unread, want)
	}
	acme := b.Unread[0]
	if acme.Plan == nil || len(acme.Engagements) != 1 || acme.Status.Set || acme.Unread == nil {
		t.Errorf("acme's stand-in: plan %v, %d engagements, status %+v, unread %v; want its plan, its engagement, no status",
			acme.Plan, len(acme.Engagements), acme.Status, acme.Unread)
	}
	// The structural checks of its other files still run (CB008), and
	// the opportunity for it names a client the book has (no CB007).
	wantFinding(t, b, "CB008", "clients/acme/engagements/brand.yaml", "end 2026-04-01 is before start")
	wantNoFinding(t, b, "CB007", "opportunities/for-acme.yaml")

	got := make([]string, len(b.LeftOut))
	for i, o := range b.LeftOut {
		got[i] = strings.Join([]string{o.Kind, o.Name, o.Location(), o.Reason}, " | ")
		if o.StatusUnknown != (o.Name == "odd") {
			t.Errorf("%s: StatusUnknown %v", o.Name, o.StatusUnknown)
		}
	}
	want := []string{
		"client | acme | clients/acme/client.yaml:3:",
		"client | bare | clients/bare | client folder has no client.yaml: ",
		"client | kind | clients/kind/client.yaml:1:7 | is not a client (kind Engagement does not belong at clients/kind/client.yaml: ",
		"client | odd | clients/odd/client.yaml:4:9 | its status is not valid, so whether it is active is not known",
		"opportunity | bad | opportunities/bad.yaml:",
	}
	if len(got) != len(want) {
		t.Fatalf("left out:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("left out %q, want it to start %q", got[i], want[i])
		}
	}
}

// Stream hands reduce the stand-ins only when asked (check does, to run
// the rules on their files); either way they are in Book.LeftOut.
func TestStreamUnreadOption(t *testing.T) {
	root := brokenBook(t)
	for _, withUnread := range []bool{false, true} {
		var stand atomic.Int64
		b, values, err := Stream(root, Options{Unread: withUnread}, func(c *book.Client, _ *book.Settings) string {
			if c.Unread != nil {
				stand.Add(1)
			}
			return string(c.ID.Value)
		})
		if err != nil {
			t.Fatal(err)
		}
		want, wantValues := int64(0), []string{"fine", "odd"}
		if withUnread {
			want, wantValues = 3, []string{"acme", "bare", "fine", "kind", "odd"}
		}
		if stand.Load() != want || !slices.Equal(values, wantValues) {
			t.Errorf("Unread %v: %d stand-ins reduced, values %q; want %d, %q", withUnread, stand.Load(), values, want, wantValues)
		}
		if len(b.LeftOut) != 5 {
			t.Errorf("Unread %v: %d left out, want 5", withUnread, len(b.LeftOut))
		}
	}
}

// A stand-in collides with no client: another folder whose client.yaml
// says id: acme is CB006 (not its folder) but not CB005.
func TestStandInIsNoDuplicate(t *testing.T) {
	b := loadBook(t, map[string]string{
		"clientbook.yaml":          validFirm,
		"clients/acme/client.yaml": "kind: Client\nid: acme\nname: [Acme\n",
		"clients/copy/client.yaml": "kind: Client\nid: acme\nname: Copy\nstatus: active\n",
	})
	wantFinding(t, b, "CB006", "clients/copy/client.yaml", "does not match its folder")
	wantNoFinding(t, b, "CB005", "clients/copy/client.yaml")
	wantNoFinding(t, b, "CB005", "clients/acme/client.yaml")
}

// What is left out comes back the same from the cache.
func TestCacheKeepsLeftOut(t *testing.T) {
	defer func(w time.Duration) { cache.RacyWindow = w }(cache.RacyWindow)
	cache.RacyWindow = -time.Hour
	root := brokenBook(t)
	dir := t.TempDir()
	var runs []*book.Book
	var reduced []int64
	for range 2 {
		var n atomic.Int64
		b, _, err := Stream(root, Options{Cache: cache.Open(dir, root, "test", nil), Codec: codec.Binary{}}, func(c *book.Client, _ *book.Settings) []byte {
			n.Add(1)
			return []byte(c.ID.Value)
		})
		if err != nil {
			t.Fatal(err)
		}
		runs, reduced = append(runs, b), append(reduced, n.Load())
	}
	if reduced[1] != 0 {
		t.Errorf("the second run reduced %d clients, want 0 (all from the cache)", reduced[1])
	}
	if len(runs[0].LeftOut) != 5 || !reflect.DeepEqual(runs[0].LeftOut, runs[1].LeftOut) {
		t.Errorf("left out, fresh:\n%+v\nfrom the cache:\n%+v", runs[0].LeftOut, runs[1].LeftOut)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.cache")); len(files) != 1 {
		t.Errorf("cache files %v, want one", files)
	}
}
