package theory

import (
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// Model is the input of every computation of this package: the
// critical-point structure of a 1-D loss f, its derivative f', and the
// parameters of truncated heavy-tailed noise (THEORY.md sections 1-3).
//
// Alpha and PPlus are the tail index α and the asymmetry p_+ of the noise,
// which enter through the Lévy measure
//
//	ν_α(dw) = α|w|^{−α−1}(p_+ 1{w>0} + p_− 1{w<0}) dw,   p_− = 1 − p_+.
//
// B is the truncation threshold b of φ_b(w) = w·min(1, b/|w|); B = +Inf means
// no truncation (then every J is 1). Light-tailed noise has no α and must be
// rejected before a Model is built.
type Model struct {
	// Structure holds the minima, saddles and domain ends of f.
	Structure landscapes.Structure
	// Deriv is f'. It is called only strictly inside the basins.
	Deriv func(float64) float64
	// Alpha is the tail index α > 1.
	Alpha float64
	// PPlus is p_+ ∈ (0, 1), the weight of the positive tail of ν_α.
	PPlus float64
	// B is the truncation threshold b > 0; +Inf for no truncation.
	B float64
}

// Validate checks the model. Errors start with the offending field as named
// in scenario files: "b", "alpha", "p_plus" or "landscape".
func (m Model) Validate() error {
	if !(m.B > 0) {
		return fmt.Errorf("b: must be > 0, got %v", m.B)
	}
	if !(m.Alpha > 1) || math.IsInf(m.Alpha, 1) {
		return fmt.Errorf("alpha: must be > 1 and finite, got %v", m.Alpha)
	}
	if !(m.PPlus > 0 && m.PPlus < 1) {
		return fmt.Errorf("p_plus: must be in (0, 1), got %v", m.PPlus)
	}
	return validateStructure(m.Structure, m.Deriv)
}

// validateStructure checks m_0 < s_0 < m_1 < … < m_{n−1} strictly inside
// (Lo, Hi) (THEORY.md section 2) and that f' is given.
func validateStructure(s landscapes.Structure, deriv func(float64) float64) error {
	n := len(s.Minima)
	if n < 1 {
		return errors.New("landscape: at least one minimum is needed")
	}
	if len(s.Saddles) != n-1 {
		return fmt.Errorf("landscape: %d minima need %d saddles, got %d", n, n-1, len(s.Saddles))
	}
	if deriv == nil {
		return errors.New("landscape: derivative f' is missing")
	}
	if math.IsNaN(s.Lo) || math.IsNaN(s.Hi) || !(s.Lo < s.Hi) {
		return fmt.Errorf("landscape: domain [%v, %v] is not an interval", s.Lo, s.Hi)
	}
	prev := s.Lo
	for i, m := range s.Minima {
		if math.IsNaN(m) || math.IsInf(m, 0) || !(m > prev) {
			return fmt.Errorf("landscape: minimum %d at %v is not strictly between %v and the next critical point", i, m, prev)
		}
		prev = m
		if i < n-1 {
			sd := s.Saddles[i]
			if math.IsNaN(sd) || !(sd > prev) {
				return fmt.Errorf("landscape: saddle %d at %v is not strictly above minimum %d at %v", i, sd, i, m)
			}
			prev = sd
		}
	}
	if !(prev < s.Hi) {
		return fmt.Errorf("landscape: minimum %d at %v is not strictly inside the domain [%v, %v]", n-1, prev, s.Lo, s.Hi)
	}
	return nil
}
