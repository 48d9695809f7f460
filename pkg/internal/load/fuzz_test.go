package load

import (
	"bytes"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/parse"
)

// Seeds: the hostile corpus, the example books' files and a few inputs
// written here. Crashers found by `go test -fuzz` are kept by Go under
// testdata/fuzz/<FuzzName>/ and run as regression cases by plain go test.

func addFileSeeds(f *testing.F) {
	f.Helper()
	var paths []string
	for _, pattern := range []string{
		filepath.Join(hostileDir, "*.yaml"),
		"../../../examples/*/clientbook.yaml",
		"../../../examples/*/clients/*/*.yaml",
		"../../../examples/*/clients/*/*/*.yaml",
		"../../../examples/*/opportunities/*.yaml",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		paths = append(paths, m...)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= 64<<10 {
			f.Add(data)
		}
	}
	for _, s := range []string{
		validClient,
		validClient + "health:\n  - {date: 2026-09-30, by: ann, trust: 4}\n",
		validClient + "recovery: {opened: 2026-10-15, closed: 2026-10-01}\n",
		validClient + "stakeholders:\n  - {name: A, role: sponsor, strength: 3, owner: ann}\n",
		"kind: Client\nid: x\nname: &a A\nstatus: *a\n",
		"kind: Client\n<<: {id: x}\n",
		"\xef\xbb\xbfkind: Client\r\nid: x\r\n",
		"kind: Client\nid: \"x\\u0000\"\n",
		"{kind: Client, id: x, name: X, status: prospect, size: {employees: 1e3}}\n",
	} {
		f.Add([]byte(s))
	}
}

// lineBreaks counts what YAML counts as line breaks, to bound the lines a
// finding may point at.
func lineBreaks(data []byte) int {
	n := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	for _, br := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(data, []byte(br))
	}
	return n
}

// FuzzLoadFile loads any bytes as a client file in an otherwise valid book.
// Load must not panic or hang, and every finding must name a file, a known
// rule, and a position inside the file.
func FuzzLoadFile(f *testing.F) {
	addFileSeeds(f)
	// One book per process, its client file rewritten for each input: a
	// process runs its inputs one after another.
	root := writeBook(f, map[string]string{"clientbook.yaml": validFirm})
	client := filepath.Join(root, "clients", "x", "client.yaml")
	if err := os.MkdirAll(filepath.Dir(client), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(client, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b := loadWithin(t, root, 20*time.Second)
		maxLine := lineBreaks(data) + 1
		for _, fd := range b.Findings {
			if fd.Path == "" {
				t.Errorf("finding without a path: %+v", fd)
			}
			r, ok := finding.Lookup(fd.Rule)
			if !ok {
				t.Errorf("finding with unknown rule: %+v", fd)
			}
			if fd.Severity != r.Default {
				t.Errorf("finding with severity %s, want the default %s: %+v", fd.Severity, r.Default, fd)
			}
			if fd.Line < 0 || fd.Column < 0 || (fd.Line == 0) != (fd.Column == 0) {
				t.Errorf("finding with a broken position: %+v", fd)
			}
			if fd.Path == "clients/x/client.yaml" && fd.Line > maxLine {
				t.Errorf("finding on line %d of a file of %d lines: %+v", fd.Line, maxLine, fd)
			}
			if fd.Message == "" || strings.HasPrefix(fd.Message, "yaml: ") || strings.Contains(fd.Message, "reflect") {
				t.Errorf("finding with a bad message: %+v", fd)
			}
		}
	})
}

