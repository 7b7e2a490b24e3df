package appendix

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/htsgd/htsgd/control"
	"github.com/htsgd/htsgd/report"
)

// RenderOptions control Render.
type RenderOptions struct {
	// Checkout is the checkout that renders, named in the appendix's
	// provenance next to those of the run and the fit (nil: not named; its
	// time is not printed, so that a render is a function of its inputs).
	Checkout *Provenance
}

// CurrentCheckout returns the provenance of a step made now by the
// checkout in the working directory: its git commit and whether it has
// local changes.
func CurrentCheckout() Provenance { return checkout(time.Now()) }

// Render reads the results directory and writes out/appendix.md,
// out/appendix.tex and out/figures/*.pdf|png. It reads nothing but the
// results directory, and every number it prints is a field of a results
// file (or, in the discussions, a comparison of such fields).
func Render(results, out string, opt RenderOptions) error {
	r, err := readResults(results)
	if err != nil {
		return err
	}
	r.render = opt.Checkout
	figs := filepath.Join(out, "figures")
	if err := os.MkdirAll(figs, 0o755); err != nil {
		return err
	}
	for _, f := range figuresOf(r) {
		if err := saveFigure(r, figs, f); err != nil {
			return fmt.Errorf("figures: %w", err)
		}
	}
	doc, err := buildDocument(r)
	if err != nil {
		return err
	}
	tex, err := newWording(latex{})
	if err != nil {
		return err
	}
	md, err := newWording(markdown{refs: numberRefs(doc.blocks)})
	if err != nil {
		return err
	}
	if err := writeFile(out, "appendix.tex", func(w io.Writer) error { return writeLaTeX(w, doc, tex) }); err != nil {
		return err
	}
	return writeFile(out, "appendix.md", func(w io.Writer) error { return writeMarkdown(w, doc, md) })
}

// results is what the render step reads from a results directory.
type results struct {
	// meta is nil when the directory has no meta.json (a test fixture).
	meta     *Meta
	theory   TheoryFile
	exits    ExitsFile
	fits     FitsFile
	dynamics report.DynamicsReport
	paths    PathsFile
	samples  []SampleRow
	// himmelblau is the paper's 2-D experiment and quadratic the first
	// exits from the 2-D quadratic well, nil when the directory has none.
	himmelblau *himmelblauResults
	quadratic  *QuadraticExitsFile
	// converge is the ladders of results/converge (nil without them).
	converge *convergeResults
	// control is the control experiment (results/control/), nil when absent.
	control *control.Report
	// render is the checkout that renders (nil: not named).
	render *Provenance
}

// readResults reads a results directory. meta.json is optional, and so are
// the files of the two-dimensional experiments (all of one experiment or
// none).
func readResults(dir string) (*results, error) {
	var r results
	for name, v := range map[string]any{FileTheory: &r.theory, FileExits: &r.exits, FileFits: &r.fits,
		FileDynamics: &r.dynamics, FilePaths: &r.paths} {
		if err := readJSONFile(dir, name, v); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
	}
	if err := r.theory.check(); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if err := r.exits.check(); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if err := r.checkPaths(); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if ok, err := exists(dir, FileMeta); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	} else if ok {
		r.meta = new(Meta)
		if err := readJSONFile(dir, FileMeta, r.meta); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
	}
	var err error
	if r.samples, err = readSamples(dir); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if r.himmelblau, err = readHimmelblau(dir); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if ok, err := exists(dir, FileQuadraticExits); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	} else if ok {
		r.quadratic = new(QuadraticExitsFile)
		if err := readJSONFile(dir, FileQuadraticExits, r.quadratic); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
		if err := r.quadratic.check(); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
	}
	if r.converge, err = readConverge(dir); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if r.control, err = readControl(dir); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return &r, nil
}

// checkPaths reports whether paths.json has a panel per variant with one
// entry per basin of theory.json.
func (r *results) checkPaths() error {
	n := len(r.theory.Minima)
	if len(r.paths.Variants) == 0 || !(r.paths.BinHi > r.paths.BinLo) {
		return fmt.Errorf("%s: no variant", FilePaths)
	}
	for _, v := range r.paths.Variants {
		if len(v.Basin) != n || len(v.Counts) == 0 || len(v.TraceMin) != len(v.TraceMax) {
			return fmt.Errorf("%s: variant %q does not have one fraction per basin of %s and a trace", FilePaths, v.Name, FileTheory)
		}
	}
	return nil
}

// buildDocument assembles the appendix from the results.
func buildDocument(r *results) (*document, error) {
	doc := &document{title: text("title", nil)}
	add := func(bs ...block) { doc.blocks = append(doc.blocks, bs...) }
	add(para{text("intro", introOf(r))})
	add(theorySection(r)...)
	exits, err := exitSection(r)
	if err != nil {
		return nil, err
	}
	add(exits...)
	add(ratioSection(r)...)
	add(shapeSection(r)...)
	add(dynamicsSection(r)...)
	if h := r.himmelblau; h != nil {
		add(h.section()...)
	}
	if q := r.quadratic; q != nil {
		add(quadraticSection(q)...)
	}
	add(convergeSection(r.converge)...)
	if c := r.control; c != nil {
		add(controlSection(c)...)
	}
	add(discussionSection(r)...)
	add(heading{1, text("provenance.title", nil), "sec:provenance"}, para{text("provenance", provenanceOf(r))})
	return doc, nil
}
