package gen

import (
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
)

// The paper's R² experiment (Wang, Oh & Rhee, ICLR 2022, Appendix A.2 and
// Figure 3; THEORY.md sections 4-5): the modified Himmelblau function
// (landscapes.PaperHimmelblau) projected onto the ball ‖x‖ ≤ 4.2, noise
// Z = 0.75·W·Θ with W Pareto(1.2) and Θ uniform on the circle, η = 5·10^−4,
// start (2.9, 1.0) next to the minimizer (3, 1) of Ω_3, clipping at
// b = 2.15 against none, and a point "visits" Ω_i when it is within 0.5 of
// its set of minimizers.
const (
	rdEta         = 5e-4
	rdB           = 2.15
	rdScale       = 0.75
	rdAlpha       = 1.2
	rdDomain      = 4.2
	rdVisitRadius = 0.5
	// rdName is the scenario's name and file name under DirScenarios.
	rdName = "rd-himmelblau"
)

// rdStart is the paper's X_0.
var rdStart = []float64{2.9, 1.0}

// rdVariants are the two runs of the experiment, in the order of
// pipeline.RunDynamicsRd's variant index (which selects the random
// streams): clipped at b = 2.15, then unclipped. `verify dynamics` with
// -variants truncated,untruncated runs the same streams.
var rdVariants = []string{pipeline.VariantTruncated, pipeline.VariantUntruncated}

// rdScenario is the experiment as a scenario file: the paper's setting with
// a [dynamics] table of d's sizes (replicas, steps, visiting radius) and
// seed d.Seed. Its [run] table (one sample, cap one step) is required by
// the format but unused: the scenario is for `verify dynamics`.
func rdScenario(d RdSize) *scenario.Scenario {
	alpha, radius, b := rdAlpha, rdDomain, rdB
	return &scenario.Scenario{
		Name:      rdName,
		Landscape: scenario.Landscape{Kind: scenario.KindHimmelblau, DomainRadius: &radius},
		Noise:     scenario.Noise{Law: scenario.LawPareto, Alpha: &alpha, Scale: rdScale, Angular: scenario.AngularIsotropic},
		SGD:       scenario.SGD{B: &b, Eta: []float64{rdEta}, StartX: append(scenario.Point(nil), rdStart...)},
		Run:       scenario.Run{Samples: 1, MaxSteps: 1, Seed: int64(d.Seed)},
		Dynamics:  &scenario.Dynamics{Replicas: d.Replicas, Steps: d.Steps, Radius: rdVisitRadius},
	}
}
