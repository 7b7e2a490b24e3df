package appendix

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// fixture is a tiny fixed results set (tinySizes, regenerated with -update):
// the render tests read it, never the simulation.
const fixture = "testdata/results"

// rendered is the fixture rendered once for all tests (rendering takes
// seconds under the race detector).
var rendered struct {
	once sync.Once
	dir  string
	err  error
}

// TestMain removes the shared render directory.
func TestMain(m *testing.M) {
	code := m.Run()
	if rendered.dir != "" {
		os.RemoveAll(rendered.dir)
	}
	os.Exit(code)
}

// renderFixture renders the fixture (once) and returns the output
// directory; with -update -update-fixture it first regenerates the
// fixture.
func renderFixture(t *testing.T) string {
	t.Helper()
	rendered.once.Do(func() { rendered.dir, rendered.err = renderFixtureOnce() })
	if rendered.err != nil {
		t.Fatal(rendered.err)
	}
	return rendered.dir
}

func renderFixtureOnce() (string, error) {
	if *update && *updateFixture {
		if err := os.RemoveAll(fixture); err != nil {
			return "", err
		}
		if err := Run(context.Background(), tinySizes(), fixture, RunOptions{Workers: 2}); err != nil {
			return "", err
		}
		// meta.json describes a machine: keep the fixture free of it.
		if err := os.Remove(filepath.Join(fixture, FileMeta)); err != nil {
			return "", err
		}
	}
	out, err := os.MkdirTemp("", "htsgd-appendix-")
	if err != nil {
		return "", err
	}
	return out, Render(fixture, out, RenderOptions{})
}

// TestRenderGolden renders the fixture and compares appendix.md and
// appendix.tex with the golden files.
func TestRenderGolden(t *testing.T) {
	out := renderFixture(t)
	for _, name := range []string{"appendix.md", "appendix.tex"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (rerun with -update if the change is intended)", name, golden)
		}
	}
}

// TestRenderStructure checks what a reader and pdflatex need: every figure
// as PDF and decodable PNG; LaTeX that is ASCII, has balanced math, braces
// and environments, and only references labels it defines; Markdown with
// no TeX left and tables whose rows match their headers.
func TestRenderStructure(t *testing.T) {
	out := renderFixture(t)
	for _, name := range allFigures {
		pdf, err := os.ReadFile(filepath.Join(out, "figures", name+".pdf"))
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("%s.pdf: missing or not a PDF (%v)", name, err)
		}
		f, err := os.Open(filepath.Join(out, "figures", name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() < 600 || img.Bounds().Dy() < 300 {
			t.Errorf("%s.png: %v, bounds %v", name, err, img.Bounds())
		}
	}

	texBytes, _ := os.ReadFile(filepath.Join(out, "appendix.tex"))
	tex := string(texBytes)
	for i, r := range tex {
		if r > 127 {
			t.Fatalf("appendix.tex: non-ASCII %q at byte %d", r, i)
		}
	}
	for n, par := range strings.Split(tex, "\n\n") {
		body := strings.ReplaceAll(par, `\$`, "")
		if !strings.HasPrefix(strings.TrimSpace(par), "%") && strings.Count(body, "$")%2 != 0 {
			t.Errorf("appendix.tex paragraph %d: odd number of $: %.200s", n, par)
		}
	}
	if d := strings.Count(tex, "{") - strings.Count(tex, `\{`) - (strings.Count(tex, "}") - strings.Count(tex, `\}`)); d != 0 {
		t.Errorf("appendix.tex: braces unbalanced by %d", d)
	}
	for _, env := range []string{"table", "tabular", "figure", "itemize"} {
		if b, e := strings.Count(tex, `\begin{`+env+`}`), strings.Count(tex, `\end{`+env+`}`); b != e || b == 0 {
			t.Errorf("appendix.tex: %d \\begin{%s}, %d \\end", b, env, e)
		}
	}
	for _, rule := range []string{`\toprule`, `\midrule`, `\bottomrule`, `\includegraphics`} {
		if !strings.Contains(tex, rule) {
			t.Errorf("appendix.tex: no %s", rule)
		}
	}
	labels := map[string]bool{}
	for _, m := range regexp.MustCompile(`\\label\{([^}]*)\}`).FindAllStringSubmatch(tex, -1) {
		labels[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`\\ref\{([^}]*)\}`).FindAllStringSubmatch(tex, -1) {
		if !labels[m[1]] {
			t.Errorf("appendix.tex: \\ref{%s} has no label", m[1])
		}
	}

	mdBytes, _ := os.ReadFile(filepath.Join(out, "appendix.md"))
	md := string(mdBytes)
	// The theory is cited in docs/theory.md, the repository's own.
	if strings.Contains(md, "THEORY") || strings.Contains(tex, "THEORY") {
		t.Error("the appendix cites THEORY.md, which the repository does not have")
	}
	if m := regexp.MustCompile(`\\[A-Za-z]+|\$|\?\?`).FindString(md); m != "" {
		t.Errorf("appendix.md: TeX left over: %q", m)
	}
	var header int
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			header = 0
			continue
		}
		cols := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1
		if header == 0 {
			header = cols
		} else if cols != header {
			t.Errorf("appendix.md: row with %d columns under a %d-column header: %.120s", cols, header, line)
		}
	}
	for _, fig := range allFigures {
		if !strings.Contains(md, "figures/"+fig+".png") {
			t.Errorf("appendix.md: no figure %s", fig)
		}
	}
}

// allFigures are the file names of every figure of the fixture.
var allFigures = []string{figExit, figRatio, figQQ, figHist, figPaths, figHimmelblauTime, figHimmelblauMap, figQuadratic}

// TestRenderTraces checks that numbers in appendix.md come from the results
// files: every cell of the exit table is rebuilt from exits.json, and the
// fixture's seeds reproduce it (fits.json from exits.json via Fit).
func TestRenderTraces(t *testing.T) {
	out := renderFixture(t)
	md, _ := os.ReadFile(filepath.Join(out, "appendix.md"))
	r, err := readResults(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range tableExits(r).rows {
		if line := (markdown{}).row(row); !strings.Contains(string(md), line) {
			t.Errorf("appendix.md lacks the exit row %s", line)
		}
	}
	// Fit is a function of exits.json and theory.json: refitting the
	// fixture reproduces its fits.json byte for byte.
	dir := t.TempDir()
	for _, f := range []string{FileTheory, FileExits, FileFits} {
		data, err := os.ReadFile(filepath.Join(fixture, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Fit(dir); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(fixture, FileFits))
	b, _ := os.ReadFile(filepath.Join(dir, FileFits))
	if !bytes.Equal(a, b) {
		t.Error("refitting the fixture does not reproduce fits.json")
	}
}

// TestOneTransition checks that the appendix uses "transition" for one
// thing only, a jump of the limiting chain between wide minima, and calls
// the marker process's jumps between any two minima (narrow ones
// included) "marker jumps", defined where they are counted.
func TestOneTransition(t *testing.T) {
	out := renderFixture(t)
	md, _ := os.ReadFile(filepath.Join(out, "appendix.md"))
	for _, bad := range []string{"marker transitions", "transitions between minima"} {
		if strings.Contains(string(md), bad) {
			t.Errorf("appendix.md says %q: a transition is a jump between wide minima", bad)
		}
	}
	for _, want := range []string{"| marker jumps (any two minima) |", "a transition of the limiting chain", "once its visits to narrow minima are left out"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("appendix.md lacks %q", want)
		}
	}
}
