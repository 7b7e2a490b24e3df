package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// Analyse returns the theory's analysis of a plan (theory.Analyse of its
// landscape, basins, noise, b and projection with the options opt; see
// TheoryOptions) and the analysis' warnings as notes, or nil and a note
// saying why when the theory does not apply (light-tailed noise has no tail
// index: docs/theory.md §3.2). A parameter the theory rejects is returned
// through scenario.FieldOf, as a *scenario.FieldError naming its key when
// a scenario key sets it. Cancelling ctx stops the analysis (ctx.Err()).
func Analyse(ctx context.Context, p *scenario.Plan, opt theory.Options) (*theory.Analysis, []string, error) {
	a, err := theory.Analyse(ctx, model(p), opt)
	switch {
	case errors.Is(err, theory.ErrNotApplicable):
		return nil, []string{notApplicable(p) + ": predictions are not applicable"}, nil
	case err != nil:
		err = scenario.FieldOf(err)
		var fe *scenario.FieldError
		if errors.As(err, &fe) || ctx.Err() != nil {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("theory: %w", err)
	}
	return a, a.Warnings, nil
}

// model returns the theory's model of a plan.
func model(p *scenario.Plan) theory.Model {
	return theory.Model{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, B: p.B, Domain: p.Domain}
}

// notApplicable says why the heavy-tail theory does not apply to p's noise.
func notApplicable(p *scenario.Plan) string {
	return fmt.Sprintf("noise.law: the heavy-tail theory does not apply to %s noise", lawName(p.Noise))
}

// lawOf returns the one-dimensional law behind a noise vector: the law of
// a noise.Scalar, the radial law ‖Z‖ = |Z₁| of a noise.Radial; nil for a
// vector of another type.
func lawOf(z noise.Vector) noise.Law {
	switch v := z.(type) {
	case noise.Scalar:
		return v.Law
	case noise.Radial:
		return v.Radius()
	}
	return nil
}

// lawName names the law of a noise vector: that of its one-dimensional law
// ("pareto", "gaussian", …), or the vector's own name.
func lawName(z noise.Vector) string {
	if l := lawOf(z); l != nil {
		return l.Name()
	}
	return z.Name()
}

// noiseScale returns the scale c of a noise vector's one-dimensional law
// (σ for Gaussian noise), or NaN when it has none.
func noiseScale(z noise.Vector) float64 {
	type scaled interface{ Scale() float64 }
	if s, ok := lawOf(z).(scaled); ok {
		return s.Scale()
	}
	return math.NaN()
}
