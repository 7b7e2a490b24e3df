package appendix

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// lossPoints is the number of samples of f in theory.json.
const lossPoints = 641

// logGrid returns n log-spaced points from lo to hi.
func logGrid(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	for i := range n {
		out[i] = math.Exp(math.Log(lo) + (math.Log(hi)-math.Log(lo))*float64(i)/float64(n-1))
	}
	return out
}

// etaDecades returns the smallest and largest η of the exit series, widened
// to whole decades.
func etaDecades(s Sizes) (lo, hi float64) {
	lo, hi = math.Inf(1), 0
	for _, e := range s.Exits {
		for _, c := range e.Cells {
			lo, hi = math.Min(lo, c.Eta), math.Max(hi, c.Eta)
		}
	}
	return math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
}

// paperPlan builds a scenario of the paper's 1-D setting into its plan.
func paperPlan(sc *scenario.Scenario) (*scenario.Plan, landscapes.Line, landscapes.Structure, noise.Law, error) {
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		return nil, nil, landscapes.Structure{}, nil, err
	}
	line, ok1 := p.Landscape.(landscapes.Line)
	st, ok2 := p.Basins.(landscapes.Structure)
	z, ok3 := p.Noise.(noise.Scalar)
	if !ok1 || !ok2 || !ok3 {
		return nil, nil, landscapes.Structure{}, nil, fmt.Errorf("%s: not a scenario on the real line", sc.Name)
	}
	return p, line, st, z.Law, nil
}

// model returns the theory's model of a plan.
func model(p *scenario.Plan) theory.Model {
	return theory.Model{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, B: p.B, Domain: p.Domain}
}

// computeTheory evaluates everything package theory predicts for the
// one-dimensional experiments: per truncation threshold of the exit series
// the jump numbers, rates q_ij, classes and limiting chains (docs/theory.md
// §5, §7 and §8), the predicted mean exit time 1/(q_i η λ(η)^{J_i}) from
// Ω_2 on a grid of η (§6.2), and the first-order narrow fractions at the
// trajectories' η (§8.4).
func computeTheory(ctx context.Context, s Sizes) (TheoryFile, error) {
	var th TheoryFile
	lo, hi := etaDecades(s)
	th.EtaGrid = logGrid(lo, hi, s.CurvePoints)
	th.ExitBasin = exitBasin
	th.PathsEta = s.Dynamics.Eta
	for ci, e := range s.Exits {
		sc := paperScenario("theory-"+strings.ReplaceAll(e.Label, "=", ""), e.B, []float64{s.Dynamics.Eta}, 1, 1, 1)
		p, line, _, law, err := paperPlan(sc)
		if err != nil {
			return th, fmt.Errorf("theory %s: %w", e.Label, err)
		}
		a, notes, err := pipeline.Analyse(ctx, p, theory.Options{})
		if err != nil {
			return th, fmt.Errorf("theory %s: %w", e.Label, err)
		}
		if a == nil {
			return th, fmt.Errorf("theory %s: %v", e.Label, notes)
		}
		if ci == 0 {
			lo, hi := line.Domain()
			th.Landscape, th.Domain = line.Name(), []float64{lo, hi}
			th.Law, th.Alpha, th.Scale, th.PPlus = law.Name(), law.Alpha(), sc.Noise.Scale, law.PPlus()
			for _, m := range a.Sets {
				th.Minima = append(th.Minima, m.A[0])
			}
			th.Saddles = a.Saddles
			th.Loss = Curve{X: make([]float64, lossPoints), Y: make([]float64, lossPoints)}
			for i := range lossPoints {
				x := lo + (hi-lo)*float64(i)/float64(lossPoints-1)
				th.Loss.X[i], th.Loss.Y[i] = x, line.F(x)
			}
			for _, eta := range th.EtaGrid {
				lam, err := theory.Lambda(p.Noise, eta)
				if err != nil {
					return th, err
				}
				th.Lambda = append(th.Lambda, lam)
			}
			if th.PathsLambda, err = theory.Lambda(p.Noise, s.Dynamics.Eta); err != nil {
				return th, err
			}
		}
		c := TheoryCase{
			Label:    e.Label,
			B:        bPtr(e.B),
			Radius:   a.Radius,
			Jump:     a.JumpNumber,
			Rates:    a.Rates,
			ExitRate: a.ExitRate,
			Warnings: append([]string{}, a.Warnings...),
			// E τ ∝ η^{−1}λ(η)^{−J} ∝ η^{−(1+J(α−1))} (docs/theory.md §6.3).
			Slope: -(1 + float64(a.JumpNumber[exitBasin])*(law.Alpha()-1)),
		}
		for _, cl := range a.Classes {
			c.Classes = append(c.Classes, ClassResult{
				Members: cl.Members, Absorbing: cl.Absorbing, Wide: cl.Wide, Narrow: nonNil(cl.Narrow),
				Generator: cl.Generator, Stationary: nonNil(cl.Stationary), KillRate: nonNil(cl.KillRate),
			})
		}
		for _, eta := range th.EtaGrid {
			m, err := a.MeanExitSteps(exitBasin, eta)
			if err != nil {
				return th, err
			}
			c.MeanExit = append(c.MeanExit, m)
		}
		if err := crossCheck(ctx, &c, p, s.CheckSamples, uint64(ci+1)); err != nil {
			return th, fmt.Errorf("theory %s: %w", e.Label, err)
		}
		fr, err := a.NarrowFractions(th.PathsLambda)
		if err != nil {
			return th, err
		}
		for _, f := range fr {
			c.NarrowFraction = append(c.NarrowFraction, report.Num(f))
		}
		th.Cases = append(th.Cases, c)
	}
	return th, nil
}

// crossCheck fills the Monte Carlo cross-check of a case's rates: an
// independent time-domain integral over the path space (theory.CrossCheck;
// docs/theory.md §7.4), and the largest |z| = |q − q̂|/se per minimum.
func crossCheck(ctx context.Context, c *TheoryCase, p *scenario.Plan, samples int, seed uint64) error {
	rates, se, err := theory.CrossCheck(ctx, model(p), samples, seed)
	if err != nil {
		return err
	}
	n := len(c.Rates)
	c.CheckSamples = samples
	for i := range n {
		c.CheckRates = append(c.CheckRates, rates[i][:n])
		c.CheckStderr = append(c.CheckStderr, se[i][:n])
		var z *float64
		for j := range n {
			if se[i][j] > 0 {
				zj := math.Abs(c.Rates[i][j]-rates[i][j]) / se[i][j]
				if z == nil || zj > *z {
					z = &zj
				}
			}
		}
		c.CheckMaxZ = append(c.CheckMaxZ, z)
	}
	return nil
}
