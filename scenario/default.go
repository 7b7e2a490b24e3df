package scenario

// Default returns the built-in scenario (a fresh copy each call), the one in
// scenarios/paper-1d.toml: the paper's function on [−1.6, 1.6] (docs/theory.md
// §4.2) with Pareto noise α = 1.2, c = 0.1, p_+ = ½ (the reference case
// of docs/theory.md §10.1), b = 0.5, η ∈ {0.002, 0.001}, every minimum
// as a start, 400 samples, at most 10^8 steps each, seed 1, and a trajectory
// experiment of 10 replicas × 10^7 steps, radius 0.05, times (0.5, 1, 2).
//
// Both step sizes keep η·f″(m) ≤ 0.002·446.3 ≈ 0.89 < 1 at every minimum
// (docs/theory.md §2.3), so the default builds without a stability warning;
// the predicted mean exit times are 5·10^3 to 1.4·10^6 steps, so `verify
// exit` on it takes about a minute on 2 cores.
func Default() *Scenario {
	alpha, pPlus, b := 1.2, 0.5, 0.5
	return &Scenario{
		Name: "paper-1d-default",
		Landscape: Landscape{
			Kind:   KindPaper1D,
			Domain: []float64{-1.6, 1.6},
		},
		Noise: Noise{
			Law:   LawPareto,
			Alpha: &alpha,
			Scale: 0.1,
			PPlus: &pPlus,
		},
		SGD: SGD{
			B:   &b,
			Eta: []float64{0.002, 0.001},
		},
		Run: Run{
			Samples:  400,
			MaxSteps: 100_000_000,
			Seed:     1,
		},
		Dynamics: &Dynamics{
			Replicas: 10,
			Steps:    10_000_000,
			Radius:   0.05,
			Times:    []float64{0.5, 1, 2},
		},
	}
}
