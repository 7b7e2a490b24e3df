package control

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/nn"
	"github.com/htsgd/htsgd/optim"
	"github.com/htsgd/htsgd/scenario"
)

// Spec is a control scenario. docs/control.md lists every key with its
// range and default.
type Spec struct {
	Name         string   `toml:"name" json:"name"`
	Seed         uint64   `toml:"seed" json:"seed"`
	Replications int      `toml:"replications" json:"replications"`
	Methods      []string `toml:"methods" json:"methods"`

	Network NetworkSpec `toml:"network" json:"network"`
	Data    DataSpec    `toml:"data" json:"data"`
	Train   TrainSpec   `toml:"train" json:"train"`
	Noise   NoiseSpec   `toml:"noise" json:"noise"`
	SAM     SAMSpec     `toml:"sam" json:"sam"`
	Metrics MetricsSpec `toml:"metrics" json:"metrics"`
	Sweep   SweepSpec   `toml:"sweep" json:"sweep"`
}

// NetworkSpec is the network: an MLP with the Hidden widths, or a conv
// net with Filters filters of Kernel×Kernel.
type NetworkSpec struct {
	Kind    string `toml:"kind" json:"kind"`
	Hidden  []int  `toml:"hidden" json:"hidden,omitempty"`
	Filters int    `toml:"filters" json:"filters,omitempty"`
	Kernel  int    `toml:"kernel" json:"kernel,omitempty"`
}

// DataSpec is the data: Train MNIST training images per replication, of
// which Corrupt get a wrong label, Test test images (the first of the
// 10,000), images averaged over Pool×Pool blocks.
type DataSpec struct {
	Train   int `toml:"train" json:"train"`
	Corrupt int `toml:"corrupt" json:"corrupt"`
	Test    int `toml:"test" json:"test"`
	Pool    int `toml:"pool" json:"pool"`
}

// TrainSpec is the training schedule: Steps steps of size Eta with batches
// SmallBatch and LargeBatch, the last FinalSteps of them plain large-batch
// steps for the heavy-tailed methods.
type TrainSpec struct {
	Eta        float64 `toml:"eta" json:"eta"`
	SmallBatch int     `toml:"small_batch" json:"small_batch"`
	LargeBatch int     `toml:"large_batch" json:"large_batch"`
	Steps      int     `toml:"steps" json:"steps"`
	FinalSteps int     `toml:"final_steps" json:"final_steps"`
}

// NoiseSpec is the truncation threshold b and the multiplier Z = c·W,
// W Pareto(α).
type NoiseSpec struct {
	B     float64 `toml:"b" json:"b"`
	C     float64 `toml:"c" json:"c"`
	Alpha float64 `toml:"alpha" json:"alpha"`
}

// SAMSpec is SAM's radius ρ.
type SAMSpec struct {
	Rho float64 `toml:"rho" json:"rho"`
}

// MetricsSpec sets the measurements: SharpnessDraws perturbations ν ~
// N(0, SharpnessSigma²I) for the expected sharpness; at most PowerIterations
// Hessian-vector products, to a relative residual PowerTol, for the top
// eigenvalue; the window W (ExitWindow steps) and factor κ (ExitKappa) of
// the exit frequency.
type MetricsSpec struct {
	SharpnessDraws  int     `toml:"sharpness_draws" json:"sharpness_draws"`
	SharpnessSigma  float64 `toml:"sharpness_sigma" json:"sharpness_sigma"`
	PowerIterations int     `toml:"power_iterations" json:"power_iterations"`
	PowerTol        float64 `toml:"power_tol" json:"power_tol"`
	ExitWindow      int     `toml:"exit_window" json:"exit_window"`
	ExitKappa       float64 `toml:"exit_kappa" json:"exit_kappa"`
}

// SweepSpec is the sensitivity sweep: Method run at every (b, α) of B × Alpha
// for Replications replications. The sweep runs when both B and Alpha are
// non-empty (b = [] switches it off).
type SweepSpec struct {
	Method       string    `toml:"method" json:"method"`
	B            []float64 `toml:"b" json:"b"`
	Alpha        []float64 `toml:"alpha" json:"alpha"`
	Replications int       `toml:"replications" json:"replications"`
}

