package appendix

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// convergeFixture holds a few stored ladders of results/converge (two
// cases, two figure ladders, two slack ladders) and the cells of the slack
// occupation file for them, copied from the repository's results (the
// occupation cells keep the seeds of the full run).
const convergeFixture = "testdata/converge"

// renderConverge renders the converge section of results dir as Markdown
// (and as LaTeX, which must not fail).
func renderConverge(t *testing.T, c *convergeResults) string {
	t.Helper()
	doc := &document{title: text("title", nil), blocks: convergeSection(c)}
	md, err := newWording(markdown{refs: numberRefs(doc.blocks)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeMarkdown(&buf, doc, md); err != nil {
		t.Fatal(err)
	}
	tex, err := newWording(latex{})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeLaTeX(&bytes.Buffer{}, doc, tex); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestConvergeSection: the section built from the fixture has a table row
// per rung with its interval and the verdict on the last row of each case,
// a line per case, the figure with its sources, the collapse paragraph
// (J = 2: the fixture's settings share λ within a factor 1.41) and the slack
// table and explanation with F/P next to R; the figure draws.
func TestConvergeSection(t *testing.T) {
	c, err := readConverge(convergeFixture)
	if err != nil {
		t.Fatal(err)
	}
	if c == nil || len(c.Main) != 2 || len(c.Figure) != 2 || len(c.Slack) != 2 || c.Occupation == nil {
		t.Fatalf("fixture read as %+v", c)
	}
	md := renderConverge(t, c)
	tb := tableConverge(sortedCases(c.Main))
	rungs := 0
	for _, k := range c.Main {
		rungs += len(k.basin().Rungs)
	}
	if len(tb.rows) != rungs {
		t.Errorf("%d rows for %d rungs", len(tb.rows), rungs)
	}
	for _, row := range tb.rows {
		if line := (markdown{}).row(row); !strings.Contains(md, line) {
			t.Errorf("the section lacks the row %s", line)
		}
	}
	for _, want := range []string{
		"| `quadratic-j2-tol0.1` | 1 | 2 | 1.5 | 0.250 | 0.00559 | bf | 2345 | 1.03 [0.979, 1.08] |  |",
		"| 0.0625 | 0.00280 | bf | 2345 | 1.01 [0.961, 1.06] | converges |",
		"- `quadratic2d-j2-tol0.1` (d = 2, J = 2, α = 1.5, c = 0.05, b = 1; band ±0.1, 3 looks at level 0.9833): converges;",
		"figures/" + figConverge + ".png", "`results/converge/figure/fig-j2-a1.8.json`",
		"For J = 2, ", "sit at nearly the same λ (within a factor 1.41)",
		"| 1.02 | 0.50 | 0.100 | 0.112 | 0.0294 | 7.37 | 0.445 | 16.6 | 11.7 [10.9, 12.5] |",
		"too fast by about F/P(X > s)", "`results/converge/slack/occupation.json`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	if _, err := plotConverge(&results{converge: c}); err != nil {
		t.Errorf("figure: %v", err)
	}
}

// TestConvergeSectionAbsent: without results/converge (a quick run) the
// section is a note that names the make target; a report the reader
// refuses (an empty one) is an error naming its file.
func TestConvergeSectionAbsent(t *testing.T) {
	dir := t.TempDir()
	c, err := readConverge(dir)
	if err != nil || c != nil {
		t.Fatalf("no converge/: %v, %v; want nil, nil", c, err)
	}
	if md := renderConverge(t, nil); !strings.Contains(md, "`make converge-results`") || strings.Contains(md, "Table") {
		t.Errorf("the note of an absent converge/ is\n%s", md)
	}
	if err := os.MkdirAll(filepath.Join(dir, ConvergeDir), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, ConvergeDir, "paper-b0.5.json")
	if err := os.WriteFile(bad, []byte(`{"format": "htsgd-converge/1"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readConverge(dir); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("an empty report: err %v, want an error naming %s", err, bad)
	}
}

// TestSlackTheoryFraction: the closed form F = λ(s^{−α} − b^{−α})/(2α) of
// ConvergeSlack equals its defining integral
// ∫_s^b (λ/2)α y^{−α−1} ln(y/s) dy + (λ/2) b^{−α} ln(b/s) (Gauss–Legendre
// quadrature on a log grid), and occupation is deterministic in its seed
// and gives a fraction in [0, 1] with a small standard error.
func TestSlackTheoryFraction(t *testing.T) {
	for _, tc := range []struct{ lambda, alpha, s, b float64 }{{0.028, 1.5, 0.0294, 1.47}, {0.11, 1.5, 0.5, 1}, {0.01, 1.2, 0.1, 0.5}} {
		f := func(u float64) float64 { // y = s·e^u
			y := tc.s * math.Exp(u)
			return tc.lambda / 2 * tc.alpha * math.Pow(y, -tc.alpha) * u
		}
		L := math.Log(tc.b / tc.s)
		num := quad.Fixed(f, 0, L, 2000, nil, 0) + tc.lambda/2*math.Pow(tc.b, -tc.alpha)*L
		closed := tc.lambda * (math.Pow(tc.s, -tc.alpha) - math.Pow(tc.b, -tc.alpha)) / (2 * tc.alpha)
		if math.Abs(num-closed) > 1e-9*closed {
			t.Errorf("%+v: integral %v, closed form %v", tc, num, closed)
		}
	}
	g := slackGeometry{k: 1, left: 6, r: 1.5, b: 1.5 / 1.02, alpha: 1.5, c: 0.2}
	p1, se1 := g.occupation(0.1, 200000, 7)
	p2, se2 := g.occupation(0.1, 200000, 7)
	if p1 != p2 || se1 != se2 || !(p1 > 0 && p1 < 1) || !(se1 > 0 && se1 < 0.02) {
		t.Errorf("occupation: %v ± %v, then %v ± %v", p1, se1, p2, se2)
	}
}
