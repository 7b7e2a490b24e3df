package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/report"
)

// TestRenderRdTraces checks that the R² section of appendix.md is built
// from the fixture's R² files: every row of its two tables appears, the
// generated discussion names the J = 1 minima, and the LaTeX has the
// section's label.
func TestRenderRdTraces(t *testing.T) {
	out := renderFixture(t)
	md, _ := os.ReadFile(filepath.Join(out, "appendix.md"))
	tex, _ := os.ReadFile(filepath.Join(out, "appendix.tex"))
	r, err := readResults(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if r.rd == nil {
		t.Fatal("the fixture has no R² experiment")
	}
	refs := numberRefs(document(r))
	for _, tb := range []*table{tableRdSets(r.rd), tableRdTime(r.rd)} {
		if len(tb.rows) < len(r.rd.theory.Sets) {
			t.Errorf("%s: %d rows for %d sets", tb.label, len(tb.rows), len(r.rd.theory.Sets))
		}
		for _, row := range tb.rows {
			var cells []string
			for _, c := range row {
				cells = append(cells, strings.ReplaceAll(texToMD(c, refs), "|", `\|`))
			}
			if line := "| " + strings.Join(cells, " | ") + " |"; !strings.Contains(string(md), line) {
				t.Errorf("appendix.md lacks the %s row %s", tb.label, line)
			}
		}
	}
	for _, want := range []string{"The two-dimensional experiment", "Discussion (generated from the results)", "J = 1 for Ω₃ and Ω₄",
		"figures/" + figRdTime + ".png", "figures/" + figRdMap + ".png", "results/rd_dynamics.json"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("appendix.md lacks %q", want)
		}
	}
	if !strings.Contains(string(tex), `\label{sec:rd}`) {
		t.Error(`appendix.tex lacks \label{sec:rd}`)
	}
}

// TestRenderWithoutRd checks that a results directory without the R²
// files (a run with Sizes.Rd zero, or an older one) gives the appendix
// without that section, and that a partial set of R² files is an error.
func TestRenderWithoutRd(t *testing.T) {
	dir := t.TempDir()
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "rd_") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(fixture, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := readResults(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.rd != nil {
		t.Fatal("R² results read from a directory without them")
	}
	if r.rdExits != nil {
		t.Fatal("2-D quadratic exits read from a directory without them")
	}
	for _, b := range document(r) {
		if h, ok := b.(heading); ok && (h.label == "sec:rd" || h.label == "sec:rdexit") {
			t.Errorf("the appendix has section %s without its results", h.label)
		}
	}
	// rd_dynamics.json alone: the other R² files are missing.
	data, _ := os.ReadFile(filepath.Join(fixture, FileRdDynamics))
	if err := os.WriteFile(filepath.Join(dir, FileRdDynamics), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readResults(dir); err == nil || !strings.Contains(err.Error(), "results:") {
		t.Errorf("partial R² files: got %v, want an error", err)
	}
}

// TestRdDiscussionVerdict checks that the generated discussion follows the
// numbers: with a simulated J = 1 time of 2% [1.5%, 2.5%] (set in the
// fixture's clipped run), a first-order estimate below the interval is
// reported as exceeded, as the pre-asymptotic bias predicts; one inside as
// not resolved (whichever side of the mean it lies); and one above as
// unexplained. The estimate is deliberately moved around the interval, so
// each wording is shown to change with the numbers.
func TestRdDiscussionVerdict(t *testing.T) {
	r, err := readResults(fixture)
	if err != nil || r.rd == nil {
		t.Fatal("the fixture has no R² experiment", err)
	}
	for _, tc := range []struct {
		name  string
		first float64
		want  string
	}{
		{"estimate below the interval", 0.01, "should exceed the estimate, and it does: the interval excludes the estimate."},
		{"estimate inside the interval, below the mean", 0.018, "the point estimate does, but the interval across"},
		{"estimate inside the interval, above the mean", 0.022, "here the point estimate does not, and the interval across"},
		{"estimate above the interval", 0.04, "but it lies below the estimate here, which this bias does not explain."},
	} {
		run := *r.rd.clipped
		run.Sharp = report.NewInterval(0.02, 0.015, 0.025)
		run.SharpFirstOrder = report.Num(tc.first)
		rd := *r.rd
		rd.clipped = &run
		got := rdDiscussion(&rd)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: discussion lacks %q:\n%s", tc.name, tc.want, got)
		}
		if want := "is " + num(0.02/tc.first, 3) + " times the estimate"; !strings.Contains(got, want) {
			t.Errorf("%s: discussion lacks %q", tc.name, want)
		}
	}
}
