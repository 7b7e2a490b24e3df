package noise

import (
	"math"

	"github.com/htsgd/htsgd/param"
)

// checkAlpha returns an error unless α is finite and α > 1 (docs/theory.md
// §3.1: H regularly varying with index −α, α > 1, so that E Z exists).
// The error is a *param.Error naming "noise.<law>.Alpha".
func checkAlpha(law string, alpha float64) error {
	if math.IsNaN(alpha) || math.IsInf(alpha, 0) {
		return param.Errorf("noise."+law+".Alpha", "must be finite and > 1, got %v", alpha)
	}
	if alpha <= 1 {
		return param.Errorf("noise."+law+".Alpha", "must be > 1, got %v", alpha)
	}
	return nil
}

// checkScale returns an error unless the scale c is finite and c > 0. The
// error is a *param.Error naming "noise.<law>.Scale".
func checkScale(law string, scale float64) error {
	if !(scale > 0) || math.IsInf(scale, 1) {
		return param.Errorf("noise."+law+".Scale", "must be finite and > 0, got %v", scale)
	}
	return nil
}

// checkPPlus returns an error unless 0 < p_+ < 1. The error is a
// *param.Error naming "noise.<law>.PPlus".
func checkPPlus(law string, pPlus float64) error {
	if !(pPlus > 0 && pPlus < 1) {
		return param.Errorf("noise."+law+".PPlus", "must be in (0, 1), got %v", pPlus)
	}
	return nil
}
