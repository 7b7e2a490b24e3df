package scenario

import (
	"context"

	"github.com/htsgd/htsgd/landscapes"
)

// buildLandscape sets p.Landscape, p.Basins and p.Domain from the
// [landscape] table (see Build).
func (s *Scenario) buildLandscape(ctx context.Context, p *Plan, opt landscapes.BasinMapOptions) error {
	if s.isRd() {
		return s.buildLandscapeRd(ctx, p, opt)
	}
	l := &s.Landscape
	lo, hi := l.DomainOf()
	var (
		line landscapes.Line
		err  error
	)
	switch l.Kind {
	case KindPaper1D:
		line, err = landscapes.NewPaper1D(lo, hi)
	case KindCriticalPoints:
		line, err = landscapes.NewCriticalPoints(l.ScaleOf(), l.Points, lo, hi)
	case KindQuadratic:
		line, err = landscapes.NewQuadratic(l.ScaleOf(), l.Basin[0], l.Basin[1])
	default: // unreachable after Validate
		return fieldErr("landscape.kind", "unknown kind %q", l.Kind)
	}
	if err != nil {
		return fieldIn("landscape", err)
	}
	st, err := landscapes.Discover(line)
	if err != nil {
		return fieldIn("landscape", err)
	}
	p.Landscape, p.Basins = line, st
	if l.Kind != KindQuadratic { // the quadratic well is not projected
		p.Domain = landscapes.IntervalOf(line)
	}
	return nil
}

// buildLandscapeRd sets p.Landscape, p.Basins and p.Domain for a landscape
// on R^d; building a basin map stops with ctx.Err() when ctx is cancelled.
func (s *Scenario) buildLandscapeRd(ctx context.Context, p *Plan, opt landscapes.BasinMapOptions) error {
	l := &s.Landscape
	var (
		f   landscapes.Landscape
		err error
	)
	switch l.Kind {
	case KindQuadratic:
		var q landscapes.QuadraticRd
		if l.BasinRadius != nil {
			q, err = landscapes.NewQuadraticRd(l.Hessian, *l.BasinRadius)
		} else {
			q, err = landscapes.NewQuadraticRdBox(l.Hessian, l.BasinLo, l.BasinHi)
		}
		if err != nil {
			return fieldIn("landscape", err)
		}
		p.Landscape, p.Basins = q, q // explicit basin, no projection
		return nil
	case KindGaussianWells:
		f, err = landscapes.NewGaussianWells(l.Centers, l.Depths, l.Widths, *l.Confinement)
	case KindHimmelblau:
		f, err = landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau())
	default: // unreachable after Validate
		return fieldErr("landscape.kind", "unknown kind %q on R^d", l.Kind)
	}
	if err != nil {
		return fieldIn("landscape", err)
	}
	ball := landscapes.Ball{Radius: l.DomainRadiusOf()}
	opt.Domain = ball
	bm, err := cachedBasinMap(ctx, l, f, opt)
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fieldIn("landscape", err)
	}
	p.Landscape, p.Basins, p.Domain = f, bm, ball
	return nil
}