// FuzzDecodeKinds decodes any bytes as a file of each kind, without the
// file system, which lets the fuzzer reach every model type quickly.
func FuzzDecodeKinds(f *testing.F) {
	addFileSeeds(f)
	kinds := []fileKind{kindFirm, kindClient, kindPlan, kindEngagement, kindReview, kindOpportunity}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, problems := parse.Document(data)
		if (root == nil) == (len(problems) == 0) {
			t.Fatalf("parse.Document gave root %v with %d problems: want exactly one of them", root != nil, len(problems))
		}
		if root == nil {
			return
		}
		for _, k := range kinds {
			d := &decoder{path: "f.yaml"}
			v := decodeKind(d, root, k)
			if k == kindFirm && v != nil {
				_ = book.SettingsOf(v.(*book.Firm))
			}
			for _, fd := range d.findings {
				if _, ok := finding.Lookup(fd.Rule); !ok || fd.Line <= 0 || fd.Column <= 0 {
					t.Errorf("%s: bad finding %+v", k, fd)
				}
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-23", "2024-02-29", "2026-02-29", "2026-13-01", "0000-01-01", "9999-12-31", "+002-01-01", "2026-1-1", "", "2026-01-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := book.ParseDate(s)
		if err != nil {
			return
		}
		if got := d.String(); got != s {
			t.Fatalf("ParseDate(%q) = %s: does not read back as written", s, got)
		}
		if again, err := book.ParseDate(d.String()); err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %d, and its text %s reads as %d, %v", s, d, d, again, err)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"14d", "2w", "6m", "1y", "0d", "99999y", "100000d", "-1d", "1.5w", "14", "d", "٣d"} {
		f.Add(s)
	}
	per := map[byte]int{'d': 1, 'w': 7, 'm': 30, 'y': 365}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := book.ParseDuration(s)
		// The reading of SPEC §1, written out independently: one to five
		// ASCII digits, then one unit letter.
		want, ok := 0, len(s) >= 2 && len(s) <= 6 && per[s[len(s)-1]] > 0
		if ok {
			for _, c := range []byte(s[:len(s)-1]) {
				if c < '0' || c > '9' {
					ok = false
				}
			}
		}
		if ok {
			n, _ := strconv.Atoi(s[:len(s)-1])
			want = n * per[s[len(s)-1]]
		}
		switch {
		case ok && err != nil:
			t.Fatalf("ParseDuration(%q): %v, want %d days", s, err, want)
		case !ok && err == nil:
			t.Fatalf("ParseDuration(%q) = %d, want an error", s, d)
		case ok && int(d) != want:
			t.Fatalf("ParseDuration(%q) = %d days, want %d", s, d, want)
		}
	})
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"acme", "a", strings.Repeat("a", 63), strings.Repeat("a", 64), "-a", "A", "../x", "a/b", "", ".", "a\n", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := book.ParseID(s)
		ok := len(s) >= 1 && len(s) <= 63 && s[0] != '-'
		for _, c := range []byte(s) {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				ok = false
			}
		}
		if ok != (err == nil) || ok != book.ValidID(s) {
			t.Fatalf("ParseID(%q) error %v, ValidID %v; want valid %v", s, err, book.ValidID(s), ok)
		}
		if err != nil {
			return
		}
		if string(id) != s {
			t.Fatalf("ParseID(%q) = %q", s, id)
		}
		// A valid id never names a path outside its folder.
		if !filepath.IsLocal(s) || strings.ContainsAny(s, `/\.`) {
			t.Fatalf("id %q could escape its folder", s)
		}
	})
}

func FuzzParseRating(f *testing.F) {
	for _, s := range []string{"1", "5", "0", "6", "-1", "+3", "03", " 3", "3.0", "", "9223372036854775808", "٣"} {
		f.Add(s, 1, 5)
	}
	f.Add("0", 0, 0)
	f.Add("-5", -10, -1)
	f.Fuzz(func(t *testing.T, s string, lo, hi int) {
		n, err := book.ParseRating(s, lo, hi)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseRating(%q, %d, %d): empty error", s, lo, hi)
			}
			return
		}
		if n < lo || n > hi {
			t.Fatalf("ParseRating(%q, %d, %d) = %d, outside the range", s, lo, hi, n)
		}
		// The text was a whole number in the range, written in ASCII.
		if want, err := strconv.Atoi(s); err != nil || want != n {
			t.Fatalf("ParseRating(%q) = %d, strconv reads %d, %v", s, n, want, err)
		}
		if back, err := book.ParseRating(strconv.Itoa(n), lo, hi); err != nil || back != n {
			t.Fatalf("ParseRating(%d) does not read back: %d, %v", n, back, err)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "0.22", "1200", "-3.5", "+1", "1e3", "1E-999", "1e1000", "1_000", ".5", "5.", "1/3", "0x10", "Inf", "NaN", "", "1." + strings.Repeat("1", 99), "1." + strings.Repeat("1", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		d, err := book.ParseDecimalText(s)
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Fatalf("ParseDecimalText took %s on %d bytes", elapsed, len(s))
		}
		want, ok := decimalOracle(s)
		switch {
		case ok && err != nil:
			t.Fatalf("ParseDecimalText(%q): %v, want %s", s, err, want.RatString())
		case !ok && err == nil:
			t.Fatalf("ParseDecimalText(%q) = %s, want an error", s, d.Rat.RatString())
		case ok && (d.Rat.Cmp(want) != 0 || d.Text != s):
			t.Fatalf("ParseDecimalText(%q) = %s %q, want %s", s, d.Rat.RatString(), d.Text, want.RatString())
		}
	})
}

// decimalOracle reads the number syntax of files written out independently
// of the parser: underscores ignored, an optional sign, digits with at most
// one point (and a digit on at least one side), at most 100 digits, an
// optional exponent of one to three digits. The value is the digits as an
// integer times a power of ten, computed without big.Rat's own parsing.
func decimalOracle(s string) (*big.Rat, bool) {
	s = strings.ReplaceAll(s, "_", "")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" || len(digits) > 100 || strings.Count(mant, ".") > 1 {
		return nil, false
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return nil, false
		}
	}
	e := 0
	if hasExp {
		sign := 1
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			if exp[0] == '-' {
				sign = -1
			}
			exp = exp[1:]
		}
		if len(exp) < 1 || len(exp) > 3 {
			return nil, false
		}
		for _, c := range []byte(exp) {
			if c < '0' || c > '9' {
				return nil, false
			}
			e = e*10 + int(c-'0')
		}
		e *= sign
	}
	e -= len(frac)
	n, _ := new(big.Int).SetString(digits, 10)
	if neg {
		n.Neg(n)
	}
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil)
	if e >= 0 {
		return new(big.Rat).SetInt(n.Mul(n, pow)), true
	}
	return new(big.Rat).SetFrac(n, pow), true
}
