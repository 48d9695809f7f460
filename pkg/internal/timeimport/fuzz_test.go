package timeimport

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadTimeCSV feeds the reader any bytes: it returns entries or
// errors, never panics, and every entry it returns has hours that are not
// negative and a year.
func FuzzReadTimeCSV(f *testing.F) {
	for _, name := range []string{"harvest.csv", "toggl.csv", "clockify.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte("User,Client,Start date,Duration\nA,B,1/2/2026,999999999:59:59\n"), uint8(1))
	f.Add([]byte("Date,Client,Hours,First Name,Last Name\n31.12.2025,X,\"1,5\",A,B\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, order uint8) {
		rd, err := NewReader(bytes.NewReader(data), "f.csv", DateOrder(order%3))
		if err != nil {
			return
		}
		for range 10000 {
			e, err := rd.Next()
			if errors.Is(err, io.EOF) || err != nil {
				return
			}
			if e.Hours == nil || e.Hours.Sign() < 0 || e.Year < 1900 {
				t.Fatalf("entry %+v", e)
			}
			_ = Round2(e.Hours)
		}
	})
}
