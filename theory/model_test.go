package theory

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

func TestModelValidate(t *testing.T) {
	good := func() Model {
		s := landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2}
		return structureModel(t, s, func(x float64) float64 { return x*x*x - x }, 1.5, 0.5, 0.7)
	}
	q, err := landscapes.NewQuadraticRd([][]float64{{1, 0}, {0, 2}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	g, err := noise.NewGaussian(1)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(*Model)
		param string // the *param.Error's Name; "" = valid
		na    bool   // an error wrapping ErrNotApplicable
	}{
		{"valid", func(*Model) {}, "", false},
		{"untruncated", func(m *Model) { m.B = math.Inf(1) }, "", false},
		{"b zero", func(m *Model) { m.B = 0 }, "theory.Model.B", false},
		{"b negative", func(m *Model) { m.B = -1 }, "theory.Model.B", false},
		{"b NaN", func(m *Model) { m.B = math.NaN() }, "theory.Model.B", false},
		{"no landscape", func(m *Model) { m.Landscape = nil }, "theory.Model.Landscape", false},
		{"no basins", func(m *Model) { m.Basins = nil }, "theory.Model.Basins", false},
		{"no noise", func(m *Model) { m.Noise = nil }, "theory.Model.Noise", false},
		{"empty law", func(m *Model) { m.Noise = noise.Scalar{} }, "theory.Model.Noise", false},
		{"empty radial law", func(m *Model) { m.Noise = noise.Radial{} }, "theory.Model.Noise", false},
		{"gaussian", func(m *Model) { m.Noise = noise.Scalar{Law: g} }, "", true},
		{"radial noise on the line", func(m *Model) { m.Noise = radialPareto(t, 1, 1.5, nil) }, "theory.Model.Domain", false},
		{"dimension", func(m *Model) { m.Noise = radialPareto(t, 2, 1.5, nil) }, "theory.Model.Noise", false},
		{"no minima", func(m *Model) { m.Basins = landscapes.Structure{Lo: -1, Hi: 1} }, "theory.Model.Basins", false},
		{"saddle count", func(m *Model) {
			m.Basins = landscapes.Structure{Minima: []float64{-1, 1}, Lo: -2, Hi: 2}
		}, "theory.Model.Basins", false},
		{"unordered", func(m *Model) {
			m.Basins = landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{1.5}, Lo: -2, Hi: 2}
		}, "theory.Model.Basins", false},
		{"minimum on the end", func(m *Model) {
			m.Basins = landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -1, Hi: 2}
		}, "theory.Model.Basins", false},
		{"minimum beyond the end", func(m *Model) {
			m.Basins = landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 0.5}
		}, "theory.Model.Basins", false},
		{"no projection at a closed end", func(m *Model) { m.Domain = nil }, "theory.Model.Domain", false},
		{"projection off the closed end", func(m *Model) { m.Domain = landscapes.Interval{Lo: -2, Hi: 3} }, "theory.Model.Domain", false},
		{"ball on the line", func(m *Model) { m.Domain = landscapes.Ball{Radius: 2} }, "theory.Model.Domain", false},
		{"open end clamped inside", func(m *Model) {
			m.Basins = landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2, OpenHi: true}
			m.Domain = landscapes.Interval{Lo: -2, Hi: 1.5}
		}, "theory.Model.Domain", false},
		{"open end, projection beyond", func(m *Model) {
			m.Basins = landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2, OpenHi: true}
			m.Domain = landscapes.Interval{Lo: -2, Hi: math.Inf(1)}
		}, "", false},
		{"monte carlo: valid", func(m *Model) {
			*m = Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: 0.7}
		}, "", false},
		{"monte carlo: scalar noise", func(m *Model) {
			*m = Model{Landscape: q, Basins: q, Noise: pareto(t, 1.5, 1, 0.5), B: 0.7}
		}, "theory.Model.Noise", false},
		{"monte carlo: interval", func(m *Model) {
			*m = Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: 0.7, Domain: landscapes.Interval{Lo: -1, Hi: 1}}
		}, "theory.Model.Domain", false},
		{"monte carlo: zero ball", func(m *Model) {
			*m = Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: 0.7, Domain: landscapes.Ball{}}
		}, "landscapes.Ball.Radius", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			tt.edit(&m)
			err := m.Validate()
			if tt.param == "" && !tt.na {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if tt.na {
				if !errors.Is(err, ErrNotApplicable) || param.As(err) != nil {
					t.Fatalf("error %v, want ErrNotApplicable", err)
				}
			} else if pe := param.As(err); pe == nil || pe.Name != tt.param {
				t.Fatalf("error %v, want a *param.Error naming %s", err, tt.param)
			}
			// Every entry point rejects the same model without panicking.
			if _, err := Analyse(context.Background(), m, Options{}); err == nil {
				t.Error("Analyse accepted an invalid model")
			}
			if _, _, err := CrossCheck(context.Background(), m, 10, 1); err == nil {
				t.Error("CrossCheck accepted an invalid model")
			}
		})
	}
}

func TestOptions(t *testing.T) {
	for _, level := range []float64{1, 1.5, math.NaN()} {
		if _, err := Analyse(context.Background(), paperModel(t, 0.5), Options{Level: level}); param.As(err) == nil || param.As(err).Name != "theory.Options.Level" {
			t.Errorf("level %v: error %v", level, err)
		}
	}
	o, err := Options{}.withDefaults(2)
	if err != nil || o.Samples != DefaultSamples || o.Directions != 720 || o.Level != 0.95 || o.Resamples != defaultResamples {
		t.Errorf("defaults in 2-D: %+v, %v", o, err)
	}
	if o, _ := (Options{Resamples: -1}).withDefaults(3); o.Directions != 2000 || o.Resamples != -1 {
		t.Errorf("defaults in 3-D: %+v", o)
	}
}
