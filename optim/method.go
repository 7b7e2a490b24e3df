package optim

import "fmt"

// Method names an optimiser.
type Method string

// The methods. Their update rules, with η the step size, g_B the mean
// gradient over a batch B (SB of SmallBatch, LB of LargeBatch examples):
const (
	// LB: θ ← θ − η·g_LB(θ).
	LB Method = "lb"
	// SB: θ ← θ − η·g_SB(θ).
	SB Method = "sb"
	// SBClip: θ ← θ − φ_b(η·g_SB(θ)).
	SBClip Method = "sb-clip"
	// SBNoise: θ ← θ − η·g_heavy(θ) with SB* = SB: variant 2 untruncated.
	SBNoise Method = "sb-noise"
	// Ours1: θ ← θ − φ_b(η·g_heavy(θ)) with SB* drawn independently of SB.
	Ours1 Method = "ours-1"
	// Ours2: θ ← θ − φ_b(η·g_heavy(θ)) with SB* = SB.
	Ours2 Method = "ours-2"
	// SAM: θ ← θ − η·g_SB(θ + ρ·g_SB(θ)/‖g_SB(θ)‖), one batch for both
	// gradients.
	SAM Method = "sam"
)

// Methods lists every method in the order of the tables.
var Methods = []Method{LB, SB, SBClip, SBNoise, SAM, Ours1, Ours2}

// Parse returns the method named s.
func Parse(s string) (Method, error) {
	for _, m := range Methods {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown method %q (want one of lb, sb, sb-clip, sb-noise, sam, ours-1, ours-2)", s)
}

// Heavy reports whether m injects heavy-tailed noise.
func (m Method) Heavy() bool { return m == SBNoise || m == Ours1 || m == Ours2 }

// Truncated reports whether m truncates its step with φ_b.
func (m Method) Truncated() bool { return m == SBClip || m == Ours1 || m == Ours2 }

// Ours reports whether m is one of the paper's two variants.
func (m Method) Ours() bool { return m == Ours1 || m == Ours2 }
