package report_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
    trends: [...document.querySelectorAll("svg.trend")].map(rect),
    lines: [...document.querySelectorAll("svg.trend polyline, svg.trend circle")].map(rect),
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
  };
})()`

// TestReportInBrowser opens the agency's report in headless Chromium and
// checks what was drawn, not what was written: the charts have a size,
// there is one dot per active rated client, labels do not collide, nothing
// overflows the page at laptop and tablet widths, and no request leaves
// the file. It saves a screenshot (set CLIENTBOOK_REPORT_PNG to keep a
// copy).
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

	ctx, cancel := context.WithTimeout(t.Context(), 45*time.Second)
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
		chromedp.WindowSize(1280, 900),
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

	for _, width := range []int64{1280, 800} {
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
		if width == 1280 {
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			shot := filepath.Join(dir, "report.png")
			if err := os.WriteFile(shot, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", shot)
			if keep := os.Getenv("CLIENTBOOK_REPORT_PNG"); keep != "" {
				if err := os.WriteFile(keep, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}

	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		if r != url && !strings.HasPrefix(r, "data:") {
			t.Errorf("the page requested %s: it must need nothing but its own file", r)
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

// tablesOf counts the page's tables: portfolio, due and findings, and one
// per group of the recoveries panel (exit, recover) that has a recovery.
func tablesOf(m report.Model) int {
	n := 3
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
	if len(got.Tables) != tables || tables != 5 {
		t.Errorf("at %dpx %d tables, want the recoveries (exit, recover), portfolio, due and findings (%d)", width, len(got.Tables), tables)
	}
	for _, tb := range got.Tables {
		if tb.Width > tb.Container+1 && !tb.Scrolls {
			t.Errorf("at %dpx table %s is %.0fpx wide in a %.0fpx container that does not scroll", width, tb.Class, tb.Width, tb.Container)
		}
		// On a laptop every table fits without scrolling.
		if width >= 1280 && tb.ScrollNeed {
			t.Errorf("at %dpx table %s needs horizontal scrolling (%.0fpx in %.0fpx)", width, tb.Class, tb.Width, tb.Container)
		}
	}
}