// DefaultSpec returns the defaults every key of a scenario file starts
// from (docs/control.md).
func DefaultSpec() Spec {
	return Spec{
		Name: "control", Seed: 1, Replications: 5,
		Methods: []string{"lb", "sb", "sb-clip", "sb-noise", "sam", "ours-1", "ours-2"},
		Network: NetworkSpec{Kind: "mlp", Hidden: []int{64}, Filters: 8, Kernel: 3},
		Data:    DataSpec{Train: 1200, Corrupt: 200, Test: 10000, Pool: 2},
		Train:   TrainSpec{Eta: 0.1, SmallBatch: 100, LargeBatch: 600, Steps: 4000, FinalSteps: 1000},
		Noise:   NoiseSpec{B: 0.5, C: 0.5, Alpha: 1.4},
		SAM:     SAMSpec{Rho: 0.05},
		Metrics: MetricsSpec{SharpnessDraws: 100, SharpnessSigma: 0.01, PowerIterations: 200, PowerTol: 0.01, ExitWindow: 20, ExitKappa: 3},
		Sweep:   SweepSpec{Method: "ours-2", B: []float64{0.1, 0.5, 2}, Alpha: []float64{1.2, 1.4, 1.8}, Replications: 3},
	}
}

// Limits of the keys (docs/control.md): large enough for any run this
// machine finishes, small enough to refuse a typo.
const (
	maxReplications = 1000
	maxSteps        = 10_000_000
	maxWidth        = 4096
)

// Validate checks every key; the error names the key at fault
// (*scenario.FieldError).
func (s *Spec) Validate() error {
	fe := func(field, format string, args ...any) error {
		return &scenario.FieldError{Field: field, Err: fmt.Errorf(format, args...)}
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case s.Name == "":
		return fe("name", "must not be empty")
	case s.Replications < 2 || s.Replications > maxReplications:
		return fe("replications", "must be in [2, %d] (a CI needs two), got %d", maxReplications, s.Replications)
	case len(s.Methods) == 0:
		return fe("methods", "must list at least one method")
	}
	seen := map[string]bool{}
	for i, m := range s.Methods {
		if _, err := optim.Parse(m); err != nil {
			return fe(fmt.Sprintf("methods[%d]", i), "%v", err)
		}
		if seen[m] {
			return fe(fmt.Sprintf("methods[%d]", i), "%q listed twice", m)
		}
		seen[m] = true
	}
	n := s.Network
	switch n.Kind {
	case "mlp":
		for i, h := range n.Hidden {
			if h < 1 || h > maxWidth {
				return fe(fmt.Sprintf("network.hidden[%d]", i), "must be in [1, %d], got %d", maxWidth, h)
			}
		}
	case "conv":
		if n.Filters < 1 || n.Filters > 256 {
			return fe("network.filters", "must be in [1, 256], got %d", n.Filters)
		}
		side := imageSide / max(1, s.Data.Pool)
		if n.Kernel < 1 || n.Kernel > side-1 || (side-n.Kernel+1)%2 != 0 {
			return fe("network.kernel", "must be in [1, %d] with side − kernel + 1 even (side %d after pooling), got %d", side-1, side, n.Kernel)
		}
	default:
		return fe("network.kind", "must be mlp or conv, got %q", n.Kind)
	}
	d := s.Data
	switch {
	case d.Pool != 1 && d.Pool != 2 && d.Pool != 4:
		return fe("data.pool", "must be 1, 2 or 4, got %d", d.Pool)
	case d.Train < 10 || d.Train > 60000:
		return fe("data.train", "must be in [10, 60000], got %d", d.Train)
	case d.Corrupt < 0 || d.Corrupt > d.Train:
		return fe("data.corrupt", "must be in [0, data.train = %d], got %d", d.Train, d.Corrupt)
	case d.Test < 1 || d.Test > 10000:
		return fe("data.test", "must be in [1, 10000], got %d", d.Test)
	}
	t := s.Train
	switch {
	case !(t.Eta > 0) || !finite(t.Eta):
		return fe("train.eta", "must be a positive number, got %v", t.Eta)
	case t.SmallBatch < 1 || t.SmallBatch > d.Train:
		return fe("train.small_batch", "must be in [1, data.train = %d], got %d", d.Train, t.SmallBatch)
	case t.LargeBatch < t.SmallBatch || t.LargeBatch > d.Train:
		return fe("train.large_batch", "must be in [train.small_batch = %d, data.train = %d], got %d", t.SmallBatch, d.Train, t.LargeBatch)
	case t.Steps < 4 || t.Steps > maxSteps:
		return fe("train.steps", "must be in [4, %d], got %d", maxSteps, t.Steps)
	case t.FinalSteps < 0 || t.FinalSteps > t.Steps/2:
		return fe("train.final_steps", "must be in [0, train.steps/2 = %d], got %d", t.Steps/2, t.FinalSteps)
	}
	if err := checkNoise(s.Noise.B, s.Noise.Alpha, "noise.b", "noise.alpha"); err != nil {
		return err
	}
	switch {
	case !(s.Noise.C > 0) || !finite(s.Noise.C):
		return fe("noise.c", "must be a positive number, got %v", s.Noise.C)
	case !(s.SAM.Rho > 0) || !finite(s.SAM.Rho):
		return fe("sam.rho", "must be a positive number, got %v", s.SAM.Rho)
	}
	m := s.Metrics
	switch {
	case m.SharpnessDraws < 1 || m.SharpnessDraws > 100000:
		return fe("metrics.sharpness_draws", "must be in [1, 100000], got %d", m.SharpnessDraws)
	case !(m.SharpnessSigma > 0) || !finite(m.SharpnessSigma):
		return fe("metrics.sharpness_sigma", "must be a positive number, got %v", m.SharpnessSigma)
	case m.PowerIterations < 1 || m.PowerIterations > 10000:
		return fe("metrics.power_iterations", "must be in [1, 10000], got %d", m.PowerIterations)
	case !(m.PowerTol > 0 && m.PowerTol < 1):
		return fe("metrics.power_tol", "must be in (0, 1), got %v", m.PowerTol)
	case m.ExitWindow < 2 || m.ExitWindow > (t.Steps-t.FinalSteps)/4:
		return fe("metrics.exit_window", "must be in [2, (train.steps − train.final_steps)/4 = %d], got %d", (t.Steps-t.FinalSteps)/4, m.ExitWindow)
	case !(m.ExitKappa > 1) || !finite(m.ExitKappa):
		return fe("metrics.exit_kappa", "must be a number > 1, got %v", m.ExitKappa)
	}
	w := s.Sweep
	if len(w.B) > 0 && len(w.Alpha) > 0 {
		mm, err := optim.Parse(w.Method)
		if err != nil {
			return fe("sweep.method", "%v", err)
		}
		if !mm.Heavy() {
			return fe("sweep.method", "must inject heavy-tailed noise (ours-1, ours-2, sb-noise), got %q", w.Method)
		}
		if len(w.B)*len(w.Alpha) > 100 {
			return fe("sweep", "at most 100 (b, alpha) points, got %d", len(w.B)*len(w.Alpha))
		}
		for i, b := range w.B {
			if err := checkNoise(b, 1.5, fmt.Sprintf("sweep.b[%d]", i), ""); err != nil {
				return err
			}
		}
		for i, a := range w.Alpha {
			if err := checkNoise(1, a, "", fmt.Sprintf("sweep.alpha[%d]", i)); err != nil {
				return err
			}
		}
		if w.Replications < 2 || w.Replications > s.Replications {
			return fe("sweep.replications", "must be in [2, replications = %d], got %d", s.Replications, w.Replications)
		}
	}
	return nil
}

