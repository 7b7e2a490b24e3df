package theory

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// The reference analyses of testdata/reference were computed by the code
// before the restructuring of issue 11 (one Model and one Analysis for any
// dimension), from the scenarios of cmd/verify/testdata and a few hand-made
// variants; testdata/reference/README.md says how. TestReference holds the
// new code to them bit for bit: the JSON encoding byte for byte, and every
// number derived from an analysis (predictions, intervals, start laws,
// transition matrices, the cross-check) through its shortest round-trip
// decimal form, so that equal text means equal float64 bits.

// referenceCase is one reference analysis: the model as the old code built
// it from its scenario, the options, and the step sizes of the scenario.
type referenceCase struct {
	name  string
	model Model
	opt   Options
	etas  []float64
}

// Options of the Monte Carlo reference cases from scenario files, as
// `verify theory -theory-samples 2000` sets them under cmd/verify's test
// tuning: 2000 paths, 60 ray directions, intervals at 95%, and the seed the
// pipeline draws from the scenario seed (pipeline.TheoryOptionsRd, recorded
// in the first line of the derived numbers).
const (
	referenceSamples    = 2000
	referenceDirections = 60
)

// coarseBasins is the basin-map tuning of cmd/verify's tests.
func coarseBasins(radius float64) landscapes.BasinMapOptions {
	return landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: radius}, Grid: 15, Directions: 90, CacheCells: 64}
}

// newReferenceCase returns the case name (see the generator's list).
func newReferenceCase(t testing.TB, name string) referenceCase {
	t.Helper()
	fatal := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	line := func(l landscapes.Line) (landscapes.Structure, landscapes.Interval) {
		s, err := landscapes.Discover(l)
		fatal(err)
		return s, landscapes.IntervalOf(l)
	}
	scalar := func(l noise.Law, err error) noise.Vector {
		fatal(err)
		return noise.Scalar{Law: l}
	}
	radial := func(l noise.Law, err error) noise.Radial {
		fatal(err)
		z, err := noise.NewRadial(2, l, nil)
		fatal(err)
		return z
	}
	paper := func(b float64, z noise.Vector, etas ...float64) referenceCase {
		p, err := landscapes.NewPaper1D(-1.6, 1.6)
		fatal(err)
		s, iv := line(p)
		return referenceCase{name: name, model: Model{Landscape: p, Basins: s, Noise: z, B: b, Domain: iv}, etas: etas}
	}
	threeWells := func(b float64, z noise.Vector, etas ...float64) referenceCase {
		l, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1.5}, -2, 2.5)
		fatal(err)
		s, iv := line(l)
		return referenceCase{name: name, model: Model{Landscape: l, Basins: s, Noise: z, B: b, Domain: iv}, etas: etas}
	}
	fromScenario := func(l landscapes.Landscape, radius float64, z noise.Radial, b float64, seed uint64, etas ...float64) referenceCase {
		var basins landscapes.Basins
		var dom landscapes.Domain
		if q, ok := l.(landscapes.QuadraticRd); ok {
			basins = q
		} else {
			bm, err := landscapes.NewBasinMap(context.Background(), l, coarseBasins(radius))
			fatal(err)
			basins, dom = bm, landscapes.Ball{Radius: radius}
		}
		return referenceCase{name: name, model: Model{Landscape: l, Basins: basins, Noise: z, B: b, Domain: dom},
			opt: Options{Samples: referenceSamples, Directions: referenceDirections, Seed: seed, Level: 0.95}, etas: etas}
	}
	wells := func(b float64) referenceCase {
		w, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1.5, 0}}, []float64{1, 2}, []float64{0.5, 0.3}, 0.2)
		fatal(err)
		return fromScenario(w, 3, radial(noise.NewPareto(1.5, 0.5, 0.5)), b, referenceSeed(t, "rd_wells"), 0.01)
	}
	switch name {
	case "paper-1d":
		return paper(0.5, scalar(noise.NewPareto(1.2, 0.1, 0.5)), 0.004, 0.003)
	case "paper-1d-binf":
		return paper(inf, scalar(noise.NewPareto(1.2, 0.1, 0.5)), 0.004, 0.003)
	case "paper-1d-b0.28":
		return paper(0.28, scalar(noise.NewPareto(1.2, 0.1, 0.5)), 0.004, 0.003)
	case "paper-1d-b0.19":
		return paper(0.19, scalar(noise.NewPareto(1.2, 0.1, 0.5)), 0.004, 0.003)
	case "paper-1d-lomax":
		return paper(0.5, scalar(noise.NewLomax(1.2, 0.1, 0.5)), 0.004, 0.003)
	case "is-quick":
		return paper(0.25, scalar(noise.NewPareto(1.5, 0.1, 0.5)), 0.01)
	case "quadratic":
		q, err := landscapes.NewQuadratic(1, -2.1, 1.5)
		fatal(err)
		s, iv := line(q)
		return referenceCase{name: name, model: Model{Landscape: q, Basins: s, Noise: scalar(noise.NewPareto(1.5, 1, 0.5)), B: 1, Domain: iv},
			etas: []float64{0.02, 0.01, 0.005}}
	case "three-wells":
		return threeWells(0.6, scalar(noise.NewPareto(1.5, 0.5, 0.5)), 0.01, 0.005)
	case "lomax-asym":
		return threeWells(0.8, scalar(noise.NewLomax(1.8, 0.3, 0.7)), 0.02)
	case "transient":
		l, err := landscapes.NewCriticalPoints(1, []float64{0, 0.5, 1, 2, 3}, -1, 4)
		fatal(err)
		return referenceCase{name: name, model: Model{Landscape: l, Basins: l.Structure(), Noise: scalar(noise.NewPareto(1.4, 0.1, 0.4)), B: 0.6,
			Domain: landscapes.IntervalOf(l)}, etas: []float64{0.01}}
	case "rd_quadratic":
		q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
		fatal(err)
		return fromScenario(q, inf, radial(noise.NewPareto(1.5, 1, 0.5)), 1.5, referenceSeed(t, name), 0.02, 0.01)
	case "rd_wells":
		return wells(1)
	case "rd_wells-binf":
		return wells(inf)
	case "rd_himmelblau":
		h, err := landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau())
		fatal(err)
		return fromScenario(h, 4.2, radial(noise.NewPareto(1.2, 0.75, 0.5)), 2.15, referenceSeed(t, name), 5e-3)
	case "box-four-directions":
		q, err := landscapes.NewQuadraticRdBox([][]float64{{1, 0}, {0, 1}}, []float64{-1, -0.8}, []float64{1.5, 2})
		fatal(err)
		p, err := noise.NewPareto(1.5, 1, 0.5)
		fatal(err)
		z, err := noise.NewRadial(2, p, &noise.Angular{Directions: [][]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}})
		fatal(err)
		return referenceCase{name: name, model: Model{Landscape: q, Basins: q, Noise: z, B: 1.2},
			opt: Options{Samples: 3000, Seed: 3, Resamples: -1}, etas: []float64{0.01}}
	case "ball-j2":
		q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
		fatal(err)
		return referenceCase{name: name, model: Model{Landscape: q, Basins: q, Noise: radial(noise.NewPareto(1.5, 1, 0.5)), B: 0.6},
			opt: Options{Samples: 3000, Seed: 1, Resamples: 99}, etas: []float64{1e-3}}
	}
	t.Fatalf("no reference case %q", name)
	return referenceCase{}
}

