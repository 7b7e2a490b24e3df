// Command generate writes the reference analyses of package theory's
// restructuring test (theory/testdata/reference): for every case, the JSON
// encoding of the analysis (<name>.analysis.json, the bytes of json.Marshal)
// and the numbers derived from it (<name>.derived.txt, one quantity per
// line, every float64 in its shortest round-trip form, so that equal text
// means equal bits).
//
// It runs against the code BEFORE the restructuring of issue 11 (commit
// 01fd138): build it in a module whose go.mod replaces
// github.com/htsgd/htsgd by a checkout of that commit, and run it with the
// output directory as argument. The 1-D cases are the scenarios of
// cmd/verify/testdata/golden (built by scenario.Build, the model by
// pipeline.Model, as `verify theory` does), plus hand-made variants; the R^d
// cases are cmd/verify/testdata/rd_*.toml built with the coarse tuning of
// cmd/verify's tests (basin map Grid 15, Directions 90, CacheCells 64; ray
// Directions 60) and 2000 Monte Carlo paths, seeded by
// pipeline.TheoryOptionsRd, plus hand-made variants.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

const level = 0.95

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: generate <cmd/verify/testdata/golden> <cmd/verify/testdata> <output directory>")
		os.Exit(2)
	}
	golden, testdata, out := os.Args[1], os.Args[2], os.Args[3]
	for _, c := range oneD(golden) {
		must(write1D(out, c))
	}
	for _, c := range rd(testdata) {
		must(writeRd(out, c))
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// case1D is a 1-D case: a model, its noise law, step sizes and the seed and
// samples of the cross-check.
type case1D struct {
	name  string
	model theory.Model
	law   noise.Law
	built *scenario.Built
	etas  []float64
}

func load(path string) *scenario.Scenario {
	sc, err := scenario.Load(path)
	must(err)
	return sc
}

func build1D(name string, sc *scenario.Scenario) case1D {
	b, err := sc.Build()
	must(err)
	m, err := pipeline.Model(b)
	must(err)
	return case1D{name: name, model: m, law: b.Law, built: b, etas: b.Etas}
}

func oneD(dir string) []case1D {
	var out []case1D
	for _, s := range []string{"paper-1d", "quadratic", "three-wells", "lomax-asym", "is-quick"} {
		out = append(out, build1D(s, load(filepath.Join(dir, s+".toml"))))
	}
	p := load(filepath.Join(dir, "paper-1d.toml"))
	out = append(out, build1D("paper-1d-binf", p.WithoutTruncation()))
	lx, err := p.WithLaw("lomax")
	must(err)
	out = append(out, build1D("paper-1d-lomax", lx))
	for _, b := range []float64{0.28, 0.19} {
		c := p.Clone()
		c.SGD.B = &b
		out = append(out, build1D(fmt.Sprintf("paper-1d-b%v", b), c))
	}
	// A transient class (TestAnalysisTransientClass): critical points
	// (0, 0.5, 1, 2, 3) on [−1, 4], Pareto α = 1.4, c = 0.1, p_+ = 0.4,
	// b = 0.6.
	l, err := landscapes.NewCriticalPoints(1, []float64{0, 0.5, 1, 2, 3}, -1, 4)
	must(err)
	law, err := noise.NewPareto(1.4, 0.1, 0.4)
	must(err)
	m := theory.Model{Structure: l.Structure(), Deriv: l.Deriv, Alpha: 1.4, PPlus: 0.4, B: 0.6}
	b := &scenario.Built{Line: l, Structure: l.Structure(), Law: law, B: 0.6, Etas: []float64{0.01}}
	out = append(out, case1D{name: "transient", model: m, law: law, built: b, etas: b.Etas})
	return out
}

// lines collects the derived numbers.
type lines struct{ b strings.Builder }

func ff(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func (l *lines) add(key string, vals ...string) {
	l.b.WriteString(key)
	for _, v := range vals {
		l.b.WriteByte(' ')
		l.b.WriteString(v)
	}
	l.b.WriteByte('\n')
}

func fs(v []float64) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = ff(x)
	}
	return out
}

func is(v []int) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = strconv.Itoa(x)
	}
	return out
}

func landing(m map[int]float64) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, strconv.Itoa(k)+":"+ff(m[k]))
	}
	return "landing=" + strings.Join(parts, ",")
}

func errString(err error) string {
	if err == nil {
		return "ok"
	}
	return "error"
}

// chain adds the start laws and transition matrices at t = 0.5.
func chain(l *lines, n int, classes []theory.Class, startLaw func(int) ([]int, []float64, float64, error), transition func(float64) ([][]float64, error)) {
	for j := range n {
		wide, law, killed, err := startLaw(j)
		l.add(fmt.Sprintf("start_law[%d]", j), errString(err), "wide="+strings.Join(is(wide), ","), "law="+strings.Join(fs(law), ","), "killed="+ff(killed))
	}
	if P, err := transition(0.5); err == nil {
		for r, row := range P {
			l.add(fmt.Sprintf("transition[%d]", r), fs(row)...)
		}
	} else {
		l.add("transition", "error")
	}
	for c, cl := range classes {
		P, err := cl.Transition(0.5)
		must(err)
		for r, row := range P {
			l.add(fmt.Sprintf("class[%d].transition[%d]", c, r), fs(row)...)
		}
	}
}

