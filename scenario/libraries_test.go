package scenario_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// plan builds a scenario file of the repository.
func plan(t *testing.T, path string) *scenario.Plan {
	t.Helper()
	s, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Build(scenario.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// system is the mc.System of plan p at its first step size.
func system(p *scenario.Plan) mc.System {
	return mc.System{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, Eta: p.Etas[0], B: p.B, Domain: p.Domain}
}

// model is the theory.Model of plan p.
func model(p *scenario.Plan) theory.Model {
	return theory.Model{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, B: p.B, Domain: p.Domain}
}

// TestFieldOfLibraries checks the table of FieldOf against the errors that
// packages mc and theory really return for the runs of a Plan: each names
// the key of the scenario file its parameter comes from.
func TestFieldOfLibraries(t *testing.T) {
	line := plan(t, "../scenarios/three-wells.toml")
	plane := plan(t, "testdata/quadratic2d.toml")
	tests := []struct {
		name string
		err  error
		eta  int // ≥ 0: FieldOfEta
		key  string
	}{
		{"mc: step size", func() error { s := system(line); s.Eta = 0; return s.Validate() }(), 1, "sgd.eta[1]"},
		{"mc: step size, no index", func() error { s := system(plane); s.Eta = math.NaN(); return s.Validate() }(), -1, "sgd.eta"},
		{"mc: b", func() error { s := system(line); s.B = -1; return s.Validate() }(), -1, "sgd.b"},
		{"mc: noise", func() error { s := system(plane); s.Noise = line.Noise; return s.Validate() }(), -1, "noise"},
		{"mc: basins", func() error { s := system(line); s.Basins = nil; return s.Validate() }(), -1, "landscape"},
		{"mc: landscape", func() error { s := system(line); s.Landscape = nil; return s.Validate() }(), -1, "landscape"},
		{"mc: domain radius", func() error {
			s := system(plane)
			s.Domain = landscapes.Ball{Radius: -1}
			return s.Validate()
		}(), -1, "landscape.domain_radius"},
		{"mc: domain interval", func() error {
			s := system(line)
			s.Domain = landscapes.Interval{Lo: 1, Hi: -1}
			return s.Validate()
		}(), -1, "landscape.domain"},
		{"mc: exit start", mc.FirstExit{System: system(line), Start: []float64{9}, MaxSteps: 10}.Validate(), -1, "sgd.start_x"},
		{"mc: exit cap", mc.FirstExit{System: system(line), Start: line.Starts[0].X, MaxSteps: 0}.Validate(), -1, "run.max_steps"},
		{"mc: trajectory steps", mc.Trajectory{System: system(line), Start: line.Starts[0].X, Steps: 0, Radius: 0.05}.Validate(), -1, "dynamics.steps"},
		{"mc: trajectory radius", mc.Trajectory{System: system(line), Start: line.Starts[0].X, Steps: 10, Radius: 5}.Validate(), -1, "dynamics.radius"},
		{"mc: trajectory snapshots", mc.Trajectory{System: system(line), Start: line.Starts[0].X, Steps: 10, Radius: 0.05, Snapshots: []int64{5, 20}}.Validate(), -1, "dynamics.times[1]"},
		{"mc: walk start", mc.Walk{System: system(plane), Start: []float64{1}, Steps: 10}.Validate(), -1, "sgd.start_x"},
		{"theory: b", func() error { m := model(line); m.B = 0; return m.Validate() }(), -1, "sgd.b"},
		{"theory: noise", func() error { m := model(line); m.Noise = nil; return m.Validate() }(), -1, "noise"},
		{"theory: basins", func() error { m := model(plane); m.Basins = nil; return m.Validate() }(), -1, "landscape"},
		{"theory: cross-check samples", func() error { _, _, err := theory.CrossCheck(context.Background(), model(line), 1, 1); return err }(), -1, "-check-samples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error")
			}
			got := scenario.FieldOf(tt.err)
			if tt.eta >= 0 {
				got = scenario.FieldOfEta(tt.err, tt.eta)
			}
			var fe *scenario.FieldError
			if !errors.As(got, &fe) || fe.Field != tt.key {
				t.Errorf("%v: FieldOf gave %v, want the key %s", tt.err, got, tt.key)
			}
		})
	}
}

// TestPlansRunInLibraries checks that the plans Build makes are accepted as
// they are by packages mc (every first-exit cell, and the trajectories when
// [dynamics] is present) and theory: the contract between the three.
func TestPlansRunInLibraries(t *testing.T) {
	files := []string{"../scenarios/paper-1d.toml", "../scenarios/three-wells.toml", "../scenarios/quadratic.toml",
		"testdata/quadratic2d.toml", "testdata/wells2d.toml", "testdata/himmelblau.toml"}
	opt := scenario.BuildOptions{Basins: landscapes.BasinMapOptions{Grid: 15, Directions: 180, CacheCells: 128}}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			s, err := scenario.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.Build(opt)
			if err != nil {
				t.Fatal(err)
			}
			for k, eta := range p.Etas {
				sys := system(p)
				sys.Eta = eta
				for _, st := range p.Starts {
					e := mc.FirstExit{System: sys, Start: st.X, MaxSteps: p.Run.MaxSteps}
					if err := e.Validate(); err != nil {
						t.Errorf("η[%d], start %v: %v", k, st.X, scenario.FieldOfEta(err, k))
					} else if e.Basin() != st.Basin {
						t.Errorf("η[%d]: mc puts the start %v in basin %d, the plan in %d", k, st.X, e.Basin(), st.Basin)
					}
					if d := p.Dynamics; d != nil {
						tr := mc.Trajectory{System: sys, Start: st.X, Steps: d.Steps, Radius: d.Radius}
						if err := tr.Validate(); err != nil {
							t.Errorf("η[%d], trajectory from %v: %v", k, st.X, scenario.FieldOfEta(err, k))
						}
					}
				}
			}
			if err := model(p).Validate(); err != nil {
				t.Errorf("theory: %v", scenario.FieldOf(err))
			}
		})
	}
}
