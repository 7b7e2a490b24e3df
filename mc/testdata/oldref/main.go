//go:build ignore

// Command oldref writes ../reference_records.json: first-exit and
// trajectory records produced by package mc as it was before the
// restructuring of issue 11 (commit 01fd138, with the 1-D and R^d stacks
// mc.System / mc.SystemRd), for a set of cases that the tests of the new
// API (reference_test.go) rebuild from the specs stored next to the
// records and must reproduce byte for byte. See ../README.md for how to
// run it.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"math"
	"os"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// spec is one case. BInf means b = +Inf (JSON has no infinity).
type spec struct {
	Name         string    `json:"name"`
	Kind         string    `json:"kind"` // "exit" or "trajectory"
	Landscape    string    `json:"landscape"`
	Law          string    `json:"law"`
	Alpha        float64   `json:"alpha"`
	Scale        float64   `json:"scale"`
	PPlus        float64   `json:"p_plus"`
	PPlusGiven   bool      `json:"p_plus_given"`
	Angular      string    `json:"angular,omitempty"` // R^d: "isotropic" or "finite"
	Eta          float64   `json:"eta"`
	B            float64   `json:"b"`
	BInf         bool      `json:"b_inf"`
	DomainRadius float64   `json:"domain_radius,omitempty"` // R^d projection ball; 0 = none
	Start        []float64 `json:"start"`
	MaxSteps     int64     `json:"max_steps,omitempty"`
	Steps        int64     `json:"steps,omitempty"`
	Radius       float64   `json:"radius,omitempty"`
	Snapshots    []int64   `json:"snapshots,omitempty"`
	RecordBasins bool      `json:"record_basins,omitempty"`
	Seed         uint64    `json:"seed"`
	Labels       []uint64  `json:"labels"`
	First        int       `json:"first"`
	Last         int       `json:"last"`
	Indices      []int     `json:"indices,omitempty"` // exits: RunExitsOf instead of [First, Last)
}

type result struct {
	Spec    spec            `json:"spec"`
	Records json.RawMessage `json:"records"`
}

// doubleWell and symmetricPareto are user-defined types (the doubles of
// mc's tests): they run on the generic kernels.
type doubleWell struct{}

func (doubleWell) Dim() int                          { return 1 }
func (doubleWell) Value(x []float64) float64         { return doubleWell{}.F(x[0]) }
func (doubleWell) Gradient(d, x []float64) []float64 { d[0] = doubleWell{}.Deriv(x[0]); return d }
func (doubleWell) F(x float64) float64               { return (x*x - 1) * (x*x - 1) / 4 }
func (doubleWell) Deriv(x float64) float64           { return x * (x*x - 1) }
func (doubleWell) Domain() (float64, float64)        { return -2, 2 }
func (doubleWell) Name() string                      { return "double-well" }

type symmetricPareto struct{ alpha float64 }

func (symmetricPareto) Name() string { return "test-pareto" }
func (p symmetricPareto) Sample(r *rng.Rand) float64 {
	w := math.Exp(r.ExpFloat64() / p.alpha)
	if r.Uint64()&1 == 0 {
		return -w
	}
	return w
}
func (p symmetricPareto) CDF(x float64) float64 {
	if x <= -1 {
		return 0.5 * math.Pow(-x, -p.alpha)
	}
	if x < 1 {
		return 0.5
	}
	return 1 - 0.5*math.Pow(x, -p.alpha)
}
func (p symmetricPareto) Tail(x float64) float64 {
	if x < 1 {
		return 1
	}
	return math.Pow(x, -p.alpha)
}
func (symmetricPareto) HeavyTailed() bool { return true }
func (p symmetricPareto) Alpha() float64  { return p.alpha }
func (symmetricPareto) PPlus() float64    { return 0.5 }

// userBowl is a user-defined R^d loss, f(x) = ½ xᵀAx with the Hessian of
// the quadratic-rd cases, so that the quadratic's ball basin applies.
type userBowl struct{}