func wideJump(cl theory.Class, J []int) int {
	out := 0
	for _, i := range cl.Wide {
		out = max(out, J[i])
	}
	return out
}

func write1D(dir string, c case1D) error {
	a, err := theory.Analyse(context.Background(), c.model)
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, c.name+".analysis.json"), raw, 0o644); err != nil {
		return err
	}
	var l lines
	n := len(a.Minima)
	for i := range n {
		l.add(fmt.Sprintf("pair_jumps[%d]", i), is(a.PairJumps[i])...)
	}
	chain(&l, n, a.Classes, a.StartLaw, a.Transition)
	predict, _, err := pipeline.PredictExits(c.built)
	if err != nil {
		return err
	}
	for k, eta := range c.etas {
		key := fmt.Sprintf("eta[%d]", k)
		lam, err := theory.Lambda(c.law, eta)
		must(err)
		l.add(key+" lambda", ff(lam))
		var mean []float64
		for i := range n {
			s, err := a.MeanExitSteps(i, c.law, eta)
			must(err)
			mean = append(mean, s)
		}
		l.add(key+" mean_exit_steps", fs(mean)...)
		var units []float64
		for _, cl := range a.Classes {
			u, err := theory.TimeUnit(c.law, eta, wideJump(cl, a.JumpNumber))
			must(err)
			units = append(units, u)
		}
		l.add(key+" time_unit", fs(units)...)
		fr, err := a.NarrowFractions(lam)
		must(err)
		l.add(key+" narrow_fractions", fs(fr)...)
		for i := range n {
			p := predict(k, i)
			l.add(fmt.Sprintf("%s predict[%d]", key, i), "jump="+strconv.Itoa(p.Jump), "mean="+ff(p.MeanSteps), landing(p.Landing))
		}
	}
	if slices.Max(a.JumpNumber) > 3 {
		// The time-domain flows of J = 4 paths take a minute: too long
		// for a test.
		return os.WriteFile(filepath.Join(dir, c.name+".derived.txt"), []byte(l.b.String()), 0o644)
	}
	rates, se, err := theory.CrossCheck(context.Background(), c.model, 2000, 7)
	must(err)
	for i := range rates {
		l.add(fmt.Sprintf("crosscheck.rates[%d]", i), fs(rates[i])...)
		l.add(fmt.Sprintf("crosscheck.stderr[%d]", i), fs(se[i])...)
	}
	return os.WriteFile(filepath.Join(dir, c.name+".derived.txt"), []byte(l.b.String()), 0o644)
}

// caseRd is an R^d case.
type caseRd struct {
	name  string
	model theory.ModelRd
	opt   theory.RdOptions
	built *scenario.BuiltRd
}

func rd(root string) []caseRd {
	coarse := landscapes.BasinMapOptions{Grid: 15, Directions: 90, CacheCells: 64}
	var out []caseRd
	get := func(name string, sc *scenario.Scenario) caseRd {
		b, err := sc.BuildRdWith(coarse)
		must(err)
		m, err := pipeline.ModelRd(b)
		must(err)
		opt := pipeline.TheoryOptionsRd(sc, 2000)
		opt.Directions = 60
		return caseRd{name: name, model: m, opt: opt, built: b}
	}
	for _, s := range []string{"rd_quadratic", "rd_wells", "rd_himmelblau"} {
		out = append(out, get(s, load(filepath.Join(root, s+".toml"))))
	}
	w := get("rd_wells-binf", load(filepath.Join(root, "rd_wells.toml")).WithoutTruncation())
	out = append(out, w)
	// The box basin of TestRatesRdJ1Exact with the four-direction angular
	// law, b = 1.2, and without resamples.
	q, err := landscapes.NewQuadraticRdBox([][]float64{{1, 0}, {0, 1}}, []float64{-1, -0.8}, []float64{1.5, 2})
	must(err)
	p, err := noise.NewPareto(1.5, 1, 0.5)
	must(err)
	z, err := noise.NewRadial(2, p, &noise.Angular{Directions: [][]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}})
	must(err)
	m := theory.ModelRd{Landscape: q, Basins: q, Noise: z, B: 1.2}
	b := &scenario.BuiltRd{Landscape: q, Basins: q, Noise: z, B: 1.2, Domain: landscapes.Ball{Radius: math.Inf(1)}, Etas: []float64{0.01}}
	out = append(out, caseRd{name: "box-four-directions", model: m, opt: theory.RdOptions{Samples: 3000, Seed: 3, Resamples: -1}, built: b})
	// A J = 2 ball well (ExampleAnalyseRd), b = 0.6.
	q2, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	must(err)
	z2, err := noise.NewRadial(2, p, nil)
	must(err)
	m2 := theory.ModelRd{Landscape: q2, Basins: q2, Noise: z2, B: 0.6}
	b2 := &scenario.BuiltRd{Landscape: q2, Basins: q2, Noise: z2, B: 0.6, Domain: landscapes.Ball{Radius: math.Inf(1)}, Etas: []float64{1e-3}}
	out = append(out, caseRd{name: "ball-j2", model: m2, opt: theory.RdOptions{Samples: 3000, Seed: 1, Resamples: 99}, built: b2})
	return out
}

