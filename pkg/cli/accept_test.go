package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/accept"
)

func TestAcceptOrder(t *testing.T) {
	score := func(n int) *int { return &n }
	results := []accept.Result{
		{ID: "z-declined", Decision: accept.Decline, Score: score(90)},
		{ID: "b-review-null", Decision: accept.Review},
		{ID: "c-review-60", Decision: accept.Review, Score: score(60)},
		{ID: "a-review-60", Decision: accept.Review, Score: score(60)},
		{ID: "d-review-65", Decision: accept.Review, Score: score(65)},
		{ID: "y-accept", Decision: accept.Accept, Score: score(70)},
		{ID: "x-accept", Decision: accept.Accept, Score: score(95)},
	}
	slices.SortStableFunc(results, accept.Compare)
	var got []string
	for _, r := range results {
		got = append(got, r.ID)
	}
	// Decision first, then score high first with no score last, then id.
	want := []string{"x-accept", "y-accept", "d-review-65", "a-review-60", "c-review-60", "b-review-null", "z-declined"}
	if !slices.Equal(got, want) {
		t.Errorf("order\n got %q\nwant %q", got, want)
	}
}

// TestAcceptMain runs the command in-process on the agency example; the
// scripts in testdata/script/accept_*.txtar pin the full output.
func TestAcceptMain(t *testing.T) {
	t.Setenv("CLIENTBOOK_TODAY", "2026-11-23")
	t.Setenv("NO_COLOR", "1")
	agency := filepath.Join("..", "..", "examples", "agency")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantIDs    []string // from -o json
		wantStderr string
	}{
		{name: "every opportunity, in table order", args: []string{"-o", "json"}, wantCode: ExitOK,
			wantIDs: []string{"tallis-robotics-brand", "nimbus-seo-programme", "trailhead-winter-launch"}},
		{name: "fail on decline", args: []string{"-o", "json", "--fail-on", "decline"}, wantCode: ExitFailed,
			wantIDs: []string{"tallis-robotics-brand", "nimbus-seo-programme", "trailhead-winter-launch"}, wantStderr: "1 of 3 opportunities declined"},
		{name: "fail on decline with nothing declined", args: []string{"-o", "json", "--fail-on", "decline", "nimbus-seo-programme"}, wantCode: ExitOK,
			wantIDs: []string{"nimbus-seo-programme"}},
		{name: "fail on review counts reviews", args: []string{"-o", "json", "--fail-on", "review", "nimbus-seo-programme"}, wantCode: ExitFailed,
			wantIDs: []string{"nimbus-seo-programme"}, wantStderr: "1 of 1 opportunity declined or to review"},
		{name: "a path relative to the book root", args: []string{"-o", "json", "opportunities/trailhead-winter-launch.yaml"}, wantCode: ExitOK,
			wantIDs: []string{"trailhead-winter-launch"}},
		{name: "unknown id is a usage error listing the known ids", args: []string{"nope"}, wantCode: ExitUsage,
			wantStderr: "known opportunities are nimbus-seo-programme, tallis-robotics-brand, trailhead-winter-launch"},
		{name: "unknown --fail-on is a usage error", args: []string{"--fail-on", "accept"}, wantCode: ExitUsage,
			wantStderr: `--fail-on "accept": use one of decline, review`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"accept", "--book", agency}, tt.args...)
			code := Main(args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.wantStderr)
			}
			if tt.wantIDs == nil {
				return
			}
			var got []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatalf("stdout is not a JSON array: %v\n%s", err, stdout.String())
			}
			var ids []string
			for _, r := range got {
				ids = append(ids, r.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("ids %q, want %q", ids, tt.wantIDs)
			}
		})
	}
}
