package timeimport

import (
	"bufio"
	"fmt"
	"io"
	"testing"
)

// export writes a Harvest export of n rows to w, spread over the test
// book's clients, two years and a few people, as a generator: nothing of
// it is held in memory.
func export(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?")
	clients := []string{"Acme Retail Ltd", "ACME Retail", "globex", "Initech"}
	people := [][2]string{{"Piers", "Bracher"}, {"Amara", "Nwosu"}, {"Sam", "Okafor"}, {"Jo", "Bloggs"}}
	for i := range n {
		p := people[(i/3)%len(people)]
		fmt.Fprintf(bw, "%d-%02d-%02d,%s,Project %d,P%d,Account management,\"Notes, row %d\",\"%d,%02d\",No,No,Yes,%s,%s,Role,Yes\n",
			2025+(i/7)%2, 1+i%12, 1+i%28, clients[i%len(clients)], i%50, i%50, i, i%8, i%100, p[0], p[1])
	}
	return bw.Flush()
}

// BenchmarkImport500k reads a generated 500,000-row export: the import
// keeps a sum per (client, year) and a count per unknown name, so its
// memory does not grow with the rows (see -benchmem's B/op against the
// export's size, about 60 MB).
func BenchmarkImport500k(b *testing.B) {
	bk := loadBookB(b)
	for b.Loop() {
		r, w := io.Pipe()
		go func() { w.CloseWithError(export(w, 500_000)) }()
		im := New(bk, nil)
		if _, err := im.Read(r, "bench.csv", DateAuto); err != nil {
			b.Fatal(err)
		}
		if res := im.Result(); len(res.Totals) != 4 {
			b.Fatalf("totals %v", res.Totals)
		}
	}
}