func writeRd(dir string, c caseRd) error {
	a, err := theory.AnalyseRd(c.model, c.opt)
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, c.name+".analysis.json"), raw, 0o644); err != nil {
		return err
	}
	var l lines
	l.add("seed", strconv.FormatUint(c.opt.Seed, 10))
	n := len(a.Sets)
	for i := range n {
		l.add(fmt.Sprintf("pair_jumps[%d]", i), is(a.PairJumps[i])...)
		lo, hi := a.ExitRateCI(i, level)
		l.add(fmt.Sprintf("exit_rate_ci[%d]", i), ff(lo), ff(hi))
	}
	one := &theory.Analysis{Minima: make([]float64, n), Classes: a.Classes, Generator: a.Generator}
	chain(&l, n, a.Classes, one.StartLaw, one.Transition)
	if lo, hi, err := a.StationaryCI(level); err == nil {
		l.add("stationary_ci", append(append(fs(lo), "|"), fs(hi)...)...)
	} else {
		l.add("stationary_ci", "error")
	}
	for cc, cl := range a.Classes {
		if !cl.Absorbing {
			continue
		}
		fr, err := a.ClassTimeFractions(cc, 0)
		must(err)
		l.add(fmt.Sprintf("class[%d].limit", cc), fs(fr)...)
		if lo, hi, err := a.ClassTimeFractionsCI(cc, 0, level); err == nil {
			l.add(fmt.Sprintf("class[%d].limit_ci", cc), append(append(fs(lo), "|"), fs(hi)...)...)
		} else {
			l.add(fmt.Sprintf("class[%d].limit_ci", cc), "error")
		}
	}
	law := c.built.Noise.Radius()
	for k, eta := range c.built.Etas {
		key := fmt.Sprintf("eta[%d]", k)
		lam, err := theory.Lambda(law, eta)
		must(err)
		l.add(key+" lambda", ff(lam))
		var mean []float64
		for i := range n {
			s, err := a.MeanExitSteps(i, c.built.Noise, eta)
			must(err)
			mean = append(mean, s)
			p, err := pipeline.PredictExitRd(a, c.built, i, eta)
			must(err)
			l.add(fmt.Sprintf("%s predict[%d]", key, i), "jump="+strconv.Itoa(p.Jump), "mean="+ff(p.MeanSteps), landing(p.Landing),
				"rate="+ff(p.CStar), "rate_err="+ff(p.CStarErr), "low="+ff(p.Low), "high="+ff(p.High))
		}
		l.add(key+" mean_exit_steps", fs(mean)...)
		var units []float64
		for _, cl := range a.Classes {
			u, err := theory.TimeUnit(law, eta, wideJump(cl, a.JumpNumber))
			must(err)
			units = append(units, u)
		}
		l.add(key+" time_unit", fs(units)...)
		fr, err := a.NarrowFractions(lam)
		must(err)
		l.add(key+" narrow_fractions", fs(fr)...)
		if lo, hi, err := a.NarrowFractionsCI(lam, level); err == nil {
			l.add(key+" narrow_fractions_ci", append(append(fs(lo), "|"), fs(hi)...)...)
		} else {
			l.add(key+" narrow_fractions_ci", "error")
		}
		if tf, err := a.TimeFractions(lam); err == nil {
			l.add(key+" time_fractions", fs(tf)...)
		} else {
			l.add(key+" time_fractions", "error")
		}
		if lo, hi, err := a.TimeFractionsCI(lam, level); err == nil {
			l.add(key+" time_fractions_ci", append(append(fs(lo), "|"), fs(hi)...)...)
		} else {
			l.add(key+" time_fractions_ci", "error")
		}
		for cc, cl := range a.Classes {
			if !cl.Absorbing {
				continue
			}
			fr, err := a.ClassTimeFractions(cc, lam)
			must(err)
			l.add(fmt.Sprintf("%s class[%d].fractions", key, cc), fs(fr)...)
			if lo, hi, err := a.ClassTimeFractionsCI(cc, lam, level); err == nil {
				l.add(fmt.Sprintf("%s class[%d].fractions_ci", key, cc), append(append(fs(lo), "|"), fs(hi)...)...)
			} else {
				l.add(fmt.Sprintf("%s class[%d].fractions_ci", key, cc), "error")
			}
			if lo, hi, err := a.ClassTimeFractionTotalCI(cc, lam, level, cl.Narrow); err == nil {
				l.add(fmt.Sprintf("%s class[%d].narrow_total_ci", key, cc), ff(lo), ff(hi))
			} else {
				l.add(fmt.Sprintf("%s class[%d].narrow_total_ci", key, cc), "error")
			}
		}
	}
	return os.WriteFile(filepath.Join(dir, c.name+".derived.txt"), []byte(l.b.String()), 0o644)
}