// referenceNames lists the cases of testdata/reference.
var referenceNames = []string{
	"paper-1d", "quadratic", "three-wells", "lomax-asym", "is-quick",
	"paper-1d-binf", "paper-1d-lomax", "paper-1d-b0.28", "paper-1d-b0.19", "transient",
	"rd_quadratic", "rd_wells", "rd_himmelblau", "rd_wells-binf", "box-four-directions", "ball-j2",
}

// referenceSeed returns the seed recorded in the first line of the derived
// numbers of case name ("seed N").
func referenceSeed(t testing.TB, name string) uint64 {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "reference", name+".derived.txt"))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(raw), "\n")
	v, ok := strings.CutPrefix(first, "seed ")
	if !ok {
		t.Fatalf("%s: first line %q is not the seed", name, first)
	}
	seed, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return seed
}

func TestReference(t *testing.T) {
	for _, name := range referenceNames {
		if rdRace && name == "rd_himmelblau" {
			continue // its basin-map flows take minutes under the race detector
		}
		t.Run(name, func(t *testing.T) {
			c := newReferenceCase(t, name)
			a, err := Analyse(context.Background(), c.model, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "reference", name+".analysis.json"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("JSON differs from the reference\n got %s\nwant %s", got, want)
			}
			derived, err := derivedLines(c, a)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(filepath.Join("testdata", "reference", name+".derived.txt"))
			if err != nil {
				t.Fatal(err)
			}
			gotLines, wantLines := strings.Split(derived, "\n"), strings.Split(string(raw), "\n")
			for k := range max(len(gotLines), len(wantLines)) {
				g, w := "(none)", "(none)"
				if k < len(gotLines) {
					g = gotLines[k]
				}
				if k < len(wantLines) {
					w = wantLines[k]
				}
				if g != w {
					t.Errorf("line %d:\n got %s\nwant %s", k+1, g, w)
				}
			}
		})
	}
}

