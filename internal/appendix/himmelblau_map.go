package appendix

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// mapMargin widens the drawn square beyond the projection ball.
const mapMargin = 0.1

// himmelblauMap computes rd_map.json: basin labels and f on a MapGrid ×
// MapGrid grid of the square [−R − 0.1, R + 0.1]² (R the projection radius;
// −1 outside the ball), and the thinned path of replica 0 of each variant,
// replayed from its stream by an mc.Walk.
func himmelblauMap(ctx context.Context, d HimmelblauSize, plan *scenario.Plan, rep report.DynamicsReport, workers int, p *progress) (HimmelblauMapFile, error) {
	R := plan.Domain.(landscapes.Ball).Radius
	m := HimmelblauMapFile{DomainRadius: R, Grid: make([]float64, d.MapGrid), Basin: make([][]int, d.MapGrid), Loss: make([][]float64, d.MapGrid)}
	lo, hi := -R-mapMargin, R+mapMargin
	for i := range m.Grid {
		m.Grid[i] = round4(lo + (hi-lo)*float64(i)/float64(d.MapGrid-1))
	}
	x := make([]float64, 2)
	for r, y := range m.Grid {
		m.Basin[r], m.Loss[r] = make([]int, d.MapGrid), make([]float64, d.MapGrid)
		for c, xc := range m.Grid {
			x[0], x[1] = xc, y
			m.Loss[r][c] = sig4(plan.Landscape.Value(x))
			m.Basin[r][c] = landscapes.NoBasin
			if math.Hypot(xc, y) <= R {
				m.Basin[r][c] = plan.Basins.Locate(x)
			}
		}
	}

	sets := plan.Basins.MinimumSets()
	sharp := make([]bool, len(sets))
	for _, r := range rep.Runs {
		for _, s := range r.Sets {
			if s.Sharp && s.Set < len(sharp) {
				sharp[s.Set] = true
			}
		}
	}
	stride := d.Steps / int64(d.PathPoints)
	replay := func(ctx context.Context, vi int) (*replayObserver, error) {
		b, variant := plan.B, mc.VariantTruncated
		if himmelblauVariants[vi] == pipeline.VariantUntruncated {
			b, variant = math.Inf(1), mc.VariantUntruncated
		}
		// Replica 0 of the variant's stream in pipeline.RunDynamics; the
		// replay checks it is the same path (HimmelblauPath.SameAsDynamics).
		w := mc.Walk{
			System: mc.System{Landscape: plan.Landscape, Basins: plan.Basins, Noise: plan.Noise, Eta: plan.Etas[0], B: b, Domain: plan.Domain},
			Start:  plan.Starts[0].X, Steps: d.Steps,
		}
		o := newReplayObserver(plan.Basins, stride)
		if err := w.Validate(); err != nil {
			return nil, scenario.FieldOf(err)
		}
		return o, w.Run(ctx, mc.DynamicsKey(uint64(plan.Run.Seed), variant, 0).Rand(0), o)
	}
	recs, done, err := mc.Replicas(ctx, 0, len(himmelblauVariants), workers, replay, func(int, *replayObserver) { p.add(d.Steps) })
	if err != nil {
		return m, err
	}
	for vi, v := range himmelblauVariants {
		if !done[vi] {
			return m, fmt.Errorf("himmelblau: the replay of %s did not finish", v)
		}
		o := recs[vi]
		pa := HimmelblauPath{Variant: v, B: bPtr(plan.B), Stride: stride, X: o.x, Y: o.y}
		if v == pipeline.VariantUntruncated {
			pa.B = nil
		}
		for _, r := range rep.Runs {
			if r.Variant == v && len(r.SharpByReplica) > 0 {
				same := r.SharpByReplica[0] == o.sharpFraction(sharp, d.Steps)
				pa.SameAsDynamics = &same
			}
		}
		m.Paths = append(m.Paths, pa)
	}
	return m, nil
}

// replayObserver records a replayed path of the R² experiment: X_n at n =
// stride, 2·stride, … (rounded to 10^−4) and the steps in each basin,
// labelled as mc's trajectory kernel labels them (a point within Core(j) of
// set j is in Ω_j, others are Located), so that its fraction of steps in the
// sharp basins can be compared with the dynamics run's replica 0.
type replayObserver struct {
	basins landscapes.Basins
	sets   []landscapes.MinimumSet
	cores  []float64 // Core(j)²
	stride int64
	counts []int64
	x, y   []float64
}

// newReplayObserver returns an observer of a path in R² with the basins b.
func newReplayObserver(b landscapes.Basins, stride int64) *replayObserver {
	sets := b.MinimumSets()
	o := &replayObserver{basins: b, sets: sets, cores: make([]float64, len(sets)), stride: stride, counts: make([]int64, len(sets))}
	for j := range sets {
		c := b.Core(j)
		o.cores[j] = c * c
	}
	return o
}

// Observe implements mc.Observer.
func (o *replayObserver) Observe(first int64, xs []float64) error {
	for k := 0; 2*k < len(xs); k++ {
		x, n := xs[2*k:2*k+2], first+int64(k)
		lab := -1
		for j := range o.sets {
			if o.sets[j].Dist2(x) < o.cores[j] {
				lab = j
			}
		}
		if lab < 0 {
			lab = o.basins.Locate(x)
		}
		if lab >= 0 {
			o.counts[lab]++
		}
		if n%o.stride == 0 {
			o.x, o.y = append(o.x, round4(x[0])), append(o.y, round4(x[1]))
		}
	}
	return nil
}

// sharpFraction is the fraction of the steps in the basins flagged sharp,
// summed over the sets in order, as the dynamics report sums
// SharpByReplica.
func (o *replayObserver) sharpFraction(sharp []bool, steps int64) float64 {
	var f float64
	for j, c := range o.counts {
		if sharp[j] {
			f += float64(c) / float64(steps)
		}
	}
	return f
}

// round4 rounds x to 4 decimals.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// sig4 rounds x to 4 significant digits.
func sig4(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return v
}
