package appendix

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// The measured explanation of R > 1 when r/b sits just above an integer
// (docs/converge.md, "R above 1"). For J = 2 on the quadratic well
// f = kx²/2 (k = 1) exited to the right at r, the slack s = r − b is what
// the first jump must cover for a second, clipped jump of length b to
// leave. The limit theorem treats that first jump as rare: jumps longer
// than y arrive at the rate λ(η)·y^{−α}/2 per unit time (one side), and
// after one the iterate relaxes as y·e^{−t}, so the fraction of time the
// theory puts the iterate beyond s is
//
//	F = ∫_s^b (λ/2)·α y^{−α−1}·ln(y/s) dy + (λ/2) b^{−α} ln(b/s)
//	  = λ(η)·(s^{−α} − b^{−α})/(2α),
//
// and its rate q η λ² is F times the rate of the second jump from there.
// F is a fraction of time only while F ≪ 1. When λ(η)·s^{−α} is not small
// (s comparable with the moves the noise makes every step, ηc and up) F
// exceeds the time the iterate can spend beyond s, P(X > s) ≤ ½, and the
// prediction is too fast by about F/P(X > s): R ≈ F/P(X > s) > 1. The
// occupation file holds, per ladder rung of the slack study, F and
// P(X > s) measured on a long run of the iterate itself (restarted at 0
// after an exit), so that the section compares F/P with the measured R.

// FileSlackOccupation is the occupation file of the slack study.
const FileSlackOccupation = "converge/slack/occupation.json"

// SlackOccupationFormat identifies FileSlackOccupation.
const SlackOccupationFormat = "htsgd-converge-slack/1"

// SlackOccupationFile is the content of FileSlackOccupation.
type SlackOccupationFile struct {
	Format string `json:"format"`
	// Steps is the length of each cell's run, Seed that of the first cell
	// (cell i uses Seed + i).
	Steps int64       `json:"steps"`
	Seed  uint64      `json:"seed"`
	Cells []SlackCell `json:"cells"`
}

// SlackCell is one rung of a slack-study ladder: its report file and step
// size, the geometry (r, b, s = r − b), λ(η), the theory's fraction F of
// time beyond s, and the measured fraction Above = P(X > s) with its
// standard error (batch means over 100 batches).
type SlackCell struct {
	File    string  `json:"file"`
	Eta     float64 `json:"eta"`
	R       float64 `json:"r"`
	B       float64 `json:"b"`
	Slack   float64 `json:"slack"`
	Lambda  float64 `json:"lambda"`
	Theory  float64 `json:"theory_fraction"`
	Above   float64 `json:"above"`
	AboveSE float64 `json:"above_se"`
}

// check reports whether the file has the format and at least one cell
// with positive fractions.
func (f *SlackOccupationFile) check() error {
	if f.Format != SlackOccupationFormat {
		return fmt.Errorf("format %q, want %q", f.Format, SlackOccupationFormat)
	}
	if len(f.Cells) == 0 {
		return errors.New("no cell")
	}
	for i, c := range f.Cells {
		if !(c.Above > 0 && c.Theory > 0 && c.Slack > 0 && c.Eta > 0) {
			return fmt.Errorf("cells[%d] (%s, η = %g): fractions, slack and η must be > 0", i, c.File, c.Eta)
		}
	}
	return nil
}

// slackSteps is the length of each cell's run: P(X > s) ≈ 0.2–0.45 is
// then known to a standard error of about 10^{−3}.
const slackSteps = 20_000_000

