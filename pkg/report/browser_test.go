package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/clientbook/clientbook/pkg/report"
)

// chromium is where Debian's chromium package puts the browser; .ci/run
// installs it when it is missing.
const chromium = "/usr/bin/chromium"

// browser finds Chromium: Debian's, else the first chromium on $PATH.
func browser() (string, bool) {
	if _, err := os.Stat(chromium); err == nil {
		return chromium, true
	}
	p, err := exec.LookPath("chromium")
	return p, err == nil
}

// rendered is what the browser drew, measured in the page.
type rendered struct {
	ScrollWidth int    `json:"scrollWidth"`
	InnerWidth  int    `json:"innerWidth"`
	Matrix      rect   `json:"matrix"`
	Dots        []rect `json:"dots"`
	Labels      []rect `json:"labels"`
	Trends      []rect `json:"trends"`
	Lines       []rect `json:"lines"`
	// Kept lists the recoveries panel's promises-kept bars: the whole
	// track and the filled part.
	Kept []keptBar `json:"kept"`
	// Tables lists each table with its container: a table may be wider
	// than its container only when the container scrolls.
	Tables []table `json:"tables"`
	// Corners are the quadrant names; Glyphs the band shapes in the
	// labels.
	Corners []rect `json:"corners"`
	// PortfolioColumns counts the portfolio's visible columns.
	PortfolioColumns []string `json:"portfolioColumns"`
	// Months lists each trend chart's month labels.
	Months [][]rect   `json:"months"`
	Maps   []drawnMap `json:"maps"`
	// SharedLabels counts the labels that name more than one client.
	SharedLabels int `json:"sharedLabels"`
}

// drawnMap is one relationship map as drawn.
type drawnMap struct {
	Client string `json:"client"`
	SVG    rect   `json:"svg"`
	Nodes  []rect `json:"nodes"`
	Ties   int    `json:"ties"`
	Gaps   int    `json:"gaps"`
}