func (userBowl) Dim() int { return 2 }
func (userBowl) Value(x []float64) float64 {
	return 0.5 * (1.5*x[0]*x[0] + 2*0.5*x[0]*x[1] + 1*x[1]*x[1])
}
func (userBowl) Gradient(dst, x []float64) []float64 {
	dst[0] = 1.5*x[0] + 0.5*x[1]
	dst[1] = 0.5*x[0] + 1*x[1]
	return dst
}

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

func law(s spec) noise.Law {
	if s.Law == "user-pareto" {
		return symmetricPareto{alpha: s.Alpha}
	}
	alpha := s.Alpha
	if s.Law == "gaussian" {
		alpha = math.NaN()
	}
	return must(noise.New(s.Law, alpha, s.Scale, s.PPlus, s.PPlusGiven))
}

func line(s spec) (landscapes.Line, landscapes.Structure) {
	switch s.Landscape {
	case "paper-1d":
		l := must(landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi))
		return l, must(landscapes.Discover(l))
	case "double-well":
		l := must(landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2))
		return l, l.Structure()
	case "quadratic-open":
		l := must(landscapes.NewQuadratic(1, -2.1, 1.5))
		return l, l.Structure()
	case "user-double-well":
		return doubleWell{}, landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2}
	}
	log.Fatalf("unknown 1-D landscape %q", s.Landscape)
	return nil, landscapes.Structure{}
}

func systemRd(s spec) mc.SystemRd {
	q := must(landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1))
	var (
		l  landscapes.Landscape
		bs landscapes.Basins
	)
	switch s.Landscape {
	case "quadratic-rd":
		l, bs = q, q
	case "user-bowl-rd":
		l, bs = userBowl{}, q
	case "gaussian-wells":
		g := must(landscapes.NewGaussianWells([][]float64{{-1, 0}, {1, 0}}, []float64{0.3, 0.3}, []float64{0.5, 0.5}, 0.1))
		l = g
		bs = must(landscapes.NewBasinMap(context.Background(), g, landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 2.5}, Grid: 15, Directions: 90, CacheCells: 64}))
	case "himmelblau":
		h := must(landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau()))
		l = h
		bs = must(landscapes.NewBasinMap(context.Background(), h, landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 4.2}, Grid: 21, Directions: 180, CacheCells: 128}))
	default:
		log.Fatalf("unknown R^d landscape %q", s.Landscape)
	}
	var ang *noise.Angular
	if s.Angular == "finite" {
		ang = &noise.Angular{Directions: [][]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}}}
	}
	z := must(noise.NewRadial(2, law(s), ang))
	b := s.B
	if s.BInf {
		b = math.Inf(1)
	}
	return mc.SystemRd{Landscape: l, Basins: bs, Noise: z, Eta: s.Eta, B: b, Domain: landscapes.Ball{Radius: s.DomainRadius}}
}

// point is an iterate X_n of a walk.
type point struct {
	Step int64     `json:"step"`
	X    []float64 `json:"x"`
}

// walk iterates the old exported step functions for s.Steps steps with the
// generator r, exactly as the old paper replays did (mc.Step with
// law.Sample in 1-D, Gradient, Radial.Sample and mc.StepRd in R^d), and
// returns X_1, …, X_10 and every 1000th iterate: JSON numbers round-trip
// float64 exactly, so they pin the arithmetic of every step.
func walk(s spec, r *rng.Rand, b float64) []point {
	var out []point
	keep := func(n int64, x []float64) {
		if n <= 10 || n%1000 == 0 {
			out = append(out, point{Step: n, X: append([]float64(nil), x...)})
		}
	}
	if s.Angular == "" {
		l, _ := line(s)
		lo, hi := l.Domain()
		z := law(s)
		x := s.Start[0]
		for n := int64(1); n <= s.Steps; n++ {
			x = mc.Step(x, l.Deriv(x), z.Sample(r), s.Eta, b, lo, hi)
			keep(n, []float64{x})
		}
		return out
	}
	sys := systemRd(s)
	dom := sys.Domain
	if dom.Radius == 0 {
		dom.Radius = math.Inf(1)
	}
	x := append([]float64(nil), s.Start...)
	g, w := make([]float64, len(x)), make([]float64, len(x))
	for n := int64(1); n <= s.Steps; n++ {
		sys.Landscape.Gradient(g, x)
		sys.Noise.Sample(r, w)
		mc.StepRd(x, g, w, s.Eta, b, dom)
		keep(n, x)
	}
	return out
}

