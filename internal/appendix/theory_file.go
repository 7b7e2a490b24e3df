package appendix

import (
	"fmt"
	"io"
	"strconv"
)

// TheoryFile is theory.json: the paper's 1-D setting and everything package
// theory predicts for each truncation threshold of the first-exit series.
type TheoryFile struct {
	Landscape string    `json:"landscape"`
	Domain    []float64 `json:"domain"`
	Law       string    `json:"law"`
	Alpha     float64   `json:"alpha"`
	Scale     float64   `json:"scale"`
	PPlus     float64   `json:"p_plus"`
	Minima    []float64 `json:"minima"`
	Saddles   []float64 `json:"saddles"`
	// ExitBasin is the basin whose exit the first-exit series measure
	// (0-based).
	ExitBasin int `json:"exit_basin"`
	// Loss samples f on the domain, for the figures.
	Loss Curve `json:"loss"`
	// EtaGrid and Lambda are the η of the predicted curves and λ(η) there.
	EtaGrid []float64 `json:"eta_grid"`
	Lambda  []float64 `json:"lambda"`
	// PathsEta is the η of the trajectories and PathsLambda λ there.
	PathsEta    float64      `json:"paths_eta"`
	PathsLambda float64      `json:"paths_lambda"`
	Cases       []TheoryCase `json:"cases"`
}

// Curve is a sampled function y(x).
type Curve struct {
	X []float64 `json:"x"`
	Y []float64 `json:"y"`
}

// ClassResult is one communication class of the typical transition graph
// with its limiting chain (theory.Class; docs/theory.md §8).
type ClassResult struct {
	Members   []int       `json:"members"`
	Absorbing bool        `json:"absorbing"`
	Wide      []int       `json:"wide"`
	Narrow    []int       `json:"narrow"`
	Generator [][]float64 `json:"generator"`
	// Stationary is π on Wide (absorbing classes only).
	Stationary []float64 `json:"stationary"`
	// KillRate is κ on Wide (transient classes only).
	KillRate []float64 `json:"kill_rate"`
}

// TheoryCase is what package theory computes for one truncation threshold.
type TheoryCase struct {
	// Label is the series label ("b=0.5"); B is b, null for no truncation.
	Label string   `json:"label"`
	B     *float64 `json:"b"`
	// Radius is r_i, Jump J_i, Rates q_{i,j} (Rates[i][i] = 0), ExitRate q_i.
	Radius   []float64   `json:"radius"`
	Jump     []int       `json:"jump_number"`
	Rates    [][]float64 `json:"rates"`
	ExitRate []float64   `json:"exit_rate"`
	// Classes of the typical transition graph with their chains.
	Classes []ClassResult `json:"classes"`
	// Slope is the predicted slope −(1 + J(α − 1)) of log E τ against log η
	// for the exit basin (Pareto noise).
	Slope float64 `json:"slope"`
	// MeanExit is the predicted mean exit time 1/(q η λ(η)^J) from the exit
	// basin at the η of TheoryFile.EtaGrid.
	MeanExit []float64 `json:"mean_exit"`
	// NarrowFraction is the first-order finite-η time fraction of each basin
	// at the trajectories' η (null: not applicable).
	NarrowFraction []*float64 `json:"narrow_fraction"`
	// CheckRates and CheckStderr are the independent Monte Carlo
	// cross-check of Rates (theory.CrossCheck, CheckSamples paths per side
	// of each minimum) and its standard errors; CheckMaxZ[i] is
	// max_j |q_ij − q̂_ij|/se_ij over the cells with se > 0 (null when the
	// cross-check is exact in every cell of the row).
	CheckSamples int         `json:"check_samples"`
	CheckRates   [][]float64 `json:"check_rates"`
	CheckStderr  [][]float64 `json:"check_stderr"`
	CheckMaxZ    []*float64  `json:"check_max_z"`
	// Warnings are the theory's warnings (near-integer ratios, …).
	Warnings []string `json:"warnings"`
}

// caseByLabel returns the theory case of a series.
func (th *TheoryFile) caseByLabel(label string) (*TheoryCase, error) {
	for i := range th.Cases {
		if th.Cases[i].Label == label {
			return &th.Cases[i], nil
		}
	}
	return nil, fmt.Errorf("%s: no case %q", FileTheory, label)
}

// check reports whether a decoded theory.json has the shape the appendix
// needs: a case per threshold with one entry per minimum, and a curve per
// case on the η grid.
func (th *TheoryFile) check() error {
	n := len(th.Minima)
	if n == 0 || len(th.Saddles) != n-1 || len(th.Domain) != 2 || len(th.Cases) == 0 ||
		len(th.Lambda) != len(th.EtaGrid) || len(th.EtaGrid) < 2 || th.ExitBasin < 0 || th.ExitBasin >= n {
		return fmt.Errorf("%s: not a theory file of a 1-D landscape (%d minima, %d saddles, %d cases)", FileTheory, n, len(th.Saddles), len(th.Cases))
	}
	for _, c := range th.Cases {
		if len(c.Radius) != n || len(c.Jump) != n || len(c.Rates) != n || len(c.ExitRate) != n || len(c.MeanExit) != len(th.EtaGrid) {
			return fmt.Errorf("%s: case %s does not have one entry per minimum and per η", FileTheory, c.Label)
		}
	}
	return nil
}

// writeRatesCSV writes every rate constant q_ij of theory.json with its
// Monte Carlo cross-check: series, b, from, to, J_i, q_ij, q̂_ij
// and its standard error; minima are 0-based, as everywhere in htsgd.
func writeRatesCSV(w io.Writer, th TheoryFile) error {
	header := []string{"series", "b", "from", "to", "jump_number", "q", "check_q", "check_se"}
	return csvTable(w, header, func(emit func([]string) error) error {
		for _, c := range th.Cases {
			for i := range c.Rates {
				for j := range c.Rates[i] {
					if i == j {
						continue
					}
					rec := []string{c.Label, csvNum(c.B), strconv.Itoa(i), strconv.Itoa(j), strconv.Itoa(c.Jump[i]), fmtExact(c.Rates[i][j]), "", ""}
					if i < len(c.CheckRates) {
						rec[6], rec[7] = fmtExact(c.CheckRates[i][j]), fmtExact(c.CheckStderr[i][j])
					}
					if err := emit(rec); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