type rect struct {
	Client string  `json:"client"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	W      float64 `json:"w"`
	H      float64 `json:"h"`
	Fill   string  `json:"fill"` // dots only
}

type keptBar struct {
	Client string  `json:"client"`
	Track  float64 `json:"track"`
	Bar    float64 `json:"bar"`
	H      float64 `json:"h"`
}

type table struct {
	Class      string  `json:"class"`
	Width      float64 `json:"width"`
	Container  float64 `json:"container"`
	Scrolls    bool    `json:"scrolls"`
	ScrollNeed bool    `json:"scrollNeed"`
}

// measure runs in the page and returns a rendered.
const measure = `(() => {
  const rect = (el) => { const r = el.getBoundingClientRect(); return {client: el.dataset.client || "", x: r.x, y: r.y, w: r.width, h: r.height}; };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    matrix: rect(document.querySelector("svg.matrix")),
    dots: [...document.querySelectorAll("svg.matrix circle.dot")].map(el => ({...rect(el), fill: getComputedStyle(el).fill})),
    labels: [...document.querySelectorAll("svg.matrix text.label")].map(rect),
    corners: [...document.querySelectorAll("svg.matrix text.corner")].map(rect),
    trends: [...document.querySelectorAll("svg.trend")].map(rect),
    lines: [...document.querySelectorAll("svg.trend polyline, svg.trend circle")].map(rect),
    months: [...document.querySelectorAll("svg.trend")].map(svg => [...svg.querySelectorAll("text.date")].map(rect)),
    kept: [...document.querySelectorAll("svg.kept")].map(el => ({
      client: el.closest("tr").dataset.client,
      track: el.querySelector("rect.track").getBoundingClientRect().width,
      bar: el.querySelector("rect.bar").getBoundingClientRect().width,
      h: el.getBoundingClientRect().height,
    })),
    tables: [...document.querySelectorAll("table")].map(t => {
      const box = t.parentElement;
      const overflowX = getComputedStyle(box).overflowX;
      return {
        class: t.className,
        width: t.getBoundingClientRect().width,
        container: box.clientWidth,
        scrolls: overflowX === "auto" || overflowX === "scroll",
        scrollNeed: box.scrollWidth > box.clientWidth + 1,
      };
    }),
    portfolioColumns: [...document.querySelectorAll("table.portfolio thead th")].filter(th => getComputedStyle(th).display !== "none").map(th => th.textContent),
    sharedLabels: [...document.querySelectorAll("svg.matrix text.label")].filter(el => el.querySelectorAll(":scope > tspan").length > 1).length,
    maps: [...document.querySelectorAll("svg.relmap")].map(svg => ({
      client: svg.dataset.client,
      svg: rect(svg),
      nodes: [...svg.querySelectorAll("g.node rect")].map(rect),
      ties: svg.querySelectorAll("path.tie").length,
      gaps: svg.closest("figure").querySelectorAll("ul.gaps li").length,
    })),
  };
})()`

// printed is what the print style sheet sets, read with print media
// emulated.
type printed struct {
	Heads      []string `json:"heads"`      // each table's thead display
	SectionCut []string `json:"sectionCut"` // each section head's break-after
	Sections   int      `json:"sections"`
}

const measurePrint = `(() => ({
  heads: [...document.querySelectorAll("thead")].map(el => getComputedStyle(el).display),
  sectionCut: [...document.querySelectorAll(".section-head")].map(el => getComputedStyle(el).breakAfter),
  sections: document.querySelectorAll("section.card").length,
}))()`

// TestReportInBrowser opens the agency's report in headless Chromium and
// checks what was drawn, not what was written: the charts have a size,
// there is one dot per place of an active rated client, labels collide
// with no other label, dot or quadrant name, the trend charts' month
// labels and the relationship maps' boxes do not overlap, nothing
// overflows the page on a laptop, a tablet or a phone (where the
// portfolio keeps four columns), the print style sheet repeats table
// headers and keeps headings with what follows, and no request leaves
// the file. It saves screenshots at 1400 and 390 pixels and a PDF in its
// temporary folder (CLIENTBOOK_REPORT_DIR=dir keeps copies there;
// CLIENTBOOK_REPORT_PNG=path keeps the 1400-pixel screenshot).
func TestReportInBrowser(t *testing.T) {
	exe, ok := browser()
	if !ok {
		t.Skipf("headless Chromium is not installed at %s or on $PATH: apt-get install chromium (.ci/run installs it)", chromium)
	}
	m, page := build(t, agency)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	keep := func(name string, data []byte) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("saved %s", path)
		if d := os.Getenv("CLIENTBOOK_REPORT_DIR"); d != "" {
			if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1400, 900),
	)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()

	// Start the browser, then watch every request the page makes.
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("cannot start %s: %v", exe, err)
	}
	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(tab, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, ev.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(file)

	keyClients := len(m.Maps)
	if keyClients != 4 {
		t.Errorf("%d relationship maps, want one per key client of the agency book (4)", keyClients)
	}
	for _, width := range []int64{1400, 800, 390} {
		if err := chromedp.Do(tab,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(url),
			chromedp.WaitReady("svg.matrix"),
		); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[rendered](measure))
		if err != nil {
			t.Fatal(err)
		}
		checkRendered(t, width, got, len(m.Matrix.Dots), len(m.Trends.Charts), tablesOf(m))
		checkKept(t, width, got.Kept, m.Recoveries)
		checkMatrixLabels(t, width, got)
		checkMonths(t, width, got.Months)
		checkMaps(t, width, got.Maps, keyClients)
		if width == 390 {
			want := []string{"#", "Client", "Health", "Action"}
			if !slices.Equal(got.PortfolioColumns, want) {
				t.Errorf("on a phone the portfolio shows %q, want %q", got.PortfolioColumns, want)
			}
		}
		if width == 1400 || width == 390 {
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			keep(fmt.Sprintf("report-%d.png", width), png)
			if path := os.Getenv("CLIENTBOOK_REPORT_PNG"); path != "" && width == 1400 {
				if err := os.WriteFile(path, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}

	// The consulting book has coincident clients: two shared dots, each
	// labelled with both names, clear of everything else.
	_, consulting := build(t, "../../examples/consulting")
	second := filepath.Join(dir, "consulting.html")
	if err := os.WriteFile(second, consulting, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{1400, 390} {
		if err := chromedp.Do(tab,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate("file://"+filepath.ToSlash(second)),
			chromedp.WaitReady("svg.matrix"),
		); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[rendered](measure))
		if err != nil {
			t.Fatal(err)
		}
		if got.ScrollWidth > int(width) {
			t.Errorf("consulting at %dpx: the page is %dpx wide", width, got.ScrollWidth)
		}
		if got.SharedLabels != 2 {
			t.Errorf("consulting at %dpx: %d labels name more than one client, want 2", width, got.SharedLabels)
		}
		checkMatrixLabels(t, width, got)
		if width == 1400 {
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			keep("consulting-1400.png", png)
		}
	}

	// On paper: the print style sheet as the browser applies it, then the
	// PDF itself.
	if err := chromedp.Do(tab,
		chromedp.EmulateViewport(1400, 900),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
		chromedp.Navigate(url),
		chromedp.WaitReady("svg.matrix"),
	); err != nil {
		t.Fatal(err)
	}
	pr, err := chromedp.Run(tab, chromedp.Evaluate[printed](measurePrint))
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Heads) != tablesOf(m) {
		t.Errorf("printed: %d table headers, want %d", len(pr.Heads), tablesOf(m))
	}
	for i, d := range pr.Heads {
		if d != "table-header-group" {
			t.Errorf("printed: table %d's header is display %q: it would not repeat on every page", i, d)
		}
	}
	if len(pr.SectionCut) != pr.Sections || pr.Sections < 8 {
		t.Errorf("printed: %d section heads for %d sections", len(pr.SectionCut), pr.Sections)
	}
	for i, c := range pr.SectionCut {
		if c != "avoid" {
			t.Errorf("printed: section %d's head has break-after %q: a page could end under its heading", i, c)
		}
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the PDF render starts %q", pdf[:min(8, len(pdf))])
	}
	if pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1)); pages < 2 {
		t.Errorf("the PDF has %d pages, want the report over several A4 pages", pages)
	}
	keep("report.pdf", pdf)

	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		if r != url && r != "file://"+filepath.ToSlash(second) && !strings.HasPrefix(r, "data:") {
			t.Errorf("the page requested %s: it must need nothing but its own file", r)
		}
	}
}

// overlap reports whether two drawn boxes overlap by more than half a
// pixel each way (anti-aliased edges touch).
func overlap(a, b rect) bool {
	const e = 0.5
	return a.X+e < b.X+b.W && b.X+e < a.X+a.W && a.Y+e < b.Y+b.H && b.Y+e < a.Y+a.H
}

// checkMatrixLabels checks that every label is clear of every other
// label, every dot and every quadrant name, and that no dot covers a
// quadrant name.
func checkMatrixLabels(t *testing.T, width int64, got rendered) {
	t.Helper()
	if len(got.Labels) != len(got.Dots) || len(got.Corners) != 4 {
		t.Errorf("at %dpx %d labels for %d dots and %d quadrant names", width, len(got.Labels), len(got.Dots), len(got.Corners))
	}
	for _, l := range got.Labels {
		for _, d := range got.Dots {
			if overlap(l, d) {
				t.Errorf("at %dpx the label of %s overlaps the dot of %s: %+v, %+v", width, l.Client, d.Client, l, d)
			}
		}
		for _, c := range got.Corners {
			if overlap(l, c) {
				t.Errorf("at %dpx the label of %s overlaps a quadrant name: %+v, %+v", width, l.Client, l, c)
			}
		}
	}
	for _, d := range got.Dots {
		for _, c := range got.Corners {
			if overlap(d, c) {
				t.Errorf("at %dpx the dot of %s covers a quadrant name", width, d.Client)
			}
		}
	}
}

// checkMonths checks each trend chart's month labels: at least one, none
// overlapping another, all within the chart.
func checkMonths(t *testing.T, width int64, charts [][]rect) {
	t.Helper()
	for i, months := range charts {
		if len(months) == 0 {
			t.Errorf("at %dpx trend chart %d labels no month", width, i)
		}
		for j, a := range months {
			for _, b := range months[j+1:] {
				if overlap(a, b) {
					t.Errorf("at %dpx trend chart %d's month labels overlap: %+v, %+v", width, i, a, b)
				}
			}
		}
	}
}

// checkMaps checks each key client's relationship map: drawn, with boxes
// inside it that do not overlap, ties, and its gaps listed.
func checkMaps(t *testing.T, width int64, maps []drawnMap, want int) {
	t.Helper()
	if len(maps) != want {
		t.Errorf("at %dpx %d relationship maps drawn, want %d", width, len(maps), want)
	}
	for _, m := range maps {
		if m.SVG.W < 300 && m.SVG.W < float64(width)-60 || m.SVG.H < 60 {
			t.Errorf("at %dpx the map of %s is drawn %.0f×%.0f", width, m.Client, m.SVG.W, m.SVG.H)
		}
		if len(m.Nodes) < 2 || m.Ties == 0 {
			t.Errorf("at %dpx the map of %s has %d boxes and %d ties", width, m.Client, len(m.Nodes), m.Ties)
		}
		for i, a := range m.Nodes {
			if a.X < m.SVG.X-1 || a.Y < m.SVG.Y-1 || a.X+a.W > m.SVG.X+m.SVG.W+1 || a.Y+a.H > m.SVG.Y+m.SVG.H+1 {
				t.Errorf("at %dpx a box of %s's map sticks out: %+v in %+v", width, m.Client, a, m.SVG)
			}
			for _, b := range m.Nodes[i+1:] {
				if overlap(a, b) {
					t.Errorf("at %dpx two boxes of %s's map overlap: %+v, %+v", width, m.Client, a, b)
				}
			}
		}
	}
}

// checkKept checks that each promises-kept bar is drawn, its filled part
// the figure's share of the track.
func checkKept(t *testing.T, width int64, bars []keptBar, r report.Recoveries) {
	t.Helper()
	want := map[string]int{}
	for _, row := range append(append([]report.RecoveryRow{}, r.Exit...), r.Recover...) {
		if row.PromisesKept != nil {
			want[row.ID] = *row.PromisesKept
		}
	}
	if len(bars) != len(want) || len(want) != 2 {
		t.Errorf("at %dpx %d promises-kept bars, want one per recovery with a promise fallen due (%d)", width, len(bars), len(want))
	}
	for _, b := range bars {
		pct, ok := want[b.Client]
		if !ok || b.Track <= 0 || b.H <= 0 {
			t.Errorf("at %dpx the bar of %q is not drawn: %+v", width, b.Client, b)
			continue
		}
		if got := 100 * b.Bar / b.Track; got < float64(pct)-1 || got > float64(pct)+1 {
			t.Errorf("at %dpx %s's bar is %.1f%% full, want %d%%", width, b.Client, got, pct)
		}
	}
}

// tablesOf counts the page's tables: portfolio, opportunities, due and
// findings, and one per group of the recoveries panel (exit, recover) that
// has a recovery.
func tablesOf(m report.Model) int {
	n := 4
	if len(m.Recoveries.Exit) > 0 {
		n++
	}
	if len(m.Recoveries.Recover) > 0 {
		n++
	}
	return n
}

func checkRendered(t *testing.T, width int64, got rendered, dots, trends, tables int) {
	t.Helper()
	if got.InnerWidth != int(width) {
		t.Fatalf("viewport %d wide, want %d", got.InnerWidth, width)
	}
	if got.ScrollWidth > got.InnerWidth {
		t.Errorf("at %dpx the page is %dpx wide: something overflows horizontally", width, got.ScrollWidth)
	}
	if got.Matrix.W < 300 || got.Matrix.H < 300 {
		t.Errorf("at %dpx the matrix is drawn %.0f×%.0f", width, got.Matrix.W, got.Matrix.H)
	}
	if len(got.Dots) != dots || dots != 6 {
		t.Errorf("at %dpx %d dots drawn, want one per active rated client (%d)", width, len(got.Dots), dots)
	}
	for _, d := range got.Dots {
		if d.W <= 0 || d.H <= 0 || d.Fill == "" || d.Fill == "none" {
			t.Errorf("at %dpx dot %s is not drawn: %+v", width, d.Client, d)
		}
		if d.X < got.Matrix.X-1 || d.X+d.W > got.Matrix.X+got.Matrix.W+1 {
			t.Errorf("at %dpx dot %s sticks out of the chart", width, d.Client)
		}
	}
	for i, a := range got.Labels {
		if a.W <= 0 || a.X < got.Matrix.X-1 || a.X+a.W > got.Matrix.X+got.Matrix.W+1 {
			t.Errorf("at %dpx label %d is not inside the chart: %+v", width, i, a)
		}
		for _, b := range got.Labels[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("at %dpx two labels overlap: %+v and %+v", width, a, b)
			}
		}
	}
	if len(got.Trends) != trends || trends != 6 {
		t.Errorf("at %dpx %d trend charts drawn, want %d", width, len(got.Trends), trends)
	}
	for _, tr := range got.Trends {
		if tr.W < 100 || tr.H < 40 {
			t.Errorf("at %dpx trend chart of %s drawn %.0f×%.0f", width, tr.Client, tr.W, tr.H)
		}
	}
	for _, l := range got.Lines {
		if l.W <= 0 && l.H <= 0 {
			t.Errorf("at %dpx a trend line or point is not drawn", width)
		}
	}
	if len(got.Tables) != tables || tables != 6 {
		t.Errorf("at %dpx %d tables, want the recoveries (exit, recover), portfolio, opportunities, due and findings (%d)", width, len(got.Tables), tables)
	}
	for _, tb := range got.Tables {
		if tb.Width > tb.Container+1 && !tb.Scrolls {
			t.Errorf("at %dpx table %s is %.0fpx wide in a %.0fpx container that does not scroll", width, tb.Class, tb.Width, tb.Container)
		}
		// On a laptop every table fits without scrolling; on a phone the
		// portfolio does too, with its four columns.
		if (width >= 1280 || width <= 390 && strings.Contains(tb.Class, "portfolio")) && tb.ScrollNeed {
			t.Errorf("at %dpx table %s needs horizontal scrolling (%.0fpx in %.0fpx)", width, tb.Class, tb.Width, tb.Container)
		}
	}
}
