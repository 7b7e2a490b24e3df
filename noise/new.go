package noise

import "github.com/htsgd/htsgd/param"

// Law names, as Law.Name returns them and New accepts them.
const (
	NamePareto   = "pareto"
	NameLomax    = "lomax"
	NameStudentT = "student-t"
	NameStable   = "stable"
	NameGaussian = "gaussian"
)

// Names returns the law names New accepts, in a fixed order.
func Names() []string {
	return []string{NamePareto, NameLomax, NameStudentT, NameStable, NameGaussian}
}

// New builds the law named law (one of Names) with the parameters of
// docs/theory.md §3.2:
//
//   - pareto, lomax: tail index alpha > 1, scale c > 0 and p_+ in (0, 1);
//     when pPlusGiven is false, pPlus is ignored and p_+ = ½.
//   - student-t: ν = alpha > 1 and scale c; stable: 1 < alpha < 2 and
//     scale c. Both are symmetric: pPlusGiven must be false.
//   - gaussian: standard deviation scale; alpha is ignored (pass NaN when
//     there is none) and pPlusGiven must be false.
//
// The returned Law is the value type (Pareto, Lomax, StudentT, Stable or
// Gaussian), so a type switch recovers the concrete sampler for hot loops.
// Errors are *param.Error: "noise.Law.Name" for an unknown name,
// "noise.<Type>.PPlus" for p_+ given to a symmetric law (Type StudentT,
// Stable or Gaussian), and otherwise the constructor's (noise.Pareto.Alpha,
// noise.Lomax.Scale, …).
func New(law string, alpha, scale, pPlus float64, pPlusGiven bool) (Law, error) {
	switch law {
	case NamePareto, NameLomax:
	case NameStudentT, NameStable, NameGaussian:
		if pPlusGiven {
			return nil, param.Errorf("noise."+typeName(law)+".PPlus", "not used by the symmetric law %q (p_+ = ½); it applies to pareto and lomax only", law)
		}
	default:
		return nil, param.Errorf("noise.Law.Name", "unknown noise law %q (want one of pareto, lomax, student-t, stable, gaussian)", law)
	}
	if !pPlusGiven {
		pPlus = 0.5
	}
	var (
		l   Law
		err error
	)
	switch law {
	case NamePareto:
		l, err = NewPareto(alpha, scale, pPlus)
	case NameLomax:
		l, err = NewLomax(alpha, scale, pPlus)
	case NameStudentT:
		l, err = NewStudentT(alpha, scale)
	case NameStable:
		l, err = NewStable(alpha, scale)
	default:
		l, err = NewGaussian(scale)
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// typeName returns the Go type of the law named law ("student-t" →
// "StudentT"), for the names of parameter errors.
func typeName(law string) string {
	switch law {
	case NamePareto:
		return "Pareto"
	case NameLomax:
		return "Lomax"
	case NameStudentT:
		return "StudentT"
	case NameStable:
		return "Stable"
	case NameGaussian:
		return "Gaussian"
	}
	return "Law"
}
