package report_test

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// cssRule is one rule of the page's style sheet: its selector and its
// declarations, var() references resolved.
type cssRule struct {
	selector string
	decl     map[string]string
}

// styleSheet reads the page's <style>: the custom properties of :root and
// every rule, with the rules inside @media blocks flattened (a rule for
// print or for a phone must pass as well).
func styleSheet(t *testing.T, page []byte) (vars map[string]string, rules []cssRule) {
	t.Helper()
	start := bytes.Index(page, []byte("<style>"))
	end := bytes.Index(page, []byte("</style>"))
	if start < 0 || end < start {
		t.Fatal("the page has no <style>")
	}
	css := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(string(page[start+len("<style>"):end]), "")
	css = regexp.MustCompile(`@media[^{]*\{`).ReplaceAllString(css, "")
	css = regexp.MustCompile(`@page[^{]*\{[^}]*\}`).ReplaceAllString(css, "")
	vars = map[string]string{}
	for _, block := range strings.Split(css, "}") {
		sel, body, ok := strings.Cut(block, "{")
		if !ok {
			continue
		}
		r := cssRule{selector: strings.TrimSpace(sel), decl: map[string]string{}}
		for _, d := range strings.Split(body, ";") {
			k, v, ok := strings.Cut(d, ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if strings.HasPrefix(k, "--") && r.selector == ":root" {
				vars[k] = v
			}
			r.decl[k] = v
		}
		rules = append(rules, r)
	}
	ref := regexp.MustCompile(`var\((--[a-z0-9-]+)\)`)
	for _, r := range rules {
		for k, v := range r.decl {
			r.decl[k] = ref.ReplaceAllStringFunc(v, func(s string) string {
				name := ref.FindStringSubmatch(s)[1]
				val, ok := vars[name]
				if !ok {
					t.Errorf("%s { %s: %s }: %s is not defined", r.selector, k, v, name)
				}
				return val
			})
		}
	}
	return vars, rules
}

// rgb is a colour's red, green and blue, 0–255.
type rgb [3]float64

// parseColour reads #rgb or #rrggbb; ok is false for anything else
// (none, inherit, currentColor), which sets no colour of its own.
func parseColour(s string) (rgb, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") {
		return rgb{}, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return rgb{}, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return rgb{}, false
	}
	return rgb{float64(v >> 16 & 255), float64(v >> 8 & 255), float64(v & 255)}, true
}

// luminance is WCAG 2.2's relative luminance.
func luminance(c rgb) float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}

// contrast is WCAG 2.2's contrast ratio, 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// over composites c at opacity alpha over bg.
func over(c rgb, alpha float64, bg rgb) rgb {
	return rgb{c[0]*alpha + bg[0]*(1-alpha), c[1]*alpha + bg[1]*(1-alpha), c[2]*alpha + bg[2]*(1-alpha)}
}

