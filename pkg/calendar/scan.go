package calendar

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// scanned is where things are in a file: each VEVENT's lines, and the
// file's last line.
type scanned struct {
	events []eventLines
	last   int
}

// eventLines is the line of a VEVENT's BEGIN and of the first of each of
// its properties.
type eventLines struct {
	begin int
	props map[string]int
}

// scan checks the file's content lines (RFC 5545 3.1: NAME, parameters,
// a colon, the value; folded lines unfolded) and that BEGIN and END pair
// up, so that a file that does not parse is reported at its line. The
// parser (go-ical) says what is wrong but not where.
func scan(data []byte) (*scanned, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, &Error{Line: line, Msg: "not UTF-8 text"}
	}
	s := &scanned{}
	var stack []string
	var ev *eventLines
	seen := false
	check := func(l string, n int) error {
		name, value, err := splitLine(l)
		if err != nil {
			return &Error{Line: n, Msg: err.Error()}
		}
		name = strings.ToUpper(name)
		seen = true
		if len(stack) == 0 && (name != "BEGIN" || !strings.EqualFold(value, "VCALENDAR")) {
			return &Error{Line: n, Msg: fmt.Sprintf("expected BEGIN:VCALENDAR, found %s", clip(l))}
		}
		switch name {
		case "BEGIN":
			comp := strings.ToUpper(strings.TrimSpace(value))
			if comp == "" {
				return &Error{Line: n, Msg: "BEGIN without a component name"}
			}
			if len(stack) > 16 {
				return &Error{Line: n, Msg: "components nested too deep"}
			}
			stack = append(stack, comp)
			if comp == "VEVENT" && len(stack) == 2 {
				s.events = append(s.events, eventLines{begin: n, props: map[string]int{}})
				ev = &s.events[len(s.events)-1]
			}
		case "END":
			comp := strings.ToUpper(strings.TrimSpace(value))
			if top := stack[len(stack)-1]; comp != top {
				return &Error{Line: n, Msg: fmt.Sprintf("END:%s where END:%s was expected", clip(value), top)}
			}
			stack = stack[:len(stack)-1]
			if len(stack) < 2 {
				ev = nil
			}
		default:
			if ev != nil && len(stack) == 2 {
				if _, ok := ev.props[name]; !ok {
					ev.props[name] = n
				}
			}
		}
		return nil
	}
	var cur strings.Builder
	curLine := 0
	n := 0
	for len(data) > 0 {
		n++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			if curLine == 0 {
				return nil, &Error{Line: n, Msg: "a folded line (starting with a space) with no line before it"}
			}
			cur.Write(l[1:])
			continue
		}
		if curLine > 0 {
			if err := check(cur.String(), curLine); err != nil {
				return nil, err
			}
		}
		cur.Reset()
		curLine = 0
		if len(bytes.TrimSpace(l)) == 0 {
			continue // blank lines, which some exporters leave, say nothing
		}
		cur.Write(l)
		curLine = n
	}
	if curLine > 0 {
		if err := check(cur.String(), curLine); err != nil {
			return nil, err
		}
	}
	s.last = n
	if len(stack) > 0 {
		return nil, &Error{Line: n, Msg: fmt.Sprintf("the file ends inside %s: END:%s is missing", stack[len(stack)-1], stack[len(stack)-1])}
	}
	if !seen {
		return nil, &Error{Line: max(n, 1), Msg: "no BEGIN:VCALENDAR: the file is not an iCalendar file"}
	}
	return s, nil
}

// splitLine splits a content line into its name and value, checking the
// parameters between them.
func splitLine(l string) (name, value string, err error) {
	i := 0
	for i < len(l) && (isNameChar(l[i])) {
		i++
	}
	if i == 0 {
		return "", "", fmt.Errorf("not a content line (NAME:VALUE): %s", clip(l))
	}
	name = l[:i]
	for i < len(l) && l[i] == ';' {
		// A parameter: NAME=value[,value…], a value quoted or not.
		j := i + 1
		for j < len(l) && isNameChar(l[j]) {
			j++
		}
		if j == i+1 || j >= len(l) || l[j] != '=' {
			return "", "", fmt.Errorf("%s: a parameter is not NAME=VALUE", name)
		}
		j++
		for {
			if j < len(l) && l[j] == '"' {
				k := strings.IndexByte(l[j+1:], '"')
				if k < 0 {
					return "", "", fmt.Errorf("%s: a quoted parameter value is not closed", name)
				}
				j += k + 2
			} else {
				for j < len(l) && l[j] != ';' && l[j] != ':' && l[j] != ',' && l[j] != '"' {
					j++
				}
			}
			if j < len(l) && l[j] == ',' {
				j++
				continue
			}
			break
		}
		i = j
	}
	if i >= len(l) || l[i] != ':' {
		return "", "", fmt.Errorf("%s: no colon before the value", name)
	}
	return name, l[i+1:], nil
}

func isNameChar(c byte) bool {
	return c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// clip shortens text quoted in a message.
func clip(s string) string {
	if len(s) > 40 {
		s = s[:40]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		return s + "…"
	}
	return s
}