func run(ctx context.Context, s spec) any {
	key := mc.StreamKey{Seed: s.Seed, Labels: s.Labels}
	b := s.B
	if s.BInf {
		b = math.Inf(1)
	}
	const workers = 2
	rd := s.Angular != ""
	switch {
	case s.Kind == "walk":
		return walk(s, key.Rand(s.First), b)
	case s.Kind == "exit" && !rd:
		l, st := line(s)
		e := mc.FirstExit{System: mc.System{Line: l, Structure: st, Law: law(s), Eta: s.Eta, B: b}, Start: s.Start[0], MaxSteps: s.MaxSteps}
		if s.Indices != nil {
			return must(mc.RunExitsOf(ctx, e, key, s.Indices, workers, nil)).Records
		}
		return must(mc.RunExits(ctx, e, key, s.First, s.Last, workers, nil)).Records
	case s.Kind == "exit":
		e := mc.FirstExitRd{SystemRd: systemRd(s), Start: s.Start, MaxSteps: s.MaxSteps}
		if s.Indices != nil {
			return must(mc.RunExitsRdOf(ctx, e, key, s.Indices, workers, nil)).Records
		}
		return must(mc.RunExitsRd(ctx, e, key, s.First, s.Last, workers, nil)).Records
	case !rd:
		l, st := line(s)
		e := mc.Trajectory{System: mc.System{Line: l, Structure: st, Law: law(s), Eta: s.Eta, B: b}, Start: s.Start[0],
			Steps: s.Steps, Radius: s.Radius, Snapshots: s.Snapshots}
		return must(mc.RunTrajectories(ctx, e, key, s.First, s.Last, workers, nil))
	default:
		e := mc.TrajectoryRd{SystemRd: systemRd(s), Start: s.Start, Steps: s.Steps, Radius: s.Radius, RecordBasins: s.RecordBasins}
		return must(mc.RunTrajectoriesRd(ctx, e, key, s.First, s.Last, workers, nil))
	}
}

