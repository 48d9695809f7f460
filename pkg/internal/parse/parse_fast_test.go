package parse

import "testing"

// The fast paths of the file checks give what the rune-by-rune reading
// gives, on texts with and without the characters that leave them.
func TestFileCheckFastPaths(t *testing.T) {
	texts := []string{
		"", "\n", "a", "a\n", "a\nb", "a\nb\n", "a\n\n", "\n\n\n",
		"a\r\nb", "a\rb\r", "a\u0085b", "a\u2028b\n", "a\u2029", "é\nü\n", "€\n",
		"name: x\n# comment\nlist: [a, b]\n",
	}
	for _, text := range texts {
		data := []byte(text)
		if got, want := lastLine(data), lastLineAnyBreak(data); got != want {
			t.Errorf("lastLine(%q) = %d, want %d", text, got, want)
		}
	}
	controls := []struct {
		text   string
		offset int
		r      rune
	}{
		{"plain text\n\twith tab\r\n", -1, 0},
		{"a\x01b", 1, 0x01},
		{"ab\x7f", 2, 0x7f},
		{"é\x1b", 2, 0x1b},
		{"a\u0085b\u00a0c", -1, 0},
		{"a\u0080", 1, 0x80},
		{"x\ufffe", 1, 0xfffe},
	}
	for _, c := range controls {
		offset, r := controlCharAt([]byte(c.text))
		if offset != c.offset || r != c.r {
			t.Errorf("controlCharAt(%q) = %d, %U; want %d, %U", c.text, offset, r, c.offset, c.r)
		}
	}
	markers := map[string]int{
		"a\nb\n":                    0,
		"a\n<<<<<<< HEAD\nb\n":      2,
		"a <<<<<<< b\n":             0,
		"x\ny\n>>>>>>>\n":           3,
		"x\r\n>>>>>>> branch\r\n":   2,
		"<<<<<<<<\n":                0,
		"key: '<<<<<<< not a line'": 0,
	}
	for text, want := range markers {
		if got := conflictMarkerLine([]byte(text)); got != want {
			t.Errorf("conflictMarkerLine(%q) = %d, want %d", text, got, want)
		}
	}
}
