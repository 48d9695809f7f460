package timeimport

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
)

// Format is a time tracker whose export the reader knows.
type Format int

// The formats, recognised by their header rows.
const (
	Harvest Format = iota + 1
	Toggl
	Clockify
)

// String names the format as its maker does.
func (f Format) String() string {
	switch f {
	case Harvest:
		return "Harvest"
	case Toggl:
		return "Toggl Track"
	case Clockify:
		return "Clockify"
	}
	return "unknown"
}

// Entry is one row of a time report: what the import needs of it.
type Entry struct {
	Line    int // the line the row starts on, 1-based
	Year    int
	Date    string // as written in the file
	Client  string
	Person  string // the person's name
	Email   string // "" when the export has none
	Hours   *big.Rat
	Project string
	Task    string
	Tags    []string
}

// RowError is a row that cannot be read: a wrong number of columns, or a
// date or hours that do not parse. Line is where the row starts.
type RowError struct {
	File string
	Line int
	Msg  string
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// HeaderError is a first row that is not the header of an export the
// reader knows.
type HeaderError struct {
	File string
	Msg  string
}

func (e *HeaderError) Error() string { return e.File + ": " + e.Msg }

// columns are the positions of the columns a format's reader uses; -1 is
// absent.
type columns struct {
	date, client, hours, first, last, user, email, project, task, tags int
}

// Reader reads the entries of one export, a row at a time.
type Reader struct {
	file   string
	format Format
	dates  DateOrder
	cols   columns
	csv    *csv.Reader
	width  int
}

// NewReader reads the header of the export r (named file in errors) and
// returns a reader of its rows. dates says how to read a date whose year
// comes last (DateAuto: by its separator, as the trackers write them).
func NewReader(r io.Reader, file string, dates DateOrder) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		_, _ = br.Discard(3)
	}
	c := csv.NewReader(br)
	c.ReuseRecord = true
	header, err := c.Read()
	if errors.Is(err, io.EOF) {
		return nil, &HeaderError{File: file, Msg: "the file is empty: " + needs}
	}
	if err != nil {
		return nil, &HeaderError{File: file, Msg: fmt.Sprintf("cannot read the header row: %s", csvReason(err))}
	}
	format, cols, err := recognise(header)
	if err != nil {
		return nil, &HeaderError{File: file, Msg: err.Error()}
	}
	c.FieldsPerRecord = len(header)
	return &Reader{file: file, format: format, dates: dates, cols: cols, csv: c, width: len(header)}, nil
}

// Format is the export's format, from its header.
func (r *Reader) Format() Format { return r.format }

// Next returns the next entry; io.EOF after the last. A row that cannot be
// read is a *RowError.
func (r *Reader) Next() (Entry, error) {
	rec, err := r.csv.Read()
	if errors.Is(err, io.EOF) {
		return Entry{}, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line := pe.StartLine
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				return Entry{}, &RowError{File: r.file, Line: line, Msg: fmt.Sprintf("the row has %d columns, and the header %d: a value holding a comma must be in double quotes", len(rec), r.width)}
			}
			return Entry{}, &RowError{File: r.file, Line: line, Msg: csvReason(pe.Err)}
		}
		return Entry{}, fmt.Errorf("%s: %w", r.file, err)
	}
	line, _ := r.csv.FieldPos(0)
	e := Entry{Line: line}
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	bad := func(format string, args ...any) (Entry, error) {
		return Entry{}, &RowError{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	e.Date = get(r.cols.date)
	year, err := dateYear(e.Date, r.dates)
	if err != nil {
		return bad("%s: %v", r.format.dateColumn(), err)
	}
	e.Year = year
	hours := get(r.cols.hours)
	switch r.format {
	case Toggl:
		e.Hours, err = clockHours(hours)
		if err != nil {
			return bad("Duration %q: %v", hours, err)
		}
	default:
		e.Hours, err = decimalHours(hours)
		if err != nil {
			return bad("%s %q: %v", r.format.hoursColumn(), hours, err)
		}
	}
	e.Client = get(r.cols.client)
	if r.format == Harvest {
		e.Person = strings.TrimSpace(get(r.cols.first) + " " + get(r.cols.last))
	} else {
		e.Person = get(r.cols.user)
	}
	e.Email = get(r.cols.email)
	e.Project = get(r.cols.project)
	e.Task = get(r.cols.task)
	if t := get(r.cols.tags); t != "" {
		for _, tag := range strings.Split(t, ",") {
			if tag = strings.TrimSpace(tag); tag != "" {
				e.Tags = append(e.Tags, tag)
			}
		}
	}
	return e, nil
}

func (f Format) dateColumn() string {
	if f == Harvest {
		return "Date"
	}
	return "Start date"
}

func (f Format) hoursColumn() string {
	if f == Clockify {
		return "Duration (decimal)"
	}
	return "Hours"
}

// csvReason says what is wrong with a row in words.
func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return `a double quote inside a value that is not in double quotes: quote the whole value and double the quote ("")`
	case errors.Is(err, csv.ErrBareQuote):
		return `a double quote inside a quoted value must be doubled ("")`
	}
	return err.Error()
}

// needs names the columns each format must have, for the message of a
// header the reader does not know.
const needs = `clientbook reads detailed time reports exported as CSV from Harvest (columns Date, Client, Hours, First Name, Last Name), Toggl Track (User, Client, Start date, Duration) or Clockify (User, Start Date, Duration (decimal)), with the header row in English as the tracker writes it`

// recognise tells the format from the header's column names, matched
// case-insensitively in any order; other columns are ignored.
func recognise(header []string) (Format, columns, error) {
	at := map[string]int{}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := at[k]; !dup {
			at[k] = i
		}
	}
	col := func(names ...string) int {
		for _, n := range names {
			if i, ok := at[strings.ToLower(n)]; ok {
				return i
			}
		}
		return -1
	}
	missing := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if col(n) < 0 {
				out = append(out, n)
			}
		}
		return out
	}
	none := columns{date: -1, client: -1, hours: -1, first: -1, last: -1, user: -1, email: -1, project: -1, task: -1, tags: -1}
	var f Format
	var need []string
	switch {
	case col("Duration (decimal)") >= 0:
		f, need = Clockify, []string{"User", "Start Date", "Duration (decimal)"}
	case col("First Name") >= 0 || col("Last Name") >= 0 || col("Hours") >= 0:
		f, need = Harvest, []string{"Date", "Client", "Hours", "First Name", "Last Name"}
	case col("Duration") >= 0 || col("Start date") >= 0:
		f, need = Toggl, []string{"User", "Client", "Start date", "Duration"}
	default:
		return 0, none, fmt.Errorf("the header row is not one of a time report export: %s; found %s", needs, quoteAll(header))
	}
	if m := missing(need...); len(m) > 0 {
		return 0, none, fmt.Errorf("the header looks like a %s export but has no %s column: %s", f, strings.Join(m, ", "), needs)
	}
	c := none
	c.client = col("Client")
	c.email = col("Email")
	c.project = col("Project")
	c.task = col("Task", "Activity")
	c.tags = col("Tags")
	switch f {
	case Harvest:
		c.date, c.hours, c.first, c.last = col("Date"), col("Hours"), col("First Name"), col("Last Name")
	case Toggl:
		c.date, c.hours, c.user = col("Start date"), col("Duration"), col("User")
	case Clockify:
		c.date, c.hours, c.user = col("Start Date"), col("Duration (decimal)"), col("User")
	}
	return f, c, nil
}

func quoteAll(ss []string) string {
	if len(ss) > 12 {
		ss = append(ss[:12:12], "…")
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
