package timeimport

import (
	"errors"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

func loadBook(t *testing.T) *book.Book { return loadBookB(t) }

func loadBookB(t testing.TB) *book.Book {
	t.Helper()
	b, err := load.Load(filepath.Join("testdata", "book"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Errors > 0 {
		t.Fatalf("the test book has errors: %v", b.Findings)
	}
	return b
}

// totals runs an import of the files and returns "client year hours" lines.
func totals(t *testing.T, tasks []string, files ...string) ([]string, Result) {
	t.Helper()
	im := New(loadBook(t), tasks)
	for _, f := range files {
		r, err := os.Open(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		_, err = im.Read(r, f, DateAuto)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	res := im.Result()
	var out []string
	for _, tot := range res.Totals {
		out = append(out, string(tot.Client.ID.Value)+" "+itoa(tot.Year)+" "+exact.Plain(tot.Hours))
	}
	return out, res
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// The sums below are worked by hand from the fixtures' rows.
func TestSumsByHand(t *testing.T) {
	cases := []struct {
		name  string
		tasks []string
		files []string
		want  []string
	}{
		// 1.25; 7.5 (decimal comma, alias) + 0.005 (id) = 7.505 → 7.51;
		// Sam is not senior, Jo Bloggs not on the team, Initech no client.
		{"harvest", nil, []string{"harvest.csv"}, []string{"acme 2025 1.25", "acme 2026 7.51"}},
		// 1:30:00 + 0:00:18 (= 0.005 h, by email under another name, client
		// by id) = 1.505 → 1.51; 0:00:17 = 0.00472… → 0 (Amara by name:
		// the export's email is none of the team's).
		{"toggl", nil, []string{"toggl.csv"}, []string{"globex 2025 0", "globex 2026 1.51"}},
		// 2.50 + 0.0025 + 0.0025 = 2.505 → 2.51; 1.005 → 1.01 (12/31/2025
		// month first, alias in capitals).
		{"clockify", nil, []string{"clockify.csv"}, []string{"acme 2025 1.01", "acme 2026 2.51"}},
		// Across files the exact sums add before rounding: 1.25 + 1.005 =
		// 2.255 → 2.26; 7.505 + 2.505 = 10.01.
		{"all", nil, []string{"harvest.csv", "toggl.csv", "clockify.csv"}, []string{"acme 2025 2.26", "acme 2026 10.01", "globex 2025 0", "globex 2026 1.51"}},
		// --task management drops Harvest's Planning row (0.005) and
		// Amara's Toggl row: 7.5 + 2.505 = 10.005 → 10.01.
		{"task filter", []string{"MANAGEMENT"}, []string{"harvest.csv", "toggl.csv", "clockify.csv"}, []string{"acme 2025 2.26", "acme 2026 10.01", "globex 2026 1.51"}},
		// A task that nothing has.
		{"task none", []string{"audit"}, []string{"harvest.csv"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := totals(t, c.tasks, c.files...)
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestUnmatchedListedNeverGuessed(t *testing.T) {
	_, res := totals(t, nil, "harvest.csv")
	if res.Entries != 6 || res.Management != 3 || res.Unmatched != 2 {
		t.Errorf("entries %d, management %d, unmatched %d; want 6, 3, 2", res.Entries, res.Management, res.Unmatched)
	}
	if len(res.People) != 1 || res.People[0].Name != "Jo Bloggs" || res.People[0].Entries != 1 {
		t.Errorf("people: %+v", res.People)
	}
	if len(res.Clients) != 1 || res.Clients[0].Name != "Initech" || len(res.Clients[0].Nearest) != 0 {
		t.Errorf("clients: %+v", res.Clients)
	}
}

func TestNearestClientAndAlias(t *testing.T) {
	im := New(loadBook(t), nil)
	im.Add(Entry{Year: 2026, Client: "Acme Retail Limited", Person: "Piers Bracher", Hours: big.NewRat(1, 1)})
	im.Add(Entry{Year: 2026, Client: "Globex Corp.", Person: "Piers Bracher", Hours: big.NewRat(1, 1)})
	res := im.Result()
	if len(res.Totals) != 0 {
		t.Errorf("a near name was matched: %+v", res.Totals)
	}
	got := map[string][]string{}
	for _, u := range res.Clients {
		got[u.Name] = append(u.Nearest, string(u.Client))
	}
	if want := []string{"Acme Retail Ltd (acme)", "acme"}; !slices.Equal(got["Acme Retail Limited"], want) {
		t.Errorf("Acme Retail Limited: got %q, want %q", got["Acme Retail Limited"], want)
	}
	if want := []string{"Globex Corporation (globex)", "globex"}; !slices.Equal(got["Globex Corp."], want) {
		t.Errorf("Globex Corp.: got %q, want %q", got["Globex Corp."], want)
	}
}

func TestRound2HalfUp(t *testing.T) {
	for in, want := range map[string]string{"1.005": "1.01", "1.0049999": "1", "2.675": "2.68", "0.004999": "0", "0.005": "0.01", "12.5": "12.5", "10.005": "10.01"} {
		r, _ := exact.ParseDecimal(in)
		if got := exact.Plain(Round2(r)); got != want {
			t.Errorf("Round2(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	cases := []struct {
		in    string
		order DateOrder
		year  int
		bad   string
	}{
		{in: "2026-03-04", year: 2026},
		{in: "2026-03-04 09:00", year: 2026},
		{in: "04.03.2026", year: 2026},
		{in: "3/4/2026", year: 2026},
		{in: "12/31/2025", year: 2025},
		{in: "31/12/2025", bad: "not a date of the calendar"},
		{in: "31/12/2025", order: DayFirst, year: 2025},
		{in: "31.12.2025", order: MonthFirst, bad: "not a date of the calendar"},
		{in: "2026-02-30", bad: "not a date of the calendar"},
		{in: "3/4/26", bad: "no four-digit year"},
		{in: "March 4, 2026", bad: "is not a date"},
		{in: "", bad: "no date"},
	}
	for _, c := range cases {
		y, err := dateYear(c.in, c.order)
		switch {
		case c.bad != "" && (err == nil || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%q: got %v, want an error with %q", c.in, err, c.bad)
		case c.bad == "" && (err != nil || y != c.year):
			t.Errorf("%q: got %d, %v; want %d", c.in, y, err, c.year)
		}
	}
}

func TestHours(t *testing.T) {
	for in, want := range map[string]string{"7.5": "7.5", "7,5": "7.5", "0,25": "0.25", "3": "3", ".5": "0.5"} {
		r, err := decimalHours(in)
		if err != nil || exact.Plain(r) != want {
			t.Errorf("decimalHours(%q) = %v, %v; want %s", in, r, err, want)
		}
	}
	for _, in := range []string{"", "1,234.5", "1.2.3", "-1", "7h", "1e3", "1:30"} {
		if _, err := decimalHours(in); err == nil {
			t.Errorf("decimalHours(%q) read a number", in)
		}
	}
	for in, want := range map[string]string{"01:30:00": "1.5", "0:00:18": "0.005", "100:00:00": "100"} {
		r, err := clockHours(in)
		if err != nil || exact.Plain(r) != want {
			t.Errorf("clockHours(%q) = %v, %v; want %s", in, r, err, want)
		}
	}
	for _, in := range []string{"1.5", "01:30", "47:06 min", "1:60:00", "1:5:00", ""} {
		if _, err := clockHours(in); err == nil || !strings.Contains(err.Error(), "Duration format") {
			t.Errorf("clockHours(%q): got %v, want the profile setting named", in, err)
		}
	}
}

func TestHeaders(t *testing.T) {
	cases := []struct {
		header string
		format Format
		bad    string
	}{
		{header: "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,Last Name,Department,Employee?", format: Harvest},
		{header: "\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)", format: Toggl},
		{header: `"Project","Description","Activity","User","Group","Email","Tags","Type","Billable","Invoiced","Approval","Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)"`, format: Clockify},
		{header: "last name,FIRST NAME,hours,client,date", format: Harvest},
		{header: "Datum,Kunde,Projekt,Aufgabe,Notizen,Stunden,Vorname,Nachname", bad: "Harvest (columns Date, Client, Hours, First Name, Last Name)"},
		{header: "Date,Client,Hours,First Name", bad: "Harvest export but has no Last Name column"},
		{header: "", bad: "the file is empty"},
	}
	for _, c := range cases {
		rd, err := NewReader(strings.NewReader(c.header+"\n"), "x.csv", DateAuto)
		if c.header == "" {
			rd, err = NewReader(strings.NewReader(""), "x.csv", DateAuto)
		}
		var he *HeaderError
		switch {
		case c.bad != "" && (!errors.As(err, &he) || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%q: got %v, want a header error with %q", c.header, err, c.bad)
		case c.bad == "" && err != nil:
			t.Errorf("%q: %v", c.header, err)
		case c.bad == "" && rd.Format() != c.format:
			t.Errorf("%q: read as %s, want %s", c.header, rd.Format(), c.format)
		}
	}
}

func TestBadRowsNameFileAndLine(t *testing.T) {
	header := "Date,Client,Hours,First Name,Last Name\n"
	cases := []struct{ rows, want string }{
		{"2026-01-01,Acme,1,Piers,Bracher\n2026-01-02,Acme,1,Piers\n", "x.csv:3: the row has 4 columns, and the header 5"},
		{"2026-01-01,\"Acme\nRetail\",1,Piers,Bracher\n2026-01-02,Acme,lots,Piers,Bracher\n", `x.csv:4: Hours "lots": want hours as a decimal number`},
		{"02/30/2026,Acme,1,Piers,Bracher\n", `x.csv:2: Date: "02/30/2026" is not a date of the calendar`},
		{"2026-01-01,Acme \"Retail\",1,Piers,Bracher\n", `x.csv:2: a double quote`},
	}
	for _, c := range cases {
		rd, err := NewReader(strings.NewReader(header+c.rows), "x.csv", DateAuto)
		if err != nil {
			t.Fatal(err)
		}
		for err == nil {
			_, err = rd.Next()
		}
		var re *RowError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

func TestToggleDurationRefusedNamingTheSetting(t *testing.T) {
	in := "User,Client,Start date,Duration\nPiers Bracher,Acme,2026-01-01,1.5\n"
	rd, err := NewReader(strings.NewReader(in), "t.csv", DateAuto)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rd.Next()
	if err == nil || !strings.Contains(err.Error(), `t.csv:2: Duration "1.5"`) || !strings.Contains(err.Error(), "Improved (0:47:06)") {
		t.Errorf("got %v", err)
	}
}

func TestClockifyWithoutClient(t *testing.T) {
	in := `"Project","Description","Activity","User","Email","Tags","Start Date","Duration (decimal)"` + "\n" +
		`"Acme","x","Account management","Piers Bracher","piers@busara.example","","01/02/2026","1.5"` + "\n"
	im := New(loadBook(t), nil)
	if _, err := im.Read(strings.NewReader(in), "c.csv", DateAuto); err != nil {
		t.Fatal(err)
	}
	res := im.Result()
	if len(res.Totals) != 0 || res.Unmatched != 1 || len(res.Clients) != 1 || res.Clients[0].Name != "" {
		t.Errorf("an entry without a client: %+v", res)
	}
}

func TestReaderEOF(t *testing.T) {
	rd, err := NewReader(strings.NewReader("Date,Client,Hours,First Name,Last Name\n\n"), "x.csv", DateAuto)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("got %v, want EOF", err)
	}
}

func TestSharedAliasIsNotGuessed(t *testing.T) {
	b := loadBook(t)
	globex := b.Client("globex")
	globex.Aliases = append(globex.Aliases, book.Field[string]{Value: "ACME Retail", Set: true})
	im := New(b, nil)
	im.Add(Entry{Year: 2026, Client: "acme retail", Person: "Piers Bracher", Hours: big.NewRat(1, 1)})
	res := im.Result()
	if len(res.Totals) != 0 || len(res.Clients) != 1 || !slices.Equal(res.Clients[0].Matches, []string{"acme", "globex"}) {
		t.Errorf("a name two clients share: %+v", res)
	}
}

func TestChanges(t *testing.T) {
	dec := func(s string) book.Field[book.Decimal] {
		return book.Field[book.Decimal]{Value: book.MustDecimal(s), Set: true}
	}
	year := func(y int) book.Field[int] { return book.Field[int]{Value: y, Set: true} }
	c := &book.Client{Path: "clients/acme/client.yaml", Financials: []book.Financial{
		{Year: year(2024), ManagementHours: dec("12.50")},
		{Year: year(2025), ManagementHours: dec("3")},
		{Year: year(2026)},
		{Year: year(2027)}, {Year: year(2027)},
	}}
	h := func(s string) *big.Rat { r, _ := exact.ParseDecimal(s); return r }
	changes, problems := Changes([]Total{
		{Client: c, Year: 2024, Hours: h("12.5")}, // the same number written otherwise: no change
		{Client: c, Year: 2025, Hours: h("3.01")},
		{Client: c, Year: 2026, Hours: h("1")},
		{Client: c, Year: 2027, Hours: h("1")},
		{Client: c, Year: 2028, Hours: h("0")},
	})
	var got []string
	for _, ch := range changes {
		before := "none"
		if ch.Before != nil {
			before = exact.Plain(ch.Before)
		}
		got = append(got, itoa(ch.Year)+" "+before+" "+exact.Plain(ch.After))
	}
	if want := []string{"2025 3 3.01", "2026 none 1", "2028 none 0"}; !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "more than one row for 2027") {
		t.Errorf("problems %q", problems)
	}
}