// ConvergeSlack computes the occupation file of the slack study from the
// reports under results/converge/slack/ and writes it (FileSlackOccupation).
// Each report must be a 1-D quadratic well with its minimum at 0, J = 2,
// symmetric Pareto noise and a finite b; anything else is an error naming
// the file.
func ConvergeSlack(ctx context.Context, results string) error {
	cases, err := readConvergeCases(results, convergeSlackDir)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("%s: no ladder", filepath.Join(results, convergeSlackDir))
	}
	const seed = 1
	out := SlackOccupationFile{Format: SlackOccupationFormat, Steps: slackSteps, Seed: seed}
	for _, c := range cases {
		g, err := slackGeometryOf(c.Rep)
		if err != nil {
			return fmt.Errorf("%s: %w", c.File, err)
		}
		for _, r := range c.basin().Rungs {
			if err := ctx.Err(); err != nil {
				return err
			}
			above, se := g.occupation(r.Eta, slackSteps, seed+uint64(len(out.Cells)))
			s := g.r - g.b
			out.Cells = append(out.Cells, SlackCell{File: c.File, Eta: r.Eta, R: g.r, B: g.b, Slack: s, Lambda: r.Lambda,
				Theory: r.Lambda * (math.Pow(s, -g.alpha) - math.Pow(g.b, -g.alpha)) / (2 * g.alpha), Above: above, AboveSE: se})
		}
	}
	return writeJSONFile(results, FileSlackOccupation, out)
}

// slackGeometry is a slack-study scenario: the well (−left, r) of
// f = kx²/2, the threshold b and Pareto noise (α, c), p_± = ½.
type slackGeometry struct {
	k, left, r, b, alpha, c float64
}

// slackGeometryOf reads the geometry from a report's scenario.
func slackGeometryOf(rep *report.ConvergeReport) (slackGeometry, error) {
	sc, err := scenario.Parse([]byte(rep.ScenarioTOML))
	if err != nil {
		return slackGeometry{}, err
	}
	l, n := sc.Landscape, sc.Noise
	switch {
	case l.Kind != scenario.KindQuadratic || len(l.Basin) != 2:
		return slackGeometry{}, errors.New("the slack study needs the 1-D quadratic well")
	case n.Law != scenario.LawPareto || n.Alpha == nil || (n.PPlus != nil && *n.PPlus != 0.5):
		return slackGeometry{}, errors.New("the slack study needs symmetric Pareto noise")
	case !rep.B.IsFinite() || len(rep.Basins) != 1 || rep.Basins[0].Jump != 2:
		return slackGeometry{}, errors.New("the slack study needs a finite b and J = 2")
	}
	k := scenario.DefaultLandscapeScale
	if l.Scale != nil {
		k = *l.Scale
	}
	if k != 1 {
		return slackGeometry{}, errors.New("the slack study's F assumes k = 1 (relaxation e^{−t})")
	}
	return slackGeometry{k: k, left: -l.Basin[0], r: l.Basin[1], b: float64(rep.B), alpha: *n.Alpha, c: n.Scale}, nil
}

// occupation runs X_{n+1} = X_n − φ_b(η(kX_n − Z)) from 0 for steps steps
// (restarted at 0 after leaving (−left, r)) and returns the fraction of
// steps with X > r − b and its standard error (batch means, 100 batches).
func (g slackGeometry) occupation(eta float64, steps int64, seed uint64) (frac, se float64) {
	rng := rand.New(rand.NewPCG(seed, 0x51ac))
	s := g.r - g.b
	const batches = 100
	per := steps / batches
	var sum, sum2 float64
	x := 0.0
	for range batches {
		above := 0
		for range per {
			if x > s {
				above++
			}
			z := g.c * math.Pow(1-rng.Float64(), -1/g.alpha)
			if rng.IntN(2) == 0 {
				z = -z
			}
			w := eta * (g.k*x - z)
			if math.Abs(w) > g.b {
				w = math.Copysign(g.b, w)
			}
			x -= w
			if x >= g.r || x <= -g.left {
				x = 0
			}
		}
		p := float64(above) / float64(per)
		sum, sum2 = sum+p, sum2+p*p
	}
	frac = sum / batches
	se = math.Sqrt(math.Max(0, sum2/batches-frac*frac) / (batches - 1))
	return frac, se
}
