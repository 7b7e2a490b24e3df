package theory

import (
	"encoding/json"
	"math"
)

// MarshalJSON encodes the analysis, the command line's contract: 0-based
// indices, rates[i][i] = 0, generator and stationary in the order of wide,
// classes always present, empty lists as [] (never null), and a non-finite
// radius as null. An exact analysis has the keys
//
//	minima saddles jump_number rates exit_rate [exit_below exit_above]
//	wide classes generator stationary warnings radius
//
// (minima as numbers; exit_below and exit_above only when the Structure has
// an open end). A Monte Carlo analysis has
//
//	dimension minimum_kind jump_number contracting jump_searched rates
//	rates_stderr exit_rate exit_rate_stderr exit_outside landing wide
//	classes generator stationary samples contributing_paths
//	bootstrap_resamples warnings minima radius
//
// (minima as points, a segment of minimizers as its two end points
// [[x…], [x…]] with minimum_kind "segment").
func (a *Analysis) MarshalJSON() ([]byte, error) {
	radius := make([]*float64, len(a.Radius))
	for i := range a.Radius {
		if !math.IsInf(a.Radius[i], 0) && !math.IsNaN(a.Radius[i]) {
			radius[i] = &a.Radius[i]
		}
	}
	if a.Exact {
		return json.Marshal(exactJSON{
			Minima: a.minima(), Saddles: a.Saddles, JumpNumber: a.JumpNumber,
			Rates: a.Rates, ExitRate: a.ExitRate, ExitBelow: a.ExitBelow, ExitAbove: a.ExitAbove,
			Wide: a.Wide, Classes: a.Classes, Generator: a.Generator, Stationary: a.Stationary,
			Warnings: a.Warnings, Radius: radius,
		})
	}
	minima := make([]any, len(a.Sets))
	for i, s := range a.Sets {
		if s.IsPoint() {
			minima[i] = s.A
		} else {
			minima[i] = [][]float64{s.A, s.B}
		}
	}
	return json.Marshal(monteCarloJSON{
		Dimension: a.Dimension, MinimumKind: a.MinimumKind, JumpNumber: a.JumpNumber,
		Contracting: a.Contracting, Searched: a.Searched, Rates: a.Rates, RatesErr: a.RatesErr,
		ExitRate: a.ExitRate, ExitRateErr: a.ExitRateErr, ExitOutside: a.ExitOutside, Landing: a.Landing,
		Wide: a.Wide, Classes: a.Classes, Generator: a.Generator, Stationary: a.Stationary,
		Samples: a.Samples, ContributingPaths: a.ContributingPaths, Resamples: a.Resamples,
		Warnings: a.Warnings, Minima: minima, Radius: radius,
	})
}

// exactJSON is the layout of an exact analysis.
type exactJSON struct {
	Minima     []float64   `json:"minima"`
	Saddles    []float64   `json:"saddles"`
	JumpNumber []int       `json:"jump_number"`
	Rates      [][]float64 `json:"rates"`
	ExitRate   []float64   `json:"exit_rate"`
	ExitBelow  []float64   `json:"exit_below,omitempty"`
	ExitAbove  []float64   `json:"exit_above,omitempty"`
	Wide       []int       `json:"wide"`
	Classes    []Class     `json:"classes"`
	Generator  [][]float64 `json:"generator"`
	Stationary []float64   `json:"stationary"`
	Warnings   []string    `json:"warnings"`
	Radius     []*float64  `json:"radius"`
}

// monteCarloJSON is the layout of a Monte Carlo analysis.
type monteCarloJSON struct {
	Dimension         int         `json:"dimension"`
	MinimumKind       []string    `json:"minimum_kind"`
	JumpNumber        []int       `json:"jump_number"`
	Contracting       []bool      `json:"contracting"`
	Searched          []bool      `json:"jump_searched"`
	Rates             [][]float64 `json:"rates"`
	RatesErr          [][]float64 `json:"rates_stderr"`
	ExitRate          []float64   `json:"exit_rate"`
	ExitRateErr       []float64   `json:"exit_rate_stderr"`
	ExitOutside       []float64   `json:"exit_outside"`
	Landing           [][]float64 `json:"landing"`
	Wide              []int       `json:"wide"`
	Classes           []Class     `json:"classes"`
	Generator         [][]float64 `json:"generator"`
	Stationary        []float64   `json:"stationary"`
	Samples           int         `json:"samples"`
	ContributingPaths []int       `json:"contributing_paths"`
	Resamples         int         `json:"bootstrap_resamples"`
	Warnings          []string    `json:"warnings"`
	Minima            []any       `json:"minima"`
	Radius            []*float64  `json:"radius"`
}
