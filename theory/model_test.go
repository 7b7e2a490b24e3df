package theory

import (
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

func TestModelValidate(t *testing.T) {
	good := func() Model {
		return Model{
			Structure: landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2},
			Deriv:     func(x float64) float64 { return x*x*x - x },
			Alpha:     1.5, PPlus: 0.5, B: 0.7,
		}
	}
	tests := []struct {
		name   string
		edit   func(*Model)
		prefix string // "" = valid
	}{
		{"valid", func(*Model) {}, ""},
		{"untruncated", func(m *Model) { m.B = math.Inf(1) }, ""},
		{"b zero", func(m *Model) { m.B = 0 }, "b:"},
		{"b negative", func(m *Model) { m.B = -1 }, "b:"},
		{"b NaN", func(m *Model) { m.B = math.NaN() }, "b:"},
		{"alpha one", func(m *Model) { m.Alpha = 1 }, "alpha:"},
		{"alpha below one", func(m *Model) { m.Alpha = 0.9 }, "alpha:"},
		{"alpha NaN", func(m *Model) { m.Alpha = math.NaN() }, "alpha:"},
		{"alpha Inf", func(m *Model) { m.Alpha = math.Inf(1) }, "alpha:"},
		{"p_plus zero", func(m *Model) { m.PPlus = 0 }, "p_plus:"},
		{"p_plus one", func(m *Model) { m.PPlus = 1 }, "p_plus:"},
		{"no minima", func(m *Model) { m.Structure = landscapes.Structure{Lo: -1, Hi: 1} }, "landscape:"},
		{"saddle count", func(m *Model) { m.Structure.Saddles = nil }, "landscape:"},
		{"no derivative", func(m *Model) { m.Deriv = nil }, "landscape:"},
		{"unordered", func(m *Model) { m.Structure.Saddles = []float64{1.5} }, "landscape:"},
		{"minimum on the end", func(m *Model) { m.Structure.Lo = -1 }, "landscape:"},
		{"minimum beyond the end", func(m *Model) { m.Structure.Hi = 0.5 }, "landscape:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			tt.edit(&m)
			err := m.Validate()
			if tt.prefix == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.prefix) {
				t.Fatalf("error %v, want prefix %q", err, tt.prefix)
			}
			// Every entry point rejects the same model without panicking.
			if _, err := Analyse(m); err == nil {
				t.Error("Analyse accepted an invalid model")
			}
			if _, _, err := CrossCheck(m, 10, 1); err == nil {
				t.Error("CrossCheck accepted an invalid model")
			}
		})
	}
}