// TestReferenceDetects is the companion of TestReference: the comparison
// sees a change of one ulp in one rate, and a Monte Carlo seed off by one.
func TestReferenceDetects(t *testing.T) {
	c := newReferenceCase(t, "paper-1d")
	a, err := Analyse(context.Background(), c.model, c.opt)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(a)
	a.Rates[1][0] = math.Nextafter(a.Rates[1][0], 1)
	if got, _ := json.Marshal(a); bytes.Equal(got, want) {
		t.Error("a rate one ulp off encodes to the same JSON")
	}
	c = newReferenceCase(t, "ball-j2")
	c.opt.Seed++
	b, err := Analyse(context.Background(), c.model, c.opt)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(b)
	ref, err := os.ReadFile(filepath.Join("testdata", "reference", "ball-j2.analysis.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, ref) {
		t.Error("another seed gives the reference JSON")
	}
}

// derived collects the numbers derived from an analysis, one quantity per
// line, in the generator's format.
type derived struct{ b strings.Builder }

func ff(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

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

func (d *derived) add(key string, vals ...string) {
	d.b.WriteString(key)
	for _, v := range vals {
		d.b.WriteByte(' ')
		d.b.WriteString(v)
	}
	d.b.WriteByte('\n')
}

// interval renders lo… | hi….
func interval(lo, hi []float64) []string { return append(append(fs(lo), "|"), fs(hi)...) }

func landingString(m map[int]float64) string {
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

func okString(err error) string {
	if err == nil {
		return "ok"
	}
	return "error"
}

// derivedLines returns the derived numbers of the analysis a of case c.
func derivedLines(c referenceCase, a *Analysis) (string, error) {
	var d derived
	n := len(a.JumpNumber)
	if !a.Exact {
		d.add("seed", strconv.FormatUint(c.opt.Seed, 10))
	}
	for i := range n {
		d.add(fmt.Sprintf("pair_jumps[%d]", i), is(a.PairJumps[i])...)
		if !a.Exact {
			lo, hi, err := a.ExitRateCI(i, 0.95)
			if err != nil {
				return "", err
			}
			d.add(fmt.Sprintf("exit_rate_ci[%d]", i), ff(lo), ff(hi))
		}
	}
	for j := range n {
		wide, law, killed, err := a.StartLaw(j)
		d.add(fmt.Sprintf("start_law[%d]", j), okString(err), "wide="+strings.Join(is(wide), ","), "law="+strings.Join(fs(law), ","), "killed="+ff(killed))
	}
	if P, err := a.Transition(0.5); err == nil {
		for r, row := range P {
			d.add(fmt.Sprintf("transition[%d]", r), fs(row)...)
		}
	} else {
		d.add("transition", "error")
	}
	for k, cl := range a.Classes {
		P, err := cl.Transition(0.5)
		if err != nil {
			return "", err
		}
		for r, row := range P {
			d.add(fmt.Sprintf("class[%d].transition[%d]", k, r), fs(row)...)
		}
	}
	if a.Exact {
		return derived1D(&d, c, a)
	}
	return derivedMonteCarlo(&d, c, a)
}

func derived1D(d *derived, c referenceCase, a *Analysis) (string, error) {
	n := len(a.JumpNumber)
	for k, eta := range c.etas {
		key := fmt.Sprintf("eta[%d]", k)
		lam, err := Lambda(a.Model.Noise, eta)
		if err != nil {
			return "", err
		}
		d.add(key+" lambda", ff(lam))
		mean := make([]float64, n)
		for i := range n {
			if mean[i], err = a.MeanExitSteps(i, eta); err != nil {
				return "", err
			}
		}
		d.add(key+" mean_exit_steps", fs(mean)...)
		var units []float64
		for cl := range a.Classes {
			u, err := a.ClassTimeUnit(cl, eta)
			if err != nil {
				return "", err
			}
			units = append(units, u)
		}
		d.add(key+" time_unit", fs(units)...)
		fr, err := a.NarrowFractions(lam)
		if err != nil {
			return "", err
		}
		d.add(key+" narrow_fractions", fs(fr)...)
		for i := range n {
			p, err := a.PredictExit(i, eta)
			if err != nil {
				return "", err
			}
			d.add(fmt.Sprintf("%s predict[%d]", key, i), "jump="+strconv.Itoa(p.JumpNumber), "mean="+ff(p.MeanSteps), landingString(p.Landing))
		}
	}
	if slices.Max(a.JumpNumber) > 3 {
		return d.b.String(), nil // J = 4 paths: a minute of flows
	}
	rates, se, err := CrossCheck(context.Background(), c.model, 2000, 7)
	if err != nil {
		return "", err
	}
	for i := range rates {
		d.add(fmt.Sprintf("crosscheck.rates[%d]", i), fs(rates[i])...)
		d.add(fmt.Sprintf("crosscheck.stderr[%d]", i), fs(se[i])...)
	}
	return d.b.String(), nil
}

func derivedMonteCarlo(d *derived, c referenceCase, a *Analysis) (string, error) {
	const level = 0.95
	n := len(a.JumpNumber)
	if lo, hi, err := a.StationaryCI(level); err == nil {
		d.add("stationary_ci", interval(lo, hi)...)
	} else {
		d.add("stationary_ci", "error")
	}
	for k, cl := range a.Classes {
		if !cl.Absorbing {
			continue
		}
		fr, err := a.ClassTimeFractions(k, 0)
		if err != nil {
			return "", err
		}
		d.add(fmt.Sprintf("class[%d].limit", k), fs(fr)...)
		if lo, hi, err := a.ClassTimeFractionsCI(k, 0, level); err == nil {
			d.add(fmt.Sprintf("class[%d].limit_ci", k), interval(lo, hi)...)
		} else {
			d.add(fmt.Sprintf("class[%d].limit_ci", k), "error")
		}
	}
	for k, eta := range c.etas {
		key := fmt.Sprintf("eta[%d]", k)
		lam, err := Lambda(a.Model.Noise, eta)
		if err != nil {
			return "", err
		}
		d.add(key+" lambda", ff(lam))
		var mean []float64
		for i := range n {
			s, err := a.MeanExitSteps(i, eta)
			if err != nil {
				return "", err
			}
			mean = append(mean, s)
			p, err := a.PredictExit(i, eta)
			if err != nil {
				return "", err
			}
			d.add(fmt.Sprintf("%s predict[%d]", key, i), "jump="+strconv.Itoa(p.JumpNumber), "mean="+ff(p.MeanSteps), landingString(p.Landing),
				"rate="+ff(p.Rate), "rate_err="+ff(p.RateErr), "low="+ff(p.MeanLow), "high="+ff(p.MeanHigh))
		}
		d.add(key+" mean_exit_steps", fs(mean)...)
		var units []float64
		for cl := range a.Classes {
			u, err := a.ClassTimeUnit(cl, eta)
			if err != nil {
				return "", err
			}
			units = append(units, u)
		}
		d.add(key+" time_unit", fs(units)...)
		fr, err := a.NarrowFractions(lam)
		if err != nil {
			return "", err
		}
		d.add(key+" narrow_fractions", fs(fr)...)
		if lo, hi, err := a.NarrowFractionsCI(lam, level); err == nil {
			d.add(key+" narrow_fractions_ci", interval(lo, hi)...)
		} else {
			d.add(key+" narrow_fractions_ci", "error")
		}
		if tf, err := a.TimeFractions(lam); err == nil {
			d.add(key+" time_fractions", fs(tf)...)
		} else {
			d.add(key+" time_fractions", "error")
		}
		if lo, hi, err := a.TimeFractionsCI(lam, level); err == nil {
			d.add(key+" time_fractions_ci", interval(lo, hi)...)
		} else {
			d.add(key+" time_fractions_ci", "error")
		}
		for cc, cl := range a.Classes {
			if !cl.Absorbing {
				continue
			}
			fr, err := a.ClassTimeFractions(cc, lam)
			if err != nil {
				return "", err
			}
			d.add(fmt.Sprintf("%s class[%d].fractions", key, cc), fs(fr)...)
			if lo, hi, err := a.ClassTimeFractionsCI(cc, lam, level); err == nil {
				d.add(fmt.Sprintf("%s class[%d].fractions_ci", key, cc), interval(lo, hi)...)
			} else {
				d.add(fmt.Sprintf("%s class[%d].fractions_ci", key, cc), "error")
			}
			if lo, hi, err := a.ClassTimeFractionTotalCI(cc, lam, level, cl.Narrow); err == nil {
				d.add(fmt.Sprintf("%s class[%d].narrow_total_ci", key, cc), ff(lo), ff(hi))
			} else {
				d.add(fmt.Sprintf("%s class[%d].narrow_total_ci", key, cc), "error")
			}
		}
	}
	return d.b.String(), nil
}