func TestContrastFormula(t *testing.T) {
	black, white := rgb{0, 0, 0}, rgb{255, 255, 255}
	// WCAG's extremes, and #767676, the classic lightest grey that passes
	// 4.5:1 on white (4.54).
	for _, tt := range []struct {
		a, b rgb
		want float64
	}{{black, white, 21}, {white, white, 1}, {rgb{0x76, 0x76, 0x76}, white, 4.54}} {
		if got := contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// decorative are the rules (or, as "selector {property}", one property of
// a rule) whose colours carry no information: WCAG 1.4.11 asks 3:1 only of
// graphics needed to understand the content.
var decorative = map[string]string{
	"svg.matrix .plot":                  "the plot's background",
	"svg.matrix .q-partner":             "the trusted-partner quadrant's tint, named in words by its corner",
	"svg.matrix .grid":                  "grid lines, the values are printed at the axis",
	"svg.matrix .mid":                   "the quadrant lines, also the plot's 50 ticks",
	".dot":                              "the white ring that separates touching dots",
	"svg.trend .grid":                   "grid lines",
	"svg.trend .pt":                     "the white ring around a round's point",
	"svg.trend .month":                  "the month tick, labelled in text",
	"svg.sizes line":                    "the leader from a size circle to its amount",
	"svg.kept .track":                   "the bar's empty track; the figure is printed beside it",
	"svg.relmap .node rect {fill}":      "a box's background; its outline is checked",
	"svg.relmap .node.team rect {fill}": "a team member's box's tint; its outline is checked",
}

// TestContrast computes, from the page's CSS, the WCAG 2.2 contrast of
// every colour the page sets: text (a `color`, or the `fill` of SVG text)
// at least 4.5:1, graphics (the `fill` or `stroke` of shapes, and the
// band shapes) at least 3:1, each against its rule's own background when
// it sets one and otherwise against every surface the page has.
func TestContrast(t *testing.T) {
	_, page := build(t, agency)
	vars, rules := styleSheet(t, page)
	surfaces := map[string]rgb{}
	for _, name := range []string{"--paper", "--page", "--soft", "--plot", "--partner", "--overdue-bg", "--exit-bg"} {
		c, ok := parseColour(vars[name])
		if !ok {
			t.Fatalf("surface %s is %q", name, vars[name])
		}
		surfaces[name] = c
	}
	// Classes that SVG <text> elements carry: their fill is text (a
	// band's shape, a glyph, is a graphic).
	textClasses := map[string]bool{}
	for _, n := range all(parse(t, page), func(n *html.Node) bool { return n.Data == "text" || n.Data == "tspan" }) {
		if c, ok := attr(n, "class"); ok && !hasClass(n, "glyph") {
			for _, f := range strings.Fields(c) {
				textClasses[f] = true
			}
		}
	}
	isText := func(sel string) bool {
		if strings.Contains(sel, "glyph") {
			return false // a band's shape is a graphic
		}
		parts := strings.Fields(sel)
		last := parts[len(parts)-1]
		if strings.HasPrefix(last, "text") {
			return true
		}
		for _, c := range strings.Split(last, ".")[1:] {
			if textClasses[c] {
				return true
			}
		}
		return false
	}
	checked := map[string]int{}
	check := func(sel, prop string, fg rgb, alpha float64, bgs map[string]rgb, need float64) {
		for name, bg := range bgs {
			got := contrast(over(fg, alpha, bg), bg)
			if got < need {
				t.Errorf("%s { %s } on %s: contrast %.2f, want at least %.1f", sel, prop, name, got, need)
			}
		}
		checked[fmt.Sprintf("%.1f", need)]++
	}
	for _, r := range rules {
		if r.selector == ":root" {
			continue
		}
		alpha := 1.0
		if v, ok := r.decl["opacity"]; ok {
			alpha, _ = strconv.ParseFloat(v, 64)
		}
		bgs := surfaces
		if bg, ok := parseColour(r.decl["background"]); ok {
			bgs = map[string]rgb{"its background " + r.decl["background"]: bg}
		}
		for _, sel := range strings.Split(r.selector, ",") {
			sel = strings.TrimSpace(sel)
			if fg, ok := parseColour(r.decl["color"]); ok {
				need := 4.5
				if strings.Contains(sel, "glyph") {
					need = 3
				}
				check(sel, "color: "+r.decl["color"], fg, alpha, bgs, need)
			}
			if _, ok := decorative[sel]; ok {
				continue
			}
			for _, prop := range []string{"fill", "stroke"} {
				if _, ok := decorative[sel+" {"+prop+"}"]; ok {
					continue
				}
				fg, ok := parseColour(r.decl[prop])
				if !ok || (prop == "stroke" && isText(sel)) {
					// A text's stroke is its halo, drawn under the fill.
					continue
				}
				a := alpha
				if v, ok := r.decl[prop+"-opacity"]; ok {
					f, _ := strconv.ParseFloat(v, 64)
					a *= f
				}
				need := 3.0
				if prop == "fill" && isText(sel) {
					need = 4.5
				}
				// SVG draws on the paper, the plot and its quadrant.
				svgSurfaces := map[string]rgb{"--paper": surfaces["--paper"], "--plot": surfaces["--plot"], "--partner": surfaces["--partner"]}
				check(sel, prop+": "+r.decl[prop], fg, a, svgSurfaces, need)
			}
		}
	}
	// Guard against a parser that finds nothing to check.
	if checked["4.5"] < 40 || checked["3.0"] < 12 {
		t.Errorf("checked %d text and %d graphic colours: the style sheet was not read", checked["4.5"], checked["3.0"])
	}
	for key := range decorative {
		sel, _, _ := strings.Cut(key, " {")
		found := false
		for _, r := range rules {
			for _, s := range strings.Split(r.selector, ",") {
				found = found || strings.TrimSpace(s) == sel
			}
		}
		if !found {
			t.Errorf("decorative %q matches no rule: remove it", sel)
		}
	}
}
