package scenario

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// handLine returns a valid 1-D plan made by hand: the quadratic well
// f = x²/2 with basin (−2.1, 1.5) of docs/theory.md §10.2 (no projection).
func handLine(t *testing.T) *Plan {
	t.Helper()
	q, err := landscapes.NewQuadratic(1, -2.1, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	law, err := noise.NewPareto(1.5, 0.1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	return &Plan{
		Name: "hand", Landscape: q, Basins: q.Structure(), Noise: noise.Scalar{Law: law}, B: 1,
		Etas: []float64{0.01, 0.003}, Starts: []Start{{Basin: 0, X: []float64{0.2}}},
		Run:      RunPlan{Samples: 10, MaxSteps: 1000, Seed: 1},
		Dynamics: &DynamicsPlan{Replicas: 1, Steps: 10, Radius: 0.1, Times: []float64{1, 2}},
	}
}

// handPlane returns a valid plan on R² made by hand: the quadratic well
// ½‖x‖² with the ball basin ‖x‖ < 1, projected onto ‖x‖ ≤ 2.
func handPlane(t *testing.T) *Plan {
	t.Helper()
	q, err := landscapes.NewQuadraticRd([][]float64{{1, 0}, {0, 1}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	law, err := noise.NewPareto(1.5, 0.1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	z, err := noise.NewRadial(2, law, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Plan{
		Name: "hand-2d", Landscape: q, Basins: q, Noise: z, B: math.Inf(1), Domain: landscapes.Ball{Radius: 2},
		Etas: []float64{0.01}, Starts: []Start{{Basin: 0, X: []float64{0, 0}}},
		Run: RunPlan{Samples: 10, MaxSteps: 1000},
	}
}

// otherDim is a user noise law of dimension 3.
type otherDim struct{ noise.Radial }

func (otherDim) Dim() int { return 3 }

// TestPlanValidate checks that Validate accepts the plans made by hand and
// names the field of each broken one with its index.
func TestPlanValidate(t *testing.T) {
	for _, p := range []*Plan{handLine(t), handPlane(t)} {
		if err := p.Validate(); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
	}
	paper, err := landscapes.NewPaper1D(-1.6, 1.6)
	if err != nil {
		t.Fatal(err)
	}
	paperSt, err := landscapes.Discover(paper)
	if err != nil {
		t.Fatal(err)
	}
	const W = param.Whole
	tests := []struct {
		name  string
		plane bool // start from handPlane, else handLine
		edit  func(p *Plan)
		param string
		index int
	}{
		{"no landscape", false, func(p *Plan) { p.Landscape = nil }, "scenario.Plan.Landscape", W},
		{"no basins", false, func(p *Plan) { p.Basins = nil }, "scenario.Plan.Basins", W},
		{"no minimum", false, func(p *Plan) { p.Basins = landscapes.Structure{Lo: -1, Hi: 1} }, "scenario.Plan.Basins", W},
		{"basins of another dimension", true, func(p *Plan) { p.Basins = paperSt }, "scenario.Plan.Basins", 0},
		{"no noise", false, func(p *Plan) { p.Noise = nil }, "scenario.Plan.Noise", W},
		{"noise of another dimension", true, func(p *Plan) { p.Noise = otherDim{p.Noise.(noise.Radial)} }, "scenario.Plan.Noise", W},
		{"b zero", false, func(p *Plan) { p.B = 0 }, "scenario.Plan.B", W},
		{"b NaN", true, func(p *Plan) { p.B = math.NaN() }, "scenario.Plan.B", W},
		{"interval on R^d", true, func(p *Plan) { p.Domain = landscapes.Interval{Lo: -1, Hi: 1} }, "scenario.Plan.Domain", W},
		{"reversed interval", false, func(p *Plan) { p.Domain = landscapes.Interval{Lo: 1, Hi: -1} }, "landscapes.Interval", W},
		{"ball of radius 0", true, func(p *Plan) { p.Domain = landscapes.Ball{Radius: 0} }, "landscapes.Ball.Radius", W},
		{"ball for a line", false, func(p *Plan) { p.Domain = landscapes.Ball{Radius: 1} }, "scenario.Plan.Domain", W},
		{"line without its interval", false, func(p *Plan) {
			p.Landscape, p.Basins, p.Starts = paper, paperSt, []Start{{Basin: 0, X: []float64{paperSt.Minima[0]}}}
		}, "scenario.Plan.Domain", W},
		{"line with another interval", false, func(p *Plan) {
			p.Landscape, p.Basins, p.Starts = paper, paperSt, []Start{{Basin: 0, X: []float64{paperSt.Minima[0]}}}
			p.Domain = landscapes.Interval{Lo: -1.6, Hi: 1.5}
		}, "scenario.Plan.Domain", W},
		{"no step size", false, func(p *Plan) { p.Etas = nil }, "scenario.Plan.Etas", W},
		{"negative step size", false, func(p *Plan) { p.Etas[1] = -0.1 }, "scenario.Plan.Etas", 1},
		{"infinite step size", true, func(p *Plan) { p.Etas[0] = math.Inf(1) }, "scenario.Plan.Etas", 0},
		{"no start", false, func(p *Plan) { p.Starts = nil }, "scenario.Plan.Starts", W},
		{"start in no basin index", false, func(p *Plan) { p.Starts[0].Basin = 1 }, "scenario.Plan.Starts", 0},
		{"start of another dimension", true, func(p *Plan) { p.Starts = append(p.Starts, Start{X: []float64{0}}) }, "scenario.Plan.Starts", 1},
		{"start NaN", true, func(p *Plan) { p.Starts[0].X[1] = math.NaN() }, "scenario.Plan.Starts", 0},
		{"start outside its basin", false, func(p *Plan) { p.Starts[0].X[0] = 2 }, "scenario.Plan.Starts", 0},
		{"samples 0", false, func(p *Plan) { p.Run.Samples = 0 }, "scenario.RunPlan.Samples", W},
		{"max steps negative", true, func(p *Plan) { p.Run.MaxSteps = -5 }, "scenario.RunPlan.MaxSteps", W},
		{"replicas 0", false, func(p *Plan) { p.Dynamics.Replicas = 0 }, "scenario.DynamicsPlan.Replicas", W},
		{"steps 0", false, func(p *Plan) { p.Dynamics.Steps = 0 }, "scenario.DynamicsPlan.Steps", W},
		{"radius inf", false, func(p *Plan) { p.Dynamics.Radius = math.Inf(1) }, "scenario.DynamicsPlan.Radius", W},
		{"time 0", false, func(p *Plan) { p.Dynamics.Times[0] = 0 }, "scenario.DynamicsPlan.Times", 0},
		{"times decreasing", false, func(p *Plan) { p.Dynamics.Times[1] = 0.5 }, "scenario.DynamicsPlan.Times", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := handLine(t)
			if tt.plane {
				p = handPlane(t)
			}
			tt.edit(p)
			err := p.Validate()
			pe := param.As(err)
			if pe == nil || pe.Name != tt.param || pe.Index != tt.index {
				t.Fatalf("got %v, want a *param.Error on %s (index %d)", err, tt.param, tt.index)
			}
			// Every name is in the table of FieldOf.
			var fe *FieldError
			if !errors.As(FieldOf(err), &fe) {
				t.Errorf("FieldOf(%v) names no key", err)
			}
		})
	}
}

// TestPlanClone checks that a clone shares no slice with its plan.
func TestPlanClone(t *testing.T) {
	p := handLine(t)
	p.Warnings = []string{"w"}
	c := p.Clone()
	if !reflect.DeepEqual(c, p) {
		t.Fatalf("clone %+v differs from %+v", c, p)
	}
	c.Etas[0], c.Starts[0].X[0], c.Starts[0].Basin, c.Warnings[0] = 9, 9, 9, "x"
	c.Dynamics.Times[0], c.Dynamics.Steps = 9, 9
	if p.Etas[0] != 0.01 || p.Starts[0].X[0] != 0.2 || p.Starts[0].Basin != 0 || p.Warnings[0] != "w" ||
		p.Dynamics.Times[0] != 1 || p.Dynamics.Steps != 10 {
		t.Errorf("changing the clone changed the plan: %+v", p)
	}
}

// TestPlanVariants checks that the variants made from a Plan are the plans
// of the same variants of the scenario (sgd.b removed; noise.law gaussian
// with noise.scale σ), in 1-D and on R^d with a finite angular law, so that
// a run of a variant draws the same numbers either way.
func TestPlanVariants(t *testing.T) {
	for _, file := range []string{"../scenarios/three-wells.toml", "testdata/wells2d.toml"} {
		t.Run(file, func(t *testing.T) {
			s, err := Load(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.Build(testBuildOpts)
			if err != nil {
				t.Fatal(err)
			}
			orig := p.Clone()

			want, err := s.WithoutTruncation().Build(testBuildOpts)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.WithoutTruncation(); !samePlan(got, want) || !math.IsInf(got.B, 1) {
				t.Errorf("WithoutTruncation: %+v, want %+v", got, want)
			}

			const sigma = 0.7
			g, err := s.WithLaw(LawGaussian)
			if err != nil {
				t.Fatal(err)
			}
			g.Noise.Scale = sigma
			want, err = g.Build(testBuildOpts)
			if err != nil {
				t.Fatal(err)
			}
			law, err := noise.NewGaussian(sigma)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.WithLaw(law)
			if err != nil {
				t.Fatal(err)
			}
			if !samePlan(got, want) {
				t.Errorf("WithLaw(gaussian): noise %+v, want %+v", got.Noise, want.Noise)
			}
			if g2, err := p.WithGaussian(sigma); err != nil || !samePlan(g2, want) {
				t.Errorf("WithGaussian(%g): %v, noise %+v, want %+v", sigma, err, g2.Noise, want.Noise)
			}
			// σ ≤ 0: the scenario's own noise.scale.
			g.Noise.Scale = s.Noise.Scale
			own, err := g.Build(testBuildOpts)
			if err != nil {
				t.Fatal(err)
			}
			if g3, err := p.WithGaussian(0); err != nil || !samePlan(g3, own) {
				t.Errorf("WithGaussian(0): %v, noise %+v, want %+v", err, g3.Noise, own.Noise)
			}
			// The same draws.
			r1, r2 := rng.New(5, 1), rng.New(5, 1)
			d := p.Dim()
			for range 100 {
				a, b := got.Noise.Sample(r1, make([]float64, d)), want.Noise.Sample(r2, make([]float64, d))
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("draws %v and %v differ", a, b)
				}
			}
			if !reflect.DeepEqual(p, orig) {
				t.Error("making the variants changed the plan")
			}
		})
	}
}

// samePlan reports whether two plans describe the same run (their Source
// and Warnings aside).
func samePlan(a, b *Plan) bool {
	x, y := *a, *b
	x.Source, y.Source, x.Warnings, y.Warnings = nil, nil, nil, nil
	return reflect.DeepEqual(&x, &y)
}

// TestPlanWithLawErrors checks that WithLaw refuses an asymmetric radial
// law on R^d and a user noise type, and WithGaussian a bad σ, with a
// *param.Error.
func TestPlanWithLawErrors(t *testing.T) {
	asym, err := noise.NewPareto(1.5, 1, 0.7)
	if err != nil {
		t.Fatal(err)
	}
	p := handPlane(t)
	if _, err := p.WithLaw(asym); param.As(err) == nil || param.As(err).Name != "noise.Radial.Radius" {
		t.Errorf("asymmetric radial law: %v", err)
	}
	p.Noise = otherDim{p.Noise.(noise.Radial)}
	if _, err := p.WithLaw(asym); param.As(err) == nil || param.As(err).Name != "scenario.Plan.Noise" {
		t.Errorf("user noise: %v", err)
	}
	if _, err := handLine(t).WithLaw(nil); param.As(err) == nil {
		t.Errorf("nil law: %v", err)
	}
	if _, err := p.WithGaussian(0); param.As(err) == nil || param.As(err).Name != "scenario.Plan.Noise" {
		t.Errorf("default σ of a user noise: %v", err)
	}
	if _, err := handLine(t).WithGaussian(math.Inf(1)); param.As(err) == nil || param.As(err).Name != "noise.Gaussian.Scale" {
		t.Errorf("σ = +Inf: %v", err)
	}
}

// TestSource checks that a plan's Source quotes the scenario as the
// scenario itself encodes (canonical JSON, TOML), and a nil Source nothing.
func TestSource(t *testing.T) {
	s := Default()
	p, err := s.Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	j1, err1 := p.Source.MarshalJSON()
	j2, err2 := s.MarshalJSON()
	t1, err3 := p.Source.TOML()
	t2, err4 := s.TOML()
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	if string(j1) != string(j2) || string(t1) != string(t2) {
		t.Errorf("source %s / %s, want %s / %s", j1, t1, j2, t2)
	}
	s.Name = "changed" // the source keeps its own copy
	if p.Source.Name() != "paper-1d-default" || p.Source.Scenario().Name != "paper-1d-default" {
		t.Errorf("source name %q", p.Source.Name())
	}
	var none *Source
	if j, _ := none.MarshalJSON(); string(j) != "null" || none.Name() != "" || none.Scenario() != nil {
		t.Errorf("nil source: %s", j)
	}
}
