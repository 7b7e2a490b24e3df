package noise

import (
	"fmt"
	"math"
)

// checkAlpha returns an error unless α is finite and α > 1 (THEORY.md
// section 1: H regularly varying with index −α, α > 1, so that E Z exists).
func checkAlpha(alpha float64) error {
	if math.IsNaN(alpha) || math.IsInf(alpha, 0) {
		return fmt.Errorf("alpha: must be finite and > 1, got %v", alpha)
	}
	if alpha <= 1 {
		return fmt.Errorf("alpha: must be > 1, got %v", alpha)
	}
	return nil
}

// checkScale returns an error unless the scale c is finite and c > 0.
func checkScale(scale float64) error {
	if !(scale > 0) || math.IsInf(scale, 1) {
		return fmt.Errorf("scale: must be finite and > 0, got %v", scale)
	}
	return nil
}

// checkPPlus returns an error unless 0 < p_+ < 1.
func checkPPlus(pPlus float64) error {
	if !(pPlus > 0 && pPlus < 1) {
		return fmt.Errorf("p_plus: must be in (0, 1), got %v", pPlus)
	}
	return nil
}