// checkNoise checks a threshold b > 0 and an index α ∈ (1, 3].
func checkNoise(b, alpha float64, bKey, alphaKey string) error {
	if !(b > 0) || math.IsInf(b, 0) {
		return &scenario.FieldError{Field: bKey, Err: fmt.Errorf("must be a positive number, got %v", b)}
	}
	if !(alpha > 1 && alpha <= 3) {
		return &scenario.FieldError{Field: alphaKey, Err: fmt.Errorf("must be in (1, 3] (a finite mean, a heavy tail), got %v", alpha)}
	}
	return nil
}

// NewNet returns the network of the spec.
func (s *Spec) NewNet() (nn.Net, error) {
	side := imageSide / s.Data.Pool
	if s.Network.Kind == "conv" {
		return nn.NewConv(side, s.Network.Kernel, s.Network.Filters, 10)
	}
	sizes := append([]int{side * side}, s.Network.Hidden...)
	return nn.NewMLP(append(sizes, 10)...)
}

// config returns the optimiser setting of method m at (b, α).
func (s *Spec) config(m optim.Method, b, alpha float64) optim.Config {
	return optim.Config{Method: m, Eta: s.Train.Eta, SmallBatch: s.Train.SmallBatch, LargeBatch: s.Train.LargeBatch,
		B: b, C: s.Noise.C, Alpha: alpha, Rho: s.SAM.Rho}
}

// describeNet returns "mlp 196-64-10" or "conv 14×14, 8 filters 3×3, 2×2 max pool, dense 10".
func (s *Spec) describeNet() string {
	side := imageSide / max(1, s.Data.Pool)
	if s.Network.Kind == "conv" {
		return fmt.Sprintf("conv %d×%d, %d filters %d×%d, ReLU, 2×2 max pool, dense 10", side, side, s.Network.Filters, s.Network.Kernel, s.Network.Kernel)
	}
	str := fmt.Sprintf("mlp %d", side*side)
	for _, h := range s.Network.Hidden {
		str += fmt.Sprintf("-%d", h)
	}
	return str + "-10"
}