func main() {
	m1, m2, m3 := -1.5114801, -0.69927, 0.49624 // near the paper-1d minima; any start in the basin will do
	specs := []spec{
		// 1-D first exits, one per concrete law, on every concrete curve.
		{Name: "paper-1d/pareto/untruncated", Kind: "exit", Landscape: "paper-1d", Law: "pareto", Alpha: 1.2, Scale: 0.1,
			Eta: 2e-3, BInf: true, Start: []float64{m2}, MaxSteps: 50_000, Seed: 1, Labels: []uint64{1, 0, 0}, First: 0, Last: 33},
		{Name: "paper-1d/pareto/b=0.5/m3", Kind: "exit", Landscape: "paper-1d", Law: "pareto", Alpha: 1.2, Scale: 0.1,
			Eta: 2e-3, B: 0.5, Start: []float64{m3}, MaxSteps: 50_000, Seed: 2, Labels: []uint64{1, 1, 2}, First: 5, Last: 30},
		{Name: "paper-1d/lomax-p0.7/m1", Kind: "exit", Landscape: "paper-1d", Law: "lomax", Alpha: 1.5, Scale: 0.2, PPlus: 0.7, PPlusGiven: true,
			Eta: 2e-3, B: 0.3, Start: []float64{m1}, MaxSteps: 20_000, Seed: 3, Labels: []uint64{1, 0, 1}, First: 0, Last: 25},
		{Name: "double-well/lomax-p0.3", Kind: "exit", Landscape: "double-well", Law: "lomax", Alpha: 1.5, Scale: 1, PPlus: 0.3, PPlusGiven: true,
			Eta: 0.01, B: 0.6, Start: []float64{1}, MaxSteps: 3000, Seed: 11, Labels: []uint64{2}, First: 3, Last: 40},
		{Name: "double-well/lomax-p0.3/indices", Kind: "exit", Landscape: "double-well", Law: "lomax", Alpha: 1.5, Scale: 1, PPlus: 0.3, PPlusGiven: true,
			Eta: 0.01, B: 0.6, Start: []float64{1}, MaxSteps: 3000, Seed: 11, Labels: []uint64{2}, Indices: []int{0, 5, 6, 17, 30, 31}},
		{Name: "double-well/stable", Kind: "exit", Landscape: "double-well", Law: "stable", Alpha: 1.4, Scale: 0.5,
			Eta: 0.01, B: 0.6, Start: []float64{-1}, MaxSteps: 5000, Seed: 12, Labels: nil, First: 0, Last: 21},
		{Name: "double-well/gaussian", Kind: "exit", Landscape: "double-well", Law: "gaussian", Scale: 1.5,
			Eta: 0.05, BInf: true, Start: []float64{1}, MaxSteps: 2000, Seed: 13, Labels: []uint64{7, 7}, First: 0, Last: 20},
		{Name: "quadratic-open/student-t", Kind: "exit", Landscape: "quadratic-open", Law: "student-t", Alpha: 1.5, Scale: 0.5,
			Eta: 0.01, BInf: true, Start: []float64{0}, MaxSteps: 100_000, Seed: 14, Labels: []uint64{1, 2, 3}, First: 0, Last: 24},
		{Name: "quadratic-open/pareto/b=0.8", Kind: "exit", Landscape: "quadratic-open", Law: "pareto", Alpha: 1.5, Scale: 1,
			Eta: 0.01, B: 0.8, Start: []float64{0.3}, MaxSteps: 100_000, Seed: 15, Labels: []uint64{1, 0, 0}, First: 0, Last: 17},
		{Name: "user-double-well/user-pareto", Kind: "exit", Landscape: "user-double-well", Law: "user-pareto", Alpha: 1.5,
			Eta: 0.01, B: 0.6, Start: []float64{1}, MaxSteps: 3000, Seed: 16, Labels: []uint64{2}, First: 0, Last: 19},
		{Name: "user-double-well/pareto", Kind: "exit", Landscape: "user-double-well", Law: "pareto", Alpha: 1.5, Scale: 1,
			Eta: 0.01, B: 0.6, Start: []float64{1}, MaxSteps: 3000, Seed: 17, Labels: []uint64{2}, First: 0, Last: 19},
		// R^d first exits.
		{Name: "quadratic-rd/pareto", Kind: "exit", Landscape: "quadratic-rd", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 1.5, Start: []float64{0.1, 0}, MaxSteps: 5000, Seed: 9, Labels: []uint64{1}, First: 0, Last: 24},
		{Name: "quadratic-rd/pareto/indices", Kind: "exit", Landscape: "quadratic-rd", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 1.5, Start: []float64{0.1, 0}, MaxSteps: 5000, Seed: 9, Labels: []uint64{1}, Indices: []int{1, 4, 5, 11, 40}},
		{Name: "quadratic-rd/student-t/finite/ball", Kind: "exit", Landscape: "quadratic-rd", Law: "student-t", Alpha: 2.5, Scale: 1, Angular: "finite",
			Eta: 0.05, B: 2, DomainRadius: 1.2, Start: []float64{0, 0.2}, MaxSteps: 20_000, Seed: 21, Labels: []uint64{1, 0, 0}, First: 0, Last: 17},
		{Name: "quadratic-rd/gaussian/untruncated", Kind: "exit", Landscape: "quadratic-rd", Law: "gaussian", Scale: 3, Angular: "isotropic",
			Eta: 0.05, BInf: true, Start: []float64{0, 0}, MaxSteps: 3000, Seed: 22, Labels: []uint64{1, 1, 0}, First: 0, Last: 15},
		{Name: "user-bowl-rd/lomax", Kind: "exit", Landscape: "user-bowl-rd", Law: "lomax", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 1.5, Start: []float64{0.1, 0}, MaxSteps: 5000, Seed: 23, Labels: []uint64{1}, First: 0, Last: 15},
		{Name: "gaussian-wells/pareto", Kind: "exit", Landscape: "gaussian-wells", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 0.8, DomainRadius: 2.5, Start: []float64{-1, 0}, MaxSteps: 20_000, Seed: 24, Labels: []uint64{1, 0, 0}, First: 0, Last: 15},
		{Name: "himmelblau/pareto", Kind: "exit", Landscape: "himmelblau", Law: "pareto", Alpha: 1.2, Scale: 0.75, Angular: "isotropic",
			Eta: 0.01, B: 2.15, DomainRadius: 4.2, Start: []float64{2.9, 1.0}, MaxSteps: 20_000, Seed: 25, Labels: []uint64{1, 0, 0}, First: 0, Last: 13},
		// 1-D trajectories.
		{Name: "double-well/pareto/trajectory", Kind: "trajectory", Landscape: "double-well", Law: "pareto", Alpha: 1.5, Scale: 1,
			Eta: 0.05, B: 1.5, Start: []float64{0.5}, Steps: 100_000, Radius: 0.2, Snapshots: []int64{0, 1, 1000, 1000, 100_000},
			Seed: 3, Labels: []uint64{3, 0, 0}, First: 0, Last: 2},
		{Name: "paper-1d/pareto/trajectory", Kind: "trajectory", Landscape: "paper-1d", Law: "pareto", Alpha: 1.2, Scale: 0.1,
			Eta: 2e-3, B: 0.5, Start: []float64{m2}, Steps: 300_000, Radius: 0.05, Snapshots: []int64{10, 70_000, 150_001, 299_999},
			Seed: 4, Labels: []uint64{3, 1, 0}, First: 1, Last: 4},
		{Name: "paper-1d/gaussian/trajectory", Kind: "trajectory", Landscape: "paper-1d", Law: "gaussian", Scale: 1.5,
			Eta: 2e-3, B: 0.5, Start: []float64{0.2}, Steps: 100_000, Radius: 0.05, Seed: 4, Labels: []uint64{3, 2, 0}, First: 0, Last: 2},
		{Name: "user-double-well/user-pareto/trajectory", Kind: "trajectory", Landscape: "user-double-well", Law: "user-pareto", Alpha: 1.5,
			Eta: 0.05, B: 1.5, Start: []float64{0.5}, Steps: 100_000, Radius: 0.2, Snapshots: []int64{0, 50_000},
			Seed: 5, Labels: []uint64{3, 0, 1}, First: 0, Last: 2},
		// R^d trajectories.
		{Name: "gaussian-wells/pareto/trajectory", Kind: "trajectory", Landscape: "gaussian-wells", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 0.8, DomainRadius: 2.5, Start: []float64{-1, 0}, Steps: 200_000, Radius: 0.3, RecordBasins: true,
			Seed: 5, Labels: []uint64{3, 0, 0}, First: 0, Last: 2},
		{Name: "gaussian-wells/pareto/trajectory/no-basins", Kind: "trajectory", Landscape: "gaussian-wells", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, BInf: true, DomainRadius: 2.5, Start: []float64{1, 0}, Steps: 100_000, Radius: 0.3,
			Seed: 6, Labels: []uint64{3, 1, 0}, First: 2, Last: 4},
		{Name: "himmelblau/pareto/trajectory", Kind: "trajectory", Landscape: "himmelblau", Law: "pareto", Alpha: 1.2, Scale: 0.75, Angular: "isotropic",
			Eta: 0.01, B: 2.15, DomainRadius: 4.2, Start: []float64{2.9, 1.0}, Steps: 100_000, Radius: 0.5, RecordBasins: true,
			Seed: 7, Labels: []uint64{3, 0, 0}, First: 0, Last: 2},
		{Name: "user-bowl-rd/pareto/trajectory", Kind: "trajectory", Landscape: "user-bowl-rd", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 1.5, Start: []float64{0, 0}, Steps: 50_000, Radius: 0.3, RecordBasins: true,
			Seed: 8, Labels: []uint64{3, 0, 0}, First: 0, Last: 2},
		// Walks: the iterates themselves, from the old step functions.
		{Name: "paper-1d/pareto/walk", Kind: "walk", Landscape: "paper-1d", Law: "pareto", Alpha: 1.2, Scale: 0.1,
			Eta: 2e-3, B: 0.5, Start: []float64{m2}, Steps: 20_000, Seed: 31, Labels: []uint64{3, 0, 0}, First: 0},
		{Name: "double-well/lomax-p0.3/walk", Kind: "walk", Landscape: "double-well", Law: "lomax", Alpha: 1.5, Scale: 1, PPlus: 0.3, PPlusGiven: true,
			Eta: 0.05, BInf: true, Start: []float64{0.5}, Steps: 20_000, Seed: 32, Labels: []uint64{3, 1, 0}, First: 1},
		{Name: "double-well/student-t/walk", Kind: "walk", Landscape: "double-well", Law: "student-t", Alpha: 1.5, Scale: 1,
			Eta: 0.05, B: 0.5, Start: []float64{-1}, Steps: 20_000, Seed: 33, Labels: []uint64{3, 0, 0}, First: 2},
		{Name: "user-double-well/user-pareto/walk", Kind: "walk", Landscape: "user-double-well", Law: "user-pareto", Alpha: 1.5,
			Eta: 0.05, B: 1.5, Start: []float64{0.5}, Steps: 20_000, Seed: 34, Labels: nil, First: 0},
		{Name: "gaussian-wells/pareto/walk", Kind: "walk", Landscape: "gaussian-wells", Law: "pareto", Alpha: 1.5, Scale: 1, Angular: "isotropic",
			Eta: 0.05, B: 0.8, DomainRadius: 2.5, Start: []float64{-1, 0}, Steps: 20_000, Seed: 35, Labels: []uint64{3, 0, 0}, First: 0},
		{Name: "himmelblau/pareto/walk", Kind: "walk", Landscape: "himmelblau", Law: "pareto", Alpha: 1.2, Scale: 0.75, Angular: "isotropic",
			Eta: 0.01, BInf: true, DomainRadius: 4.2, Start: []float64{2.9, 1.0}, Steps: 20_000, Seed: 36, Labels: []uint64{3, 1, 0}, First: 0},
		{Name: "quadratic-rd/student-t/finite/walk", Kind: "walk", Landscape: "quadratic-rd", Law: "student-t", Alpha: 2.5, Scale: 1, Angular: "finite",
			Eta: 0.05, B: 2, Start: []float64{0, 0.2}, Steps: 20_000, Seed: 37, Labels: []uint64{1}, First: 3},
		{Name: "user-bowl-rd/gaussian/walk", Kind: "walk", Landscape: "user-bowl-rd", Law: "gaussian", Scale: 2, Angular: "isotropic",
			Eta: 0.05, B: 1, DomainRadius: 1.5, Start: []float64{0.1, 0}, Steps: 20_000, Seed: 38, Labels: []uint64{1}, First: 0},
	}
	ctx := context.Background()
	var out []result
	for _, s := range specs {
		recs, err := json.Marshal(run(ctx, s))
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, result{Spec: s, Records: recs})
		fmt.Fprintf(os.Stderr, "%s: %d bytes\n", s.Name, len(recs))
	}
	f, err := os.Create("reference_records.json")
	if err != nil {
		log.Fatal(err)
	}
	// One case per line.
	for i, r := range out {
		sep := ",\n"
		if i == 0 {
			sep = "[\n"
		}
		line, err := json.Marshal(r)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(f, "%s%s", sep, line)
	}
	fmt.Fprint(f, "\n]\n")
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
